"""Scheduling an apel, changing it, cancelling it, marking it held, and who takes part. Every write is audited.

Like every service these trust their arguments (README, "Authorisation"): the view has checked that ``by``
may manage the apel's region. The rules here are the domain's: no new apel in the past, one apel per unit
per hour, participants fixed when scheduled, a cancelled apel stays cancelled.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.jobs import enqueue_after_commit
from people.models import Employee, Region, WorkUnit

from ..models import Attendance, Ceremony

# "The same unit cannot have two apel at the same hour": two apel less than this apart share the hour.
SAME_HOUR = dt.timedelta(hours=1)
BULK_BATCH = 2000
EDITABLE_FIELDS = ("election", "title", "starts_at", "place", "officiant_name", "officiant_title", "ikrar_text")
MOVING_FIELDS = ("starts_at", "place")  # a change of these is announced to the participants


class ApelError(Exception):
    """A change refused for a reason the user should read."""


def ceremony_snapshot(ceremony: Ceremony) -> dict:
    return {
        "title": ceremony.title,
        "election": ceremony.election.slug,
        "starts_at": ceremony.starts_at.isoformat(),
        "local_start": f"{ceremony.local_start:%Y-%m-%d %H:%M} {ceremony.region.timezone_label}",
        "place": ceremony.place,
        "status": ceremony.status,
        "officiant": f"{ceremony.officiant_name} — {ceremony.officiant_title}".strip(" —"),
    }


def unit_tree_ids(*, region_id: int, unit_ids) -> set[int]:
    """The chosen units and every unit below them (one query: the units of the region)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in WorkUnit.objects.filter(region_id=region_id).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    todo = list(unit_ids)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


def _units_of(ceremony: Ceremony) -> set[int] | None:
    """The units taking part (None: all of them)."""
    if ceremony.all_units:
        return None
    return unit_tree_ids(region_id=ceremony.region_id, unit_ids=ceremony.work_units.values_list("pk", flat=True))


def _check_clash(*, region: Region, starts_at: dt.datetime, units: set[int] | None, exclude_pk=None) -> None:
    """ApelError if a unit taking part already has an apel less than an hour from ``starts_at``."""
    near = (
        Ceremony.objects.filter(region=region, starts_at__gt=starts_at - SAME_HOUR, starts_at__lt=starts_at + SAME_HOUR)
        .exclude(status=Ceremony.Status.CANCELLED)
        .exclude(pk=exclude_pk)
        .select_related("region")
    )
    for other in near:
        theirs = _units_of(other)
        if units is None or theirs is None or units & theirs:
            raise ApelError(
                _(
                    "Unit kerja peserta sudah punya apel pada jam itu: “%(title)s” pukul %(time)s %(zone)s. "
                    "Pilih jam lain atau unit lain."
                )
                % {"title": other.title, "time": f"{other.local_start:%H:%M}", "zone": region.timezone_label}
            )


def _lock_region(region: Region) -> None:
    """Schedules of one region are decided one at a time, so two officers cannot book the same hour at once."""
    Region.objects.select_for_update().filter(pk=region.pk).first()


def _active_employees(*, region: Region, units: set[int] | None):
    employees = Employee.objects.filter(region=region, is_active=True)
    if units is not None:
        employees = employees.filter(work_unit_id__in=units)
    return employees


def _add_participants(ceremony: Ceremony, employees, *, later: bool) -> list[Attendance]:
    rows = [
        Attendance(ceremony=ceremony, employee_id=pk, work_unit_id=unit_id, added_later=later)
        for pk, unit_id in employees.values_list("pk", "work_unit_id")
    ]
    return Attendance.objects.bulk_create(rows, batch_size=BULK_BATCH, ignore_conflicts=later)


def _create(*, region, by, request, action: str, status: str, work_units, all_units: bool, **fields) -> Ceremony:
    units = None if all_units else unit_tree_ids(region_id=region.pk, unit_ids=[u.pk for u in work_units])
    if units is not None and not units:
        raise ApelError(_("Pilih setidaknya satu unit kerja, atau “semua unit kerja”."))
    with transaction.atomic():
        _lock_region(region)
        _check_clash(region=region, starts_at=fields["starts_at"], units=units)
        ceremony = Ceremony(region=region, status=status, all_units=all_units, created_by=by, **fields)
        ceremony.full_clean(exclude=["region", "election", "created_by"])
        ceremony.save()
        ceremony.work_units.set([] if all_units else work_units)
        count = len(_add_participants(ceremony, _active_employees(region=region, units=units), later=False))
        if count == 0:
            raise ApelError(_("Tidak ada ASN aktif di unit kerja yang dipilih."))
        audit_record(
            action=action,
            actor=by,
            obj=ceremony,
            region_id=region.pk,
            after=ceremony_snapshot(ceremony),
            data={"participants": count, "units": "all" if all_units else sorted(u.name for u in work_units)},
            request=request,
        )
    return ceremony


