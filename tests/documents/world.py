"""The walk's view of the documents app: public verification pages, and a region-A document and certificate."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from documents.models import IssuedDocument, RegionCertificate
from tests.world import world

MARKER_CODE = "M4RKERC0DE0F0REG10NA0000000000AA"

world.public("document_verify_form", "the public verification page: anyone holding a document may check it")
world.public(
    "document_verify",
    "the answer for a code printed on a document: only what the document's kind makes public, never the file",
    {"code": "0" * 32},
)
world.public(
    "document_verify_upload",
    "anyone may check a PDF they hold: it is hashed and compared, never parsed, stored or served (POST only)",
)


@world.obj(None, IssuedDocument, markers=lambda d: [d.code, d.title, d.sha256])
def issued_document(env):
    """A region-A document as stored (no file needed: no private page of this app serves one)."""
    certificate = RegionCertificate.objects.create(
        region=env.region_a,
        certificate_pem="-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
        fingerprint="ab" * 32,
        subject="CN=Netralitas marker",
        not_before=timezone.now(),
        not_after=timezone.now() + dt.timedelta(days=365),
        source=RegionCertificate.Source.GENERATED,
    )
    return IssuedDocument.objects.create(
        kind="documents.circular",
        region=env.region_a,
        content_type=ContentType.objects.get_for_model(env.region_a),
        object_id=str(env.region_a.pk),
        title="Surat Edaran Marker Region A",
        number="800.1.4/MARKER/SE/2026",
        file=f"documents/{env.region_a.pk}/2026/{MARKER_CODE}.pdf",
        sha256="5e" * 32,
        size=1234,
        code=MARKER_CODE,
        certificate=certificate,
        issued_at=timezone.now(),
    )


world.not_walked(
    RegionCertificate, "no page names a certificate: they are managed by a command (import_document_certificate)"
)
