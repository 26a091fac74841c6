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


def test_while_the_broker_holds_tasks_rows_never_tried_are_left_to_them(db, region_a, region_b):
    """A bulk queue longer than a lease: its rows are due, but their tasks still wait in the broker."""
    from mailer.models import MailSettings

    MailSettings.objects.create(region=region_a, daily_limit=0)  # unlimited; region_b keeps the default limit
    waiting = [make_email(None, next_attempt_at=ago(5)), make_email(region_a, next_attempt_at=ago(5))]
    retry = make_email(None, next_attempt_at=ago(5), attempts=1, last_error="SMTPServerDisconnected")
    lost = make_email(region_a, status=Status.INFLIGHT, attempts=1, claimed_at=ago(301))
    limited = make_email(region_b, next_attempt_at=ago(5))  # its slot came: not in any task
    assert sorted(services.email_dispatch_due(backlog=12)) == sorted([retry.pk, lost.pk, limited.pk])
    # The broker is empty and they are still due: their tasks were lost.
    assert sorted(services.email_dispatch_due(backlog=0)) == sorted(r.pk for r in waiting)


def test_the_sweep_task_reads_no_backlog_without_a_broker(db):
    assert tasks.broker_backlog() == 0  # eager mode
