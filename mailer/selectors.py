"""Reads of the outbox, always narrowed to what the user may see."""

from django.db.models import Count

from .models import OutgoingEmail

VIEW_CAPABILITY = "outbox.view"


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
