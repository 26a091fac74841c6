"""PAdES signatures: every issued PDF is signed by its region's certificate, any reader (pyHanko's validator,
poppler's pdfsig) sees it intact; the private key is a 0600 file outside the database and MEDIA_ROOT; a new
certificate (generated or imported from the Pemda) leaves older documents verifiable."""

import asyncio
import datetime as dt
import io
import os
import shutil
import stat
import subprocess

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from audit.models import AuditEvent
from documents import circular
from documents.apps import check_keys_dir
from documents.models import RegionCertificate
from documents.pdf import render_pdf
from documents.services import DocumentInfo, document_issue, document_verify_bytes
from documents.signing import certificate_active, certificate_chain, key_path, sign_pdf
from tests.conftest import require

from .conftest import LETTER_KIND


def validate(data: bytes, certificate: RegionCertificate):
    """pyHanko's validator, trusting only the given region certificate's root."""
    chain = certificate_chain(certificate)
    root = asn1_x509.Certificate.load(chain[-1].public_bytes(serialization.Encoding.DER))
    signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    assert len(signatures) == 1
    return validate_pdf_signature(signatures[0], ValidationContext(trust_roots=[root]))


def fingerprint(asn1_certificate) -> str:
    return asn1_certificate.sha256.hex()


def flip_one_byte(data: bytes, where: int) -> bytes:
    return data[:where] + bytes([data[where] ^ 0x01]) + data[where + 1 :]


def test_the_issued_pdf_is_signed_by_the_regions_certificate(letter_kind, employee_a):
    document = document_issue(kind=LETTER_KIND, obj=employee_a)
    status = validate(document.file.read(), document.certificate)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"
    assert fingerprint(status.signing_cert) == document.certificate.fingerprint
    assert "Kabupaten Musi Banyuasin" in status.signing_cert.subject.human_friendly
    assert {"digital_signature", "non_repudiation"} <= set(status.signing_cert.key_usage_value.native)


def test_another_regions_certificate_does_not_vouch_for_it(letter_kind, employee_a, region_b):
    document = document_issue(kind=LETTER_KIND, obj=employee_a)
    other = certificate_active(region=region_b)
    status = validate(document.file.read(), other)
    assert status.intact and not status.trusted


