"""Reads of the sanctions app: every regional query starts from the user (``visible_to``).

The dashboard codes against three of them (names and shapes are an interface):

- ``sanctions_unit_summary(*, user, capability, region_ids, on=None)``
  -> ``{work_unit_id: {"in_force": int, "withheld_rupiah": int}}``
- ``awaiting_approval(*, user, capability, region_ids) -> QuerySet[SanctionRecommendation]``
- ``followup_late(*, user, capability, region_ids) -> QuerySet[Case]``
"""

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from people.models import Region
from people.workdays import WorkCalendar
from violations import workflow
from violations.models import Case, ProhibitedActivity

from . import rules
from .models import AllowanceCut, PriorSanction, SanctionRecommendation, SanctionSettings


def catalogue_items() -> dict[str, rules.Item]:
    """The current catalogue as the rules engine reads it (national data, the same for every Pemda)."""
    return {
        a.code: rules.Item(
            code=a.code,
            category=a.category,
            stage=a.stage,
            counterpart=a.counterpart_code,
            legal_basis=a.legal_basis,
            confidence=a.confidence,
            title=a.title,
        )  # fmt: skip
        for a in ProhibitedActivity.objects.current()
    }


def item_of(activity) -> rules.Item:
    return rules.Item(
        code=activity.code, category=activity.category, stage=activity.stage, counterpart=activity.counterpart_code,
        legal_basis=activity.legal_basis, confidence=activity.confidence, title=activity.title,
    )  # fmt: skip


def region_today(region) -> dt.date:
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(region.timezone))


def prior_measures(*, user, employee) -> list[str]:
    """The measures the ASN served before: entered prior sanctions and decisions made in the portal."""
    entered = PriorSanction.objects.visible_to(user, "sanction.view").filter(employee=employee)
    decided = (
        SanctionRecommendation.objects.visible_to(user, "sanction.view")
        .approved()
        .filter(case__employee=employee)
        .values_list("measure", flat=True)
    )
    return list(entered.values_list("measure", flat=True)) + list(decided)


def prior_list(*, user, employee) -> QuerySet:
    return (
        PriorSanction.objects.visible_to(user, "sanction.view").filter(employee=employee).select_related("created_by")
    )


def case_facts(case, *, prior: list[str]) -> tuple[list[rules.Item], str | None]:
    """The case's catalogue entries and the stage of the act (incident date against candidate fixing)."""
    items = [item_of(a) for a in case.activities.all()]
    election = case.election
    stage = rules.stage_of(case.report.incident_date, election.candidates_fixed_on) if election else None
    return items, stage


def case_recommendation(*, user, case) -> tuple[rules.Result | None, str]:
    """The rules' answer for a case (None and why, when it cannot be computed)."""
    items, stage = case_facts(case, prior=[])
    if not items:
        return None, "no_items"
    prior = prior_measures(user=user, employee=case.employee)
    try:
        return (
            rules.recommend(
                items, employment=case.employee.employment_type, stage=stage, prior=prior, catalogue=catalogue_items()
            ),
            "",
        )
    except rules.UnknownFact as exc:
        return None, str(exc)


def case_recommendations(*, user, case) -> list[SanctionRecommendation]:
    return list(
        SanctionRecommendation.objects.visible_to(user, "sanction.view")
        .filter(case=case)
        .select_related("proposed_by", "decided_by")
        .prefetch_related("originals")
        .order_by("-proposed_at", "-pk")
    )


@dataclass
class Precedent:
    own: list  # the region's own decisions for the same catalogue items, in full
    province: list[tuple[rules.Measure, int]]  # other regions of the province: anonymous counts per measure


def precedent(*, user, case) -> Precedent:
    """What was imposed for the same catalogue items: the region's own decided cases, and the other regions of
    the province only as counts per measure (no case, no person, no region named)."""
    codes = list(case.activities.values_list("code", flat=True))
    if not codes:
        return Precedent([], [])
    same = Q(case__activities__code__in=codes)
    own = (
        SanctionRecommendation.objects.visible_to(user, "sanction.view")
        .approved()
        .filter(same, region_id=case.region_id)
        .exclude(case=case)
        .select_related("case", "case__employee")
        .distinct()
        .order_by("-decided_at")[:50]
    )
    province: list = []
    if case.region.parent_id:
        # public-data: anonymous counts per measure over the province's other regions; no row, person or region
        others = Region.objects.filter(parent_id=case.region.parent_id).exclude(pk=case.region_id)  # public-data
        decided = SanctionRecommendation.objects.filter(  # public-data: counted below, never listed
            same, region__in=others, status=SanctionRecommendation.Status.APPROVED
        )
        counts = decided.values("measure").annotate(n=Count("pk", distinct=True)).order_by("-n", "measure")
        province = [(rules.MEASURES[row["measure"]], row["n"]) for row in counts if row["measure"] in rules.MEASURES]
    return Precedent(list(own), province)


def recommendation_list(*, user, status: str = "", region_id: int | None = None) -> QuerySet:
    rows = SanctionRecommendation.objects.visible_to(user, "sanction.view").select_related(
        "case", "case__employee", "case__employee__work_unit", "region"
    )
    if status:
        rows = rows.filter(status=status)
    if region_id:
        rows = rows.filter(region_id=region_id)
    return rows.order_by("-proposed_at", "-pk")


def in_force_list(*, user, on: dt.date | None = None) -> QuerySet:
    """Approved and delivered decisions in force on ``on`` (default today), with start and end dates."""
    on = on or timezone.localdate()
    return (
        SanctionRecommendation.objects.visible_to(user, "sanction.view")
        .in_force_on(on)
        .select_related("case", "case__employee", "case__employee__work_unit", "region")
        .order_by("ends_on", "pk")
    )


