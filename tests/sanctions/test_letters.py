"""The recommendation and the decision letter issued through documents, read back with pdftotext: number,
name, position, unit, provisions, the sanction, and for a TPP cut each month with its amount in rupiah."""

import subprocess

import pytest
from django.urls import reverse

from documents.models import IssuedDocument
from documents.services import document_issue, document_verify_code
from sanctions import services
from sanctions.letters import DECISION, RECOMMENDATION
from sanctions.models import SanctionSettings

from .conftest import proven_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def document_dirs(settings, tmp_path):
    settings.DOCUMENT_KEYS_DIR = tmp_path / "keys"
    settings.MEDIA_ROOT = tmp_path / "media"


def text_of(document) -> str:
    data = document.file.open("rb").read()
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout
    return " ".join(out.decode().split())


@pytest.fixture
def decided(region_a, people):
    SanctionSettings.objects.create(region=region_a, tpp_cut=True)
    case = proven_case(region_a, people["rudi"], "NTR-32")
    rec = services.recommendation_propose(case=case, measure="HD_S9", by=people["bkd"])
    return services.recommendation_approve(recommendation=rec, by=people["head"])


def test_the_decision_letter_states_number_person_and_the_month_by_month_cut(decided, people):
    document = document_issue(kind=DECISION, obj=decided)
    text = text_of(document)
    assert f"Nomor {decided.number}" in text
    assert "Rudi Hartono" in text and people["rudi"].nip in text
    assert "Penata Kelola Sistem" in text and "Dinas Pendidikan" in text
    assert "NTR-32" in text and "PP 94/2021 Ps 5 huruf n angka 2, Ps 13 huruf g" in text
    assert "Pemotongan tunjangan kinerja 25% selama 9 bulan" in text
    assert "Rp 4.938.000" in text and "Rp 1.234.500" in text
    cuts = list(decided.cuts.order_by("month"))
    first, last = cuts[0].month, cuts[-1].month
    months = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
    assert (
        f"bulan {months[first.month - 1]} {first.year} sampai dengan bulan {months[last.month - 1]} {last.year}" in text
    )
    for cut in cuts:
        assert f"{months[cut.month.month - 1]} {cut.month.year} Rp 1.234.500" in text
    assert "Rp 11.110.500" in text  # nine months, summed in integers
    assert decided.region.head_title in text
    assert document.number == decided.number
    assert document_verify_code(document.code).status == "genuine"


def test_the_interim_measure_is_printed_when_the_region_does_not_cut(region_a, people):
    case = proven_case(region_a, people["rudi"], "NTR-32")
    rec = services.recommendation_propose(case=case, measure="HD_S12", by=people["bkd"])
    rec = services.recommendation_approve(recommendation=rec, by=people["head"])
    text = text_of(document_issue(kind=DECISION, obj=rec))
    assert "Penurunan pangkat setingkat lebih rendah 1 tahun" in text
    assert "Rp " not in text


def test_the_recommendation_letter_explains_the_rule_and_the_override(region_a, people):
    case = proven_case(region_a, people["rudi"], "NTR-32")
    reason = "Pertama kali melanggar dan kooperatif selama pemeriksaan."
    rec = services.recommendation_propose(case=case, measure="HD_R2", justification=reason, by=people["bkd"])
    text = text_of(document_issue(kind=RECOMMENDATION, obj=rec))
    assert "Telaahan Staf" in text.title() or "TELAAHAN STAF" in text
    assert "DS-1" in text and "Hukuman disiplin sedang" in text
    assert "Teguran tertulis" in text and reason in text
    assert "Rudi Hartono" in text and case.finding_reasoning in text


def test_a_correction_is_a_new_version_naming_the_one_it_replaces(decided):
    first = document_issue(kind=DECISION, obj=decided)
    second = document_issue(kind=DECISION, obj=decided, replaces=first)
    assert second.version == 2 and second.replaces_id == first.pk
    assert "menggantikan versi 1" in text_of(second)
    assert IssuedDocument.objects.filter(pk=first.pk, sha256=first.sha256).exists()


def test_the_asn_downloads_the_decision_addressed_to_them(client, decided, people):
    client.force_login(people["asn"])
    page = client.get(reverse("my_sanctions")).content.decode()
    assert decided.number in page
    response = client.get(reverse("my_sanction_letter", args=[decided.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(reverse("sanction_recommendation_letter", args=[decided.pk])).status_code == 403
    assert client.get(reverse("sanction_case", args=[decided.case_id])).status_code in (403, 404)


def test_the_asn_sees_nothing_before_the_decision(client, region_a, people):
    case = proven_case(region_a, people["rudi"], "NTR-32")
    rec = services.recommendation_propose(case=case, measure="HD_S6", by=people["bkd"])
    client.force_login(people["asn"])
    assert rec.number == "" and "HD_S6" not in client.get(reverse("my_sanctions")).content.decode()
    assert client.get(reverse("my_sanction_letter", args=[rec.pk])).status_code in (403, 404)


def test_staff_download_both_letters(client, decided, people):
    client.force_login(people["inspector"])
    for name in ("sanction_recommendation_letter", "sanction_decision_letter"):
        response = client.get(reverse(name, args=[decided.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
