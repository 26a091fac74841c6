"""The sanctions app's documents, issued through ``documents`` (kop surat, verification QR, signature, versions):

- ``sanctions.recommendation`` — BKD's recommendation to the head (telaahan) with the LHP finding, the rules'
  explanation, the proposal (and the override's justification);
- ``sanctions.decision`` — the head's decision (SK hukuman disiplin, or the sanksi moral statement) with its
  number, the ASN's identity, the facts, the provisions violated, the sanction as typed and as executed and,
  for a TPP cut, the month-by-month schedule with the amounts.

Official letters are in Bahasa Indonesia. A stored letter never changes: a correction is a new version
(``document_issue(..., replaces=old)``) that names the one it replaces.
"""

from django.utils.translation import gettext_lazy as _

from documents.kinds import DocumentKind, Rendered, letter_facts

from . import rules
from .models import SanctionRecommendation

RECOMMENDATION = "sanctions.recommendation"
DECISION = "sanctions.decision"


def recommendation_number(rec: SanctionRecommendation) -> str:
    return f"800.1.6.4/TLH/{rec.case.reference}/{rec.pk}"


def _common(rec: SanctionRecommendation) -> dict:
    case = rec.case
    result = rec.rule_result or {}
    return {
        "rec": rec,
        "case": case,
        "employee": case.employee,
        "region": rec.region,
        "activities": list(case.activities.all()),
        "measure": rec.measure_info,
        "rule_measures": rec.rule_measure_infos,
        "rule_level_label": rules.LEVEL_LABELS.get(rec.rule_level, rec.rule_level),
        "steps": result.get("steps", []),
        "disputed": result.get("disputed", []),
        "rule_basis": result.get("basis", []),
        "rule_id": result.get("rule", ""),
    }


def recommendation_build(rec: SanctionRecommendation) -> Rendered:
    number = recommendation_number(rec)
    context = {**_common(rec), "number": number, "title": f"Telaahan Rekomendasi Sanksi {rec.case.reference}"}
    return Rendered("sanctions/letters/recommendation.html", context, rec.region, context["title"], number)


def decision_build(rec: SanctionRecommendation) -> Rendered:
    cuts = list(rec.cuts.order_by("month"))
    context = {
        **_common(rec),
        "number": rec.number,
        "cuts": cuts,
        "first_cut": cuts[0] if cuts else None,
        "last_cut": cuts[-1] if cuts else None,
        "cut_total": sum(c.amount for c in cuts),
        "is_moral": rec.measure_info.level == "kode_etik",
        "title": f"Keputusan {rec.region.head_title} Nomor {rec.number}",
    }
    return Rendered("sanctions/letters/decision.html", context, rec.region, context["title"], rec.number)


def decision_facts(document):
    """Kind, number, date and Pemda while the decision stands; nothing once the sanction has ended."""
    rec = SanctionRecommendation.objects.filter(pk=document.object_id).only("ends_on", "end_notified_at").first()
    if rec is None or rec.end_notified_at is not None:
        return None
    return letter_facts(document)


def recommendation_kind() -> DocumentKind:
    return DocumentKind(
        code=RECOMMENDATION, label=_("Telaahan rekomendasi sanksi"), model=SanctionRecommendation,
        build=recommendation_build, public_facts=letter_facts,
    )  # fmt: skip


def decision_kind() -> DocumentKind:
    return DocumentKind(
        code=DECISION, label=_("Keputusan hukuman disiplin / sanksi moral"), model=SanctionRecommendation,
        build=decision_build, public_facts=decision_facts,
    )  # fmt: skip
