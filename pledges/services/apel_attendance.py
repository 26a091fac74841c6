"""Staff marking attendance: one person at a time, or every unmarked person of a work unit at once.
A correction (changing a mark already made) is recorded in the audit trail with its before and after."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record

from ..models import Attendance, Ceremony
from .apel import ApelError

NOTE_MAX = 300


def _check(ceremony: Ceremony, status: str) -> None:
    if ceremony.status == Ceremony.Status.CANCELLED:
        raise ApelError(_("Apel yang dibatalkan tidak dicatat kehadirannya."))
    if status not in Attendance.Status.values:
        raise ApelError(_("Status kehadiran tidak dikenal."))


def attendance_mark(*, attendance: Attendance, status: str, note: str = "", by, request=None, now=None) -> bool:
    """Set one person's status (and note). True if anything changed; the same mark twice changes nothing."""
    ceremony = attendance.ceremony
    _check(ceremony, status)
    note = (note or "").strip()[:NOTE_MAX]
    if attendance.status == status and attendance.note == note:
        return False
    now = now or timezone.now()
    before = {"status": attendance.status, "note": attendance.note}
    present = status == Attendance.Status.PRESENT
    fields = {
        "status": status,
        "note": note,
        "method": Attendance.Method.STAFF if status != Attendance.Status.PENDING else "",
        "marked_by": by if status != Attendance.Status.PENDING else None,
        # A time of presence only for those present; one recorded by a scan is kept.
        "checked_in_at": (attendance.checked_in_at or (None if ceremony.recorded_after else now)) if present else None,
    }
    if present and attendance.status == Attendance.Status.PRESENT:
        fields["method"], fields["marked_by"] = attendance.method, attendance.marked_by
    with transaction.atomic():
        # Conditional on what the officer saw: a concurrent change is not silently overwritten.
        updated = Attendance.objects.filter(pk=attendance.pk, status=attendance.status, note=attendance.note).update(
            updated_at=timezone.now(), **fields
        )
        if not updated:
            raise ApelError(_("Kehadiran orang ini baru saja diubah petugas lain. Muat ulang halaman lalu periksa."))
        audit_record(
            action="netralitas.apel.attendance_marked"
            if before["status"] == Attendance.Status.PENDING
            else "netralitas.apel.attendance_corrected",
            actor=by,
            obj=attendance,
            region_id=ceremony.region_id,
            before=before,
            after={"status": status, "note": note},
            data={"ceremony": ceremony.pk, "employee": attendance.employee_id},
            request=request,
        )
    for field, value in fields.items():
        setattr(attendance, field, value)
    return True


def attendance_mark_unit(
    *, ceremony: Ceremony, work_unit_id: int | None, status: str, note: str = "", by, request=None, now=None
) -> int:
    """Give every participant of a unit (None: of every unit) who is not marked yet the same status and note.
    Marks already made are left alone (correct those one by one). Returns how many rows changed."""
    _check(ceremony, status)
    if status == Attendance.Status.PENDING:
        raise ApelError(_("Pilih status kehadiran yang akan dicatat."))
    note = (note or "").strip()[:NOTE_MAX]
    now = now or timezone.now()
    rows = Attendance.objects.filter(ceremony=ceremony, status=Attendance.Status.PENDING)
    if work_unit_id is not None:
        rows = rows.filter(work_unit_id=work_unit_id)
    present = status == Attendance.Status.PRESENT
    with transaction.atomic():
        ids = list(rows.select_for_update().values_list("pk", flat=True))
        if not ids:
            return 0
        count = Attendance.objects.filter(pk__in=ids, status=Attendance.Status.PENDING).update(
            status=status,
            note=note,
            method=Attendance.Method.STAFF,
            marked_by=by,
            checked_in_at=now if present and not ceremony.recorded_after else None,
            updated_at=timezone.now(),
        )
        audit_record(
            action="netralitas.apel.attendance_marked_unit",
            actor=by,
            obj=ceremony,
            region_id=ceremony.region_id,
            after={"status": status, "note": note},
            data={"work_unit": work_unit_id, "count": count, "attendance_ids": ids[:5000]},
            request=request,
        )
    return count
