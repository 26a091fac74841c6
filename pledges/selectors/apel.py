"""Reads for the apel pages, cards and berita acara. Every query starts from the user (``visible_to``) or from
an apel the view already fetched for the user; counts are aggregated in the database."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from people.models import Employee, WorkUnit
from people.selectors import employee_search

from ..models import Attendance, Ceremony, Election

S = Attendance.Status
STATUS_ORDER = [S.PRESENT, S.EXCUSED, S.SICK, S.OFFICIAL_DUTY, S.ABSENT, S.PENDING]


def ceremonies(*, user, capability: str = "apel.view") -> QuerySet:
    return Ceremony.objects.visible_to(user, capability).select_related("region", "election")


def ceremony_list(*, user, when: str = "", status: str = "", region_id=None) -> QuerySet:
    """Apel the user may see, with their participant and presence counts; ``when`` is upcoming or past."""
    now = timezone.now()
    qs = ceremonies(user=user).annotate(
        total=Count("attendances"), present=Count("attendances", filter=Q(attendances__status=S.PRESENT))
    )
    if status in Ceremony.Status.values:
        qs = qs.filter(status=status)
    if region_id:
        qs = qs.filter(region_id=region_id)
    if when == "upcoming":
        return (
            qs.filter(starts_at__gte=now - dt.timedelta(hours=2))
            .exclude(status=Ceremony.Status.CANCELLED)
            .order_by("starts_at", "pk")
        )
    if when == "past":
        return qs.filter(starts_at__lt=now).order_by("-starts_at", "pk")
    return qs.order_by("-starts_at", "pk")


@dataclass
class CalendarDay:
    day: dt.date | None
    items: list
    today: bool = False


def ceremony_month(*, user, year: int, month: int) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of one month with each apel on its day in its own region's zone."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    # Zones run from UTC+7 to UTC+9: a day wider on each side catches every local day of the month.
    start = dt.datetime.combine(first - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    by_day: dict[dt.date, list] = {}
    for ceremony in ceremonies(user=user).filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at"):
        local = ceremony.local_start
        if first <= local.date() <= last:
            by_day.setdefault(local.date(), []).append(ceremony)
    today = timezone.localdate()
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                CalendarDay(d if d.month == month else None, by_day.get(d, []) if d.month == month else [], d == today)
                for d in week
            ]
        )
    return weeks


def ceremony_counts(*, ceremony: Ceremony) -> dict:
    """{status: count} for every status, plus "total"."""
    counts = dict.fromkeys(S.values, 0)
    # From an apel the caller fetched for the user (get_for_user): its own rows, whatever they are.
    for status, n in ceremony.attendances.order_by().values_list("status").annotate(n=Count("pk")):
        counts[status] = n
    counts["total"] = sum(counts.values())
    return counts


def ceremony_units(*, ceremony: Ceremony) -> list[dict]:
    """Per work unit (as it was when each person was added): participants and each status."""
    rows = (
        ceremony.attendances.values("work_unit_id", "work_unit__name")
        .annotate(total=Count("pk"), **{f"n_{s}": Count("pk", filter=Q(status=s)) for s in S.values})
        .order_by("work_unit__name")
    )
    return [{**row, "statuses": [row[f"n_{s}"] for s in STATUS_ORDER]} for row in rows]


def attendance_rows(*, user, ceremony: Ceremony, unit_id=None, status: str = "", query: str = "") -> QuerySet:
    """The participants of one apel the user may see, filtered; paginate it in the view."""
    rows = (
        Attendance.objects.visible_to(user, "apel.view")
        .filter(ceremony=ceremony)
        .select_related("employee", "work_unit", "marked_by")
    )
    if unit_id:
        rows = rows.filter(work_unit_id=unit_id)
    if status in S.values:
        rows = rows.filter(status=status)
    if query:
        matching = employee_search(Employee.objects.visible_to(user, "apel.view"), query).values("pk")
        rows = rows.filter(employee_id__in=matching)
    return rows.order_by("work_unit__name", "employee__name", "pk")


def participants_without_email(*, user, ceremony: Ceremony, limit: int = 500) -> tuple[int, list]:
    rows = (
        Attendance.objects.visible_to(user, "apel.view")
        .filter(ceremony=ceremony, employee__email="")
        .select_related("employee", "work_unit")
        .order_by("work_unit__name", "employee__name")
    )
    return rows.count(), list(rows[:limit])


def attendance_for_scan(*, user, ceremony: Ceremony, employee_id=None, nip: str = "") -> Attendance | None:
    """The participant row a scan or a typed NIP names, among the rows the user may mark."""
    rows = Attendance.objects.visible_to(user, "apel.mark").filter(ceremony=ceremony).select_related("employee")
    if employee_id is not None:
        return rows.filter(employee_id=employee_id).first()
    return rows.filter(employee__nip=nip).first() if nip else None


def ceremony_units_choice(*, user, ceremony: Ceremony) -> QuerySet:
    """The work units of the apel's region, for the filters and the bulk marking."""
    return WorkUnit.objects.visible_to(user, "apel.view").filter(region_id=ceremony.region_id).order_by("name")


