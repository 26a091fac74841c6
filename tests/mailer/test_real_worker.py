"""The outbox end to end: real Celery workers on Redis, a real SMTP server on loopback.

Every message must arrive exactly once — with each task queued twice and two workers racing for
them (single messages, and a bulk queue's batch tasks), and with a worker SIGKILLed in the middle of
a message (before the server accepted it).
PostgreSQL only: the worker subprocesses share the test database and rely on its row locks.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from mailer import services, tasks
from mailer.models import OutgoingEmail
from tests.conftest import require

from .conftest import queue_args

pytestmark = pytest.mark.service

REDIS_URL = os.environ.get("MAILER_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
LEASE_SECONDS = 3
DEADLINE_SECONDS = 60
SEND_TASK = "mailer.tasks.email_send_task"
BATCH_TASK = "mailer.tasks.email_send_batch_task"
SWEEP_TASK = "mailer.tasks.email_dispatch_due_task"


class RecordingHandler:
    """aiosmtpd handler that keeps (recipient, outbox id) of every accepted message.

    With ``block_recipient``, the RCPT command for that address waits until ``release`` is set, so a
    worker sending it is provably mid-message and the server has not accepted anything yet.
    """

    def __init__(self, block_recipient=None):
        self.block_recipient = block_recipient
        self.blocked = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._received = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address == self.block_recipient and not self.release.is_set():
            self.blocked.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, DEADLINE_SECONDS)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = message_from_bytes(envelope.content)
        with self._lock:
            self._received += [(rcpt, message["X-Netralitas-Outbox-Id"]) for rcpt in envelope.rcpt_tos]
        return "250 Message accepted for delivery"

    def received(self) -> Counter:
        with self._lock:
            return Counter(rcpt for rcpt, _id in self._received)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, what: str, timeout: float = DEADLINE_SECONDS):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


def database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{quote(db['NAME'], safe='')}"


@pytest.fixture
def services_up(transactional_db):
    require(
        connection.vendor == "postgresql",
        "the real-worker outbox tests need PostgreSQL (set DATABASE_URL): workers share the test database",
    )
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        client.ping()
    except redis.RedisError as exc:
        require(False, f"Redis is not reachable at {REDIS_URL}: {exc}")
    client.flushdb()
    yield client
    client.close()


@pytest.fixture
def smtp_server(request):
    """Start an SMTP server on loopback; parametrise indirectly with the recipient to block on."""
    from aiosmtpd.controller import Controller

    handler = RecordingHandler(block_recipient=getattr(request, "param", None))
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    handler.release.set()
    controller.stop()


@pytest.fixture
def producer(services_up, monkeypatch):
    """A Celery client on the test Redis; email_queue dispatches through it instead of running eagerly."""
    from celery import Celery

    app = Celery("mailer-test-producer", broker=REDIS_URL, set_as_current=False)
    monkeypatch.setattr(services, "_dispatch", lambda email_id: app.send_task(SEND_TASK, args=[email_id]))
    monkeypatch.setattr(services, "_dispatch_batch", lambda ids: app.send_task(BATCH_TASK, args=[ids]))
    yield app
    app.close()


@pytest.fixture
def workers(services_up, smtp_server, tmp_path):
    """start() a real worker subprocess (its own process group); every worker is stopped at teardown."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    env.update(
        DJANGO_SETTINGS_MODULE="netralitas.settings",
        DATABASE_URL=database_url(),
        REDIS_URL=REDIS_URL,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}",
        EMAIL_TIMEOUT="10",
        MAILER_INFLIGHT_LEASE_SECONDS=str(LEASE_SECONDS),
        NETRALITAS_VAR_DIR=str(tmp_path / "var"),
    )
    celery = Path(sys.executable).with_name("celery")
    started = []

    def start():
        n = len(started) + 1
        log = (tmp_path / f"worker{n}.log").open("w")
        command = [str(celery), "-A", "netralitas", "worker", "--pool=solo", "--without-mingle", "--without-gossip"]
        command += ["-Q", "celery", "--loglevel=INFO", "-n", f"mailer-test-{n}@%h"]
        proc = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        started.append((proc, log))
        return proc

    yield start
    for proc, log in started:
        stop(proc)
        log.close()
    for path in sorted(tmp_path.glob("worker*.log")):
        print(f"--- {path.name} ---\n{path.read_text()[-4000:]}")  # shown when the test fails


def stop(proc, sig=signal.SIGTERM):
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def queue_messages(count: int) -> list[str]:
    recipients = [f"asn{n:02d}@example.go.id" for n in range(count)]
    for recipient in recipients:
        services.email_queue(**queue_args(to=recipient))  # committed: dispatched through Redis at once
    return recipients


