"""Home-page cards (core.ui): what is new for BKD, cases by state for staff, a case addressed to an ASN."""

from django.db.models import Count
from django.utils import timezone

from . import workflow
from .models import Case, Report


def inbox(user) -> dict | None:
    new = Report.objects.visible_to(user, "report.create").filter(status=Report.Status.NEW).count()
    overdue = (
        Case.objects.visible_to(user, "case.handle")
        .filter(state__in=workflow.open_states(), deadline__lt=timezone.localdate())
        .count()
    )
    return {"new_reports": new, "overdue": overdue}


def states(user) -> dict | None:
    rows = dict(Case.objects.visible_to(user, "case.view").values_list("state").annotate(n=Count("pk")).order_by())
    if not rows:
        return None
    counts = [(s, rows.get(s.code, 0)) for s in workflow.states() if rows.get(s.code)]
    return {"counts": counts, "total": sum(rows.values())}


def my_case(user) -> dict | None:
    cases = list(Case.objects.visible_to(user, "case.own").order_by("-created_at")[:5])
    return {"cases": cases} if cases else None