def ceremony_schedule(
    *, region: Region, work_units=(), all_units: bool = True, by, request=None, now=None, notify: bool = True, **fields
) -> Ceremony:
    """Schedule an apel (``fields``: election, title, starts_at (aware), place, officiant_name, officiant_title,
    ikrar_text). Its participants are the active ASN of the units now; the invitation goes at once — unless
    ``notify`` is off (the demo data, whose addresses are made up: nothing is due until the apel is moved)."""
    from ..tasks import ceremony_notify_task

    now = now or timezone.now()
    if fields["starts_at"] <= now:
        raise ApelError(_("Apel baru tidak dapat dijadwalkan pada waktu yang sudah lewat."))
    ceremony = _create(
        region=region,
        by=by,
        request=request,
        action="netralitas.apel.scheduled",
        status=Ceremony.Status.SCHEDULED,
        work_units=work_units,
        all_units=all_units,
        notice_due_at=now if notify else None,
        **fields,
    )
    if notify:
        enqueue_after_commit(ceremony_notify_task, ceremony.pk)
    return ceremony


def ceremony_record_held(
    *, region: Region, work_units=(), all_units: bool = True, by, request=None, now=None, **fields
):
    """Record an apel already held on paper: it is held at once, nobody is notified, staff mark the attendance."""
    now = now or timezone.now()
    if fields["starts_at"] > now:
        raise ApelError(_("Apel yang dicatat sebagai sudah dilaksanakan harus berwaktu di masa lalu."))
    return _create(
        region=region,
        by=by,
        request=request,
        action="netralitas.apel.recorded",
        status=Ceremony.Status.HELD,
        work_units=work_units,
        all_units=all_units,
        recorded_after=True,
        held_at=now,
        **fields,
    )


def ceremony_update(*, ceremony: Ceremony, data: dict, by, request=None, now=None) -> Ceremony:
    """Change an apel's details; a new time or place is announced to the participants (a new revision)."""
    from ..tasks import ceremony_notify_task

    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if ceremony.status == Ceremony.Status.CANCELLED:
        raise ApelError(_("Apel yang dibatalkan tidak dapat diubah."))
    now = now or timezone.now()
    changed = [f for f, v in data.items() if getattr(ceremony, f) != v]
    if not changed:
        return ceremony
    moved = ceremony.status == Ceremony.Status.SCHEDULED and any(f in MOVING_FIELDS for f in changed)
    if "starts_at" in changed:
        held = ceremony.status == Ceremony.Status.HELD
        if not held and data["starts_at"] <= now:
            raise ApelError(_("Apel tidak dapat dipindahkan ke waktu yang sudah lewat."))
        if held and data["starts_at"] > now:
            raise ApelError(_("Apel yang sudah dilaksanakan harus berwaktu di masa lalu."))
    before = ceremony_snapshot(ceremony)
    with transaction.atomic():
        _lock_region(ceremony.region)
        if "starts_at" in changed:
            _check_clash(
                region=ceremony.region, starts_at=data["starts_at"], units=_units_of(ceremony), exclude_pk=ceremony.pk
            )
        for field in changed:
            setattr(ceremony, field, data[field])
        ceremony.full_clean(exclude=["region", "election", "created_by"])
        fields = [*changed, "updated_at"]
        if moved:
            ceremony.revision += 1
            ceremony.notice_due_at = now
            fields += ["revision", "notice_due_at"]
        # Only the changed columns: the notice job writes notices_sent concurrently.
        ceremony.save(update_fields=fields)
        after = ceremony_snapshot(ceremony)
        audit_record(
            action="netralitas.apel.moved" if moved else "netralitas.apel.updated",
            actor=by,
            obj=ceremony,
            region_id=ceremony.region_id,
            before={k: before[k] for k in before if before[k] != after[k]},
            after={k: after[k] for k in after if before[k] != after[k]},
            data={"revision": ceremony.revision} if moved else None,
            request=request,
        )
    if moved:
        enqueue_after_commit(ceremony_notify_task, ceremony.pk)
    return ceremony


def ceremony_cancel(*, ceremony: Ceremony, reason: str, by, request=None, now=None) -> Ceremony:
    """Cancel a scheduled apel with a reason; the participants who were invited are told."""
    from ..tasks import ceremony_notify_task

    reason = (reason or "").strip()
    if not reason:
        raise ApelError(_("Tuliskan alasan pembatalan."))
    now = now or timezone.now()
    with transaction.atomic():
        updated = Ceremony.objects.filter(pk=ceremony.pk, status=Ceremony.Status.SCHEDULED).update(
            status=Ceremony.Status.CANCELLED,
            cancel_reason=reason,
            cancelled_at=now,
            notice_due_at=now,
            updated_at=timezone.now(),
        )
        if not updated:
            raise ApelError(_("Hanya apel yang masih dijadwalkan yang dapat dibatalkan."))
        ceremony.refresh_from_db()
        audit_record(
            action="netralitas.apel.cancelled",
            actor=by,
            obj=ceremony,
            region_id=ceremony.region_id,
            before={"status": Ceremony.Status.SCHEDULED},
            after={"status": ceremony.status, "cancel_reason": reason},
            request=request,
        )
    enqueue_after_commit(ceremony_notify_task, ceremony.pk)
    return ceremony


