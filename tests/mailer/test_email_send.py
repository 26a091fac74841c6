"""Claiming and sending one row: skips, lease takeover, backoff, final failure, eager mode."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from mailer import sending, services, tasks
from mailer.models import OutgoingEmail

from .conftest import make_email, queue_args

Status = OutgoingEmail.Status


class BrokenBackend(BaseEmailBackend):
    calls = 0
    error: Exception = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def send_messages(self, email_messages):
        type(self).calls += 1
        raise type(self).error


@pytest.fixture
def broken_smtp(monkeypatch):
    BrokenBackend.calls = 0
    BrokenBackend.error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    monkeypatch.setattr(sending, "get_connection", lambda: BrokenBackend())
    return BrokenBackend


def test_it_sends_a_queued_row_once(db):
    email = make_email(recipient="asn@example.go.id", body_html="<p>Halo</p>")
    assert services.email_send(email_id=email.pk).status == "sent"
    assert services.email_send(email_id=email.pk).status == "skipped"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["asn@example.go.id"]
    assert message.extra_headers["X-Netralitas-Outbox-Id"] == str(email.pk)
    assert message.extra_headers["Message-ID"].startswith(f"<outbox-{email.pk}.")
    assert message.alternatives[0][1] == "text/html"
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 1)
    assert email.sent_at is not None


@pytest.mark.parametrize("status", [Status.SENT, Status.FAILED])
def test_it_skips_a_final_row(db, status):
    email = make_email(status=status)
    assert services.email_send(email_id=email.pk).status == "skipped"
    assert mail.outbox == []


def test_it_skips_a_row_in_flight_within_its_lease(db, settings):
    settings.MAILER_INFLIGHT_LEASE_SECONDS = 300
    email = make_email(status=Status.INFLIGHT, attempts=1, claimed_at=timezone.now() - dt.timedelta(seconds=299))
    assert services.email_send(email_id=email.pk).status == "skipped"
    assert mail.outbox == []
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.INFLIGHT, 1)


def test_it_reclaims_a_row_in_flight_past_its_lease(db, settings):
    settings.MAILER_INFLIGHT_LEASE_SECONDS = 300
    email = make_email(status=Status.INFLIGHT, attempts=1, claimed_at=timezone.now() - dt.timedelta(seconds=301))
    assert services.email_send(email_id=email.pk).status == "sent"
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 2)


def test_a_row_lost_with_its_worker_too_often_fails(db, settings):
    settings.MAILER_INFLIGHT_LEASE_SECONDS = 300
    stale = timezone.now() - dt.timedelta(seconds=301)
    email = make_email(status=Status.INFLIGHT, attempts=services.MAX_ATTEMPTS, claimed_at=stale)
    assert services.email_send(email_id=email.pk).status == "skipped"
    assert mail.outbox == []
    email.refresh_from_db()
    assert email.status == Status.FAILED
    assert email.last_error == services.WORKER_LOST_ERROR


def test_a_failure_requeues_the_row_with_a_backoff(db, broken_smtp):
    email = make_email()
    before = timezone.now()
    outcome = services.email_send(email_id=email.pk)
    assert outcome == services.SendOutcome("retry", services.BACKOFF_SECONDS[0])
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.QUEUED, 1)
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in email.last_error
    assert email.next_attempt_at >= before + dt.timedelta(seconds=services.BACKOFF_SECONDS[0])


def test_the_backoff_grows_with_each_attempt(db, broken_smtp):
    email = make_email(attempts=3)
    assert services.email_send(email_id=email.pk).retry_in == services.BACKOFF_SECONDS[3]


def test_the_last_attempt_marks_the_row_failed(db, broken_smtp):
    email = make_email(attempts=services.MAX_ATTEMPTS - 1)
    assert services.email_send(email_id=email.pk).status == "failed"
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == (Status.FAILED, services.MAX_ATTEMPTS, None)
    assert email.last_error


def test_a_permanent_refusal_fails_at_once(db, broken_smtp):
    broken_smtp.error = smtplib.SMTPRecipientsRefused({"asn@example.go.id": (550, b"No such user")})
    email = make_email()
    assert services.email_send(email_id=email.pk).status == "failed"
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.FAILED, 1)
    assert "No such user" in email.last_error


def test_a_failure_after_a_takeover_does_not_touch_the_row(db, broken_smtp):
    email = make_email()
    claimed = services.email_claim(email_id=email.pk)
    # Our lease ran out, another worker took the row over and sent it.
    OutgoingEmail.objects.filter(pk=email.pk).update(status=Status.SENT, claimed_at=timezone.now())
    assert sending._record_failure(claimed, RuntimeError("late")).status == "skipped"
    email.refresh_from_db()
    assert email.status == Status.SENT


def test_in_eager_mode_a_failure_waits_for_the_sweep(db, broken_smtp):
    email = make_email()
    assert tasks.email_send_task.delay(email.pk).get() == "retry"
    assert broken_smtp.calls == 1  # no immediate eager retries
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.QUEUED, 1)
    assert email.next_attempt_at > timezone.now()


def test_a_queued_message_is_sent_through_the_task(db, email_templates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = services.email_queue(**queue_args())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == email.subject
    email.refresh_from_db()
    assert email.status == Status.SENT


def test_sending_a_row_takes_two_statements(db, django_assert_num_queries):
    """PostgreSQL: the claim is one statement, marking it SENT another (each a round trip and a commit)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the one-statement claim is PostgreSQL's")
    email = make_email()
    with django_assert_num_queries(2):
        assert services.email_send(email_id=email.pk).status == "sent"
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 1)


def test_the_claim_of_a_limited_region_takes_the_general_path(db, region_a):
    from mailer.models import MailSettings

    MailSettings.objects.create(region=region_a, daily_limit=1)
    first, second = make_email(region_a), make_email(region_a)
    assert services.email_send(email_id=first.pk).status == "sent"
    assert services.email_send(email_id=second.pk).status == "deferred"
