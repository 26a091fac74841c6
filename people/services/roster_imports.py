"""Roster import, the life of one uploaded file (a ``RosterImport``), driven by the page and Celery.

    roster_import_create(region=…, user=…, uploaded_file=…)   store the file, queue the check
    roster_import_check(import_id=…)                          dry run: errors or a preview summary
    roster_import_start(roster_import=…, user=…)              claim it, queue the import
    roster_import_run(import_id=…, user_id=…)                 all-or-nothing upsert + one audit event
    roster_import_stalled()                                   imports whose task was lost, to queue again

The work itself is :func:`.roster.roster_plan` and :func:`.roster.roster_apply`. Progress goes to the
cache, since the import's own rows stay invisible until it commits.
"""

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core import jobs
from people.models import Region, RosterImport, User

from . import roster
from .roster import Progress

log = logging.getLogger(__name__)

PROGRESS_TTL = 24 * 3600
# A task that starts this many times on the same step without finishing it (its worker was killed, e.g. for
# memory, and the broker or the sweep delivered it again) fails the import instead of trying forever.
MAX_ATTEMPTS = 3
# The statuses in which a task is (or should be) working on an import, and which task that is.
NEXT_STEP = {
    RosterImport.Status.UPLOADED: "check",
    RosterImport.Status.CHECKING: "check",
    RosterImport.Status.IMPORTING: "run",
}
IN_PROGRESS = tuple(NEXT_STEP)


PROGRESS_JOB = "roster-import"


def progress_key(import_id: int) -> str:
    """The cache key of an import's progress (core.jobs keeps it)."""
    return jobs.progress_key(PROGRESS_JOB, import_id)


def _attempts_key(roster_import: RosterImport, step: str) -> str:
    # The creation time too: a test database, recreated, gives the same ids again.
    return f"netralitas:roster-import:{roster_import.pk}:{roster_import.created_at.timestamp()}:{step}-attempts"


def _attempt(roster_import: RosterImport, step: str) -> int:
    """Count one more start of ``step`` on this import that has not finished (in the shared cache)."""
    key = _attempts_key(roster_import, step)
    cache.add(key, 0, PROGRESS_TTL)
    return cache.incr(key)


def _finished(roster_import: RosterImport, step: str) -> None:
    """The step ran to its end (whatever its outcome): only starts that never end are counted."""
    cache.delete(_attempts_key(roster_import, step))


def _update(roster_import: RosterImport, expected: str, **changes) -> bool:
    """Write ``changes`` only while the import is still in the ``expected`` status, and say whether they were
    written: every status change is conditional, so a stale task (re-queued by the sweep, redelivered by
    the broker) never moves an import back from a newer status."""
    written = RosterImport.objects.filter(pk=roster_import.pk, status=expected).update(**changes)
    if written:
        for name, value in changes.items():
            setattr(roster_import, name, value)
    return bool(written)


def roster_progress(import_id: int) -> dict:
    return jobs.progress_get(PROGRESS_JOB, import_id)


def _progress_for(import_id: int) -> Progress:
    def report(phase: str, processed: int, total: int) -> None:
        jobs.progress_set(PROGRESS_JOB, import_id, phase=phase, processed=processed, total=total)

    return report


def roster_import_create(*, region: Region, user: User | None, uploaded_file, queue: bool = True) -> RosterImport:
    """Keep the uploaded file on a new RosterImport and queue its check once the row is committed."""
    if uploaded_file.size > settings.ROSTER_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    data = b"".join(uploaded_file.chunks())
    roster_import = RosterImport(
        region=region,
        uploaded_by=user,
        original_name=(uploaded_file.name or "roster")[:255],
        file_sha256=hashlib.sha256(data).hexdigest(),
    )
    roster_import.file.save(roster_import.original_name, ContentFile(data), save=False)
    roster_import.save()
    if queue:
        from people.tasks import roster_check_task

        jobs.enqueue_after_commit(roster_check_task, roster_import.pk)
    return roster_import


def roster_import_check(*, import_id: int) -> RosterImport | None:
    """Dry run: store the errors, or the preview summary; nothing else is written."""
    claimed = RosterImport.objects.filter(
        pk=import_id, status__in=[RosterImport.Status.UPLOADED, RosterImport.Status.CHECKING]
    ).update(status=RosterImport.Status.CHECKING)
    if not claimed:
        return None
    roster_import = RosterImport.objects.select_related("region").get(pk=import_id)
    checking = RosterImport.Status.CHECKING
    attempts = _attempt(roster_import, "check")
    if attempts > MAX_ATTEMPTS:
        _finished(roster_import, "check")
        return _mark_failed(roster_import, checking, RuntimeError(_stopped_message(attempts - 1)))
    try:
        with roster_import.file.open("rb") as handle:
            data = handle.read()
        plan = roster.roster_plan(
            region=roster_import.region,
            data=data,
            filename=roster_import.original_name,
            progress=_progress_for(import_id),
        )
    except Exception as exc:
        log.exception("roster import %s: check failed", import_id)
        _finished(roster_import, "check")
        return _mark_failed(roster_import, checking, exc)
    _finished(roster_import, "check")
    result = {
        "total_rows": plan.total_rows,
        "errors": plan.errors,
        "summary": {**plan.summary(), "preview": True},
        "status": RosterImport.Status.INVALID if plan.errors else RosterImport.Status.CHECKED,
    }
    if not _update(roster_import, checking, **result):
        log.info("roster import %s: no longer being checked; this check's result is dropped", import_id)
        return None
    return roster_import


