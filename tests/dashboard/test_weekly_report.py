"""The weekly report: made once per region and week, issued as a verifiable PDF through documents, announced to
each head once through the outbox with a link (no attachment), readable only within the region."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from dashboard.models import WeeklyReport
from dashboard.weekly import WEEKLY_REPORT, weekly_report_issue
from documents.models import IssuedDocument
from documents.services import document_verify_code
from mailer.models import OutgoingEmail
from tests.conftest import require
from tests.dashboard.figures_world import build
from tests.factories import MembershipFactory, UserFactory

MONDAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def document_dirs(settings, tmp_path):
    settings.DOCUMENT_KEYS_DIR = tmp_path / "keys"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def heads(region_a):
    return [
        MembershipFactory(region=region_a, role="head", user__username="bupati").user,
        MembershipFactory(region=region_a, role="head", user__username="wakil", user__email="").user,
    ]


@pytest.fixture
def world(region_a, region_b):
    return build(region_a, region_b, today=MONDAY - dt.timedelta(days=1))


def test_monday_makes_last_weeks_report_once_and_announces_it_once(
    heads, region_a, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = weekly_report_issue(today=MONDAY)
    assert [(r.region_id, r.week_start) for r in made] == [(region_a.pk, dt.date(2026, 11, 23))]
    report = made[0]
    assert report.figures["week_reports"] == 2
    assert {s["label"]: s["value"] for s in report.figures["headline"]}["Kasus"] == 3
    mails = OutgoingEmail.objects.filter(kind="dashboard_weekly_report")
    assert [m.recipient for m in mails] == [heads[0].email]  # the second head has no address
    mail = mails.get()
    link = reverse("weekly_report_detail", kwargs={"weekly_report_id": report.pk})
    assert link in mail.body_text and link in mail.body_html
    assert "Content-Disposition" not in mail.body_text and not mail.credential
    document = IssuedDocument.objects.get(kind=WEEKLY_REPORT)
    assert document_verify_code(document.code).document == document

    with django_capture_on_commit_callbacks(execute=True):
        assert weekly_report_issue(today=MONDAY + dt.timedelta(days=1)) == []  # a later run the same week
    assert WeeklyReport.objects.count() == 1 and mails.count() == 1
    assert IssuedDocument.objects.filter(kind=WEEKLY_REPORT).count() == 1


def test_the_pdf_holds_the_figures(client, heads, world, django_capture_on_commit_callbacks):
    require(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    with django_capture_on_commit_callbacks(execute=True):
        report = weekly_report_issue(today=MONDAY)[0]
    client.force_login(heads[0])
    page = client.get(reverse("weekly_report_detail", args=[report.pk]))
    assert page.status_code == 200 and "Dinas Pendidikan" in page.content.decode()
    response = client.get(reverse("weekly_report_pdf", args=[report.pk]))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    text = text.decode()
    assert "LAPORAN MINGGUAN NETRALITAS ASN" in text and "Dinas Pendidikan" in text


def test_another_region_cannot_read_it(client, heads, region_b, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = weekly_report_issue(today=MONDAY)[0]
    outsider = MembershipFactory(region=region_b, role="head", user=UserFactory(username="bupati.b")).user
    client.force_login(outsider)
    assert client.get(reverse("weekly_report_detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("weekly_report_pdf", args=[report.pk])).status_code == 404
    assert "Dinas Pendidikan" not in client.get(reverse("weekly_report_list")).content.decode()
