"""Uploads are judged by their bytes: the attacks of the issue are each refused with a clear message, and
what is kept is the original (hash recorded) plus a copy without GPS for people outside BKD."""

import hashlib
import io
import os
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import EmployeeFactory, MembershipFactory
from violations.demo import minimal_pdf, photo_with_location
from violations.files import check_upload, without_location
from violations.models import Evidence

from .factories import make_report

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def refused(data, name) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(data, name))
    return " ".join(caught.value.messages)


def test_a_pdf_named_jpg_is_refused():
    assert "isinya PDF" in refused(minimal_pdf(), "foto-kampanye.jpg")


def test_an_oversized_file_is_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 50_000
    big = photo_with_location(size=(2000, 2000))
    assert len(big) > 50_000
    assert "terlalu besar" in refused(big, "besar.jpg")


def test_a_zip_is_refused_even_named_pdf():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bukti.jpg", photo_with_location())
    assert "Arsip" in refused(buffer.getvalue(), "bukti.pdf")
    assert "Arsip" in refused(buffer.getvalue(), "bukti.zip")


def test_an_svg_with_script_is_refused():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert "SVG" in refused(svg, "logo.svg")
    assert "SVG" in refused(svg, "foto.png")


def test_a_truncated_image_and_a_broken_pdf_are_refused():
    assert "rusak" in refused(photo_with_location()[:300], "potong.jpg")
    assert "rusak" in refused(b"%PDF-1.4\n1 0 obj\n<<>>\n", "rusak.pdf")


def test_a_pdf_with_javascript_is_refused():
    data = minimal_pdf().replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (x) >>")
    assert "skrip" in refused(data, "surat.pdf")


def test_html_and_unknown_types_are_refused():
    assert "HTML" in refused(b"<!DOCTYPE html><script>x</script>", "a.jpg")
    assert "tidak diterima" in refused(b"MZ\x90\x00executable", "a.exe")


def test_a_real_photo_and_pdf_pass_with_their_hash():
    photo = photo_with_location()
    checked = check_upload(upload(photo, "IMG_2024.JPG"))
    assert (checked.content_type, checked.sha256) == ("image/jpeg", hashlib.sha256(photo).hexdigest())
    assert check_upload(upload(minimal_pdf(), "bap.pdf")).content_type == "application/pdf"


def test_the_copy_has_no_gps_but_the_original_keeps_it():
    photo = photo_with_location()
    copy = without_location(check_upload(upload(photo, "a.jpg")))
    assert 0x8825 in Image.open(io.BytesIO(photo)).getexif()
    assert 0x8825 not in Image.open(io.BytesIO(copy)).getexif()
    assert Image.open(io.BytesIO(copy)).getexif().get(0x010F) == "DemoPhone"  # other EXIF kept


@pytest.fixture
def evidence(region_a, unit_a):
    from violations.services.reports import evidence_add

    report = make_report(region_a)
    bkd = MembershipFactory(region=region_a, role="bkd").user
    (item,) = evidence_add(report=report, files=[check_upload(upload(photo_with_location(), "a.jpg"))], by=bkd)
    return item, bkd


def test_staff_outside_bkd_get_the_copy_without_location(client, region_a, evidence):
    item, bkd = evidence
    head = MembershipFactory(region=region_a, role="head").user
    client.force_login(head)
    served = b"".join(client.get(reverse("evidence_file", args=[item.pk])).streaming_content)
    assert 0x8825 not in Image.open(io.BytesIO(served)).getexif()
    assert client.get(reverse("evidence_original", args=[item.pk])).status_code == 403
    client.force_login(bkd)
    response = client.get(reverse("evidence_original", args=[item.pk]))
    original = b"".join(response.streaming_content)
    assert hashlib.sha256(original).hexdigest() == item.sha256
    assert 0x8825 in Image.open(io.BytesIO(original)).getexif()
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]


def test_evidence_is_stored_outside_the_media_root_under_a_random_name(settings, evidence):
    item, _bkd = evidence
    path = item.file.path
    # the stored name is random: not the upload's own name (a random hex name may well end in "a" before ".jpg")
    assert not path.startswith(str(settings.MEDIA_ROOT)) and os.path.basename(path) != "a.jpg"
    assert Evidence.objects.get(pk=item.pk).original_name == "a.jpg"


def test_the_intake_form_refuses_a_fake_image_with_a_message(client, region_a, unit_a):
    bkd = MembershipFactory(region=region_a, role="bkd").user
    employee = EmployeeFactory(region=region_a, work_unit=unit_a)
    client.force_login(bkd)
    response = client.post(
        reverse("report_create"),
        {"region": region_a.pk, "source": "bawaslu", "channel": "letter", "anonymous": "on", "nips": employee.nip,
         "incident_date": "2024-10-01", "chronology": "Memasang baliho calon.",
         "files": [upload(minimal_pdf(), "foto.jpg")]},
    )  # fmt: skip
    assert response.status_code == 200
    assert "isinya PDF" in response.content.decode()
    assert not Evidence.objects.exists()
