# ruff: noqa: F811 — the fixtures come from apel_helpers, imported by name so pytest finds them
"""The apel pages as staff and ASN use them: scheduling in the region's zone, lists, calendar, presenter, cards,
the ASN's own page, the berita acara; bad input answers with a message, never a 500."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pledges.models import Ceremony
from pledges.services.apel import ceremony_mark_held
from pledges.services.apel_attendance import attendance_mark
from pledges.services.apel_checkin import checkin_token_read
from tests.factories import WorkUnitFactory

from .apel_helpers import apel, election, other_unit, participants, schedule  # noqa: F401

pytestmark = pytest.mark.django_db


def form_data(region, **overrides):
    day = timezone.localdate() + dt.timedelta(days=10)
    data = {
        "region": region.pk,
        "election": election().pk,
        "title": "Apel Netralitas Desember",
        "date": day.isoformat(),
        "time": "07:30",
        "place": "Lapangan Kantor Bupati",
        "units_mode": "all",
        "officiant_name": "Drs. H. Uji",
        "officiant_title": "",
        "ikrar_text": "Kami berikrar.",
    }
    return {**data, **overrides}


def test_staff_schedule_an_apel_in_their_regions_own_time(client, region_a, bkd_a, participants):
    region_a.timezone = "Asia/Makassar"
    region_a.save()
    client.force_login(bkd_a)
    response = client.post(reverse("ceremony_create"), form_data(region_a))
    ceremony = Ceremony.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ceremony_detail", args=[ceremony.pk])
    assert ceremony.local_start.time() == dt.time(7, 30)
    assert ceremony.starts_at.astimezone(dt.UTC).time() == dt.time(23, 30)
    assert ceremony.officiant_title == region_a.head_title  # left empty: the head's office
    page = client.get(reverse("ceremony_detail", args=[ceremony.pk])).content.decode()
    assert "pukul 07:30 WITA" in page


def test_the_form_refuses_bad_input_with_messages(client, region_a, region_b, bkd_a, participants):
    client.force_login(bkd_a)
    foreign_unit = WorkUnitFactory(region=region_b)
    cases = [
        (form_data(region_a, date=(timezone.localdate() - dt.timedelta(days=1)).isoformat()), "sudah lewat"),
        (form_data(region_a, date="31-02-2026"), "Masukkan"),
        (form_data(region_a, units_mode="chosen"), "Pilih setidaknya satu unit"),
        (form_data(region_a, units_mode="chosen", work_units=[foreign_unit.pk]), "pilihan yang valid"),
        (form_data(region_b), "pilihan yang valid"),  # another region's apel
        (form_data(region_a, ikrar_text="x" * 5001), "paling banyak 5000 karakter"),
    ]
    for data, message in cases:
        response = client.post(reverse("ceremony_create"), data)
        assert response.status_code == 200 and message in response.content.decode(), message
    assert not Ceremony.objects.exists()


def test_an_apel_held_on_paper_is_recorded_from_the_form(client, region_a, bkd_a, participants):
    client.force_login(bkd_a)
    past = (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    response = client.post(reverse("ceremony_create"), form_data(region_a, date=past, already_held="on"))
    ceremony = Ceremony.objects.get()
    assert ceremony.status == Ceremony.Status.HELD and ceremony.notice_due_at is None
    assert response["Location"] == reverse("attendance_list", args=[ceremony.pk])


def test_list_calendar_and_detail(client, apel, bkd_a, head_a):
    client.force_login(bkd_a)
    assert apel.title in client.get(reverse("ceremony_list")).content.decode()
    month = f"{apel.local_start:%Y-%m}"
    assert apel.title in client.get(reverse("ceremony_calendar"), {"bulan": month}).content.decode()
    for bad in ("2026-13", "abc", "99999-1"):
        response = client.get(reverse("ceremony_calendar"), {"bulan": bad})
        assert response.status_code == 200 and "Bulan tidak dikenal" in response.content.decode()
    detail = client.get(reverse("ceremony_detail", args=[apel.pk])).content.decode()
    assert "Layar QR check-in" in detail and "1 peserta tanpa alamat email" in detail
    client.force_login(head_a)  # reads, does not act
    detail = client.get(reverse("ceremony_detail", args=[apel.pk])).content.decode()
    assert "Layar QR check-in" not in detail and "Batalkan" not in detail


def test_the_presenter_shows_a_qr_of_a_live_token_and_the_count(client, apel, bkd_a, participants):
    client.force_login(bkd_a)
    body = client.get(reverse("ceremony_presenter_qr", args=[apel.pk])).content.decode()
    url = re.search(r'data-url="([^"]+)"', body).group(1)
    token = url.rsplit("/hadir/", 1)[1].strip("/")
    assert checkin_token_read(token) == apel.pk
    assert "<svg" in body and 'id="live-count">0<' in body
    attendance_mark(attendance=apel.attendances.select_related("ceremony__region").first(), status="hadir", by=bkd_a)
    assert 'id="live-count">1<' in client.get(reverse("ceremony_presenter_qr", args=[apel.pk])).content.decode()


def test_the_presenter_shows_no_qr_outside_the_window(client, region_a, bkd_a, participants):
    later = schedule(region_a, by=bkd_a, starts_in=dt.timedelta(hours=5))
    client.force_login(bkd_a)
    body = client.get(reverse("ceremony_presenter", args=[later.pk])).content.decode()
    assert "data-url=" not in body and "Check-in dibuka pukul" in body


def test_the_asn_sees_their_apel_and_personal_qr(client, apel, asn_a, bkd_a):
    client.force_login(asn_a)
    page = client.get(reverse("my_apel")).content.decode()
    assert apel.title in page and apel.place in page and "QR pribadi Anda" in page
    assert f"pukul {apel.local_start:%H:%M} WIB" in page
    home = client.get(reverse("home")).content.decode()
    assert 'id="apel.asn"' in home and apel.title in home
    ceremony_mark_held(ceremony=apel, by=bkd_a, now=apel.starts_at + dt.timedelta(hours=3))
    Ceremony.objects.filter(pk=apel.pk).update(starts_at=timezone.now() - dt.timedelta(days=1))
    attendance_mark(
        attendance=apel.attendances.select_related("ceremony__region").get(employee=asn_a.employee),
        status="sakit",
        by=bkd_a,
    )
    history = client.get(reverse("my_apel")).content.decode()
    assert 'id="my-history"' in history and "Sakit" in history


def test_a_user_without_an_employee_has_no_apel_page(client, bkd_a):
    client.force_login(bkd_a)
    assert client.get(reverse("my_apel")).status_code == 404


def test_home_cards_for_bkd_and_head(client, apel, bkd_a, head_a, participants):
    client.force_login(bkd_a)
    home = client.get(reverse("home")).content.decode()
    assert 'id="apel.bkd"' in home and apel.title in home
    assert 'id="apel.head"' not in home
    client.force_login(head_a)
    assert 'id="apel.head"' not in client.get(reverse("home")).content.decode()  # nothing held yet
    for employee in participants[:3]:
        row = apel.attendances.select_related("ceremony__region").get(employee=employee)
        attendance_mark(attendance=row, status="hadir", by=bkd_a)
    ceremony_mark_held(ceremony=apel, by=bkd_a, now=apel.starts_at + dt.timedelta(minutes=30))
    home = client.get(reverse("home")).content.decode()
    assert 'id="apel.head"' in home and 'id="apel-last-percent">75%<' in home


def test_the_card_sheet_prints_personal_qr_of_a_unit(client, apel, bkd_a, unit_a, region_b, participants):
    client.force_login(bkd_a)
    page = client.get(reverse("apel_card_sheet"), {"unit": unit_a.pk}).content.decode()
    assert participants[1].display_name in page and participants[1].nip in page and page.count("<svg") >= 4
    foreign = WorkUnitFactory(region=region_b)
    for bad in (foreign.pk, "abc", "99999999"):
        response = client.get(reverse("apel_card_sheet"), {"unit": bad})
        assert response.status_code == 200 and "tidak ditemukan" in response.content.decode()


def test_a_big_units_card_sheet_says_it_is_cut(client, bkd_a, unit_a, participants, monkeypatch):
    from pledges.selectors import apel as selectors

    monkeypatch.setattr(selectors, "CARD_SHEET_LIMIT", 2)
    client.force_login(bkd_a)
    page = client.get(reverse("apel_card_sheet"), {"unit": unit_a.pk}).content.decode()
    assert 'id="card-sheet-truncated"' in page and "punya 4 ASN aktif" in page


def test_the_berita_acara_lists_everyone_with_their_status(client, apel, bkd_a, participants):
    rows = {a.employee_id: a for a in apel.attendances.select_related("ceremony__region")}
    attendance_mark(attendance=rows[participants[1].pk], status="izin", note="Keluarga sakit", by=bkd_a)
    client.force_login(bkd_a)
    page = client.get(reverse("ceremony_report", args=[apel.pk])).content.decode()
    for employee in participants:
        assert employee.display_name in page and employee.nip in page
    assert "Keluarga sakit" in page and "Kami berikrar." in page and "BERITA ACARA" in page


def test_staff_edit_and_cancel_through_the_pages(client, apel, bkd_a):
    client.force_login(bkd_a)
    edit = client.get(reverse("ceremony_edit", args=[apel.pk])).content.decode()
    assert f'value="{apel.local_start:%H:%M}"' in edit
    data = {
        "election": apel.election_id,
        "title": "Apel Gabungan",
        "date": f"{apel.local_start:%Y-%m-%d}",
        "time": f"{apel.local_start:%H:%M}",
        "place": apel.place,
        "officiant_name": "",
        "officiant_title": "Sekda",
        "ikrar_text": "Ikrar baru",
    }
    assert client.post(reverse("ceremony_edit", args=[apel.pk]), data).status_code == 302
    apel.refresh_from_db()
    assert apel.title == "Apel Gabungan" and apel.revision == 1  # same time and place: no move
    assert client.post(reverse("ceremony_cancel", args=[apel.pk]), {"reason": ""}).status_code == 200
    client.post(reverse("ceremony_cancel", args=[apel.pk]), {"reason": "Hujan lebat"})
    apel.refresh_from_db()
    assert apel.status == Ceremony.Status.CANCELLED


def test_the_election_list_shows_the_dates_that_matter(client, bkd_a):
    client.force_login(bkd_a)
    page = client.get(reverse("election_list")).content.decode()
    assert "Pilkada Serentak 2024" in page and "22 Sep 2024" in page and "27 Nov 2024" in page
