"""Retention: purging what is past its time (core/retention.py lists the kinds, each region sets the days)."""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from core import retention

from ..models import Region, RosterImport

log = logging.getLogger(__name__)


def purge_roster_files(region_id: int, cutoff: dt.datetime) -> int:
    """Delete uploaded roster files (names, NIPs, emails of a whole Pemda) and their error lists; the
    import row and its summary stay, so the history still says who imported what and when."""
    old = RosterImport.objects.filter(region_id=region_id, created_at__lt=cutoff).exclude(file="")
    count = 0
    for roster_import in old.only("pk", "file"):
        roster_import.file.delete(save=False)
        RosterImport.objects.filter(pk=roster_import.pk).update(file="", errors=[])
        count += 1
    return count


def retention_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Apply every region's retention period to every kind; {kind: records touched}."""
    now = now or timezone.now()
    totals = dict.fromkeys((kind.key for kind in retention.kinds()), 0)
    for region_id, overrides in Region.objects.values_list("pk", "retention_days"):
        for kind in retention.kinds():
            cutoff = now - dt.timedelta(days=retention.days_for(kind.key, overrides))
            with transaction.atomic():
                totals[kind.key] += kind.purge(region_id, cutoff)
    if any(totals.values()):
        log.info("retention purge: %s", totals)
    return totals
