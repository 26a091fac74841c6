"""services.email_send_batch: a chunk of rows over one SMTP connection, each row claimed just before it goes."""

import socket
import threading

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend

from mailer import sending, services, tasks
from mailer.models import OutgoingEmail

from .conftest import make_email

Status = OutgoingEmail.Status


class SMTPRecorder:
    """aiosmtpd handler keeping (client port, recipient) of every accepted message: one port, one connection."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            self.messages += [(session.peer[1], rcpt) for rcpt in envelope.rcpt_tos]
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_backend(settings):
    """A real SMTP server on loopback, and the portal sending to it."""
    from aiosmtpd.controller import Controller

    controller = Controller(SMTPRecorder(), hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield controller.handler
    controller.stop()


def test_a_batch_sends_its_rows_over_one_connection(db, smtp_backend):
    rows = [make_email(recipient=f"asn{n}@example.go.id") for n in range(6)]
    assert services.email_send_batch(email_ids=[r.pk for r in rows]) == {"skipped": 0, "sent": 6}
    assert sorted(rcpt for _port, rcpt in smtp_backend.messages) == sorted(r.recipient for r in rows)
    assert len({port for port, _rcpt in smtp_backend.messages}) == 1
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {Status.SENT}


def test_a_batch_run_twice_sends_nothing_twice(db, smtp_backend):
    rows = [make_email() for _ in range(4)]
    ids = [r.pk for r in rows]
    services.email_send_batch(email_ids=ids)
    assert services.email_send_batch(email_ids=ids) == {"skipped": 4}
    assert tasks.email_send_batch_task(ids) == {"skipped": 4}
    assert len(smtp_backend.messages) == 4


def test_each_row_is_claimed_just_before_it_is_sent(db, monkeypatch):
    """One lease per row: a batch that claimed all its rows at once would let the sweep take back rows it
    has not reached yet (their lease ticking while earlier ones were sent) and send them twice."""
    rows = [make_email() for _ in range(3)]
    seen = []

    class Watching(MemoryBackend):
        def send_messages(self, messages):
            seen.append(dict(OutgoingEmail.objects.values_list("recipient", "status")))
            return super().send_messages(messages)

    monkeypatch.setattr(sending, "get_connection", Watching)
    services.email_send_batch(email_ids=[r.pk for r in rows])
    first, second, third = (r.recipient for r in rows)
    assert [snapshot[third] for snapshot in seen] == [Status.QUEUED, Status.QUEUED, Status.INFLIGHT]
    assert seen[1][first] == Status.SENT


def test_a_row_sent_or_claimed_meanwhile_is_skipped(db, settings):
    settings.MAILER_INFLIGHT_LEASE_SECONDS = 300
    done = make_email(status=Status.SENT)
    busy = make_email(status=Status.INFLIGHT, attempts=1, claimed_at=make_email().created_at)
    fresh = OutgoingEmail.objects.filter(status=Status.QUEUED).get()
    assert services.email_send_batch(email_ids=[done.pk, busy.pk, fresh.pk]) == {"skipped": 2, "sent": 1}
    assert [m.to[0] for m in mail.outbox] == [fresh.recipient]


def test_with_the_server_down_the_batch_leaves_the_rest_to_the_sweep(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    rows = [make_email() for _ in range(10)]
    outcome = services.email_send_batch(email_ids=[r.pk for r in rows])
    assert outcome == {"skipped": 0, "left": 10}
    # No attempt spent: the sweep sends them once the lease is over (and the server is back).
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(Status.QUEUED, 0)}


def test_after_failures_in_a_row_the_batch_stops(db, monkeypatch):
    class Refusing(MemoryBackend):
        def send_messages(self, messages):
            raise ConnectionResetError("connection reset by peer")

    monkeypatch.setattr(sending, "get_connection", Refusing)
    rows = [make_email() for _ in range(10)]
    outcome = services.email_send_batch(email_ids=[r.pk for r in rows])
    assert outcome == {"skipped": 0, "retry": 3, "left": 7}
    assert OutgoingEmail.objects.filter(attempts=0).count() == 7


def test_the_sweep_dispatches_batches(db, monkeypatch):
    batches = []
    monkeypatch.setattr(tasks.email_send_batch_task, "delay", batches.append)
    monkeypatch.setattr(sending, "SWEEP_BATCH_SIZE", 4)
    monkeypatch.setattr(tasks, "SWEEP_BATCH_SIZE", 4)
    for _ in range(10):
        make_email(next_attempt_at=None)
    assert tasks.email_dispatch_due_task() == 10
    assert [len(ids) for ids in batches] == [4, 4, 2]


def test_the_file_backend_still_writes_one_file_per_message(db, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    rows = [make_email() for _ in range(3)]
    services.email_send_batch(email_ids=[r.pk for r in rows])
    assert len(list(tmp_path.iterdir())) == 3


def test_a_batch_takes_one_statement_per_message(db, django_assert_num_queries):
    """PostgreSQL: each claim also records the row sent before it (one commit per message); then the last."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the one-statement claim is PostgreSQL's")
    rows = [make_email() for _ in range(5)]
    with django_assert_num_queries(5 + 3):  # + the batch's read, its lease bump, the last row's SENT
        assert services.email_send_batch(email_ids=[r.pk for r in rows]) == {"skipped": 0, "sent": 5}
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}
    assert len(mail.outbox) == 5
