"""The public report form and the receipt-code page: no login, bad input answered clearly, robots and floods
kept out (honeypot, 429), the code shown once and never in a URL, and nothing shown beyond what the reporter gave."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import EmployeeFactory, MembershipFactory
from violations.demo import minimal_pdf, photo_with_location
from violations.models import Report, Reporter, ViolationSettings
from violations.services.reports import report_message_add, report_open_cases

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_region(region_a):
    settings = ViolationSettings.for_region(region_a)
    settings.public_reports = True
    settings.save()
    return region_a


def form(region, **extra):
    data = {
        "region": region.pk, "reported_name": "Pak Budi", "reported_office": "SMP Negeri 1 Sekayu",
        "incident_date": "2024-10-20", "chronology": "Pak Budi memasang baliho paslon di pagar sekolah.",
        "reporter_name": "Warga Peduli", "reporter_contact": "0812-555-0101", "website": "",
    }  # fmt: skip
    data.update(extra)
    return data


def submit(client, data):
    return client.post(reverse("public_report"), data)


def test_a_report_gets_a_receipt_code_shown_once(client, open_region):
    response = submit(client, form(open_region, files=[SimpleUploadedFile("f.jpg", photo_with_location())]))
    assert response.status_code == 302 and response["Location"] == reverse("public_report_sent")
    page = client.get(response["Location"]).content.decode()
    report = Report.objects.get()
    code = page.split('id="receipt-code">')[1].split("<")[0].strip()
    assert len(code) == 14 and code not in response["Location"]
    assert code not in client.get(reverse("public_report_sent")).content.decode()  # shown once
    assert (report.source, report.via_public_form, report.status) == ("public", True, "new")
    assert report.reported_text == "Pak Budi — SMP Negeri 1 Sekayu" and report.cases.count() == 0
    assert report.evidence.get().redacted  # the GPS-free copy is kept beside the original
    assert Reporter.objects.get(report=report).name == "Warga Peduli"
    event = AuditEvent.objects.get(action="netralitas.report.created")
    assert event.ip is None and "Warga Peduli" not in str(event.payload()) and "0812" not in str(event.payload())


def test_bad_input_is_answered_with_messages_not_a_500(client, open_region, region_b):
    data = form(open_region, incident_date="2099-01-01", chronology="", links="javascript:alert(1)",
                files=[SimpleUploadedFile("x.jpg", minimal_pdf())])  # fmt: skip
    data["region"] = region_b.pk
    response = submit(client, data)
    body = response.content.decode()
    assert response.status_code == 400
    for text in ("masa depan", "isinya PDF", "bukan tautan yang sah", "pilihan yang valid"):
        assert text in body, text
    assert not Report.objects.exists()


def test_the_form_is_no_roster_directory(client, open_region, unit_a):
    EmployeeFactory(region=open_region, work_unit=unit_a, name="Pegawai Rahasia Roster")
    body = client.get(reverse("public_report")).content.decode()
    assert "Pegawai Rahasia Roster" not in body and "employee" not in body.lower()


def test_a_region_that_did_not_open_public_reports_is_not_offered(client, open_region, region_b):
    body = client.get(reverse("public_report")).content.decode()
    assert region_b.name not in body and open_region.name in body
    assert submit(client, form(region_b)).status_code == 400


def test_the_honeypot_keeps_robots_out_silently(client, open_region):
    response = submit(client, form(open_region, website="http://spam.example"))
    assert response.status_code == 302 and not Report.objects.exists()


def test_a_flood_from_one_address_gets_429(client, open_region, settings):
    settings.VIOLATIONS_PUBLIC_REPORT_RATE = (3, 3600)
    statuses = [submit(client, form(open_region)).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Report.objects.count() == 3
    other = client.post(reverse("public_report"), form(open_region), REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302  # another address is not held up


def test_guessing_receipt_codes_is_rate_limited(client, open_region, settings):
    settings.VIOLATIONS_RECEIPT_RATE = (5, 600)
    statuses = [client.post(reverse("public_status"), {"code": f"AAAA-BBBB-CC{i:02d}"}).status_code for i in range(7)]
    assert statuses[:5] == [400] * 5 and statuses[5:] == [429, 429]


@pytest.fixture
def reported(client, open_region, unit_a):
    submit(client, form(open_region))
    code = client.get(reverse("public_report_sent")).content.decode().split('id="receipt-code">')[1].split("<")[0]
    report = Report.objects.get()
    bkd = MembershipFactory(region=open_region, role="bkd").user
    employee = EmployeeFactory(region=open_region, work_unit=unit_a, name="Budi Santoso Roster")
    report_open_cases(report=report, employees=[employee], by=bkd)
    report_message_add(report=report, body="Di sekolah mana tepatnya?", by=bkd)
    return report, code.strip(), bkd


def test_the_status_page_reveals_nothing_beyond_what_the_reporter_gave(client, reported):
    report, code, bkd = reported
    body = client.post(reverse("public_status"), {"code": code.lower().replace("-", " ")}).content.decode()
    assert "Pak Budi — SMP Negeri 1 Sekayu" in body and "Di sekolah mana tepatnya?" in body
    for secret in ("Budi Santoso Roster", report.cases.get().employee.nip, report.cases.get().reference,
                   bkd.username, "Warga Peduli", "0812-555-0101"):  # fmt: skip
        assert secret not in body, secret
    assert "Sedang ditangani" in body


def test_the_reporter_answers_with_the_code_in_the_form_and_a_double_submit_adds_once(client, reported):
    report, code, _bkd = reported
    data = {"code": code, "body": "SMP Negeri 1, kelas 9.", "links": "https://instagram.com/p/abc"}
    first = client.post(reverse("public_status_message"), data)
    second = client.post(reverse("public_status_message"), data)
    assert first.status_code == second.status_code == 200
    assert report.messages.filter(from_reporter=True).count() == 1
    assert report.evidence.filter(kind="link", from_public=True).count() == 1


def test_a_wrong_code_on_the_follow_up_form_adds_nothing(client, reported):
    report, _code, _bkd = reported
    response = client.post(reverse("public_status_message"), {"code": "ZZZZ-ZZZZ-ZZZZ", "body": "spam"})
    assert response.status_code == 400 and report.messages.count() == 1


def test_the_receipt_code_is_never_stored(reported):
    report, code, _bkd = reported
    assert code not in str(Report.objects.filter(pk=report.pk).values().get())
    assert not AuditEvent.objects.filter(data__icontains=code).exists()


def test_an_old_date_is_still_accepted(client, open_region):
    assert submit(client, form(open_region, incident_date=str(dt.date(2024, 2, 1)))).status_code == 302
