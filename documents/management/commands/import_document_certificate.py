"""manage.py import_document_certificate — make a Pemda's own certificate (e.g. from BSrE) sign its documents.

    manage.py import_document_certificate --region muba --cert sertifikat.pem --key kunci.pem
    manage.py import_document_certificate --region muba --pkcs12 sertifikat.p12 --password-env P12_PASSWORD

The key is written to DOCUMENT_KEYS_DIR (0600), never to the database; the certificate becomes the region's
active one. Documents signed before keep their signature and still name the certificate that made it. A
password is read from an environment variable or asked for at the terminal, never from the command line
(where the shell history and the process list would keep it).
"""

import getpass
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.tenancy import region_model
from documents.signing import CertificateError, certificate_import, key_path, load_key_and_chain


class Command(BaseCommand):
    help = "Import a Pemda's document-signing certificate and key (PEM files, or one PKCS#12 file) and activate it."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="the Pemda's short code (e.g. muba)")
        parser.add_argument("--cert", type=Path, help="PEM certificate file (the signing certificate and its chain)")
        parser.add_argument("--key", type=Path, help="PEM private key file (with --cert)")
        parser.add_argument("--pkcs12", type=Path, help="PKCS#12 (.p12/.pfx) file holding key and certificate")
        parser.add_argument(
            "--password-env",
            metavar="VARIABLE",
            help="environment variable holding the key's or PKCS#12 file's password (else asked at a terminal)",
        )

    def handle(self, *args, region, cert=None, key=None, pkcs12=None, password_env=None, **options):
        if bool(pkcs12) == bool(cert or key) or (cert is None) != (key is None):
            raise CommandError("give either --cert and --key (PEM), or --pkcs12")
        try:
            target = region_model().objects.get(code=region)
        except region_model().DoesNotExist:
            raise CommandError(f"no Pemda with the code {region!r}") from None
        password = self._password(password_env)
        try:
            if pkcs12:
                private_key, chain = load_key_and_chain(certificate=_read(pkcs12), password=password)
            else:
                private_key, chain = load_key_and_chain(certificate=_read(cert), key=_read(key), password=password)
            row = certificate_import(region=target, private_key=private_key, chain=chain)
        except CertificateError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{target.name}: certificate {row.subject} (SHA-256 {row.fingerprint}) now signs its documents; "
                f"valid until {row.not_after:%Y-%m-%d}. Key: {key_path(row.fingerprint)}"
            )
        )

    def _password(self, variable: str | None) -> bytes | None:
        if variable:
            value = os.environ.get(variable)
            if value is None:
                raise CommandError(f"the environment variable {variable} is not set")
            return value.encode()
        if sys.stdin.isatty():
            value = getpass.getpass("Password (empty if none): ")
            return value.encode() or None
        return None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from None
