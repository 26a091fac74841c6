"""Each region's document-signing certificate and the PAdES signature on every issued PDF.

The certificate (and its chain) is a :class:`RegionCertificate` row; the private key is a PEM file under
``settings.DOCUMENT_KEYS_DIR`` named ``<fingerprint>.key``, mode 0600 in a 0700 directory: readable by the
portal's user alone, never in the database (a dump or a backup of it holds no key), never logged, never
under MEDIA_ROOT (a system check refuses that, documents.E001).

A region's first document generates an RSA key and a self-signed certificate. A Pemda that holds its own
certificate (e.g. one issued by BSrE) imports it with ``manage.py import_document_certificate``; the new one
signs from then on, and the older rows stay, so older documents keep naming the certificate that signed them.
"""

import asyncio
import datetime as dt
import hashlib
import io
import logging
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from audit.services import audit_record

from .models import RegionCertificate

logger = logging.getLogger(__name__)

KEY_BITS = 2048
VALIDITY_DAYS = 10 * 365
# A certificate this close to its end is replaced before it signs again.
RENEW_BEFORE = dt.timedelta(days=30)
SIGNATURE_FIELD = "NetralitasSignature"


class CertificateError(ValueError):
    """A certificate or key that cannot sign (unreadable, mismatched, expired, missing)."""


# --- key files --------------------------------------------------------------------------------------------


def keys_dir() -> Path:
    """The key directory, created 0700 (and tightened to 0700 if it was looser)."""
    path = Path(settings.DOCUMENT_KEYS_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def key_path(fingerprint: str) -> Path:
    return keys_dir() / f"{fingerprint}.key"


def _write_key(fingerprint: str, key) -> Path:
    """Write the private key as PKCS#8 PEM, created 0600 and renamed into place (never half-written)."""
    target = key_path(fingerprint)
    data = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-", suffix=".key")  # 0600 by mkstemp
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _read_key(fingerprint: str):
    path = key_path(fingerprint)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CertificateError(
            f"the private key of certificate {fingerprint[:16]}… is missing from DOCUMENT_KEYS_DIR"
        ) from None
    return serialization.load_pem_private_key(data, password=None)


# --- certificates ---------------------------------------------------------------------------------------


def fingerprint_of(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def _pem(certificates) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in certificates)


def _public_key_bytes(key) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def certificate_chain(row: RegionCertificate) -> list[x509.Certificate]:
    """The row's certificates, the signing one first."""
    return x509.load_pem_x509_certificates(row.certificate_pem.encode())


def pemda_name(region) -> str:
    """ "Pemerintah Kabupaten Musi Banyuasin": how a Pemda names itself on a letterhead or a certificate."""
    return f"Pemerintah {region.name}"


def _self_signed(region, key) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, pemda_name(region)[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Netralitas — {pemda_name(region)}"[:64]),
        ]
    )
    now = timezone.now()
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALIDITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def _row(region, chain: list[x509.Certificate], source: str) -> RegionCertificate:
    leaf = chain[0]
    return RegionCertificate(
        region=region,
        certificate_pem=_pem(chain),
        fingerprint=fingerprint_of(leaf),
        subject=leaf.subject.rfc4514_string()[:500],
        not_before=leaf.not_valid_before_utc,
        not_after=leaf.not_valid_after_utc,
        source=source,
        is_active=True,
    )


def _usable(row: RegionCertificate | None) -> bool:
    """A generated certificate is renewed a month before it ends; a Pemda's own signs until its last day (its
    renewal is the Pemda's: a self-signed one takes over only once it has expired)."""
    if row is None:
        return False
    margin = RENEW_BEFORE if row.source == RegionCertificate.Source.GENERATED else dt.timedelta(0)
    return row.not_after > timezone.now() + margin


def certificate_active(*, region) -> RegionCertificate:
    """The region's signing certificate; generated on first use (or when the active one is about to expire).

    Two first uses racing each write a key, but the database keeps one active row per region: the loser
    removes its key file and takes the winner's certificate.
    """
    current = RegionCertificate.objects.filter(region=region, is_active=True).first()
    if _usable(current):
        return current
    return certificate_generate(region=region)


