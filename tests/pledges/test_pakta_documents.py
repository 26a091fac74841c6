# ruff: noqa: F811 — the fixtures come from pakta_helpers, imported by name so pytest finds them
"""The signed PDF through documents: letterhead, the signed text, the signer, the text's hash and the QR; the
public verification says genuine, shows only name, masked NIP, region, campaign and time — and says not genuine
once one byte of the PDF changes."""

import io
import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import IssuedDocument
from documents.services import document_verify_bytes, document_verify_code
from pledges.services.pakta_documents import mask_nip, signature_document
from pledges.services.pakta_signing import Submission, pakta_sign
from tests.conftest import require

from .pakta_helpers import campaign, drawing, invitation_of, people  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(campaign, people):
    return pakta_sign(
        invitation=invitation_of(campaign, people[0]),
        submission=Submission("Bob Santoso", drawing(), True, []),
        method="login",
    )


def test_the_pdf_holds_the_name_and_the_hash_and_verifies(signed, people):
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is needed")
    document = signature_document(signature=signed)
    assert signature_document(signature=signed).pk == document.pk  # issued once
    data = document.file.open("rb").read()
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout
    text = " ".join(text.decode().split())
    assert "Bob Santoso" in text and people[0].nip in text
    assert signed.text_sha256[:32] in text.replace(" ", "")
    assert "Menolak politik uang" in text

    genuine = document_verify_bytes(io.BytesIO(data))
    assert genuine.status == "genuine"
    facts = dict(genuine.facts)
    assert facts["Penanda tangan"] == "Bob Santoso" and facts["NIP"] == mask_nip(people[0].nip)
    assert people[0].nip not in str(genuine.facts) and "Pakta Uji" in facts["Kampanye"]
    tampered = bytearray(data)
    tampered[len(tampered) // 2] ^= 0x01
    assert document_verify_bytes(io.BytesIO(bytes(tampered))).status == "not_genuine"
    assert document_verify_code(document.code).status == "genuine"


def test_the_public_page_shows_only_the_masked_facts(signed, people):
    document = signature_document(signature=signed)
    page = Client().get(reverse("document_verify", args=[document.code])).content.decode()
    assert "Bob Santoso" in page and mask_nip(people[0].nip) in page
    assert people[0].nip not in page
    assert signed.text_sha256 not in page


def test_the_task_after_commit_issues_the_pdf(campaign, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signature = pakta_sign(
            invitation=invitation_of(campaign, people[1]),
            submission=Submission("Citra Lestari", drawing(), True, []),
            method="login",
        )
    assert IssuedDocument.objects.filter(kind="pledges.pakta", object_id=str(signature.pk)).count() == 1


def test_mask_nip():
    assert mask_nip("198503142010032007") == "1985•••••••••••007"
    assert mask_nip("123") == "•••"
