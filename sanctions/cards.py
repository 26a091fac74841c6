"""Home-page cards (core.ui) and the panel on the case page (violations.panels): one or two queries each."""

from django.utils import timezone

from core.tenancy import has_capability
from violations import workflow

from .models import AllowanceCut, SanctionRecommendation


def awaiting(user) -> dict | None:
    """For the head: recommendations waiting for their decision (direct head membership only)."""
    rows = list(
        SanctionRecommendation.objects.visible_to(user, "sanction.approve")
        .pending()
        .select_related("case", "case__employee")
        .order_by("proposed_at")[:5]
    )
    return {"rows": rows} if rows else None


def in_force(user) -> dict | None:
    today = timezone.localdate()
    count = SanctionRecommendation.objects.visible_to(user, "sanction.view").in_force_on(today).count()
    pending = SanctionRecommendation.objects.visible_to(user, "sanction.view").pending().count()
    if not count and not pending:
        return None
    return {"count": count, "pending": pending}


def schedule(user) -> dict | None:
    month = timezone.localdate().replace(day=1)
    cuts = AllowanceCut.objects.visible_to(user, "sanction.schedule").filter(month=month)
    total = sum(cuts.values_list("amount", flat=True))
    return {"month": month, "total": total, "people": cuts.values("employee").distinct().count()}


def mine(user) -> dict | None:
    rows = list(SanctionRecommendation.objects.visible_to(user, "sanction.own").filter(case__employee__user=user)[:5])
    return {"rows": rows} if rows else None


def case_panel(request, case) -> dict | None:
    """On the staff case page: the recommendation's status and the way to the sanctions page of the case."""
    user = request.user
    if not has_capability(user, case.region_id, "sanction.view"):
        return None
    if case.state != workflow.RECOMMENDATION and not case.finding_proven:
        return None
    latest = (
        SanctionRecommendation.objects.visible_to(user, "sanction.view")
        .filter(case=case)
        .order_by("-proposed_at", "-pk")
        .first()
    )
    return {"case": case, "latest": latest}
