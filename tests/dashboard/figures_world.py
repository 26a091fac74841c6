"""A small region with hand-counted figures for the dashboard tests (rows made directly; the services that
normally make them have their own tests)."""

import datetime as dt
from dataclasses import dataclass, field

from pledges.models import Attendance, Ceremony
from tests.factories import EmployeeFactory, WorkUnitFactory
from tests.pledges.apel_helpers import election
from tests.violations.factories import make_case, make_report
from violations.models import Case, ProhibitedActivity, Report

A = Attendance.Status
ZONE = dt.timezone(dt.timedelta(hours=7))


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZONE)


def activity(category: str) -> ProhibitedActivity:
    found = ProhibitedActivity.objects.filter(category=category, is_current=True).order_by("code").first()
    if found is None:
        found = ProhibitedActivity.objects.create(
            code=f"T-{category}", title=f"Uji {category}", category=category, confidence="confirmed"
        )
    return found


def ceremony(region, *, status=Ceremony.Status.HELD, day=dt.date(2024, 11, 1), people=()) -> Ceremony:
    c = Ceremony.objects.create(
        region=region, election=election(), title="Apel Uji", starts_at=at(day), place="Halaman",
        officiant_title="Pj Bupati", status=status,
    )  # fmt: skip
    Attendance.objects.bulk_create(
        Attendance(ceremony=c, employee=e, work_unit=e.work_unit, status=s) for e, s in people
    )
    return c


@dataclass
class Fixture:
    units: list
    employees: dict = field(default_factory=dict)
    cases: list = field(default_factory=list)


def build(region, other_region, *, today: dt.date) -> Fixture:
    """Region A: two units (Dinas Pendidikan 4 active ASN, Dinas Kesehatan 2 + 1 inactive), one apel held, one
    scheduled, three cases and four reports; region B: an apel and a case that must never count."""
    edu = WorkUnitFactory(region=region, name="Dinas Pendidikan")
    health = WorkUnitFactory(region=region, name="Dinas Kesehatan")
    e = [EmployeeFactory(region=region, work_unit=edu) for _ in range(4)]
    h = [EmployeeFactory(region=region, work_unit=health) for _ in range(2)]
    EmployeeFactory(region=region, work_unit=health, is_active=False)
    ceremony(region, people=[(e[0], A.PRESENT), (e[1], A.PRESENT), (e[2], A.PRESENT), (e[3], A.ABSENT),
                             (h[0], A.PRESENT), (h[1], A.SICK)])  # fmt: skip
    ceremony(region, status=Ceremony.Status.SCHEDULED, day=today + dt.timedelta(days=3),
             people=[(x, A.PENDING) for x in e + h])  # fmt: skip
    b_unit = WorkUnitFactory(region=other_region, name="Dinas Lain")
    b_person = EmployeeFactory(region=other_region, work_unit=b_unit)
    ceremony(other_region, people=[(b_person, A.ABSENT)])

    el = election()
    c1 = make_case(region, e[0], state="received", election=el, deadline=today + dt.timedelta(days=2))
    c1.activities.add(activity("kode_etik"))
    c2 = make_case(region, e[1], state="clarification", election=el, deadline=today - dt.timedelta(days=1),
                   finding_category="disiplin_berat")  # fmt: skip
    c3 = make_case(region, h[0], state="stopped", election=el)
    make_case(other_region, b_person, state="received", deadline=today - dt.timedelta(days=5))
    make_report(region)  # a fourth report of region A, with no case
    # Reports received: c1's and c2's this week, c3's and the extra one two weeks earlier.
    monday = today - dt.timedelta(days=today.weekday())
    Report.objects.filter(cases__in=[c1, c2]).update(created_at=at(monday))
    Report.objects.filter(cases__in=[c3]).update(created_at=at(monday - dt.timedelta(weeks=2)))
    Report.objects.filter(region=region, cases__isnull=True).update(created_at=at(monday - dt.timedelta(weeks=2), 9))
    Case.objects.filter(pk__in=[c1.pk, c2.pk, c3.pk]).update(created_at=at(today, 7))
    pakta(region, edu=e, health=h, today=today)
    sanctions(region, pending_case=c1, decided_case=c2, unit=edu, today=today)
    return Fixture(units=[edu, health], employees={"edu": e, "health": h}, cases=[c1, c2, c3])


def pakta(region, *, edu, health, today):
    """A launched campaign due in three days: Dinas Pendidikan 4 targeted, all invited, 3 opened, 2 signed;
    Dinas Kesehatan 2 targeted, 1 invited, none signed. A draft campaign that must never count."""
    from pledges.models import Campaign, Invitation
    from pledges.services.pakta import template_default

    template = template_default(region=region)
    now = at(today, 12)

    def campaign(status):
        return Campaign.objects.create(
            region=region, election=election(), template=template, title=f"Pakta {status}", status=status,
            opens_at=now - dt.timedelta(days=5), deadline=now + dt.timedelta(days=3),
        )  # fmt: skip

    launched = campaign(Campaign.Status.LAUNCHED)
    rows = [
        (edu[0], now, now, now), (edu[1], now, now, now), (edu[2], now, now, None), (edu[3], now, None, None),
        (health[0], now, None, None), (health[1], None, None, None),
    ]  # fmt: skip
    Invitation.objects.bulk_create(
        Invitation(campaign=launched, employee=e, work_unit=e.work_unit, invited_at=i, opened_at=o, signed_at=s)
        for e, i, o, s in rows
    )
    draft = campaign(Campaign.Status.DRAFT)
    Invitation.objects.bulk_create(Invitation(campaign=draft, employee=e, work_unit=e.work_unit) for e in edu)


def sanctions(region, *, pending_case, decided_case, unit, today):
    """One recommendation waiting for the head, one decision in force today with Rp 450.000 withheld this month."""
    from sanctions.models import AllowanceCut, SanctionRecommendation

    common = dict(region=region, rule_level="sedang", employment_type="PNS", measure="HD_S6")
    SanctionRecommendation.objects.create(case=pending_case, **common)
    decided = SanctionRecommendation.objects.create(
        case=decided_case, status=SanctionRecommendation.Status.APPROVED, starts_on=today - dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=170), tpp_cut=True, **common,
    )  # fmt: skip
    AllowanceCut.objects.create(region=region, recommendation=decided, employee=decided_case.employee,
                                work_unit=unit, month=today.replace(day=1), amount=450_000)  # fmt: skip
