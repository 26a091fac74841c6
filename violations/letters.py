"""The summons letter (surat panggilan) as a document of the platform: kop surat, verification QR, signed,
stored with its hash; issued after the hearing is scheduled, downloadable by staff and by the summoned ASN.
Official letters are in Bahasa Indonesia."""

import zoneinfo

from django.utils.translation import gettext_lazy as _

from documents.kinds import DocumentKind, Rendered, letter_facts

from .models import Hearing

SUMMONS = "violations.summons"


def summons_number(hearing: Hearing) -> str:
    """800 = kepegawaian; the case's reference and the summons' order within it keep it unique."""
    order = hearing.case.hearings.filter(pk__lte=hearing.pk).count()
    return f"800.1.6.4/{hearing.case.reference}/PGL-{order}"


def summons_build(hearing: Hearing) -> Rendered:
    case = hearing.case
    zone = zoneinfo.ZoneInfo(case.region.timezone)
    number = summons_number(hearing)
    context = {
        "hearing": hearing,
        "case": case,
        "employee": case.employee,
        "when": hearing.scheduled_at.astimezone(zone),
        "number": number,
        "title": f"Surat Panggilan {case.reference}",
        "second": hearing.case.hearings.filter(kind=hearing.kind, pk__lt=hearing.pk).exists(),
    }
    return Rendered("violations/letters/summons.html", context, case.region, context["title"], number)


def summons_kind() -> DocumentKind:
    return DocumentKind(
        code=SUMMONS, label=_("Surat panggilan"), model=Hearing, build=summons_build, public_facts=letter_facts
    )
