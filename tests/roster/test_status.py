"""Every status change of a RosterImport is conditional: a stale task never moves an import back.

The races are replayed with the real services: while one check task is parsing, a second delivery of the
same task (re-queued by the sweep) finishes the check, and the officer starts — or completes — the import.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from people.models import Employee, RosterImport
from people.services import roster, roster_imports

from .conftest import csv_bytes


@pytest.fixture
def upload(region_a, roster_rows):
    return roster_imports.roster_import_create(
        region=region_a, user=None, uploaded_file=SimpleUploadedFile("r.csv", csv_bytes(roster_rows)), queue=False
    )


def during_the_first_check(monkeypatch, meanwhile, *, then_fail=False):
    """Make the next check run ``meanwhile()`` (the other tasks and the officer) while it parses."""
    real_plan, calls = roster.roster_plan, []

    def plan(**kwargs):
        calls.append(1)
        result = real_plan(**kwargs)
        if len(calls) == 1:
            meanwhile()
            if then_fail:
                raise OSError("the file store went away")
        return result

    monkeypatch.setattr(roster, "roster_plan", plan)


def check_then_start(upload_id, *, run):
    def meanwhile():
        second = roster_imports.roster_import_check(import_id=upload_id)  # the re-queued task
        assert second.status == RosterImport.Status.CHECKED
        assert roster_imports.roster_import_start(roster_import=second, user=None, queue=False)
        if run:
            assert roster_imports.roster_import_run(import_id=upload_id).status == RosterImport.Status.DONE

    return meanwhile


@pytest.mark.parametrize(("run", "status"), [(False, RosterImport.Status.IMPORTING), (True, RosterImport.Status.DONE)])
def test_a_stale_check_leaves_an_import_that_moved_on_as_it_is(monkeypatch, upload, run, status):
    during_the_first_check(monkeypatch, check_then_start(upload.pk, run=run))
    assert roster_imports.roster_import_check(import_id=upload.pk) is None
    upload.refresh_from_db()
    assert upload.status == status
    assert upload.summary["preview"] is not run  # the run's summary, not the stale check's
    assert Employee.objects.count() == (2 if run else 0)


@pytest.mark.parametrize(("run", "status"), [(False, RosterImport.Status.IMPORTING), (True, RosterImport.Status.DONE)])
def test_a_stale_check_that_fails_does_not_mark_a_newer_import_failed(monkeypatch, upload, run, status):
    during_the_first_check(monkeypatch, check_then_start(upload.pk, run=run), then_fail=True)
    assert roster_imports.roster_import_check(import_id=upload.pk).status == status
    upload.refresh_from_db()
    assert (upload.status, upload.failure) == (status, "")


def far_future():
    return timezone.now() + dt.timedelta(days=1)


class WorkerKilled(BaseException):
    """What the service sees of a worker killed mid-task (out of memory, SIGKILL): nothing after it runs."""


def kill_every_parse(monkeypatch):
    def plan(**kwargs):
        raise WorkerKilled

    monkeypatch.setattr(roster, "roster_plan", plan)


def test_a_check_that_keeps_killing_its_worker_ends_failed_instead_of_forever(monkeypatch, upload):
    kill_every_parse(monkeypatch)
    for _delivery in range(roster_imports.MAX_ATTEMPTS):
        with pytest.raises(WorkerKilled):
            roster_imports.roster_import_check(import_id=upload.pk)
    assert [import_id for import_id, _step in roster_imports.roster_import_stalled(now=far_future())] == [upload.pk]
    upload = roster_imports.roster_import_check(import_id=upload.pk)  # the broker or the sweep, once more
    assert upload.status == RosterImport.Status.FAILED
    assert "sudah 3 kali terhenti" in upload.failure
    assert roster_imports.roster_import_stalled(now=far_future()) == []


def test_a_run_that_keeps_killing_its_worker_ends_failed_and_can_be_started_again(monkeypatch, upload):
    upload = roster_imports.roster_import_check(import_id=upload.pk)
    assert roster_imports.roster_import_start(roster_import=upload, user=None, queue=False)
    kill_every_parse(monkeypatch)
    for _delivery in range(roster_imports.MAX_ATTEMPTS):
        with pytest.raises(WorkerKilled):
            roster_imports.roster_import_run(import_id=upload.pk)
    upload = roster_imports.roster_import_run(import_id=upload.pk)
    assert (upload.status, Employee.objects.count()) == (RosterImport.Status.FAILED, 0)
    assert "sudah 3 kali terhenti" in upload.failure
    monkeypatch.undo()  # the officer tries again: a fresh count, and it goes through
    assert roster_imports.roster_import_start(roster_import=upload, user=None, queue=False)
    assert roster_imports.roster_import_run(import_id=upload.pk).status == RosterImport.Status.DONE


def test_a_check_that_finishes_starts_its_count_again(monkeypatch, upload):
    real_plan, deliveries = roster.roster_plan, []

    def plan(**kwargs):
        deliveries.append(1)
        if len(deliveries) < roster_imports.MAX_ATTEMPTS:
            raise WorkerKilled
        return real_plan(**kwargs)

    monkeypatch.setattr(roster, "roster_plan", plan)
    for _delivery in range(roster_imports.MAX_ATTEMPTS - 1):
        with pytest.raises(WorkerKilled):
            roster_imports.roster_import_check(import_id=upload.pk)
    assert roster_imports.roster_import_check(import_id=upload.pk).status == RosterImport.Status.CHECKED
