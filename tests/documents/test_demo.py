"""seed_demo issues one circular per demo kabupaten, idempotently, so /verifikasi/ can be tried at once."""

import io
import re

import pytest
from django.core.management import call_command

from audit.models import AuditEvent
from documents.circular import CODE
from documents.models import IssuedDocument
from documents.signing import certificate_chain

from .test_signing import validate


@pytest.fixture
def seed(db, django_capture_on_commit_callbacks):
    """seed_demo as run from the shell: its transaction commits (here: its on-commit work runs)."""

    def run() -> str:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("seed_demo", asn_per_region=3, force=True, stdout=out)
        return out.getvalue()

    return run


def test_seed_demo_issues_a_verifiable_circular_per_kabupaten(seed, client):
    output = seed()
    # Other apps' demos issue their own documents (sanctions: decisions); this test is about the circulars.
    documents = list(
        IssuedDocument.objects.filter(kind=CODE).select_related("region", "certificate").order_by("region__code")
    )
    assert [(d.kind, d.region.code, d.version) for d in documents] == [(CODE, "muba", 1), (CODE, "oki", 1)]
    for document in documents:
        assert document.grouped_code in output and document.verification_url in output
        assert document.obj == document.region
        assert validate(document.file.read(), document.certificate).bottom_line
        assert len(certificate_chain(document.certificate)) == 1
        page = client.get(re.sub(r"^https?://[^/]+", "", document.verification_url))
        body = page.content.decode()
        assert page.status_code == 200 and 'data-verdict="genuine"' in body
        assert document.region.name in body and document.number in body and "Surat edaran netralitas ASN" in body


def test_a_second_seed_issues_nothing_new(seed):
    first = seed()
    documents = list(IssuedDocument.objects.values_list("pk", "code", "sha256"))
    events = AuditEvent.objects.count()
    second = seed()
    assert list(IssuedDocument.objects.values_list("pk", "code", "sha256")) == documents
    assert AuditEvent.objects.count() == events
    codes = re.findall(r"kode verifikasi (\S+)", first)
    assert len(codes) == 2 and codes == re.findall(r"kode verifikasi (\S+)", second)
