"""Pakta figures for the dashboards (issue 11), beside ``pakta_unit_progress``: the invitations behind a unit's
figure, and the units of campaigns whose deadline is near. Read as ``user`` holds ``capability``, narrowed to
``region_ids``; one query each."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..models import Campaign, Invitation
from .pakta import COUNTED, STARTED

FIGURES = {
    "invited": Q(invited_at__isnull=False),
    "opened": Q(opened_at__isnull=False),
    "signed": Q(signed_at__isnull=False),
    "unsigned": Q(signed_at__isnull=True),
}


def pakta_invitation_rows(
    *, user, capability: str, region_ids, election_id=None, work_unit_id=None, figure: str = ""
) -> QuerySet:
    """The people counted by :func:`pakta_unit_progress` (``figure``: invited, opened, signed, unsigned, or "" for
    every one targeted), campaign by campaign; paginate or stream it."""
    rows = (
        Invitation.objects.visible_to(user, capability)
        .filter(campaign__region_id__in=list(region_ids), campaign__status__in=STARTED)
        .filter(COUNTED)
    )
    if election_id:
        rows = rows.filter(campaign__election_id=election_id)
    if work_unit_id:
        rows = rows.filter(work_unit_id=work_unit_id)
    if figure in FIGURES:
        rows = rows.filter(FIGURES[figure])
    return rows.select_related("employee", "work_unit", "campaign", "campaign__region").order_by(
        "-campaign__deadline", "work_unit__name", "employee__name", "pk"
    )


def pakta_units_due(*, user, capability: str, region_ids, within_days: int = 7, now=None) -> list[dict]:
    """Per launched campaign whose deadline falls in the next ``within_days`` days, and per work unit:
    {"campaign_id", "campaign__title", "campaign__deadline", "work_unit_id", "targeted", "signed"}."""
    now = now or timezone.now()
    rows = (
        Invitation.objects.visible_to(user, capability)
        .filter(
            campaign__region_id__in=list(region_ids),
            campaign__status=Campaign.Status.LAUNCHED,
            campaign__deadline__gte=now,
            campaign__deadline__lt=now + dt.timedelta(days=within_days),
        )
        .filter(COUNTED)
        .order_by()
        .values("campaign_id", "campaign__title", "campaign__deadline", "work_unit_id")
        .annotate(targeted=Count("pk"), signed=Count("pk", filter=Q(signed_at__isnull=False)))
    )
    return sorted(rows, key=lambda r: (r["campaign__deadline"], r["campaign_id"], r["work_unit_id"]))
