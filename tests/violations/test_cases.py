"""Staff intake, the reporter's confidentiality, the subject who is staff, the summons and the ASN's
statement, the overdue reminder (once per case per day) and the export."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from mailer.models import OutgoingEmail
from tests.factories import EmployeeFactory, MembershipFactory, UserFactory
from violations.demo import minimal_pdf, photo_with_location
from violations.models import Case, Report
from violations.services import notify
from violations.services.cases import case_transition, hearing_schedule
from violations.services.reports import ReporterData, report_create

pytestmark = pytest.mark.django_db
SECRET_NAME, SECRET_CONTACT = "Rahasia Pelaporwati", "0813-7777-1234"


@pytest.fixture
def people(region_a, unit_a):
    bkd = MembershipFactory(region=region_a, role="bkd", user__username="bkd.a", user__email="bkd.a@muba.go.id").user
    other_bkd = MembershipFactory(region=region_a, role="bkd", user__username="bkd.b", user__email="b@muba.go.id").user
    inspector = MembershipFactory(region=region_a, role="inspector").user
    head = MembershipFactory(region=region_a, role="head").user
    asn_user = UserFactory(username="budi.asn")
    budi = EmployeeFactory(
        region=region_a, work_unit=unit_a, user=asn_user, name="Budi Terlapor", email="budi@muba.go.id"
    )
    sari = EmployeeFactory(region=region_a, work_unit=unit_a, name="Sari Terlapor")
    return {"bkd": bkd, "other_bkd": other_bkd, "inspector": inspector, "head": head, "asn": asn_user,
            "budi": budi, "sari": sari}  # fmt: skip


def working_day_at_ten(region, working_days):
    """A hearing time that leaves the notice period: ``working_days`` working days ahead, 10:00 local."""
    import zoneinfo

    from people.workdays import add_working_days
    from violations.services.cases import region_today

    day = add_working_days(region.pk, region_today(region), working_days)
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=zoneinfo.ZoneInfo(region.timezone))


def intake(client, region, people, **extra):
    data = {
        "region": region.pk, "source": "bawaslu", "channel": "letter", "source_reference": "001/BWS/X/2024",
        "reporter_name": SECRET_NAME, "reporter_contact": SECRET_CONTACT, "reporter_organisation": "Bawaslu",
        "nips": f"{people['budi'].nip}\n{people['sari'].nip}", "incident_date": "2024-10-15",
        "chronology": "Keduanya memasang baliho paslon nomor urut 1 di depan kantor dinas.",
        "files": [SimpleUploadedFile("foto.jpg", photo_with_location())], "links": "https://fb.com/p/1",
    }  # fmt: skip
    data.update(extra)
    client.force_login(people["bkd"])
    return client.post(reverse("report_create"), data)


def test_a_report_naming_two_asn_opens_one_case_each(client, region_a, people):
    response = intake(client, region_a, people)
    report = Report.objects.get()
    assert response["Location"] == reverse("report_detail", args=[report.pk])
    assert sorted(c.employee.name for c in report.cases.all()) == ["Budi Terlapor", "Sari Terlapor"]
    assert report.suggestions[0]["code"] == "NTR-11"  # stored at intake, for the hit rate
    page = client.get(response["Location"]).content.decode()
    assert 'id="receipt-code"' in page
    assert 'id="receipt-code"' not in client.get(response["Location"]).content.decode()  # shown once
    case = report.cases.first()
    assert case.state == "received" and case.deadline is not None and case.officer == people["bkd"]


def test_an_unknown_nip_is_named_and_nothing_is_created(client, region_a, people):
    response = intake(client, region_a, people, nips="198501012010011999")
    assert response.status_code == 200 and "198501012010011999" in response.content.decode()
    assert not Report.objects.exists()


def test_only_bkd_and_inspector_open_the_reporter_and_each_opening_is_audited(client, region_a, people):
    intake(client, region_a, people)
    report = Report.objects.get()
    url = reverse("report_reporter", args=[report.pk])
    for who in ("bkd", "inspector", "inspector"):
        client.force_login(people[who])
        assert SECRET_NAME in client.get(url).content.decode()
    client.force_login(people["head"])
    assert client.get(url).status_code == 403
    assert SECRET_NAME not in client.get(reverse("report_detail", args=[report.pk])).content.decode()
    events = AuditEvent.objects.filter(action="netralitas.report.reporter_viewed")
    assert events.count() == 3


def test_the_identity_never_enters_the_audit_trail_an_export_or_an_email(client, region_a, people):
    intake(client, region_a, people)
    case = Case.objects.get(employee=people["budi"])
    client.force_login(people["bkd"])
    client.get(reverse("report_reporter", args=[case.report_id]))
    case = case_transition(case=case, action="start_verification", by=people["bkd"])
    case = case_transition(case=case, action="verify", by=people["bkd"])
    when = working_day_at_ten(region_a, 10)
    hearing_schedule(case=case, kind="clarification", scheduled_at=when, place="BKPSDM", by=people["bkd"])
    Case.objects.filter(pk=case.pk).update(deadline=dt.date(2024, 1, 1))
    notify.overdue_sweep()
    exports = [client.get(reverse(name)) for name in ("case_export_csv", "case_export_xlsx")]
    texts = [b"".join(r.streaming_content) if r.streaming else r.content for r in exports]
    assert b"Budi Terlapor" in texts[0]
    for blob in [*texts, *(str(e.payload()).encode() for e in AuditEvent.objects.all())]:
        assert SECRET_NAME.encode() not in blob and SECRET_CONTACT.encode() not in blob
    assert OutgoingEmail.objects.count() >= 3
    for email in OutgoingEmail.objects.all():
        assert SECRET_NAME not in email.body_text + email.body_html + email.subject


def test_a_subject_who_is_bkd_sees_neither_the_case_nor_its_reporter(client, region_a, people, unit_a):
    colleague = people["other_bkd"]
    EmployeeFactory(region=region_a, work_unit=unit_a, user=colleague, name="Kolega BKD")
    intake(client, region_a, people, nips=colleague.employee.nip)
    case = Case.objects.get()
    client.force_login(colleague)
    assert case.reference not in client.get(reverse("case_list")).content.decode()
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("report_detail", args=[case.report_id])).status_code == 404
    assert client.get(reverse("report_reporter", args=[case.report_id])).status_code == 404
    evidence = case.report.evidence.first()
    assert client.get(reverse("evidence_original", args=[evidence.pk])).status_code == 404
    assert (
        client.post(reverse("case_transition", args=[case.pk]), {"action": "withdraw", "note": "x"}).status_code == 404
    )
    assert client.get(reverse("my_case_detail", args=[case.pk])).status_code == 404  # not summoned yet
    Case.objects.filter(pk=case.pk).update(state="clarification", summoned_at=timezone.now())
    page = client.get(reverse("my_case_detail", args=[case.pk]))
    assert page.status_code == 200 and SECRET_NAME not in page.content.decode()
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 403
    assert notify.overdue_recipients(case) == [people["bkd"]]  # never the subject


def test_the_summons_is_emailed_without_a_credential_and_opens_the_asn_pages(
    client, region_a, people, django_capture_on_commit_callbacks
):
    intake(client, region_a, people, nips=people["budi"].nip)
    case = Case.objects.get()
    client.force_login(people["asn"])
    assert client.get(reverse("my_case_detail", args=[case.pk])).status_code == 404  # not before the summons
    for action in ("start_verification", "verify"):
        case = case_transition(case=case, action=action, by=people["bkd"])
    too_soon = timezone.now() + dt.timedelta(hours=20)
    with pytest.raises(Exception, match="hari kerja"):
        hearing_schedule(case=case, kind="clarification", scheduled_at=too_soon, place="BKD", by=people["bkd"])
    client.force_login(people["bkd"])
    when = working_day_at_ten(region_a, 8).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        data = {"hearing-kind": "clarification", "hearing-scheduled_at": when, "hearing-place": "Ruang BKPSDM"}
        response = client.post(reverse("case_hearing_add", args=[case.pk]), data)
    assert response.status_code == 302
    (message,) = [m for m in mail.outbox if "budi@muba.go.id" in m.to]
    assert case.reference in message.subject and "Ruang BKPSDM" in message.body
    assert "/akun/" not in message.body and reverse("my_case_detail", args=[case.pk]) in message.body
    client.force_login(people["asn"])
    assert case.reference in client.get(reverse("home")).content.decode()
    response = client.post(
        reverse("my_case_statement", args=[case.pk]),
        {"text": "Saya tidak memasang baliho itu.", "files": [SimpleUploadedFile("surat.pdf", minimal_pdf())]},
    )
    assert response.status_code == 302
    assert case.statements.get().text == "Saya tidak memasang baliho itu."
    assert case.documents.get(kind="statement").content_type == "application/pdf"
    # the ASN may read and answer, never act as staff on their own case
    assert (
        client.post(reverse("case_transition", args=[case.pk]), {"action": "withdraw", "note": "x"}).status_code == 403
    )


def test_the_overdue_reminder_goes_once_per_case_per_day(region_a, people, monkeypatch):
    report, _code, (case,) = report_create(
        region=region_a, source="internal", channel="phone", incident_date=dt.date(2024, 10, 1),
        chronology="Ikut kampanye paslon.", reporter=ReporterData(), employees=[people["sari"]], by=people["bkd"],
    )  # fmt: skip
    Case.objects.filter(pk=case.pk).update(deadline=dt.date(2024, 10, 10))
    from violations.services import cases

    day = dt.date(2024, 11, 4)
    monkeypatch.setattr(cases, "region_today", lambda region: day)
    assert notify.overdue_sweep() == 2  # the officer (bkd.a) and the region's other BKD officer
    assert notify.overdue_sweep() == 0  # the same day again: nothing
    assert notify.overdue_notify(case_id=case.pk, today=day) == 0  # a duplicate task: nothing
    rows = OutgoingEmail.objects.filter(kind="violations_overdue")
    assert sorted(rows.values_list("recipient", flat=True)) == ["b@muba.go.id", "bkd.a@muba.go.id"]
    day = dt.date(2024, 11, 5)
    assert notify.overdue_sweep() == 2  # the next day: again
    assert rows.count() == 4 and set(rows.values_list("day", flat=True)) == {dt.date(2024, 11, 4), day}
    case_transition(case=Case.objects.get(pk=case.pk), action="withdraw", by=people["bkd"], note="dicabut")
    day = dt.date(2024, 11, 6)
    assert notify.overdue_sweep() == 0  # a closed case is never overdue


def test_the_overdue_task_is_scheduled_daily():
    from core.jobs import periodic_jobs

    (job,) = [j for j in periodic_jobs() if j.name == "violations-overdue"]
    assert job.task == "violations.tasks.cases_remind_overdue_task" and job.seconds == 24 * 3600


def test_the_summons_letter_is_a_signed_verifiable_pdf_for_staff_and_the_asn(
    client, region_a, region_b, people, django_capture_on_commit_callbacks, tmp_path
):
    import shutil
    import subprocess

    from documents.models import IssuedDocument
    from tests.conftest import require

    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    intake(client, region_a, people, nips=people["budi"].nip)
    case = Case.objects.get()
    for action in ("start_verification", "verify"):
        case = case_transition(case=case, action=action, by=people["bkd"])
    when = working_day_at_ten(region_a, 9)
    with django_capture_on_commit_callbacks(execute=True):
        hearing = hearing_schedule(case=case, kind="clarification", scheduled_at=when, place="Aula BKPSDM",
                                   by=people["bkd"])  # fmt: skip
    document = IssuedDocument.objects.get(kind="violations.summons")  # issued by the task after commit
    client.force_login(people["asn"])
    response = client.get(reverse("my_hearing_letter", args=[hearing.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "panggilan.pdf"
    pdf.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("SURAT PANGGILAN", "Budi Terlapor", people["budi"].nip, case.reference, "Aula BKPSDM",
                     document.grouped_code):  # fmt: skip
        assert expected in text, expected
    assert SECRET_NAME not in text
    client.force_login(people["head"])
    assert client.get(reverse("hearing_letter", args=[hearing.pk])).status_code == 200
    client.force_login(MembershipFactory(region=region_b, role="bkd").user)
    assert client.get(reverse("hearing_letter", args=[hearing.pk])).status_code == 404
    assert IssuedDocument.objects.filter(kind="violations.summons").count() == 1  # the same letter every time


def test_a_hearing_is_never_set_on_a_weekend_or_holiday(region_a, people):
    from django.core.exceptions import ValidationError

    case = Case.objects.create(
        region=region_a, report=report_create(
            region=region_a, source="internal", channel="phone", incident_date=dt.date(2024, 10, 1),
            chronology="x", reporter=ReporterData(), by=people["bkd"])[0],
        employee=people["sari"], state="clarification", state_entered_at=timezone.now(),
    )  # fmt: skip
    day = working_day_at_ten(region_a, 10)
    saturday = day + dt.timedelta(days=(5 - day.weekday()) % 7 or 7)
    with pytest.raises(ValidationError, match="bukan hari kerja"):
        hearing_schedule(case=case, kind="clarification", scheduled_at=saturday, place="BKD", by=people["bkd"])
    assert not case.hearings.exists()
