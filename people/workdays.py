"""Indonesian working days (hari kerja) for a Pemda: Monday to Friday, minus the national holidays the
``holidays`` package knows for Indonesia, minus the days the Pemda adds itself (cuti bersama, local
holidays: RegionHoliday, kept on the region settings page). Deadlines of cases and follow-ups count these.
"""

import datetime as dt
from functools import lru_cache

import holidays

from .models import Region, RegionHoliday

# Far enough for any deadline: a loop that finds no working day in this many days has bad data.
MAX_SCAN_DAYS = 3660


@lru_cache(maxsize=64)
def national_holidays(year: int) -> dict[dt.date, str]:
    names = holidays.country_holidays("ID", years=year, language="id")
    return dict(names.items())


def _regional(region: Region | int, start: dt.date, end: dt.date) -> set[dt.date]:
    region_id = region if isinstance(region, int) else region.pk
    days = RegionHoliday.objects.filter(region_id=region_id, date__gte=start, date__lte=end)
    return set(days.values_list("date", flat=True))


def holiday_name(region: Region, day: dt.date) -> str | None:
    """Why ``day`` is not a working day in the region (None for a working day)."""
    if day in national_holidays(day.year):
        return national_holidays(day.year)[day]
    local = RegionHoliday.objects.filter(region=region, date=day).values_list("name", flat=True).first()
    if local:
        return local
    return "Sabtu/Minggu" if day.weekday() >= 5 else None


class WorkCalendar:
    """The working days of one region over a span, with one query for its own holidays."""

    def __init__(self, region: Region | int, start: dt.date, end: dt.date):
        self.start, self.end = start, end
        self.local = _regional(region, start, end)

    def is_working_day(self, day: dt.date) -> bool:
        if not self.start <= day <= self.end:
            raise ValueError(f"{day} is outside the calendar span {self.start}..{self.end}")
        return day.weekday() < 5 and day not in national_holidays(day.year) and day not in self.local


def is_working_day(region: Region | int, day: dt.date) -> bool:
    return WorkCalendar(region, day, day).is_working_day(day)


def add_working_days(region: Region | int, start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count); 0 gives ``start``."""
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    calendar = WorkCalendar(region, start, start + dt.timedelta(days=max(days * 3, 30) + 30))
    day, counted = start, 0
    for _ in range(MAX_SCAN_DAYS):
        day += dt.timedelta(days=1)
        if day > calendar.end:
            calendar = WorkCalendar(region, day, day + dt.timedelta(days=365))
        if calendar.is_working_day(day):
            counted += 1
            if counted == days:
                return day
    raise ValueError("no working day found: check the region's holidays")


def working_days_between(region: Region | int, start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    calendar = WorkCalendar(region, start, end)
    day, counted = start, 0
    while day < end:
        day += dt.timedelta(days=1)
        counted += calendar.is_working_day(day)
    return counted