def roster_import_start(*, roster_import: RosterImport, user: User | None, queue: bool = True) -> bool:
    """Claim a checked import for running and queue it; False if it is not (or no longer) runnable."""
    claimed = RosterImport.objects.filter(
        pk=roster_import.pk, status__in=[RosterImport.Status.CHECKED, RosterImport.Status.FAILED]
    ).update(status=RosterImport.Status.IMPORTING, failure="", run_by=user)
    if not claimed:
        return False
    _progress_for(roster_import.pk)("validate", 0, roster_import.total_rows)
    if queue:
        from people.tasks import roster_run_task

        jobs.enqueue_after_commit(roster_run_task, roster_import.pk, user.pk if user is not None else None)
    return True


def roster_import_run(*, import_id: int, user_id: int | None = None) -> RosterImport | None:
    """Import a claimed file all-or-nothing; a second delivery of the same task does nothing."""
    try:
        with transaction.atomic():
            roster_import = (
                RosterImport.objects.select_for_update().select_related("region").filter(pk=import_id).first()
            )
            if roster_import is None or roster_import.status != RosterImport.Status.IMPORTING:
                return None
            attempts = _attempt(roster_import, "run")
            if attempts > MAX_ATTEMPTS:
                raise RuntimeError(_stopped_message(attempts - 1))
            done = _run_locked(roster_import, user_id if user_id is not None else roster_import.run_by_id)
    except Exception as exc:
        log.exception("roster import %s: import failed, nothing written", import_id)
        roster_import = RosterImport.objects.get(pk=import_id)
        _finished(roster_import, "run")
        return _mark_failed(roster_import, RosterImport.Status.IMPORTING, exc)
    _finished(done, "run")
    return done


def _run_locked(roster_import: RosterImport, user_id: int | None) -> RosterImport:
    progress = _progress_for(roster_import.pk)
    with roster_import.file.open("rb") as handle:
        data = handle.read()
    # Validate again: the region's data may have changed since the dry run.
    plan = roster.roster_plan(
        region=roster_import.region, data=data, filename=roster_import.original_name, progress=progress
    )
    result = {"total_rows": plan.total_rows, "errors": plan.errors}
    if plan.errors:
        result.update(status=RosterImport.Status.INVALID, summary={**plan.summary(), "preview": True})
    else:
        summary = roster.roster_apply(plan=plan, progress=progress)
        result.update(status=RosterImport.Status.DONE, summary={**summary, "preview": False})
        result["finished_at"] = timezone.now()
        audit_record(
            action="netralitas.roster.imported",
            actor=User.objects.filter(pk=user_id).first() if user_id else None,
            obj=roster_import,
            region_id=roster_import.region_id,
            data={**summary, "file_name": roster_import.original_name, "file_sha256": roster_import.file_sha256},
        )
    # The row is locked and was IMPORTING when the lock was taken, so this cannot miss; it is conditional
    # like every other status change all the same.
    if not _update(roster_import, RosterImport.Status.IMPORTING, **result):
        raise RuntimeError(f"roster import {roster_import.pk} left IMPORTING while locked")
    return roster_import


def roster_import_stalled(*, now: dt.datetime | None = None) -> list[tuple[int, str]]:
    """[(import id, "check" | "run")] for imports in progress whose task has shown no sign of life for
    ``ROSTER_STALL_MINUTES``: the broker or the worker lost it, and the page would wait forever.

    Sending the task again is safe: the check re-claims only an unfinished check, and the run locks the
    row and stops when it finds the import no longer running (a slow import re-queued by mistake only
    makes the second task wait for the first, then do nothing).
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.ROSTER_STALL_MINUTES)
    stalled = []
    for import_id, status, created_at in RosterImport.objects.filter(status__in=IN_PROGRESS).values_list(
        "pk", "status", "created_at"
    ):
        seen = roster_progress(import_id).get("at")
        last_sign = max(created_at, dt.datetime.fromtimestamp(seen, tz=dt.UTC)) if seen else created_at
        if last_sign < cutoff:
            stalled.append((import_id, NEXT_STEP[status]))
    return stalled


def _stopped_message(attempts: int) -> str:
    return _(
        "pemrosesan berkas ini sudah %(count)s kali terhenti sebelum selesai (pekerja latar belakang kehabisan "
        "memori atau dimatikan). Periksa ukuran berkas, atau bagi menjadi beberapa berkas, lalu unggah lagi."
    ) % {"count": attempts}


def _mark_failed(roster_import: RosterImport, expected: str, exc: Exception) -> RosterImport:
    """FAILED with the reason, unless the import has moved on from ``expected`` meanwhile (then as it is)."""
    failure = _("Impor gagal dan tidak ada data yang diubah: %(error)s") % {"error": str(exc)[:500]}
    if not _update(
        roster_import, expected, status=RosterImport.Status.FAILED, failure=failure, finished_at=timezone.now()
    ):
        roster_import.refresh_from_db()
    return roster_import
