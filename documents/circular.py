"""The Pemda's circular (surat edaran) on ASN neutrality: a document made from the region alone.

It is the demo document (documents/demo.py issues one per demo kabupaten, so the verification page can be
tried at once) and the smallest example of a kind: a build that reads its object, a template extending
documents/base_letter.html, and public facts (kind, number, date, Pemda).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tenancy import region_model

from .kinds import DocumentKind, Rendered, letter_facts

CODE = "documents.circular"
TEMPLATE = "documents/circular.html"


def circular_number(region, year: int) -> str:
    """800 = kepegawaian in the classification of official correspondence; the region's code keeps it unique."""
    area = (region.official_code or region.code).replace(".", "").upper()
    return f"800.1.4/{area}/SE/{year}"


def build(region) -> Rendered:
    year = timezone.localdate().year
    number = circular_number(region, year)
    context = {"title": "Surat Edaran tentang Netralitas Pegawai ASN", "number": number, "year": year}
    return Rendered(
        template=TEMPLATE,
        context=context,
        region=region,
        title=f"Surat Edaran Netralitas ASN {region.name} {year}",
        number=number,
    )


def kind() -> DocumentKind:
    """The kind, made in AppConfig.ready() (the Region model is known by then)."""
    return DocumentKind(
        code=CODE,
        label=_("Surat edaran netralitas ASN"),
        model=region_model(),
        build=build,
        public_facts=letter_facts,
    )
