"""Home-page cards (core.ui): new reports for BKD, cases by state (and overdue) for staff, a case addressed to
an ASN. One query each: the home page's query count stays bounded whatever the data."""

from django.db.models import Count, Q
from django.utils import timezone

from . import workflow
from .models import Case, Report


def inbox(user) -> dict | None:
    new = Report.objects.visible_to(user, "report.create").filter(status=Report.Status.NEW).count()
    return {"new_reports": new}


def states(user) -> dict | None:
    counts = {s.code: Count("pk", filter=Q(state=s.code)) for s in workflow.states()}
    overdue = Q(state__in=workflow.open_states(), deadline__lt=timezone.localdate())
    row = Case.objects.visible_to(user, "case.view").aggregate(**counts, overdue__=Count("pk", filter=overdue))
    total = sum(row[s.code] for s in workflow.states())
    if not total:
        return None
    return {
        "counts": [(s, row[s.code]) for s in workflow.states() if row[s.code]],
        "total": total,
        "overdue": row["overdue__"],
    }


def my_case(user) -> dict | None:
    cases = list(Case.objects.visible_to(user, "case.own").order_by("-created_at")[:5])
    return {"cases": cases} if cases else None


def catalogue(user) -> dict | None:
    """For the catalogue's managers (admin): the way in, and the proposals waiting for them."""
    from .models import CatalogueProposal

    pending = CatalogueProposal.objects.visible_to(user, "catalogue.manage").filter(status="pending").count()
    return {"pending": pending}
