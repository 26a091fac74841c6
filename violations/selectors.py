"""Reads for the violations pages: every query starts from the user (``visible_to``)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from people.models import Employee
from people.selectors import employee_search
from pledges.selectors import apel_attended, pakta_signed

from . import workflow
from .models import Case, ProhibitedActivity, Report, ViolationSettings


def case_list(
    *,
    user,
    query: str = "",
    state: str = "",
    category: str = "",
    work_unit_id: int | None = None,
    election_id: int | None = None,
    source: str = "",
    overdue: bool = False,
    region_id: int | None = None,
) -> QuerySet:
    """Cases the user may see, filtered; the newest first. Never selects the reporter."""
    cases = Case.objects.visible_to(user, "case.view").select_related(
        "employee", "employee__work_unit", "region", "report", "election", "officer"
    )
    if query:
        text = query.strip()
        by_reference = Q(reference__iexact=text) | Q(report__reference__iexact=text)
        matching = employee_search(Employee.objects.visible_to(user, "case.view"), text)
        cases = cases.filter(by_reference | Q(employee__in=matching.values("pk")))
    if state == "open":
        cases = cases.filter(state__in=workflow.open_states())
    elif state:
        cases = cases.filter(state=state)
    if category:
        cases = cases.filter(Q(finding_category=category) | Q(activities__category=category)).distinct()
    if work_unit_id:
        cases = cases.filter(employee__work_unit_id=work_unit_id)
    if election_id:
        cases = cases.filter(election_id=election_id)
    if source:
        cases = cases.filter(report__source=source)
    if region_id:
        cases = cases.filter(region_id=region_id)
    if overdue:
        cases = cases.filter(state__in=workflow.open_states(), deadline__lt=timezone.localdate())
    return cases.order_by("-created_at", "-pk")


def prior_cases(*, user, case: Case) -> list[Case]:
    return list(
        Case.objects.visible_to(user, "case.view")
        .filter(employee_id=case.employee_id)
        .exclude(pk=case.pk)
        .select_related("report")
        .prefetch_related("activities")
        .order_by("-created_at")
    )


def report_list(*, user, status: str = "", source: str = "") -> QuerySet:
    reports = (
        Report.objects.visible_to(user, "report.view")
        .select_related("region")
        .annotate(
            case_count=Count("cases", distinct=True),
            unread=Count(
                "messages", filter=Q(messages__from_reporter=True, messages__read_at__isnull=True), distinct=True
            ),
        )
    )
    if status:
        reports = reports.filter(status=status)
    if source:
        reports = reports.filter(source=source)
    return reports.order_by("-created_at", "-pk")


def catalogue_current() -> QuerySet:
    return ProhibitedActivity.objects.current().order_by("code")


def public_regions():
    """The Pemda that take public reports through the portal (each chose to, on its settings page)."""
    # public-data: which Pemda accept public reports here is published on the report form itself
    enabled = ViolationSettings.objects.filter(public_reports=True).values("region_id")  # public-data
    from people.models import Region

    # public-data: the names of the Pemda that publish this reporting channel
    return Region.objects.filter(pk__in=enabled).order_by("name")  # public-data


def report_by_receipt(region_hash: str):
    """The report a receipt code opens (the code's holder is its reporter), or None."""
    # public-data: the receipt code is the reporter's own key, handed to them once
    return Report.objects.filter(receipt_hash=region_hash).select_related("region").first()  # public-data


@dataclass
class PledgeFacts:
    """What the portal knows of an ASN's pledges for an election; None where it cannot tell yet."""

    signed_pakta: bool | None
    attended_apel: bool | None


def pledge_facts(*, user, employee, election) -> PledgeFacts:
    """Did they sign this election's pakta, did they attend its apel? Read through the pledges app's selectors
    (None: no campaign of that election targets them / no held apel invited them, or no election named)."""
    if election is None:
        return PledgeFacts(None, None)
    return PledgeFacts(
        pakta_signed(user=user, employee=employee, election=election),
        apel_attended(user=user, employee=employee, election=election),
    )


@dataclass
class SuggesterStats:
    region: object
    cases: int  # cases whose staff chose entries (or "not in the catalogue")
    hits: int  # at least one chosen entry was suggested, or nothing suggested and nothing fitted
    suggested: int
    chosen: int
    agreed: int

    @property
    def hit_rate(self) -> int:
        return round(100 * self.hits / self.cases) if self.cases else 0

    @property
    def precision(self) -> int:
        return round(100 * self.agreed / self.suggested) if self.suggested else 0

    @property
    def recall(self) -> int:
        return round(100 * self.agreed / self.chosen) if self.chosen else 0


def suggester_stats(*, user) -> list[SuggesterStats]:
    """Per region: what the suggester proposed at intake against what staff finally chose, per case."""
    cases = (
        Case.objects.visible_to(user, "case.view")
        .select_related("region", "report")
        .prefetch_related("activities")
        .order_by("region__name")
    )
    stats: dict[int, SuggesterStats] = {}
    for case in cases:
        chosen = {a.code for a in case.activities.all()}
        if not chosen and not case.not_in_catalogue:
            continue
        suggested = {s.get("code") for s in case.report.suggestions or []}
        row = stats.setdefault(case.region_id, SuggesterStats(case.region, 0, 0, 0, 0, 0))
        row.cases += 1
        row.suggested += len(suggested)
        row.chosen += len(chosen)
        row.agreed += len(chosen & suggested)
        row.hits += bool(chosen & suggested) or (not suggested and not chosen)
    return list(stats.values())