def ceremony_mark_held(*, ceremony: Ceremony, by, request=None, now=None) -> Ceremony:
    """The apel took place: no more reminders; its berita acara can be issued. Not before its start."""
    now = now or timezone.now()
    if ceremony.starts_at > now:
        raise ApelError(_("Apel belum dimulai: tandai selesai sesudah apel berlangsung."))
    with transaction.atomic():
        updated = Ceremony.objects.filter(pk=ceremony.pk, status=Ceremony.Status.SCHEDULED).update(
            status=Ceremony.Status.HELD, held_at=now, notice_due_at=None, updated_at=timezone.now()
        )
        if not updated:
            raise ApelError(_("Hanya apel yang masih dijadwalkan yang dapat ditandai selesai."))
        ceremony.refresh_from_db()
        audit_record(
            action="netralitas.apel.held",
            actor=by,
            obj=ceremony,
            region_id=ceremony.region_id,
            before={"status": Ceremony.Status.SCHEDULED},
            after={"status": ceremony.status},
            request=request,
        )
    return ceremony


def _touch(ceremony: Ceremony) -> None:
    """The list changed: a berita acara issued before is out of date (apel_report.berita_acara_changed_since)."""
    Ceremony.objects.filter(pk=ceremony.pk).update(updated_at=timezone.now())


def participants_add(*, ceremony: Ceremony, employees, by, request=None) -> int:
    """Add people (active ASN of the apel's region) after scheduling; those already in are left alone.
    Returns how many were added. Someone added to an apel whose invitation went out is invited too."""
    from .apel_notices import participant_invite

    if ceremony.status == Ceremony.Status.CANCELLED:
        raise ApelError(_("Apel yang dibatalkan tidak dapat diubah."))
    ids = [e.pk for e in employees if e.region_id == ceremony.region_id and e.is_active]
    if not ids:
        raise ApelError(_("Tidak ada ASN aktif Pemda ini yang dapat ditambahkan."))
    with transaction.atomic():
        # Locked: the notice job's claim holds this row while it queues a batch, so what it sent is known here.
        locked = Ceremony.objects.select_for_update().get(pk=ceremony.pk)
        ceremony.notices_sent, ceremony.status = locked.notices_sent, locked.status
        if ceremony.status == Ceremony.Status.CANCELLED:
            raise ApelError(_("Apel yang dibatalkan tidak dapat diubah."))
        existing = set(
            Attendance.objects.filter(ceremony=ceremony, employee_id__in=ids).values_list("employee_id", flat=True)
        )
        new_ids = [pk for pk in ids if pk not in existing]
        if not new_ids:
            return 0
        _add_participants(ceremony, Employee.objects.filter(pk__in=new_ids), later=True)
        _touch(ceremony)
        added = list(
            Attendance.objects.filter(ceremony=ceremony, employee_id__in=new_ids).select_related(
                "employee", "employee__user"
            )
        )
        audit_record(
            action="netralitas.apel.participants_added",
            actor=by,
            obj=ceremony,
            region_id=ceremony.region_id,
            data={"added": len(added), "nip": sorted(a.employee.nip for a in added)[:200]},
            request=request,
        )
        for attendance in added:
            participant_invite(ceremony=ceremony, attendance=attendance)
    return len(added)


def participant_remove(*, attendance: Attendance, by, request=None) -> None:
    """Take a person off the list (audited with what their row said)."""
    ceremony = attendance.ceremony
    if ceremony.status == Ceremony.Status.CANCELLED:
        raise ApelError(_("Apel yang dibatalkan tidak dapat diubah."))
    employee = attendance.employee
    with transaction.atomic():
        deleted, _rows = Attendance.objects.filter(pk=attendance.pk).delete()
        if not deleted:
            return
        _touch(ceremony)
        audit_record(
            action="netralitas.apel.participant_removed",
            actor=by,
            obj=ceremony,
            region_id=ceremony.region_id,
            before={
                "nip": employee.nip,
                "name": employee.display_name,
                "status": attendance.status,
                "note": attendance.note,
            },
            request=request,
        )


def employees_by_nip(*, region: Region, nips) -> tuple[list[Employee], list[str]]:
    """(active ASN of the region with these NIPs, the NIPs not found among them)."""
    wanted = list(dict.fromkeys(nips))
    found = list(Employee.objects.filter(region=region, is_active=True, nip__in=wanted))
    known = {e.nip for e in found}
    return found, [n for n in wanted if n not in known]


def employees_of_units(*, region: Region, unit_ids) -> list[Employee]:
    units = unit_tree_ids(region_id=region.pk, unit_ids=unit_ids)
    return list(_active_employees(region=region, units=units).filter(~Q(work_unit_id=None)))
