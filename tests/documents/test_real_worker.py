"""Issuing through a real Celery worker on Redis, with the task delivered twice and the synchronous fallback
racing it from this process: one document, one file, signed, audited once.

PostgreSQL only: the worker subprocess shares the test database, the key directory and the media root.
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from audit.models import AuditEvent
from documents.circular import CODE
from documents.models import IssuedDocument
from documents.services import document_get_or_issue
from tests.conftest import require

from .conftest import stored_files
from .test_signing import validate

pytestmark = pytest.mark.service

# Any Redis database will do: the worker listens on a queue of its own.
REDIS_URL = os.environ.get("DOCUMENTS_TEST_REDIS_URL") or os.environ.get(
    "ROSTER_TEST_REDIS_URL", "redis://127.0.0.1:6379/1"
)
QUEUE = f"documents-test-{os.getpid()}"
TASK = "documents.tasks.document_issue_task"
DEADLINE_SECONDS = 90


def database_url() -> str:
    """The test database, as the worker subprocess must reach it."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


@pytest.fixture
def worker(transactional_db, tmp_path):
    require(connection.vendor == "postgresql", "the real-worker documents test needs PostgreSQL (set DATABASE_URL)")
    import redis
    from celery import Celery

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        require(False, f"Redis is not reachable at {REDIS_URL}: {exc}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    env.update(
        DJANGO_SETTINGS_MODULE="netralitas.settings",
        DEBUG="1",
        NETRALITAS_ENV_FILE="",
        DATABASE_URL=database_url(),
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        DOCUMENT_KEYS_DIR=str(settings.DOCUMENT_KEYS_DIR),
        NETRALITAS_VAR_DIR=str(tmp_path / "var"),
    )
    log_path = tmp_path / "worker.log"
    command = [str(Path(sys.executable).with_name("celery")), "-A", "netralitas", "worker", "--pool=solo", "-Q", QUEUE]
    command += ["--without-mingle", "--without-gossip", "--loglevel=INFO", "-n", f"{QUEUE}@%h"]
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    producer = Celery("documents-test-producer", broker=REDIS_URL, set_as_current=False)
    yield producer, log_path
    producer.close()
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    print(log_path.read_text()[-4000:])  # shown when the test fails


def wait_for_tasks(log_path: Path, count: int) -> str:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        text = log_path.read_text()
        if len(re.findall(rf"Task {re.escape(TASK)}\[[^\]]+\] (succeeded|raised|failed)", text)) >= count:
            return text
        time.sleep(0.2)
    pytest.fail(f"the worker did not finish {count} tasks in {DEADLINE_SECONDS} s")


def test_a_worker_and_the_fallback_issue_one_document(worker, region_a, document_dirs):
    producer, log_path = worker
    content_type = ContentType.objects.get_for_model(region_a)
    for _ in range(2):  # a redelivered task
        producer.send_task(TASK, args=[CODE, content_type.pk, str(region_a.pk)], queue=QUEUE)
    served = document_get_or_issue(kind=CODE, obj=region_a)  # the user who needs the file now
    log = wait_for_tasks(log_path, 2)
    assert " raised " not in log and " failed " not in log
    assert list(IssuedDocument.objects.values_list("pk", flat=True)) == [served.pk]
    document = IssuedDocument.objects.get()
    assert stored_files(document_dirs) == [document_dirs / "media" / document.file.name]
    assert validate(document.file.read(), document.certificate).bottom_line
    assert AuditEvent.objects.filter(action="netralitas.document.issued").count() == 1
