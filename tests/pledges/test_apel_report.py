# ruff: noqa: F811 — the fixtures come from apel_helpers, imported by name so pytest finds them
"""The berita acara as a PDF of the documents app: it lists every participant with their status (read back with
pdftotext), verifies on the public page without naming anyone, and a correction is a new version."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from documents.models import IssuedDocument
from documents.services import document_verify_code
from pledges.models import Attendance
from pledges.services.apel import ceremony_mark_held
from pledges.services.apel_attendance import attendance_mark
from pledges.services.apel_report import KIND
from tests.conftest import require

from .apel_helpers import apel, participants  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def document_dirs(settings, tmp_path):
    settings.DOCUMENT_KEYS_DIR = tmp_path / "keys"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def held(apel, bkd_a, participants):
    """The apel after it took place: Bob present by QR, Citra sick, Dedi on duty, Eka not recorded."""
    rows = {a.employee_id: a for a in apel.attendances.select_related("ceremony__region")}
    attendance_mark(attendance=rows[participants[0].pk], status="hadir", by=bkd_a)
    attendance_mark(attendance=rows[participants[1].pk], status="sakit", note="Surat dokter", by=bkd_a)
    attendance_mark(attendance=rows[participants[2].pk], status="dinas_luar", by=bkd_a)
    ceremony_mark_held(ceremony=apel, by=bkd_a, now=apel.starts_at + dt.timedelta(hours=1))
    apel.refresh_from_db()
    return apel


def issue(client, ceremony, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("ceremony_report_issue", args=[ceremony.pk]), follow=True)


def pdf_text(document: IssuedDocument) -> str:
    require(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", document.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_berita_acara_lists_every_participant_with_their_status(
    client, held, bkd_a, participants, django_capture_on_commit_callbacks
):
    client.force_login(bkd_a)
    issue(client, held, django_capture_on_commit_callbacks)
    document = IssuedDocument.objects.get(kind=KIND)
    text = pdf_text(document)
    expected = {participants[0]: "Hadir", participants[1]: "Sakit", participants[2]: "Dinas luar"}
    expected[participants[3]] = "Belum dicatat"
    lines = text.splitlines()
    for employee, status in expected.items():
        (line,) = [ln for ln in lines if employee.nip in ln]
        assert status in line and employee.name in line, line
    assert "Surat dokter" in text and "Kami berikrar." in text and "BERITA ACARA" in text
    assert held.officiant_name in text and held.officiant_title in text
    assert document.grouped_code in text and "Halaman 1 dari" in text  # the documents app's footer


def test_it_verifies_publicly_without_naming_anyone(
    client, held, bkd_a, participants, django_capture_on_commit_callbacks
):
    client.force_login(bkd_a)
    issue(client, held, django_capture_on_commit_callbacks)
    document = IssuedDocument.objects.get(kind=KIND)
    answer = document_verify_code(document.code)
    assert answer.status == "genuine"
    facts = " ".join(f"{label} {value}" for label, value in answer.facts)
    assert "Berita acara apel" in facts
    assert not any(p.name in facts or p.nip in facts for p in participants)


def test_a_correction_is_published_as_a_new_version(
    client, held, bkd_a, participants, django_capture_on_commit_callbacks
):
    client.force_login(bkd_a)
    issue(client, held, django_capture_on_commit_callbacks)
    response = issue(client, held, django_capture_on_commit_callbacks)  # nothing changed
    assert "sudah memuat data terbaru" in response.content.decode()
    assert IssuedDocument.objects.filter(kind=KIND).count() == 1

    eka = held.attendances.select_related("ceremony__region").get(employee=participants[3])
    attendance_mark(attendance=eka, status="izin", note="Menyusul surat izin", by=bkd_a)
    page = client.get(reverse("ceremony_report", args=[held.pk])).content.decode()
    assert 'id="ba-stale"' in page
    issue(client, held, django_capture_on_commit_callbacks)
    first, second = IssuedDocument.objects.filter(kind=KIND).order_by("version")
    assert second.version == 2 and second.replaces == first
    line = next(ln for ln in pdf_text(second).splitlines() if participants[3].nip in ln)
    assert "Izin" in line
    assert document_verify_code(first.code).status == "superseded"
    download = client.get(reverse("ceremony_report_download", args=[held.pk]), {"versi": "1"})
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


def test_no_berita_acara_before_the_apel_is_held(client, apel, bkd_a, django_capture_on_commit_callbacks):
    client.force_login(bkd_a)
    response = issue(client, apel, django_capture_on_commit_callbacks)
    assert "sesudah apel ditandai sudah dilaksanakan" in response.content.decode()
    assert not IssuedDocument.objects.exists()


def test_readers_download_but_do_not_issue(
    client, held, bkd_a, head_a, inspector_a, django_capture_on_commit_callbacks
):
    client.force_login(head_a)
    assert client.post(reverse("ceremony_report_issue", args=[held.pk])).status_code == 403
    response = client.get(reverse("ceremony_report_download", args=[held.pk]), follow=True)
    assert "belum diterbitkan" in response.content.decode()  # a clear message, not a 404 or a 500
    client.force_login(bkd_a)
    issue(client, held, django_capture_on_commit_callbacks)
    client.force_login(inspector_a)
    assert client.get(reverse("ceremony_report_download", args=[held.pk])).status_code == 200
    assert (
        "belum diterbitkan"
        in client.get(reverse("ceremony_report_download", args=[held.pk]), {"versi": "7"}, follow=True).content.decode()
    )
    assert Attendance.objects.filter(ceremony=held).count() == 4
