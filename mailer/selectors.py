"""Reads of the outbox, always narrowed to what the user may see."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Now

from core.tenancy import region_model

from . import limits
from .models import OutgoingEmail

VIEW_CAPABILITY = "outbox.view"
Status = OutgoingEmail.Status
# A queue that will be through within this is shown as finishing "soon", not at a time.
SOON = dt.timedelta(minutes=5)


def outbox_list(*, user, status: str = "", search: str = ""):
    """The user's regions' outbox, newest first; ``status`` one of OutgoingEmail.Status or "" for all."""
    rows = OutgoingEmail.objects.visible_to(user, VIEW_CAPABILITY).select_related("region")
    if status in OutgoingEmail.Status.values:
        rows = rows.filter(status=status)
    if search.strip():
        rows = rows.filter(recipient__icontains=search.strip())
    return rows.defer("body_text", "body_html").order_by("-created_at", "-pk")


def outbox_status_counts(*, user) -> dict[str, int]:
    """{status: number of rows} over the user's regions, every status present."""
    counts = dict.fromkeys(OutgoingEmail.Status.values, 0)
    rows = OutgoingEmail.objects.visible_to(user, VIEW_CAPABILITY).order_by().values("status")
    for row in rows.annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


@dataclass(frozen=True)
class RegionSending:
    region: object
    queued: int  # waiting or being sent
    sent_24h: int
    limit: int  # 0 = unlimited
    finish_at: dt.datetime | None  # when the last queued message may go under the limit; None if none waits
    soon: bool


def outbox_sending(*, user) -> list[RegionSending]:
    """Per region of the user's that has mail queued or sent in the last 24 h: how much waits, how much was
    sent, its daily limit and when the queue will be through (from the limit; sending itself takes minutes).

    A few queries, plus three for each region whose queue is longer than what its limit lets go at once.
    """
    active = Q(status__in=[Status.QUEUED, Status.INFLIGHT]) | Q(status=Status.SENT, sent_at__gt=Now() - limits.DAY)
    counts = (
        OutgoingEmail.objects.visible_to(user, VIEW_CAPABILITY)
        .filter(active)
        .order_by()
        .values("region")
        .annotate(
            queued=Count("pk", filter=Q(status=Status.QUEUED)),
            inflight=Count("pk", filter=Q(status=Status.INFLIGHT)),
            sent=Count("pk", filter=Q(status=Status.SENT)),
        )
    )
    by_region = {row["region"]: row for row in counts}
    if not by_region:
        return []
    region_limits = limits.limits_of(by_region)
    now = limits.database_now()
    result = []
    for region in region_model().objects.filter(pk__in=by_region).order_by("name"):
        row, limit = by_region[region.pk], region_limits[region.pk]
        finish_at = None
        if row["queued"] + row["inflight"]:
            finish_at = now
            if limit and row["queued"] + row["inflight"] > limit - row["sent"]:
                finish_at = limits.window(region.pk, limit).slot(row["queued"])
        soon = finish_at is not None and finish_at <= now + SOON
        result.append(RegionSending(region, row["queued"] + row["inflight"], row["sent"], limit, finish_at, soon))
    return result