def assert_delivered_exactly_once(handler, redis_client, producer, recipients):
    """Wait for the queue to drain, then for a marker message queued last, then count."""
    wait_for(lambda: redis_client.llen("celery") == 0, "the task queue to drain")
    services.email_queue(**queue_args(to="penanda@example.go.id"))
    wait_for(lambda: handler.received()["penanda@example.go.id"] >= 1, "the marker message")
    received = handler.received()
    del received["penanda@example.go.id"]
    assert received == Counter(recipients), "every message must arrive exactly once"
    statuses = OutgoingEmail.objects.exclude(recipient="penanda@example.go.id").values_list("status", flat=True)
    assert set(statuses) == {OutgoingEmail.Status.SENT}


def all_sent(count):
    return lambda: OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count() >= count


def test_a_task_queued_twice_sends_once(services_up, smtp_server, producer, workers, email_templates):
    workers()
    workers()  # two workers, so a task and its duplicate race for the same row
    recipients = queue_messages(20)
    for email_id in OutgoingEmail.objects.values_list("pk", flat=True):
        producer.send_task(SEND_TASK, args=[email_id])  # the duplicate
    wait_for(all_sent(20), "20 rows to be SENT")
    assert_delivered_exactly_once(smtp_server.handler, services_up, producer, recipients)


@pytest.mark.parametrize("smtp_server", ["asn04@example.go.id"], indirect=True)
def test_a_worker_killed_mid_message_loses_and_doubles_nothing(
    services_up, smtp_server, producer, workers, email_templates
):
    handler = smtp_server.handler
    first = workers()
    recipients = queue_messages(10)
    assert handler.blocked.wait(DEADLINE_SECONDS), "the worker never reached the blocked recipient"
    stop(first, signal.SIGKILL)  # mid-message: RCPT sent, nothing accepted yet
    handler.release.set()
    stuck = OutgoingEmail.objects.get(recipient="asn04@example.go.id")
    assert stuck.status == OutgoingEmail.Status.INFLIGHT
    assert handler.received()["asn04@example.go.id"] == 0

    workers()
    last_sweep = [0.0]

    def sweep_until_all_sent():
        # Beat would run the sweep every 60 s; here every second, through the broker.
        if time.monotonic() - last_sweep[0] >= 1:
            producer.send_task(SWEEP_TASK)
            last_sweep[0] = time.monotonic()
        return all_sent(10)()

    wait_for(sweep_until_all_sent, "the sweep to re-send the message lost with the worker")
    stuck.refresh_from_db()
    assert stuck.attempts == 2
    assert_delivered_exactly_once(handler, services_up, producer, recipients)


def test_a_bulk_queue_is_delivered_exactly_once_with_every_batch_task_queued_twice(
    services_up, smtp_server, producer, workers, email_templates, monkeypatch
):
    batches = []

    def dispatch_twice(ids):
        batches.append(ids)
        producer.send_task(BATCH_TASK, args=[ids])
        producer.send_task(BATCH_TASK, args=[ids])  # the duplicate

    monkeypatch.setattr(services, "_dispatch_batch", dispatch_twice)
    recipients = [f"pakta{n:03d}@example.go.id" for n in range(200)]
    messages = [
        {"to": to, "context": queue_args()["context"], "subject_key": f"pledges.invitation:{n}", "language": "id"}
        for n, to in enumerate(recipients)
    ]
    workers()
    workers()
    result = services.email_queue_many(
        kind="pakta_invitation", template="test_message", region=None, messages=messages, chunk_size=50
    )
    assert (result.queued, len(batches)) == (200, 4)  # one task per chunk (each sent twice here)
    wait_for(all_sent(200), "200 rows to be SENT", timeout=120)
    assert_delivered_exactly_once(smtp_server.handler, services_up, producer, recipients)


def test_the_sweep_reads_the_brokers_backlog(services_up, monkeypatch):
    """What the sweep is told about tasks still waiting (it then leaves their rows alone), from real Redis."""
    from celery import Celery

    app = Celery("mailer-backlog-test", broker=REDIS_URL, set_as_current=False)
    app.conf.task_default_queue = "mailer-backlog-test"
    monkeypatch.setattr(tasks, "current_app", app)
    assert tasks.broker_backlog() == 0  # no queue yet (Redis keeps none while it is empty)
    for _ in range(3):
        app.send_task(BATCH_TASK, args=[[1, 2]])
    assert tasks.broker_backlog() == 3
    app.close()
    for key in services_up.scan_iter("*mailer-backlog-test*"):  # no worker will ever consume them
        services_up.delete(key)
