"""The outbox's retention kind: messages already delivered (or given up) are deleted after their time."""

import datetime as dt

from .models import OutgoingEmail

FINISHED = (OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED, OutgoingEmail.Status.CANCELLED)


def purge_messages(region_id: int, cutoff: dt.datetime) -> int:
    """Delete the region's finished messages created before ``cutoff`` (their bodies hold names and NIPs)."""
    deleted, _ = OutgoingEmail.objects.filter(region_id=region_id, status__in=FINISHED, created_at__lt=cutoff).delete()
    return deleted
