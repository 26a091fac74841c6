# ruff: noqa: F811 — the fixtures come from apel_helpers, imported by name so pytest finds them
"""Staff marking attendance: one person, a whole unit, corrections audited, the owner never marks their own row."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from pledges.models import Attendance
from pledges.services.apel import ApelError, ceremony_cancel
from pledges.services.apel_attendance import attendance_mark, attendance_mark_unit
from tests.factories import MembershipFactory

from .apel_helpers import apel, other_unit, participants  # noqa: F401

pytestmark = pytest.mark.django_db
S = Attendance.Status


def row(ceremony, employee) -> Attendance:
    return Attendance.objects.select_related("ceremony__region").get(ceremony=ceremony, employee=employee)


def test_marking_then_correcting_is_audited_with_before_and_after(apel, bkd_a, participants):
    citra = row(apel, participants[1])
    assert attendance_mark(attendance=citra, status=S.SICK, note="Demam", by=bkd_a)
    assert not attendance_mark(attendance=row(apel, participants[1]), status=S.SICK, note="Demam", by=bkd_a)
    assert attendance_mark(attendance=row(apel, participants[1]), status=S.PRESENT, note="Datang terlambat", by=bkd_a)
    marked, corrected = AuditEvent.objects.filter(action__startswith="netralitas.apel.attendance_").order_by("seq")
    assert marked.action == "netralitas.apel.attendance_marked" and marked.after == {"status": "sakit", "note": "Demam"}
    assert corrected.action == "netralitas.apel.attendance_corrected"
    assert corrected.before == {"status": "sakit", "note": "Demam"}
    assert corrected.after == {"status": "hadir", "note": "Datang terlambat"}
    citra = row(apel, participants[1])
    assert citra.marked_by == bkd_a and citra.method == Attendance.Method.STAFF and citra.checked_in_at is not None


def test_a_stale_form_does_not_overwrite_a_newer_mark(apel, bkd_a, participants):
    seen = row(apel, participants[1])
    attendance_mark(attendance=row(apel, participants[1]), status=S.EXCUSED, by=bkd_a)  # another officer
    with pytest.raises(ApelError, match="baru saja diubah"):
        attendance_mark(attendance=seen, status=S.ABSENT, by=bkd_a)
    assert row(apel, participants[1]).status == S.EXCUSED


def test_a_whole_unit_is_marked_at_once_leaving_marks_already_made(apel, bkd_a, participants, unit_a):
    attendance_mark(attendance=row(apel, participants[1]), status=S.PRESENT, by=bkd_a)
    count = attendance_mark_unit(
        ceremony=apel, work_unit_id=unit_a.pk, status=S.OFFICIAL_DUTY, note="Bimtek di provinsi", by=bkd_a
    )
    assert count == len(participants) - 1
    assert row(apel, participants[1]).status == S.PRESENT
    assert row(apel, participants[2]).note == "Bimtek di provinsi"
    event = AuditEvent.objects.get(action="netralitas.apel.attendance_marked_unit")
    assert event.data["count"] == count
    with pytest.raises(ApelError):
        attendance_mark_unit(ceremony=apel, work_unit_id=None, status=S.PENDING, by=bkd_a)


def test_a_cancelled_apel_is_not_marked(apel, bkd_a, participants):
    ceremony_cancel(ceremony=apel, reason="Hujan", by=bkd_a)
    apel.refresh_from_db()
    with pytest.raises(ApelError, match="dibatalkan"):
        attendance_mark(attendance=row(apel, participants[1]), status=S.PRESENT, by=bkd_a)


def test_the_pages_mark_one_and_a_unit(client, apel, bkd_a, participants, unit_a):
    client.force_login(bkd_a)
    target = row(apel, participants[2])
    url = reverse("attendance_mark", args=[apel.pk, target.pk])
    response = client.post(url, {"status": "izin", "note": "Cuti", "back": "status=belum&evil=//x.com"})
    assert response.status_code == 302 and response["Location"].endswith("/kehadiran/?status=belum")
    assert row(apel, participants[2]).status == S.EXCUSED
    response = client.post(url, {"status": "liburan"})  # not a status
    assert response.status_code == 302 and row(apel, participants[2]).status == S.EXCUSED
    client.post(reverse("attendance_mark_unit", args=[apel.pk]), {"work_unit": "", "status": "tanpa_keterangan"})
    assert row(apel, participants[1]).status == S.ABSENT
    client.post(reverse("attendance_mark_unit", args=[apel.pk]), {"work_unit": "999999", "status": "hadir"})
    assert row(apel, participants[0]).status == S.ABSENT  # an unknown unit changes nothing


def test_an_officer_who_is_a_participant_cannot_mark_their_own_row(client, apel, region_a, participants):
    bob = participants[0].user
    MembershipFactory(user=bob, region=region_a, role="bkd")
    client.force_login(bob)
    own = row(apel, participants[0])
    response = client.post(reverse("attendance_mark", args=[apel.pk, own.pk]), {"status": "hadir"})
    assert response.status_code == 403
    assert row(apel, participants[0]).status == S.PENDING
    other = row(apel, participants[1])  # someone else's row: allowed
    client.post(reverse("attendance_mark", args=[apel.pk, other.pk]), {"status": "hadir"})
    assert row(apel, participants[1]).status == S.PRESENT


def test_a_row_of_another_apel_is_not_reachable_through_this_one(client, apel, region_a, bkd_a, participants):
    from .apel_helpers import schedule

    second = schedule(region_a, by=bkd_a, starts_in=dt.timedelta(days=2))
    foreign_row = row(second, participants[1])
    client.force_login(bkd_a)
    response = client.post(reverse("attendance_mark", args=[apel.pk, foreign_row.pk]), {"status": "hadir"})
    assert response.status_code == 404


def test_participants_are_added_by_nip_or_unit_and_removed(client, apel, bkd_a, region_a, other_unit, participants):
    from tests.factories import EmployeeFactory

    client.force_login(bkd_a)
    newcomer = EmployeeFactory(region=region_a, name="Indah Baru")
    url = reverse("participant_add", args=[apel.pk])
    client.post(url, {"nips": f"{newcomer.nip}, 199001012015031999"})
    assert apel.attendances.filter(employee=newcomer).exists()
    client.post(url, {"work_unit": other_unit.pk})
    assert apel.attendances.filter(work_unit=other_unit).count() == 1
    response = client.post(url, {"nips": "bukan-nip"}, follow=True)
    assert "Bukan NIP" in response.content.decode()
    removed = row(apel, newcomer)
    client.post(reverse("participant_remove", args=[apel.pk, removed.pk]))
    assert not apel.attendances.filter(employee=newcomer).exists()
