# ruff: noqa: F811 — the fixtures come from apel_helpers, imported by name so pytest finds them
"""Scheduling rules: not in the past, one apel per unit per hour, participants fixed when scheduled, the region's
own clock, recording an apel held on paper, moving, cancelling and marking held."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from pledges.models import Attendance, Ceremony
from pledges.services.apel import (
    ApelError,
    ceremony_cancel,
    ceremony_mark_held,
    ceremony_record_held,
    ceremony_update,
    participant_remove,
    participants_add,
)
from tests.factories import EmployeeFactory, WorkUnitFactory

from .apel_helpers import apel, election, other_unit, participants, schedule  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_new_apel_cannot_be_scheduled_in_the_past(region_a, bkd_a, participants):
    with pytest.raises(ApelError, match="sudah lewat"):
        schedule(region_a, by=bkd_a, starts_in=-dt.timedelta(minutes=1))
    assert not Ceremony.objects.exists()


def test_participants_are_the_active_asn_of_the_units_when_scheduled(region_a, bkd_a, unit_a, participants):
    sub = WorkUnitFactory(region=region_a, parent=unit_a, name="SD Negeri 1")
    in_sub = EmployeeFactory(region=region_a, work_unit=sub)
    EmployeeFactory(region=region_a, work_unit=unit_a, is_active=False)
    elsewhere = EmployeeFactory(region=region_a)  # another unit
    EmployeeFactory(work_unit__region=region_a.parent)  # another region entirely

    ceremony = schedule(region_a, by=bkd_a, units=[unit_a])
    joined = set(ceremony.attendances.values_list("employee_id", flat=True))
    assert joined == {e.pk for e in participants} | {in_sub.pk}
    assert elsewhere.pk not in joined

    EmployeeFactory(region=region_a, work_unit=unit_a, name="Pegawai Baru")  # hired afterwards
    assert ceremony.attendances.count() == len(joined)  # fixed when scheduled


def test_all_units_takes_every_active_asn_of_the_region(region_a, bkd_a, participants, other_unit):
    ceremony = schedule(region_a, by=bkd_a)
    assert ceremony.attendances.count() == len(participants) + 1
    assert AuditEvent.objects.filter(action="netralitas.apel.scheduled", object_id=str(ceremony.pk)).exists()


def test_the_same_unit_cannot_have_two_apel_in_the_same_hour(region_a, bkd_a, unit_a, participants, other_unit):
    base = (timezone.now() + dt.timedelta(days=2)).replace(minute=0, second=0, microsecond=0)

    def at(minutes, **kwargs):
        return schedule(region_a, by=bkd_a, starts_at=base + dt.timedelta(minutes=minutes), **kwargs)

    first = at(0, units=[unit_a])
    with pytest.raises(ApelError, match="sudah punya apel pada jam itu"):
        at(45, units=[unit_a])
    with pytest.raises(ApelError):  # "all units" includes unit A
        at(-30)
    # Another unit at the same hour, or the same unit an hour later, is fine.
    at(0, units=[other_unit])
    at(60, units=[unit_a])
    # A cancelled apel frees its hour.
    ceremony_cancel(ceremony=first, reason="Hujan deras", by=bkd_a)
    at(0, units=[unit_a])


def test_another_regions_apel_does_not_clash(region_a, region_b, bkd_a, bkd_b, participants):
    EmployeeFactory(region=region_b)
    schedule(region_a, by=bkd_a, starts_in=dt.timedelta(hours=3))
    schedule(region_b, by=bkd_b, starts_in=dt.timedelta(hours=3))


def test_a_region_with_no_active_asn_in_the_units_is_told(region_a, bkd_a, unit_a):
    empty = WorkUnitFactory(region=region_a, name="Unit Kosong")
    with pytest.raises(ApelError, match="Tidak ada ASN aktif"):
        schedule(region_a, by=bkd_a, units=[empty])
    assert not Ceremony.objects.exists()


def test_times_are_entered_and_shown_on_the_regions_clock(region_a, bkd_a, participants):
    region_a.timezone = "Asia/Makassar"  # WITA, UTC+8
    region_a.save()
    wita = zoneinfo.ZoneInfo("Asia/Makassar")
    day = timezone.localdate() + dt.timedelta(days=3)
    ceremony = schedule(region_a, by=bkd_a, starts_at=dt.datetime.combine(day, dt.time(7, 30), tzinfo=wita))
    ceremony.refresh_from_db()
    assert ceremony.starts_at.utcoffset() == dt.timedelta(0)  # stored in UTC
    assert ceremony.starts_at.astimezone(dt.UTC).time() == dt.time(23, 30)  # the evening before, in UTC
    assert ceremony.local_start == dt.datetime.combine(day, dt.time(7, 30))
    assert str(ceremony).endswith("07:30 WITA)")


def test_an_apel_held_on_paper_is_recorded_in_the_past_without_notices(region_a, bkd_a, participants):
    starts = timezone.now() - dt.timedelta(days=30)
    ceremony = ceremony_record_held(
        region=region_a, election=election(), title="Apel Desember", starts_at=starts, place="Aula",
        officiant_name="", officiant_title="Bupati", ikrar_text="Ikrar", by=bkd_a,
    )  # fmt: skip
    assert ceremony.status == Ceremony.Status.HELD and ceremony.recorded_after
    assert ceremony.notice_due_at is None
    assert ceremony.attendances.filter(status=Attendance.Status.PENDING).count() == len(participants)
    with pytest.raises(ApelError, match="masa lalu"):
        ceremony_record_held(
            region=region_a, election=election(), title="Belum", starts_at=timezone.now() + dt.timedelta(hours=1),
            place="Aula", officiant_name="", officiant_title="Bupati", ikrar_text="Ikrar", by=bkd_a,
        )  # fmt: skip


def test_moving_an_apel_is_a_new_revision_due_for_a_notice(apel, bkd_a):
    before = apel.revision
    apel.notice_due_at = None
    Ceremony.objects.filter(pk=apel.pk).update(notice_due_at=None)
    ceremony_update(ceremony=apel, data={"place": "Lapangan Upacara"}, by=bkd_a)
    apel.refresh_from_db()
    assert apel.revision == before + 1 and apel.notice_due_at is not None
    event = AuditEvent.objects.filter(action="netralitas.apel.moved").last()
    assert event.before == {"place": "Halaman Kantor Bupati"} and event.after == {"place": "Lapangan Upacara"}
    # A new title is no move: no new revision, nobody notified.
    ceremony_update(ceremony=apel, data={"title": "Apel Gabungan"}, by=bkd_a)
    apel.refresh_from_db()
    assert apel.revision == before + 1


def test_an_apel_cannot_be_moved_into_the_past_or_onto_a_busy_hour(apel, region_a, bkd_a, other_unit):
    with pytest.raises(ApelError, match="sudah lewat"):
        ceremony_update(ceremony=apel, data={"starts_at": timezone.now() - dt.timedelta(minutes=5)}, by=bkd_a)
    other = schedule(region_a, by=bkd_a, units=[other_unit], starts_in=dt.timedelta(hours=5))
    with pytest.raises(ApelError, match="sudah punya apel"):
        ceremony_update(ceremony=other, data={"starts_at": apel.starts_at + dt.timedelta(minutes=30)}, by=bkd_a)
    with pytest.raises(ValueError, match="not editable"):
        ceremony_update(ceremony=apel, data={"status": "held"}, by=bkd_a)


def test_cancelling_needs_a_reason_and_happens_once(apel, bkd_a):
    with pytest.raises(ApelError, match="alasan"):
        ceremony_cancel(ceremony=apel, reason="  ", by=bkd_a)
    ceremony_cancel(ceremony=apel, reason="Bupati berhalangan", by=bkd_a)
    apel.refresh_from_db()
    assert apel.status == Ceremony.Status.CANCELLED and apel.cancel_reason == "Bupati berhalangan"
    with pytest.raises(ApelError, match="masih dijadwalkan"):
        ceremony_cancel(ceremony=apel, reason="lagi", by=bkd_a)
    with pytest.raises(ApelError, match="dibatalkan"):
        ceremony_update(ceremony=apel, data={"title": "x"}, by=bkd_a)


def test_an_apel_is_marked_held_only_once_it_started(apel, bkd_a):
    with pytest.raises(ApelError, match="belum dimulai"):
        ceremony_mark_held(ceremony=apel, by=bkd_a)
    ceremony_mark_held(ceremony=apel, by=bkd_a, now=apel.starts_at + dt.timedelta(minutes=40))
    apel.refresh_from_db()
    assert apel.status == Ceremony.Status.HELD and apel.notice_due_at is None


def test_people_are_added_and_removed_afterwards_audited(apel, region_a, region_b, bkd_a, participants):
    newcomer = EmployeeFactory(region=region_a, name="Gita Baru")
    foreign = EmployeeFactory(region=region_b)
    assert participants_add(ceremony=apel, employees=[newcomer, participants[0]], by=bkd_a) == 1
    assert apel.attendances.get(employee=newcomer).added_later
    with pytest.raises(ApelError):
        participants_add(ceremony=apel, employees=[foreign], by=bkd_a)
    row = apel.attendances.get(employee=participants[1])
    participant_remove(attendance=row, by=bkd_a)
    assert not apel.attendances.filter(employee=participants[1]).exists()
    event = AuditEvent.objects.get(action="netralitas.apel.participant_removed")
    assert event.before["nip"] == participants[1].nip