def elections() -> QuerySet:
    return Election.objects.current_first()


# --- for other apps (a case page) ------------------------------------------------------------------------------


def apel_attended(*, user, employee, election) -> bool | None:
    """Was the employee present at an apel of the election (True), invited but never present (False), or
    invited to none (None)? Read as ``user`` may see the apel's attendance."""
    rows = Attendance.objects.visible_to(user, "apel.view").filter(
        employee=employee, ceremony__election=election, ceremony__status=Ceremony.Status.HELD
    )
    statuses = set(rows.values_list("status", flat=True))
    if not statuses:
        return None
    return S.PRESENT in statuses


# --- the ASN's own -----------------------------------------------------------------------------------------


def my_attendance(*, user) -> QuerySet:
    """The user's own participant rows (the owner's view, never staff reach)."""
    return (
        Attendance.objects.visible_to(user, "apel.view")
        .filter(employee__user=user)
        .exclude(ceremony__status=Ceremony.Status.CANCELLED, ceremony__starts_at__lt=timezone.now())
        .select_related("ceremony", "ceremony__region", "ceremony__election")
    )


def my_upcoming(*, user, now=None) -> list[Attendance]:
    now = now or timezone.now()
    window = now - dt.timedelta(hours=2)  # still "upcoming" while it is going on
    rows = my_attendance(user=user).filter(ceremony__starts_at__gte=window).order_by("ceremony__starts_at")
    return list(rows[:20])


def my_history(*, user, now=None) -> list[Attendance]:
    now = now or timezone.now()
    rows = my_attendance(user=user).filter(ceremony__starts_at__lt=now - dt.timedelta(hours=2))
    return list(rows.exclude(ceremony__status=Ceremony.Status.CANCELLED).order_by("-ceremony__starts_at")[:100])


# --- home cards ----------------------------------------------------------------------------------------------


def bkd_card(user) -> dict | None:
    """BKD: the next apel, and the live count of today's."""
    now = timezone.now()
    visible = ceremonies(user=user, capability="apel.manage")
    next_one = visible.filter(status=Ceremony.Status.SCHEDULED, starts_at__gte=now).order_by("starts_at").first()
    zone = timezone.get_current_timezone()
    today_start = dt.datetime.combine(timezone.localdate(), dt.time(), tzinfo=zone)
    today = list(
        visible.filter(starts_at__gte=today_start, starts_at__lt=today_start + dt.timedelta(days=1))
        .exclude(status=Ceremony.Status.CANCELLED)
        .annotate(total=Count("attendances"), present=Count("attendances", filter=Q(attendances__status=S.PRESENT)))
        .order_by("starts_at")
    )
    if next_one is None and not today:
        return None
    return {"next_apel": next_one, "today": today}


def head_card(user) -> dict | None:
    """The head: attendance at the last apel held."""
    last = (
        ceremonies(user=user, capability="dashboard.view")
        .filter(status=Ceremony.Status.HELD)
        .order_by("-starts_at")
        .first()
    )
    if last is None:
        return None
    counts = ceremony_counts(ceremony=last)
    percent = round(100 * counts[S.PRESENT] / counts["total"]) if counts["total"] else 0
    rows = [(S(s).label, counts[s]) for s in STATUS_ORDER if counts[s]]
    return {"last_apel": last, "counts": counts, "percent": percent, "rows": rows}


def asn_card(user) -> dict | None:
    """The ASN: my next apel (if any) and my personal QR; hidden for someone who never took part in an apel
    (the QR is for checking in, and the home page then keeps its other news)."""
    upcoming = [a for a in my_upcoming(user=user) if a.ceremony.status != Ceremony.Status.CANCELLED]
    if not upcoming and not my_attendance(user=user).exists():
        return None
    return {"next_attendance": upcoming[0] if upcoming else None, "employee": user.employee_or_none}


# --- the card sheet -------------------------------------------------------------------------------------------


CARD_SHEET_LIMIT = 1000


def card_sheet_employees(*, user, unit_id: int, limit: int | None = None):
    """(unit, its active ASN — at most ``limit`` — and how many it has) for the printable card sheet."""
    limit = limit or CARD_SHEET_LIMIT
    unit = WorkUnit.objects.visible_to(user, "apel.mark").select_related("region").filter(pk=unit_id).first()
    if unit is None:
        return None, [], 0
    employees = Employee.objects.visible_to(user, "apel.mark").filter(work_unit=unit, is_active=True)
    return unit, list(employees.order_by("name", "pk")[:limit]), employees.count()


def card_sheet_units(*, user) -> QuerySet:
    return WorkUnit.objects.visible_to(user, "apel.mark").select_related("region").order_by("region__name", "name")