def test_a_pdf_reader_sees_the_signature_and_one_flipped_byte(letter_kind, employee_a, tmp_path):
    require(shutil.which("pdfsig") is not None, "pdfsig (poppler-utils) is not installed")
    document = document_issue(kind=LETTER_KIND, obj=employee_a)
    data = document.file.read()
    (tmp_path / "signed.pdf").write_bytes(data)
    report = subprocess.run(["pdfsig", tmp_path / "signed.pdf"], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid." in report and "Total document signed" in report
    (tmp_path / "changed.pdf").write_bytes(flip_one_byte(data, 2000))
    report = subprocess.run(["pdfsig", tmp_path / "changed.pdf"], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid." not in report
    assert not validate(flip_one_byte(data, 2000), document.certificate).intact


def test_the_private_key_is_a_0600_file_outside_the_database_and_media(letter_kind, employee_a, settings):
    document = document_issue(kind=LETTER_KIND, obj=employee_a)
    path = key_path(document.certificate.fingerprint)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.parent.resolve() == settings.DOCUMENT_KEYS_DIR.resolve()
    assert not path.resolve().is_relative_to(settings.MEDIA_ROOT.resolve())
    assert b"PRIVATE KEY" in path.read_bytes()
    assert "PRIVATE KEY" not in document.certificate.certificate_pem
    # nowhere in the database, nor in the audit trail
    key_body = path.read_text().splitlines()[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM documents_regioncertificate WHERE certificate_pem LIKE %s", [f"%{key_body}%"]
        )
        assert cursor.fetchone()[0] == 0
    assert not [e for e in AuditEvent.objects.all() if key_body in str(e.after) + str(e.data)]


def test_a_loose_key_directory_is_tightened(settings, region_a):
    settings.DOCUMENT_KEYS_DIR.mkdir(mode=0o755, parents=True)
    os.chmod(settings.DOCUMENT_KEYS_DIR, 0o755)  # noqa: S103 - the loose mode under test
    certificate_active(region=region_a)
    assert stat.S_IMODE(settings.DOCUMENT_KEYS_DIR.stat().st_mode) == 0o700


def test_the_first_document_of_a_region_generates_its_certificate_once(letter_kind, employee_a, region_a, unit_a):
    from tests.factories import EmployeeFactory

    first = document_issue(kind=LETTER_KIND, obj=employee_a)
    second = document_issue(kind=LETTER_KIND, obj=EmployeeFactory(region=region_a, work_unit=unit_a))
    assert first.certificate == second.certificate
    row = RegionCertificate.objects.get(region=region_a)
    assert (row.source, row.is_active) == ("generated", True)
    assert row.subject.startswith("CN=Netralitas — Pemerintah Kabupaten Musi Banyuasin")
    assert AuditEvent.objects.filter(action="netralitas.document_certificate.generated").count() == 1


def _pemda_certificate(tmp_path, name="BSrE Uji", days=365):
    """A certificate issued by a CA (as BSrE would), its key, and the CA: PEM files and a PKCS#12 file."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA Uji Balai Sertifikasi Elektronik")])
    now = dt.datetime.now(dt.UTC)
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leaf = (
        x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    pem = serialization.Encoding.PEM
    (tmp_path / "cert.pem").write_bytes(leaf.public_bytes(pem) + ca.public_bytes(pem))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    (tmp_path / "bundle.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"pemda", key, leaf, [ca], serialization.BestAvailableEncryption(b"rahasia-p12")
        )
    )
    return leaf, ca


def test_an_imported_certificate_signs_new_documents_and_older_ones_stay_verifiable(
    letter_kind, employee_a, region_a, unit_a, tmp_path
):
    from tests.factories import EmployeeFactory

    old = document_issue(kind=LETTER_KIND, obj=employee_a)
    old_bytes = old.file.read()
    leaf, _ca = _pemda_certificate(tmp_path)
    call_command("import_document_certificate", region="muba", cert=tmp_path / "cert.pem", key=tmp_path / "key.pem",
                 stdout=io.StringIO())  # fmt: skip
    new = document_issue(kind=LETTER_KIND, obj=EmployeeFactory(region=region_a, work_unit=unit_a))
    assert new.certificate != old.certificate and new.certificate.source == "imported"
    assert new.certificate.fingerprint == leaf.fingerprint(hashes.SHA256()).hex()
    status = validate(new.file.read(), new.certificate)  # trusting the CA at the end of the imported chain
    assert status.intact and status.valid and status.trusted
    assert fingerprint(status.signing_cert) == new.certificate.fingerprint
    # the older document: its certificate row is kept, inactive, and its signature and hash still check out
    old.certificate.refresh_from_db()
    assert not old.certificate.is_active
    assert validate(old_bytes, old.certificate).bottom_line
    assert document_verify_bytes(io.BytesIO(old_bytes)).status == "genuine"
    assert key_path(old.certificate.fingerprint).exists()
    assert RegionCertificate.objects.filter(region=region_a).count() == 2
    assert AuditEvent.objects.filter(action="netralitas.document_certificate.imported").count() == 1


def test_a_pkcs12_file_is_imported_with_its_password(region_a, tmp_path, monkeypatch):
    leaf, _ca = _pemda_certificate(tmp_path, name="BSrE PKCS12")
    monkeypatch.setenv("P12_PASSWORD", "rahasia-p12")
    out = io.StringIO()
    call_command("import_document_certificate", region="muba", pkcs12=tmp_path / "bundle.p12",
                 password_env="P12_PASSWORD", stdout=out)  # fmt: skip
    row = RegionCertificate.objects.get(region=region_a, is_active=True)
    assert row.fingerprint == leaf.fingerprint(hashes.SHA256()).hex() and row.fingerprint in out.getvalue()
    assert len(certificate_chain(row)) == 2
    assert stat.S_IMODE(key_path(row.fingerprint).stat().st_mode) == 0o600
    assert "rahasia-p12" not in out.getvalue()


def test_the_import_refuses_what_cannot_sign(region_a, tmp_path, monkeypatch):
    _pemda_certificate(tmp_path)
    (tmp_path / "other-key.pem").write_bytes(
        rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    with pytest.raises(CommandError, match="does not belong"):
        call_command("import_document_certificate", region="muba", cert=tmp_path / "cert.pem",
                     key=tmp_path / "other-key.pem")  # fmt: skip
    monkeypatch.setenv("P12_PASSWORD", "salah")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_document_certificate", region="muba", pkcs12=tmp_path / "bundle.p12",
                     password_env="P12_PASSWORD")  # fmt: skip
    with pytest.raises(CommandError, match="no Pemda"):
        call_command("import_document_certificate", region="atlantis", pkcs12=tmp_path / "bundle.p12")
    with pytest.raises(CommandError, match="either"):
        call_command("import_document_certificate", region="muba", cert=tmp_path / "cert.pem")
    assert not RegionCertificate.objects.exists()


def test_keys_under_media_root_are_a_configuration_error(settings, tmp_path):
    settings.DOCUMENT_KEYS_DIR = settings.MEDIA_ROOT / "keys"
    assert [e.id for e in check_keys_dir()] == ["documents.E001"]
    settings.DOCUMENT_KEYS_DIR = tmp_path / "elsewhere"
    assert check_keys_dir() == []


def test_signing_works_under_a_running_event_loop(region_a):
    """pyHanko's synchronous API starts an event loop; a caller already inside one (Playwright's sync API in the
    browser tests, an async entry point) still gets a signed document."""
    certificate = certificate_active(region=region_a)
    rendered = circular.build(region_a)
    info = DocumentInfo(code="A" * 32, version=1, issued_at=timezone.now())
    pdf = render_pdf(rendered.template, {**rendered.context, "document": info}, region=region_a,
                     verification_url="http://127.0.0.1:8000/verifikasi/x/")  # fmt: skip

    async def sign_inside_a_loop():
        return sign_pdf(pdf, certificate=certificate)

    assert validate(asyncio.run(sign_inside_a_loop()), certificate).bottom_line


def test_an_expiring_generated_certificate_is_renewed_but_an_imported_one_signs_to_its_last_day(region_a, tmp_path):
    generated = certificate_active(region=region_a)
    RegionCertificate.objects.filter(pk=generated.pk).update(not_after=timezone.now() + dt.timedelta(days=10))
    renewed = certificate_active(region=region_a)
    assert renewed != generated and renewed.source == "generated"
    assert list(RegionCertificate.objects.filter(region=region_a, is_active=True)) == [renewed]

    _pemda_certificate(tmp_path, days=10)
    call_command("import_document_certificate", region="muba", cert=tmp_path / "cert.pem", key=tmp_path / "key.pem",
                 stdout=io.StringIO())  # fmt: skip
    imported = RegionCertificate.objects.get(region=region_a, is_active=True)
    assert imported.source == "imported" and certificate_active(region=region_a) == imported
    RegionCertificate.objects.filter(pk=imported.pk).update(not_after=timezone.now() - dt.timedelta(minutes=1))
    fallback = certificate_active(region=region_a)
    assert fallback.source == "generated" and fallback not in (generated, renewed)
