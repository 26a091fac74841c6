"""A roster import through a real Celery worker on Redis: check, then import (delivered twice).

PostgreSQL only: the worker subprocess shares the test database and reads the stored file.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from audit.models import AuditEvent
from people.models import Employee, RosterImport
from people.services import roster_imports
from tests.conftest import require

from .conftest import csv_bytes

pytestmark = pytest.mark.service

REDIS_URL = os.environ.get("ROSTER_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
DEADLINE_SECONDS = 60


def database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


def wait_for_status(upload, status):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        upload.refresh_from_db()
        if upload.status == status:
            return upload
        time.sleep(0.1)
    pytest.fail(f"import #{upload.pk} stayed {upload.status}, expected {status}")


@pytest.fixture
def worker(transactional_db, tmp_path):
    require(connection.vendor == "postgresql", "the real-worker roster test needs PostgreSQL (set DATABASE_URL)")
    import redis
    from celery import Celery

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        require(False, f"Redis is not reachable at {REDIS_URL}: {exc}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    env.update(
        DJANGO_SETTINGS_MODULE="netralitas.settings",
        DATABASE_URL=database_url(),
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        NETRALITAS_VAR_DIR=str(tmp_path / "var"),
    )
    log_path = tmp_path / "worker.log"
    command = [str(Path(sys.executable).with_name("celery")), "-A", "netralitas", "worker", "--pool=solo"]
    command += ["--without-mingle", "--without-gossip", "--loglevel=INFO", "-n", f"roster-test-{os.getpid()}@%h"]
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    producer = Celery("roster-test-producer", broker=REDIS_URL, set_as_current=False)
    yield producer
    producer.close()
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    print(log_path.read_text()[-4000:])  # shown when the test fails


def test_a_worker_checks_and_imports_once_even_when_the_task_is_delivered_twice(worker, region_a, roster_rows):
    upload = roster_imports.roster_import_create(
        region=region_a, user=None, uploaded_file=SimpleUploadedFile("r.csv", csv_bytes(roster_rows)), queue=False
    )
    worker.send_task("people.tasks.roster_check_task", args=[upload.pk])
    upload = wait_for_status(upload, RosterImport.Status.CHECKED)
    assert upload.summary["created"] == 2 and Employee.objects.count() == 0

    assert roster_imports.roster_import_start(roster_import=upload, user=None, queue=False)
    worker.send_task("people.tasks.roster_run_task", args=[upload.pk, None])
    worker.send_task("people.tasks.roster_run_task", args=[upload.pk, None])
    upload = wait_for_status(upload, RosterImport.Status.DONE)
    worker.send_task("people.tasks.roster_check_task", args=[upload.pk])  # a late duplicate check: ignored
    time.sleep(1)
    upload.refresh_from_db()
    assert upload.status == RosterImport.Status.DONE
    assert (upload.summary["created"], upload.summary["updated"], upload.summary["unchanged"]) == (2, 0, 0)
    assert Employee.objects.filter(region=region_a).count() == 2
    assert AuditEvent.objects.filter(action="netralitas.roster.imported").count() == 1
