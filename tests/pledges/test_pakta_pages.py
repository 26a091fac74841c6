# ruff: noqa: F811 — the fixtures come from pakta_helpers, imported by name so pytest finds them
"""The staff pages: create and launch a campaign, the progress per unit, who has not signed, exports, the
WhatsApp message (no link that logs in), the printed QR sheet, the ZIP of a unit's PDFs; and no page shows a
signing link."""

import datetime as dt
import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pledges.models import Campaign, SigningToken
from pledges.services.pakta import template_default
from pledges.services.pakta_signing import Submission, pakta_sign

from .apel_helpers import election
from .pakta_helpers import campaign, drawing, invitation_of, people, sent_link  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(bkd_a):
    client = Client()
    client.force_login(bkd_a)
    return client


def test_staff_create_and_launch_a_campaign(staff, region_a, bkd_a, people, django_capture_on_commit_callbacks):
    template = template_default(region=region_a, by=bkd_a)
    today = timezone.localdate()
    data = {
        "region": region_a.pk,
        "election": election().pk,
        "template": template.pk,
        "title": "Pakta Pilkada",
        "units_mode": "all",
        "opens_date": today.isoformat(),
        "deadline_date": (today + dt.timedelta(days=7)).isoformat(),
        "first_reminder_days": 3,
        "reminder_every_days": 2,
        "remind_day_before": "on",
        "q0_text": "Bolehkah ASN ikut kampanye?",
        "q0_choices": "Boleh\nTidak boleh",
        "q0_answer": 2,
    }
    response = staff.post(reverse("campaign_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get()
    assert campaign.questions == [
        {"question": "Bolehkah ASN ikut kampanye?", "choices": ["Boleh", "Tidak boleh"], "answer": 1}
    ]
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("campaign_launch", args=[campaign.pk]))
        staff.post(reverse("campaign_launch", args=[campaign.pk]))
    page = staff.get(reverse("campaign_detail", args=[campaign.pk])).content.decode()
    assert 'id="campaign-totals"' in page and "Dinas Pendidikan" in page


def test_a_bad_campaign_form_answers_clearly(staff, region_a, bkd_a):
    template_default(region=region_a, by=bkd_a)
    response = staff.post(reverse("campaign_create"), {"region": region_a.pk, "title": "", "q0_text": "Tanya?"})
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert not Campaign.objects.exists()


def test_progress_unsigned_exports_and_no_link_on_any_staff_page(staff, campaign, people):
    pakta_sign(invitation=invitation_of(campaign, people[0]), submission=Submission("Bob Santoso", drawing(), True, []),
               method="login")  # fmt: skip
    link = sent_link(people[1].email)
    pages = [
        staff.get(reverse("campaign_detail", args=[campaign.pk])),
        staff.get(reverse("campaign_unsigned", args=[campaign.pk])),
        staff.get(reverse("campaign_whatsapp", args=[campaign.pk])),
        staff.get(reverse("campaign_list")),
    ]
    for page in pages:
        body = page.content.decode()
        assert page.status_code == 200 and "/pakta/buka/" not in body and link not in body
    unsigned = pages[1].content.decode()
    assert "Citra Lestari" in unsigned and "Bob Santoso" not in unsigned
    assert reverse("my_pakta") in pages[2].content.decode()
    csv = b"".join(staff.get(reverse("campaign_export_csv", args=[campaign.pk])).streaming_content).decode()
    assert "Bob Santoso" in csv and invitation_of(campaign, people[0]).signature.text_sha256 in csv
    xlsx = staff.get(reverse("campaign_export_xlsx", args=[campaign.pk]))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert [row for row in book.worksheets[0].iter_rows(values_only=True)][1][:5] == ("Dinas Pendidikan", 4, 3, 0, 1)


def test_the_printed_sheet_is_a_pdf_of_new_codes(staff, campaign, people):
    response = staff.post(reverse("campaign_codes", args=[campaign.pk]), {"unit": people[3].work_unit_id})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "no-store" in response["Cache-Control"]
    assert SigningToken.objects.filter(via="printed").count() == 1  # only Eka has no email


def test_the_zip_of_a_units_pdfs(staff, campaign, people, django_capture_on_commit_callbacks):
    for person, name in ((people[0], "Bob Santoso"), (people[1], "Citra Lestari")):
        pakta_sign(invitation=invitation_of(campaign, person), submission=Submission(name, drawing(), True, []),
                   method="login", issue_document=False)  # fmt: skip
    unit = people[0].work_unit_id
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("campaign_zip", args=[campaign.pk]), {"unit": unit})
    assert response.status_code == 302
    page = staff.get(response["Location"]).content.decode()
    assert 'id="zip-download"' in page and "2 dari 2 PDF" in page
    download = staff.get(reverse("campaign_zip_download", args=[campaign.pk]) + f"?unit={unit}")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 2 and all(archive.read(n).startswith(b"%PDF") for n in archive.namelist())
    other = Client()
    other.force_login(people[0].user)
    assert other.get(reverse("campaign_zip_download", args=[campaign.pk]) + f"?unit={unit}").status_code in (403, 404)


def test_the_asn_sees_their_pakta_and_the_apel_offers_it(campaign, asn_a, people):
    client = Client()
    client.force_login(asn_a)
    home = client.get(reverse("home")).content.decode()
    assert 'id="asn-pakta-sign"' in home
    page = client.get(reverse("my_pakta")).content.decode()
    assert reverse("pakta_sign_login", args=[invitation_of(campaign, people[0]).pk]) in page


def test_templates_pages(staff, region_a, bkd_a):
    template = template_default(region=region_a, by=bkd_a)
    assert "Pakta Integritas Netralitas ASN" in staff.get(reverse("pact_template_list")).content.decode()
    detail = staff.get(reverse("pact_template_detail", args=[template.pk])).content.decode()
    assert "Contoh Nama" in detail
    response = staff.post(
        reverse("pact_template_edit", args=[template.pk]),
        {"title": template.title, "place": "", "body": "Saya {{ nama }}."},
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert "Menolak politik uang" in template.body  # the published version did not change
    bad = staff.post(reverse("pact_template_create"), {"region": region_a.pk, "title": "X", "body": "{{ salah }}"})
    assert bad.status_code == 200 and "tidak dikenal" in bad.content.decode()