def my_decisions(*, user) -> QuerySet:
    return (
        SanctionRecommendation.objects.visible_to(user, "sanction.own")
        .filter(case__employee__user=user)
        .select_related("case", "region")
        .order_by("-decided_at")
    )


# --- the finance schedule ----------------------------------------------------------------------------------


@dataclass
class ScheduleRow:
    work_unit: object
    amounts: list[int]  # one per month of the span
    people: int

    @property
    def total(self) -> int:
        return sum(self.amounts)


def schedule_months(first: dt.date, count: int = 12) -> list[dt.date]:
    return [rules.add_months(first.replace(day=1), n) for n in range(count)]


def cut_schedule(*, user, months: list[dt.date], region_id: int | None = None) -> list[ScheduleRow]:
    """TPP withheld per work unit and month (the finance office's view), in two queries whatever the size."""
    cuts = AllowanceCut.objects.visible_to(user, "sanction.schedule").filter(month__in=months)
    if region_id:
        cuts = cuts.filter(region_id=region_id)
    sums = cuts.values("work_unit_id", "month").annotate(total=Sum("amount"), people=Count("employee", distinct=True))
    by_unit: dict[int, dict] = defaultdict(dict)
    people: dict[int, int] = defaultdict(int)
    for row in sums:
        by_unit[row["work_unit_id"]][row["month"]] = row["total"]
        people[row["work_unit_id"]] = max(people[row["work_unit_id"]], row["people"])
    from people.models import WorkUnit

    units = WorkUnit.objects.visible_to(user, "sanction.schedule").filter(pk__in=list(by_unit)).order_by("name")
    return [ScheduleRow(u, [by_unit[u.pk].get(m, 0) for m in months], people[u.pk]) for u in units]


def cut_detail(*, user, months: list[dt.date], region_id: int | None = None) -> QuerySet:
    """Each person's monthly cut in the span (for the XLSX the finance office executes)."""
    cuts = AllowanceCut.objects.visible_to(user, "sanction.schedule").filter(month__in=months)
    if region_id:
        cuts = cuts.filter(region_id=region_id)
    return cuts.select_related("employee", "work_unit", "recommendation").order_by(
        "work_unit__name", "employee__name", "month"
    )


# --- the dashboard's interface ----------------------------------------------------------------------------


def sanctions_unit_summary(*, user, capability: str, region_ids, on: dt.date | None = None) -> dict[int, dict]:
    """Per work unit id: ``{"in_force": n, "withheld_rupiah": amount}`` for the sanctions in force on ``on``
    (default today): two aggregate queries whatever the number of units or sanctions."""
    on = on or timezone.localdate()
    region_ids = list(region_ids)
    summary: dict[int, dict] = defaultdict(lambda: {"in_force": 0, "withheld_rupiah": 0})
    in_force = (
        SanctionRecommendation.objects.visible_to(user, capability)
        .in_force_on(on)
        .filter(region_id__in=region_ids)
        .values("case__employee__work_unit_id")
        .annotate(n=Count("pk"))
    )
    for row in in_force:
        summary[row["case__employee__work_unit_id"]]["in_force"] = row["n"]
    withheld = (
        AllowanceCut.objects.visible_to(user, capability)
        .filter(region_id__in=region_ids, month=on.replace(day=1))
        .values("work_unit_id")
        .annotate(total=Sum("amount"))
    )
    for row in withheld:
        summary[row["work_unit_id"]]["withheld_rupiah"] = int(row["total"] or 0)
    return dict(summary)


def awaiting_approval(*, user, capability: str, region_ids) -> QuerySet:
    """Recommendations waiting for the head's decision, oldest first."""
    return (
        SanctionRecommendation.objects.visible_to(user, capability)
        .pending()
        .filter(region_id__in=list(region_ids))
        .select_related("case", "case__employee", "region")
        .order_by("proposed_at", "pk")
    )


def _late_cutoff(region, days: int, today: dt.date) -> dt.datetime:
    """Findings made before this moment are late: their ``days``-th working day after has passed."""
    calendar = WorkCalendar(region, today - dt.timedelta(days=days * 3 + 60), today)
    day, counted = today, 0
    while counted < days:
        day -= dt.timedelta(days=1)
        if day < calendar.start:
            calendar = WorkCalendar(region, day - dt.timedelta(days=365), day)
        counted += calendar.is_working_day(day)
    return dt.datetime.combine(day, dt.time.min, tzinfo=zoneinfo.ZoneInfo(region.timezone))


def followup_late(*, user, capability: str, region_ids) -> QuerySet:
    """Proven cases whose decision by the PPK is late: still waiting (no approved decision) more than the
    region's set number of working days after the finding (LHP). One query per region for its calendar."""
    region_ids = list(region_ids)
    waiting = Case.objects.visible_to(user, capability).filter(
        region_id__in=region_ids, state=workflow.RECOMMENDATION, finding_at__isnull=False
    )
    regions = Region.objects.visible_to(user, capability).filter(pk__in=region_ids)
    days = dict(SanctionSettings.objects.visible_to(user, capability).filter(region_id__in=region_ids).values_list(
        "region_id", "followup_working_days"
    ))  # fmt: skip
    default = SanctionSettings._meta.get_field("followup_working_days").default
    condition = Q(pk__in=[])
    for region in regions:
        cutoff = _late_cutoff(region, days.get(region.pk, default), region_today(region))
        condition |= Q(region_id=region.pk, finding_at__lt=cutoff)
    return waiting.filter(condition).select_related("employee", "region").order_by("finding_at", "pk")
