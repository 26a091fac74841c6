"""Issuing: one signed, hashed, stored and audited file per (object, kind, version); corrections are new
versions; nothing is changed or deleted; codes are random, unique and typeable."""

import hashlib
import re

import pytest
from django.contrib.contenttypes.models import ContentType

from audit.models import AuditEvent
from documents import codes
from documents.models import ImmutableError, IssuedDocument
from documents.services import document_issue, document_latest

from .conftest import LETTER_KIND, pdftotext, stored_files


def test_issuing_stores_the_signed_file_with_its_hash_and_a_code(letter_kind, employee_a, bkd_a, document_dirs):
    document = document_issue(kind=LETTER_KIND, obj=employee_a, by=bkd_a)
    data = document.file.read()
    assert document.sha256 == hashlib.sha256(data).hexdigest() and document.size == len(data)
    assert (document.version, document.replaces, document.region, document.issued_by) == (
        1,
        None,
        employee_a.region,
        bkd_a,
    )
    assert document.content_type == ContentType.objects.get_for_model(employee_a)
    assert document.object_id == str(employee_a.pk) and document.obj == employee_a
    assert document.number == "800.1.6/123/BKPSDM/2026" and "Rahmat Hidayat Penanda" in document.title
    assert document.certificate.region == employee_a.region
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{32}", document.code)
    text = pdftotext(data)
    assert "Rahmat Hidayat Penanda" in text and document.grouped_code in text
    assert document.file.name.startswith(f"documents/{employee_a.region_id}/")
    assert stored_files(document_dirs) == [document_dirs / "media" / document.file.name]


def test_issuing_is_audited_without_the_file(letter_kind, employee_a, bkd_a):
    document = document_issue(kind=LETTER_KIND, obj=employee_a, by=bkd_a)
    event = AuditEvent.objects.get(action="netralitas.document.issued")
    assert (event.actor_id, event.region_id, event.object_id) == (bkd_a.pk, employee_a.region_id, str(document.pk))
    assert event.after["sha256"] == document.sha256 and event.after["code"] == document.code
    assert event.after["kind"] == LETTER_KIND and event.after["version"] == 1
    assert "%PDF" not in str(event.after) and len(str(event.after)) < 2000


def test_issuing_again_returns_the_same_document(letter_kind, employee_a, document_dirs):
    first = document_issue(kind=LETTER_KIND, obj=employee_a)
    events = AuditEvent.objects.count()
    again = document_issue(kind=LETTER_KIND, obj=employee_a)
    assert again.pk == first.pk
    assert IssuedDocument.objects.count() == 1 and len(stored_files(document_dirs)) == 1
    assert AuditEvent.objects.count() == events


def test_a_correction_is_a_new_version_naming_the_one_it_replaces(letter_kind, employee_a, document_dirs):
    first = document_issue(kind=LETTER_KIND, obj=employee_a)
    letter_kind.number = "800.1.6/124/BKPSDM/2026"
    second = document_issue(kind=LETTER_KIND, obj=employee_a, replaces=first)
    assert (second.version, second.replaces, second.number) == (2, first, "800.1.6/124/BKPSDM/2026")
    assert second.code != first.code and second.sha256 != first.sha256
    assert "Versi 2, menggantikan versi 1" in " ".join(pdftotext(second.file.read()).split())
    first.refresh_from_db()
    assert first.replaced_by == second and first.file.read()  # the old file is still there, unchanged
    assert document_latest(kind=LETTER_KIND, obj=employee_a) == second
    assert document_issue(kind=LETTER_KIND, obj=employee_a) == second  # "the document" is the current version
    assert document_issue(kind=LETTER_KIND, obj=employee_a, replaces=first) == second  # idempotent per version
    assert len(stored_files(document_dirs)) == 2


def test_a_version_must_replace_a_document_of_the_same_object(letter_kind, employee_a, region_a, unit_a):
    from tests.factories import EmployeeFactory

    first = document_issue(kind=LETTER_KIND, obj=employee_a)
    other = EmployeeFactory(region=region_a, work_unit=unit_a)
    with pytest.raises(ValueError, match="same kind and object"):
        document_issue(kind=LETTER_KIND, obj=other, replaces=first)
    with pytest.raises(TypeError):
        document_issue(kind=LETTER_KIND, obj=region_a)


def test_issued_documents_are_never_changed_or_deleted(letter_kind, employee_a):
    document = document_issue(kind=LETTER_KIND, obj=employee_a)
    document.title = "diubah"
    with pytest.raises(ImmutableError):
        document.save()
    with pytest.raises(ImmutableError):
        document.delete()
    with pytest.raises(ImmutableError):
        IssuedDocument.objects.filter(pk=document.pk).update(title="diubah")
    with pytest.raises(ImmutableError):
        IssuedDocument.objects.all().delete()


def test_the_stored_pdf_has_no_public_url(letter_kind, employee_a, client, settings, bkd_a):
    document = document_issue(kind=LETTER_KIND, obj=employee_a)
    for who in (None, bkd_a):
        if who:
            client.force_login(who)
        response = client.get(settings.MEDIA_URL + document.file.name)
        assert response.status_code == 404


def test_codes_carry_at_least_128_random_bits_and_are_unique():
    assert len(codes.ALPHABET) == 32 and codes.LENGTH * 5 >= 160 >= 128
    many = {codes.new_code() for _ in range(5000)}
    assert len(many) == 5000
    assert all(len(c) == 32 and set(c) <= set(codes.ALPHABET) for c in many)
    # every position varies (no fixed prefix eating the randomness)
    assert all(len({c[i] for c in many}) == 32 for i in range(1, 32))
    assert {c[0] for c in many} <= set(codes.ALPHABET)


def test_a_code_typed_from_paper_is_understood():
    code = "7K3M9QXA0B1CDEFGHJKMNPQRSTVWXYZ2"
    assert codes.grouped(code) == "7K3M-9QXA-0B1C-DEFG-HJKM-NPQR-STVW-XYZ2"
    assert codes.normalize("7k3m-9qxa-ob1c-defg-hjkm-npqr-stvw-xyz2") == code  # lower case, O for 0
    assert codes.normalize(" 7K3M 9QXA 0BIC DEFG HJKM NPQR STVW XYZ2 ") == code  # spaces, I for 1
    assert codes.normalize("7K3M-9QXA") is None
    assert codes.normalize("U" * 32) is None
    assert codes.normalize("x" * 500) is None


def test_the_database_refuses_a_second_document_with_the_same_code(letter_kind, employee_a, region_a, unit_a):
    from django.db import IntegrityError, transaction

    from tests.factories import EmployeeFactory

    first = document_issue(kind=LETTER_KIND, obj=employee_a)
    other = EmployeeFactory(region=region_a, work_unit=unit_a)
    copy = IssuedDocument(
        **{f.attname: getattr(first, f.attname) for f in IssuedDocument._meta.concrete_fields if f.name != "id"}
    )
    copy.object_id = str(other.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_a_failed_insert_leaves_no_file(letter_kind, employee_a, document_dirs):
    letter_kind.number = "800/\x00/2026"  # PostgreSQL refuses NUL in text: the row cannot be stored
    with pytest.raises(ValueError, match="NUL"):
        document_issue(kind=LETTER_KIND, obj=employee_a)
    assert not IssuedDocument.objects.exists() and stored_files(document_dirs) == []
