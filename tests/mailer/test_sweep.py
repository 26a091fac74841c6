"""The periodic sweep: due rows are dispatched once, rows lost with their worker are sent again."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from mailer import services, tasks
from mailer.models import OutgoingEmail

from .conftest import make_email

Status = OutgoingEmail.Status


@pytest.fixture(autouse=True)
def short_lease(settings):
    settings.MAILER_INFLIGHT_LEASE_SECONDS = 300


def ago(seconds):
    return timezone.now() - dt.timedelta(seconds=seconds)


def test_it_dispatches_a_due_row_once(db):
    due = make_email(next_attempt_at=ago(1))
    assert services.email_dispatch_due() == [due.pk]
    assert services.email_dispatch_due() == []  # the next sweep leaves it to the task just dispatched
    due.refresh_from_db()
    assert due.next_attempt_at > timezone.now()


def test_it_leaves_rows_that_are_not_due(db):
    make_email(next_attempt_at=timezone.now() + dt.timedelta(seconds=60))
    make_email(status=Status.SENT)
    make_email(status=Status.FAILED)
    make_email(status=Status.INFLIGHT, claimed_at=ago(299))
    assert services.email_dispatch_due() == []


def test_it_requeues_a_row_lost_with_its_worker(db):
    lost = make_email(status=Status.INFLIGHT, attempts=1, claimed_at=ago(301))
    assert services.email_dispatch_due() == [lost.pk]
    lost.refresh_from_db()
    assert lost.status == Status.QUEUED
    assert lost.last_error == services.WORKER_LOST_ERROR


def test_a_row_lost_too_often_fails(db):
    lost = make_email(status=Status.INFLIGHT, attempts=services.MAX_ATTEMPTS, claimed_at=ago(301))
    assert services.email_dispatch_due() == []
    lost.refresh_from_db()
    assert lost.status == Status.FAILED


def test_a_freshly_queued_row_is_left_to_its_own_task(db, email_templates, monkeypatch):
    from .conftest import queue_args

    monkeypatch.setattr(services, "_dispatch", lambda email_id: None)  # its task is still in the queue
    services.email_queue(**queue_args())
    assert services.email_dispatch_due() == []


def test_the_sweep_task_sends_what_is_due(db):
    lost = make_email(status=Status.INFLIGHT, attempts=1, claimed_at=ago(301))
    waiting = make_email(next_attempt_at=ago(5), attempts=1, last_error="SMTPServerDisconnected")
    assert tasks.email_dispatch_due_task() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lost.recipient, waiting.recipient])
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {Status.SENT}
