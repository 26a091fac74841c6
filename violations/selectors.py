"""Reads for the violations pages: every query starts from the user (``visible_to``)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
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
    opened_from: dt.date | None = None,
    opened_to: dt.date | None = None,
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
    cases = _created_between(cases, opened_from, opened_to)
    return cases.order_by("-created_at", "-pk")


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())


def _created_between(rows: QuerySet, date_from: dt.date | None, date_to: dt.date | None) -> QuerySet:
    """Rows created from ``date_from`` to ``date_to`` inclusive (days in the portal's time zone)."""
    if date_from:
        rows = rows.filter(created_at__gte=_day_start(date_from))
    if date_to:
        rows = rows.filter(created_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    return rows


def prior_cases(*, user, case: Case) -> list[Case]:
    return list(
        Case.objects.visible_to(user, "case.view")
        .filter(employee_id=case.employee_id)
        .exclude(pk=case.pk)
        .select_related("report")
        .prefetch_related("activities")
        .order_by("-created_at")
    )


def report_list(
    *,
    user,
    status: str = "",
    source: str = "",
    region_id: int | None = None,
    election_id: int | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
) -> QuerySet:
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
    if region_id:
        reports = reports.filter(region_id=region_id)
    if election_id:
        reports = reports.filter(election_id=election_id)
    reports = _created_between(reports, received_from, received_to)
    return reports.order_by("-created_at", "-pk")


# --- figures for the dashboards (issue 11) -------------------------------------------------------------------


def _figure_cases(*, user, capability: str, region_ids, election_id=None, date_from=None, date_to=None) -> QuerySet:
    cases = Case.objects.visible_to(user, capability).filter(region_id__in=list(region_ids))
    if election_id:
        cases = cases.filter(election_id=election_id)
    return _created_between(cases, date_from, date_to)


def case_figures(
    *, user, capability: str, region_ids, election_id=None, date_from=None, date_to=None, today=None
) -> dict:
    """The dashboard's case figures, as :func:`case_list` counts them with the same filters (so each figure's
    drill-down lists exactly its cases), in two queries whatever the number of cases:

    ``by_category`` {category: cases whose finding or one of whose catalogue entries is of it — a case with
    entries of two categories counts in both}, ``uncategorised`` (neither yet), ``by_state`` {state: n},
    ``by_unit`` {work_unit_id: {"total", "open", "overdue"}} (the reported ASN's unit), ``by_region``
    {region_id: {"total", "open", "overdue"}}, and ``total``, ``open``, ``overdue``."""
    from .models import Category

    today = today or timezone.localdate()
    cases = _figure_cases(
        user=user, capability=capability, region_ids=region_ids, election_id=election_id,
        date_from=date_from, date_to=date_to,
    )  # fmt: skip
    by_category = {
        c: Count("pk", distinct=True, filter=Q(finding_category=c) | Q(activities__category=c)) for c in Category.values
    }
    uncategorised = Count("pk", distinct=True, filter=Q(finding_category="", activities__isnull=True))
    categories = cases.order_by().aggregate(**by_category, uncategorised=uncategorised)
    open_states = workflow.open_states()
    overdue = Q(state__in=open_states, deadline__lt=today)
    by_state: dict[str, int] = {}
    by_unit: dict[int, dict] = {}
    by_region: dict[int, dict] = {}
    grouped = (
        cases.order_by()
        .values("state", "employee__work_unit_id", "region_id")
        .annotate(total=Count("pk"), overdue=Count("pk", filter=overdue))
    )
    for row in grouped:  # one row per state, unit and region: summed here rather than asked three times
        is_open_row = row["state"] in open_states
        figures = {"total": row["total"], "open": row["total"] if is_open_row else 0, "overdue": row["overdue"]}
        by_state[row["state"]] = by_state.get(row["state"], 0) + row["total"]
        for key, target in ((row["employee__work_unit_id"], by_unit), (row["region_id"], by_region)):
            sums = target.setdefault(key, {"total": 0, "open": 0, "overdue": 0})
            for name, value in figures.items():
                sums[name] += value
    return {
        "by_category": {c: categories[c] for c in Category.values},
        "uncategorised": categories["uncategorised"],
        "by_state": by_state,
        "by_unit": by_unit,
        "by_region": by_region,
        "total": sum(by_state.values()),
        "open": sum(n for state, n in by_state.items() if state in open_states),
        "overdue": sum(row["overdue"] for row in by_region.values()),
    }


def reports_per_week(*, user, capability: str, region_ids, election_id=None, date_from, date_to) -> dict:
    """{monday: reports received that week} from ``date_from`` to ``date_to`` (weeks without a report are
    absent); one query. Counted as :func:`report_list` lists them with ``received_from``/``received_to``."""
    reports = Report.objects.visible_to(user, capability).filter(region_id__in=list(region_ids))
    if election_id:
        reports = reports.filter(election_id=election_id)
    reports = _created_between(reports, date_from, date_to)
    zone = timezone.get_current_timezone()
    weeks = (
        reports.order_by()
        .annotate(week=TruncWeek("created_at", tzinfo=zone))
        .values_list("week")
        .annotate(n=Count("pk"))
    )
    return {timezone.localtime(week, zone).date() if isinstance(week, dt.datetime) else week: n for week, n in weeks}


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