def certificate_generate(*, region) -> RegionCertificate:
    """A new RSA key and self-signed certificate for the region, made its active one."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    row = _row(region, [_self_signed(region, key)], RegionCertificate.Source.GENERATED)
    _write_key(row.fingerprint, key)
    try:
        with transaction.atomic():
            replaced = _deactivate_unusable(region)
            if RegionCertificate.objects.filter(region=region, is_active=True).exists():
                raise IntegrityError("another process activated a certificate first")
            row.save()
            _audit_certificate(row, "netralitas.document_certificate.generated", replaced=replaced)
    except IntegrityError:
        key_path(row.fingerprint).unlink(missing_ok=True)
        winner = RegionCertificate.objects.filter(region=region, is_active=True).first()
        if winner is None:
            raise
        return winner
    logger.info("generated document certificate %s for region %s", row.fingerprint[:16], region.pk)
    return row


def _deactivate_unusable(region) -> RegionCertificate | None:
    """Retire the active certificate if it is about to expire (inside the caller's transaction)."""
    current = RegionCertificate.objects.select_for_update().filter(region=region, is_active=True).first()
    if current is not None and not _usable(current):
        RegionCertificate.objects.filter(pk=current.pk).update(is_active=False)
        if current.source == RegionCertificate.Source.IMPORTED:
            logger.warning("the imported document certificate of region %s expired: a self-signed one replaces it; "
                           "import the Pemda's renewed certificate", region.pk)  # fmt: skip
        return current
    return None


def load_key_and_chain(
    *, certificate: bytes, key: bytes | None = None, password: bytes | None = None
) -> tuple[object, list[x509.Certificate]]:
    """(private key, chain with the signing certificate first) from PEM (certificate file + key file) or from
    one PKCS#12 file (``certificate`` holds it, ``key`` is None). CertificateError names what is wrong."""
    try:
        if key is None:
            private_key, leaf, others = pkcs12.load_key_and_certificates(certificate, password)
            if private_key is None or leaf is None:
                raise CertificateError("the PKCS#12 file holds no private key or no certificate")
            certificates = [leaf, *others]
        else:
            certificates = x509.load_pem_x509_certificates(certificate)
            private_key = serialization.load_pem_private_key(key, password=password)
    except CertificateError:
        raise
    except (ValueError, TypeError) as exc:
        raise CertificateError(f"cannot read the certificate or key: {exc}") from None
    if not isinstance(private_key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CertificateError("only RSA and EC keys can sign documents here")
    wanted = _public_key_bytes(private_key.public_key())
    leaves = [c for c in certificates if _public_key_bytes(c.public_key()) == wanted]
    if not leaves:
        raise CertificateError("the private key does not belong to any certificate in the file")
    leaf = leaves[0]
    chain = [leaf, *(c for c in certificates if c is not leaf)]
    now = timezone.now()
    if not (leaf.not_valid_before_utc <= now < leaf.not_valid_after_utc):
        raise CertificateError(f"the certificate is not valid now (valid {leaf.not_valid_before_utc:%Y-%m-%d} "
                               f"to {leaf.not_valid_after_utc:%Y-%m-%d})")  # fmt: skip
    try:
        usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        raise CertificateError("the certificate's key usage allows no signing")
    return private_key, chain


def certificate_import(*, region, private_key, chain: list[x509.Certificate], by=None) -> RegionCertificate:
    """Make a Pemda's own certificate (e.g. from BSrE) its active one; the previous rows stay for older documents."""
    row = _row(region, chain, RegionCertificate.Source.IMPORTED)
    existing = RegionCertificate.objects.filter(fingerprint=row.fingerprint).first()
    if existing is not None:
        if existing.region_id != region.pk:
            raise CertificateError("this certificate is already registered for another Pemda")
        row = existing
    _write_key(row.fingerprint, private_key)
    with transaction.atomic():
        previous = list(
            RegionCertificate.objects.select_for_update().filter(region=region, is_active=True).exclude(pk=row.pk)
        )
        RegionCertificate.objects.filter(pk__in=[p.pk for p in previous]).update(is_active=False)
        if row.pk is None:
            row.save()
        else:
            RegionCertificate.objects.filter(pk=row.pk).update(is_active=True)
            row.is_active = True
        _audit_certificate(row, "netralitas.document_certificate.imported", replaced=previous[0] if previous else None,
                           by=by)  # fmt: skip
    return row


def _audit_certificate(row: RegionCertificate, action: str, *, replaced=None, by=None) -> None:
    audit_record(
        action=action,
        actor=by,
        obj=row,
        after={
            "fingerprint": row.fingerprint,
            "subject": row.subject,
            "not_after": row.not_after,
            "source": row.source,
            "replaces": replaced.fingerprint if replaced is not None else None,
        },
    )


# --- signing ---------------------------------------------------------------------------------------------


def _signer(row: RegionCertificate) -> signers.SimpleSigner:
    chain = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in certificate_chain(row)]
    key = _read_key(row.fingerprint)
    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return signers.SimpleSigner(
        signing_cert=chain[0], signing_key=key_info, cert_registry=SimpleCertificateStore.from_certs(chain[1:])
    )


def sign_pdf(pdf: bytes, *, certificate: RegionCertificate, location: str = "") -> bytes:
    """The PDF with a PAdES (baseline B) signature by the certificate's key, added as an incremental update."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _sign(pdf, certificate, location)
    # pyHanko's synchronous API runs its own event loop, which cannot start inside a running one (a caller
    # driven by an event loop in this thread, e.g. Playwright's sync API in the browser tests): sign beside it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_sign, pdf, certificate, location).result()


def _sign(pdf: bytes, certificate: RegionCertificate, location: str) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Dokumen resmi yang diterbitkan melalui portal Netralitas ASN",
        location=location or None,
    )
    output = signers.sign_pdf(writer, meta, signer=_signer(certificate))
    return output.getvalue()
