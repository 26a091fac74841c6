"""Reads of the pakta integritas: what other apps ask (``pakta_signed``, ``pakta_unit_progress``) and what the
pakta pages show. Every query starts from the user (``visible_to``); counts are aggregated in the database in a
bounded number of queries, whatever the number of units or ASN."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..models import Campaign, Invitation, PactTemplate, Signature

STARTED = (Campaign.Status.LAUNCHED, Campaign.Status.CLOSED)
# Who counts for a campaign: targeted now, or signed already (a leaver who signed still counts).
COUNTED = Q(targeted=True) | Q(signed_at__isnull=False)


def pakta_signed(*, user, employee, election) -> bool | None:
    """Did the employee sign a pakta of a campaign of this election (True), are they targeted by one and have not
    signed (False), or does no launched campaign of that election target them (None)? Read as ``user`` may see."""
    rows = (
        Invitation.objects.visible_to(user, "pakta.view")
        .filter(employee=employee, campaign__election=election, campaign__status__in=STARTED)
        .filter(COUNTED)
    )
    signed = list(rows.values_list("signed_at", flat=True))
    if not signed:
        return None
    return any(at is not None for at in signed)


def _counts(rows: QuerySet, *group: str) -> QuerySet:
    return rows.values(*group).annotate(
        targeted=Count("pk"),
        invited=Count("pk", filter=Q(invited_at__isnull=False)),
        opened=Count("pk", filter=Q(opened_at__isnull=False)),
        signed=Count("pk", filter=Q(signed_at__isnull=False)),
        unreachable=Count("pk", filter=Q(invited_at__isnull=True, signed_at__isnull=True, employee__email="")),
    )


def pakta_unit_progress(*, user, capability: str, region_ids, election_id=None) -> dict[int, dict]:
    """{work unit id: {"targeted", "invited", "opened", "signed"}} over the launched (or closed) campaigns of
    these regions the user may see — one query, grouped by unit in the database."""
    rows = (
        Invitation.objects.visible_to(user, capability)
        .filter(campaign__region_id__in=list(region_ids), campaign__status__in=STARTED)
        .filter(COUNTED)
    )
    if election_id is not None:
        rows = rows.filter(campaign__election_id=election_id)
    result: dict[int, dict] = {}
    for row in _counts(rows, "work_unit_id"):
        result[row["work_unit_id"]] = {k: row[k] for k in ("targeted", "invited", "opened", "signed")}
    return result


# --- the staff pages -------------------------------------------------------------------------------------------


def templates(*, user, capability: str = "pakta.view") -> QuerySet:
    return (
        PactTemplate.objects.visible_to(user, capability)
        .select_related("region")
        .order_by("region__name", "family", "-version")
    )


def campaigns(*, user, capability: str = "pakta.view") -> QuerySet:
    return Campaign.objects.visible_to(user, capability).select_related("region", "election", "template")


def campaign_list(*, user) -> QuerySet:
    return (
        campaigns(user=user)
        .annotate(
            targeted_count=Count(
                "invitations", filter=Q(invitations__targeted=True) | Q(invitations__signed_at__isnull=False)
            ),
            signed_count=Count("invitations", filter=Q(invitations__signed_at__isnull=False)),
        )
        .order_by("-opens_at", "-pk")
    )


def campaign_rows(*, user, campaign: Campaign, capability: str = "pakta.view") -> QuerySet:
    return Invitation.objects.visible_to(user, capability).filter(campaign=campaign).filter(COUNTED)


def campaign_progress(*, user, campaign: Campaign) -> tuple[list[dict], dict]:
    """Per unit (named) and the totals: targeted, invited, opened, signed, unreachable."""
    keys = ("targeted", "invited", "opened", "signed", "unreachable")
    rows = list(
        _counts(campaign_rows(user=user, campaign=campaign), "work_unit_id", "work_unit__name").order_by(
            "work_unit__name"
        )
    )
    totals = {k: sum(r[k] for r in rows) for k in keys}
    for row in rows + [totals]:
        row["percent"] = round(100 * row["signed"] / row["targeted"]) if row["targeted"] else 0
    return rows, totals


def unsigned(*, user, campaign: Campaign, unit_id=None) -> QuerySet:
    rows = (
        campaign_rows(user=user, campaign=campaign)
        .filter(signed_at__isnull=True, targeted=True)
        .select_related("employee", "work_unit")
        .order_by("work_unit__name", "employee__name", "pk")
    )
    if unit_id:
        rows = rows.filter(work_unit_id=unit_id)
    return rows


def export_rows(*, user, campaign: Campaign):
    """One row per counted person, for CSV/XLSX (streamed by primary-key pages)."""
    rows = (
        campaign_rows(user=user, campaign=campaign).select_related("employee", "work_unit", "signature").order_by("pk")
    )
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:2000]):
        last = batch[-1].pk
        for invitation in batch:
            employee = invitation.employee
            signature = getattr(invitation, "signature", None)
            yield [
                employee.nip,
                employee.display_name,
                invitation.work_unit.name,
                employee.email,
                invitation.invited_at,
                invitation.opened_at,
                invitation.signed_at,
                signature.get_method_display() if signature else "",
                signature.text_sha256 if signature else "",
            ]


def signatures(*, user, capability: str = "pakta.view") -> QuerySet:
    return Signature.objects.visible_to(user, capability).select_related(
        "campaign", "campaign__region", "employee", "work_unit", "printed_by"
    )


# --- the ASN's own ------------------------------------------------------------------------------------------------


def my_invitations(*, user, now=None) -> list[Invitation]:
    """The user's own pacts: pending ones of running campaigns first, then the signed ones."""
    now = now or timezone.now()
    rows = (
        Invitation.objects.visible_to(user, "pakta.view")
        .filter(employee__user=user, campaign__status__in=STARTED)
        .filter(COUNTED)
        .select_related("campaign", "campaign__region", "campaign__election", "signature")
        .order_by("-campaign__opens_at", "-pk")
    )
    items = list(rows)
    for item in items:
        item.pending = item.signed_at is None and item.campaign.is_open(now)
    return sorted(items, key=lambda i: (not i.pending, i.signed_at is None))


def asn_card(user) -> dict:
    items = my_invitations(user=user)
    return {"pending": [i for i in items if i.pending], "signed": [i for i in items if i.signed_at]}


def bkd_card(user) -> dict:
    rows = campaign_list(user=user).filter(status=Campaign.Status.LAUNCHED)[:3]
    return {"campaigns": rows}


def campaign_for_ceremony(*, user, ceremony_id: int):
    """The running campaign linked to this apel that awaits the user's signature (the check-in page's offer)."""
    return (
        Invitation.objects.visible_to(user, "pakta.view")
        .filter(
            employee__user=user,
            campaign__ceremony_id=ceremony_id,
            campaign__status=Campaign.Status.LAUNCHED,
            signed_at__isnull=True,
            targeted=True,
        )
        .select_related("campaign")
        .first()
    )
