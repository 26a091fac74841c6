"""The signed pakta as a document of the documents app: its kind, how it is built, what the public may read."""

import base64

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.kinds import DocumentKind, Rendered
from documents.services import document_get_or_issue

from ..models import Signature
from . import pakta_text

KIND = "pledges.pakta"
TEMPLATE = "pledges/pakta/signature_pdf.html"


def mask_nip(nip: str) -> str:
    """The NIP as the public may see it: the first 4 and last 3 digits."""
    nip = nip or ""
    return nip[:4] + "•" * max(len(nip) - 7, 0) + nip[-3:] if len(nip) > 7 else "•" * len(nip)


def signature_build(signature: Signature) -> Rendered:
    """What the documents app renders (reads only)."""
    return Rendered(
        template=TEMPLATE,
        context={
            "signature": signature,
            "campaign": signature.campaign,
            "text_html": pakta_text.render_html(signature.text),
            "image_uri": "data:image/png;base64," + base64.b64encode(bytes(signature.image_png)).decode(),
            "signed_local": signature.local_signed_at,
            "zone": signature.campaign.region.timezone_label,
        },
        region=signature.campaign.region,
        title=f"Pakta Integritas {signature.signer_name} — {signature.campaign.title}",
    )


def signature_facts(document) -> list[tuple] | None:
    """The public page shows the signer's name, a masked NIP, the Pemda, the campaign and the time — no more."""
    signature = (
        Signature.objects.select_related("campaign__region").filter(pk=document.object_id).first()  # public-data
    )
    if signature is None:
        return None
    return [
        (_("Jenis dokumen"), _("Pakta integritas")),
        (_("Penanda tangan"), signature.signer_name),
        (_("NIP"), mask_nip(signature.signer_nip)),
        (_("Pemda"), signature.campaign.region.name),
        (_("Kampanye"), signature.campaign.title),
        (
            _("Waktu tanda tangan"),
            f"{date_format(signature.local_signed_at, 'j F Y H:i')} {signature.campaign.region.timezone_label}",
        ),
    ]


def signature_kind() -> DocumentKind:
    return DocumentKind(
        code=KIND,
        label=gettext_lazy("Pakta integritas"),
        model=Signature,
        build=signature_build,
        public_facts=signature_facts,
    )


def signature_document(*, signature: Signature, request=None):
    """The signed PDF now: issued here if the task has not run (the broker or worker may be down)."""
    return document_get_or_issue(kind=KIND, obj=signature, request=request)
