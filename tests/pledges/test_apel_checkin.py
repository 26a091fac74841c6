# ruff: noqa: F811 — the fixtures come from apel_helpers, imported by name so pytest finds them
"""Check-in by the presenter's QR (the ASN's phone) and by the staff scanner (personal QR or typed NIP)."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from core.redaction import redact
from pledges.models import ApelSettings, Attendance, Ceremony
from pledges.services import apel_checkin
from pledges.services.apel import ceremony_cancel
from pledges.services.apel_checkin import attendance_check_in, checkin_token, personal_code
from tests.conftest import require
from tests.factories import EmployeeFactory, MembershipFactory, UserFactory

from .apel_helpers import apel, election, other_unit, participants  # noqa: F401

pytestmark = pytest.mark.django_db
PASSWORD = "rahasia-uji-123"


def link(ceremony, now=None):
    return reverse("apel_checkin_open", args=[checkin_token(ceremony_id=ceremony.pk, now=now)])


def row(ceremony, employee) -> Attendance:
    return Attendance.objects.get(ceremony=ceremony, employee=employee)


def checkins():
    return AuditEvent.objects.filter(action="netralitas.apel.checked_in")


def test_the_link_is_judged_before_login_and_survives_it(client, apel, asn_a):
    response = client.get(link(apel))
    assert response.status_code == 302 and response["Location"] == reverse("apel_checkin")
    response = client.get(reverse("apel_checkin"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    response = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("apel_checkin"))
    assert (
        page.status_code == 200 and "Konfirmasi hadir" in page.content.decode() and apel.title in page.content.decode()
    )
    assert row(apel, asn_a.employee).status == Attendance.Status.PENDING  # a GET records nothing
    done = client.post(reverse("apel_checkin"))
    assert done.status_code == 302 and done["Location"].startswith(reverse("apel_checkin_done"))
    assert "Anda tercatat hadir" in client.get(done["Location"]).content.decode()
    attendance = row(apel, asn_a.employee)
    assert attendance.status == Attendance.Status.PRESENT and attendance.method == Attendance.Method.SELF_QR
    assert attendance.checked_in_at is not None and attendance.marked_by is None
    event = checkins().get()
    assert event.actor_id == asn_a.pk and event.region_id == apel.region_id


def test_a_slow_login_is_not_defeated_by_the_rotation(client, apel, asn_a, monkeypatch):
    client.get(link(apel))
    later = time.time() + 5 * 60  # the token itself died four minutes ago
    monkeypatch.setattr(apel_checkin.time, "time", lambda: later)
    client.force_login(asn_a)
    client.post(reverse("apel_checkin"))
    assert row(apel, asn_a.employee).status == Attendance.Status.PRESENT


def test_a_link_parked_too_long_ago_must_be_scanned_again(client, apel, asn_a, monkeypatch):
    client.get(link(apel))
    later = time.time() + apel_checkin.PARKED_SECONDS + 60
    monkeypatch.setattr(apel_checkin.time, "time", lambda: later)
    client.force_login(asn_a)
    response = client.post(reverse("apel_checkin"))
    assert "Pindai kode QR" in response.content.decode()
    assert row(apel, asn_a.employee).status == Attendance.Status.PENDING


def test_a_photo_of_an_expired_qr_does_not_work(client, apel, asn_a):
    client.force_login(asn_a)
    response = client.get(link(apel, now=time.time() - 120))
    assert response.status_code == 200 and "kedaluwarsa" in response.content.decode()
    assert "_netralitas_apel_checkin" not in client.session
    client.post(reverse("apel_checkin"))
    assert row(apel, asn_a.employee).status == Attendance.Status.PENDING


def test_a_forged_token_is_refused_without_a_500(client, apel, asn_a):
    for token in ("1.1:1:forged", "x" * 300, f"{apel.pk}.99999999:abc:def", "%00", "..%2F"):
        response = client.get(reverse("apel_checkin_open", args=[token]))
        assert response.status_code == 200 and "tidak sah" in response.content.decode()


def test_checking_in_twice_changes_nothing(client, apel, asn_a):
    client.force_login(asn_a)
    client.get(link(apel))
    client.post(reverse("apel_checkin"))
    first = row(apel, asn_a.employee).checked_in_at
    client.get(link(apel))
    assert "sudah tercatat hadir" in client.get(reverse("apel_checkin")).content.decode()
    response = client.post(reverse("apel_checkin"), follow=True)
    assert "Anda sudah tercatat hadir" in response.content.decode()
    assert row(apel, asn_a.employee).checked_in_at == first
    assert checkins().count() == 1


def test_an_asn_who_is_not_a_participant_is_told_so(client, apel, region_a, region_b, other_unit):
    outsider = UserFactory(username="fajar")
    EmployeeFactory(region=region_a, user=outsider, is_active=True)  # joined after the apel was scheduled
    client.force_login(outsider)
    client.get(link(apel))
    page = client.post(reverse("apel_checkin")).content.decode()
    assert "tidak terdaftar sebagai peserta" in page
    foreigner = UserFactory(username="oki.asn")
    EmployeeFactory(region=region_b, user=foreigner)
    client.force_login(foreigner)
    client.get(link(apel))
    page = client.get(reverse("apel_checkin")).content.decode()
    assert "tidak terdaftar sebagai peserta" in page and apel.title not in page and apel.place not in page
    assert not checkins().exists()


def test_a_staff_account_without_an_employee_is_told(client, apel, bkd_a):
    client.force_login(bkd_a)
    client.get(link(apel))
    assert "tidak terhubung dengan data ASN" in client.get(reverse("apel_checkin")).content.decode()


def test_the_window_is_judged_when_the_link_is_opened(client, region_a, bkd_a, participants, asn_a):
    from .apel_helpers import schedule

    later = schedule(region_a, by=bkd_a, starts_in=dt.timedelta(hours=2))
    client.force_login(asn_a)
    response = client.get(link(later))
    assert "belum dibuka" in response.content.decode()
    settings = ApelSettings.for_region(region_a)
    settings.checkin_opens_minutes = 180  # the region opens check-in three hours ahead
    settings.save()
    assert client.get(link(later)).status_code == 302
    client.post(reverse("apel_checkin"))
    assert row(later, asn_a.employee).status == Attendance.Status.PRESENT


def test_check_in_is_closed_after_the_window(client, region_a, participants, asn_a):
    past = Ceremony.objects.create(
        region=region_a, election=election(), title="Apel Tadi Pagi", place="Aula", officiant_title="Bupati",
        starts_at=timezone.now() - dt.timedelta(minutes=61),
    )  # fmt: skip
    Attendance.objects.create(ceremony=past, employee=asn_a.employee, work_unit=asn_a.employee.work_unit)
    client.force_login(asn_a)
    assert "sudah ditutup" in client.get(link(past)).content.decode()


def test_a_cancelled_apel_takes_no_check_in(client, apel, asn_a, bkd_a):
    client.force_login(asn_a)
    client.get(link(apel))
    ceremony_cancel(ceremony=apel, reason="Hujan", by=bkd_a)
    assert "dibatalkan" in client.post(reverse("apel_checkin")).content.decode()
    assert row(apel, asn_a.employee).status == Attendance.Status.PENDING


def test_the_token_stays_out_of_request_logs(apel):
    token = checkin_token(ceremony_id=apel.pk)
    line = f'"GET /apel/hadir/{token}/ HTTP/1.1" 302 0'
    assert token not in redact(line) and "/apel/hadir/[redacted]/" in redact(line)
    for plain in ('"GET /apel/hadir/ HTTP/1.1" 200 512', '"GET /apel/hadir/selesai/ HTTP/1.1" 200 512'):
        assert redact(plain) == plain


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_check_ins_record_one(apel_for_threads):
    require(connection.vendor == "postgresql", "concurrent check-ins need PostgreSQL's row locks")
    ceremony, employee = apel_for_threads
    barrier = threading.Barrier(4)
    results = []

    def check_in():
        barrier.wait()
        try:
            attendance = Attendance.objects.select_related("ceremony").get(ceremony=ceremony, employee=employee)
            results.append(attendance_check_in(attendance=attendance))
        finally:
            connection.close()

    threads = [threading.Thread(target=check_in) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert checkins().count() == 1


@pytest.fixture
def apel_for_threads(transactional_db, region_a, unit_a, asn_a):
    ceremony = Ceremony.objects.create(
        region=region_a, election=election(), title="Apel", place="Aula", officiant_title="Bupati",
        starts_at=timezone.now() + dt.timedelta(minutes=5),
    )  # fmt: skip
    Attendance.objects.create(ceremony=ceremony, employee=asn_a.employee, work_unit=unit_a)
    return ceremony, asn_a.employee


# --- the staff scanner --------------------------------------------------------------------------------------


def scan(client, ceremony, htmx=True, **data):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("ceremony_scanner", args=[ceremony.pk]), data, **headers)


def test_staff_scan_a_personal_qr_and_are_recorded_as_the_officer(client, apel, bkd_a, participants):
    client.force_login(bkd_a)
    citra = participants[1]
    response = scan(client, apel, code=personal_code(citra))
    assert response.status_code == 200 and "Citra Lestari" in response.content.decode()
    attendance = row(apel, citra)
    assert attendance.status == Attendance.Status.PRESENT and attendance.method == Attendance.Method.CARD
    assert attendance.marked_by == bkd_a
    assert checkins().get().actor_id == bkd_a.pk
    again = scan(client, apel, code=personal_code(citra)).content.decode()
    assert "sudah tercatat hadir" in again and checkins().count() == 1


def test_staff_type_a_nip_when_the_camera_cannot_be_used(client, apel, bkd_a, participants):
    client.force_login(bkd_a)
    dedi = participants[2]
    spaced = f"{dedi.nip[:8]} {dedi.nip[8:14]} {dedi.nip[14]} {dedi.nip[15:]}"
    scan(client, apel, htmx=False, nip=spaced)
    attendance = row(apel, dedi)
    assert attendance.method == Attendance.Method.NIP and attendance.marked_by == bkd_a


def test_the_scanner_refuses_what_it_should(client, apel, bkd_a, region_b, other_unit, participants):
    client.force_login(bkd_a)
    foreign = EmployeeFactory(region=region_b, name="Warga Oki Lain")
    cases = {
        "bukan QR pribadi": {"code": "https://example.com/promo"},
        "Tidak ada peserta": {"code": personal_code(foreign)},
        "18 angka": {"nip": "12345"},
        "Pindai QR pribadi ASN atau ketik": {},
    }
    for message, data in cases.items():
        body = scan(client, apel, **data).content.decode()
        assert message in body, (message, body)
        assert "Warga Oki Lain" not in body
    late = EmployeeFactory(region=apel.region, work_unit=other_unit, name="Belum Peserta")
    assert "Tidak ada peserta" in scan(client, apel, nip=late.nip).content.decode()
    assert not checkins().exists()


def test_an_officer_cannot_mark_their_own_attendance(client, apel, region_a, participants):
    bob = participants[0].user
    MembershipFactory(user=bob, region=region_a, role="bkd")  # Bob is also a BKD officer
    client.force_login(bob)
    body = scan(client, apel, code=personal_code(participants[0])).content.decode()
    assert "Kehadiran Anda sendiri" in body
    assert "Kehadiran Anda sendiri" in scan(client, apel, nip=participants[0].nip).content.decode()
    assert row(apel, participants[0]).status == Attendance.Status.PENDING


def test_the_scanner_keeps_to_the_window(client, region_a, bkd_a, participants):
    past = Ceremony.objects.create(
        region=region_a, election=election(), title="Apel Kemarin", place="Aula", officiant_title="Bupati",
        starts_at=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip
    Attendance.objects.create(ceremony=past, employee=participants[1], work_unit=participants[1].work_unit)
    client.force_login(bkd_a)
    assert "sudah ditutup" in scan(client, past, code=personal_code(participants[1])).content.decode()
    assert row(past, participants[1]).status == Attendance.Status.PENDING


def test_the_result_page_shows_only_ones_own_record(client, apel, asn_a, region_b):
    client.force_login(asn_a)
    client.get(link(apel))
    client.post(reverse("apel_checkin"))
    url = reverse("apel_checkin_done")
    assert "Anda tercatat hadir" in client.get(url, {"apel": apel.pk, "baru": "1"}).content.decode()
    other = UserFactory(username="oki.lain")
    EmployeeFactory(region=region_b, user=other)
    client.force_login(other)
    for query in ({"apel": apel.pk}, {"apel": "x"}, {}):
        page = client.get(url, query).content.decode()
        assert "Pindai kode QR" in page and apel.title not in page
