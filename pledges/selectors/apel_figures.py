"""Apel figures for the dashboards (issue 11): attendance per work unit over the apel held, and the rows behind
each figure. Read as ``user`` holds ``capability`` (e.g. ``dashboard.region``) and narrowed to ``region_ids``;
aggregated in the database, one query whatever the number of people."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from ..models import Attendance, Ceremony

S = Attendance.Status
# Excused: izin, sakit, dinas luar. "Absent" is tanpa keterangan; a row never marked stays "pending".
EXCUSED = (S.EXCUSED, S.SICK, S.OFFICIAL_DUTY)
FIGURE_STATUSES = {"present": (S.PRESENT,), "excused": EXCUSED, "absent": (S.ABSENT,), "pending": (S.PENDING,)}


def _held_rows(*, user, capability: str, region_ids, election_id=None, date_from=None, date_to=None) -> QuerySet:
    rows = Attendance.objects.visible_to(user, capability).filter(
        ceremony__region_id__in=list(region_ids), ceremony__status=Ceremony.Status.HELD
    )
    if election_id:
        rows = rows.filter(ceremony__election_id=election_id)
    if date_from:
        rows = rows.filter(ceremony__starts_at__gte=_day_start(date_from))
    if date_to:
        rows = rows.filter(ceremony__starts_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    return rows


def _day_start(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())


def apel_unit_attendance(
    *, user, capability: str, region_ids, election_id=None, date_from=None, date_to=None
) -> dict[int, dict]:
    """{work_unit_id: {"participants", "present", "excused", "absent", "pending"}} over the apel held (in the
    filter's election and dates), each person counted once per apel in the unit they belonged to on the day."""
    rows = _held_rows(
        user=user,
        capability=capability,
        region_ids=region_ids,
        election_id=election_id,
        date_from=date_from,
        date_to=date_to,
    )
    counts = {key: Count("pk", filter=Q(status__in=statuses)) for key, statuses in FIGURE_STATUSES.items()}
    grouped = rows.order_by().values("work_unit_id").annotate(participants=Count("pk"), **counts)
    return {row.pop("work_unit_id"): row for row in grouped}


def apel_attendance_rows(
    *,
    user,
    capability: str,
    region_ids,
    election_id=None,
    date_from=None,
    date_to=None,
    work_unit_id=None,
    figure: str = "",
) -> QuerySet:
    """The participant rows behind a figure of :func:`apel_unit_attendance` (``figure`` is one of its keys, or
    "" for every participant), newest apel first; paginate or stream it."""
    rows = _held_rows(
        user=user,
        capability=capability,
        region_ids=region_ids,
        election_id=election_id,
        date_from=date_from,
        date_to=date_to,
    )
    if work_unit_id:
        rows = rows.filter(work_unit_id=work_unit_id)
    if figure in FIGURE_STATUSES:
        rows = rows.filter(status__in=FIGURE_STATUSES[figure])
    return rows.select_related("employee", "work_unit", "ceremony", "ceremony__region").order_by(
        "-ceremony__starts_at", "work_unit__name", "employee__name", "pk"
    )
