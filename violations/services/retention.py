"""Retention of the reporter's identity (UU PDP 27/2022): gone once a closed report is past its period."""

from django.db.models import Q

from ..models import Report, Reporter


def purge_reporters(region_id: int, cutoff) -> int:
    """Blank the identity of reporters of the region's finished reports last touched before ``cutoff``."""
    finished = Report.objects.filter(
        region_id=region_id, status__in=[Report.Status.CLOSED, Report.Status.REJECTED], updated_at__lt=cutoff
    )
    identified = ~Q(name="") | ~Q(contact="") | ~Q(address="") | ~Q(organisation="")
    return (
        Reporter.objects.filter(report__in=finished.values("pk"))
        .filter(identified)
        .update(name="", contact="", address="", organisation="")
    )
