"""Indonesian working days: weekends, national holidays, and each Pemda's own cuti bersama."""

import datetime as dt

import pytest

from people.models import RegionHoliday
from people.workdays import add_working_days, holiday_name, is_working_day, working_days_between

pytestmark = pytest.mark.django_db


def test_weekends_and_national_holidays_do_not_count(region_a):
    assert not is_working_day(region_a, dt.date(2024, 8, 17))  # Hari Kemerdekaan (a Saturday anyway)
    assert not is_working_day(region_a, dt.date(2024, 2, 14))  # Pemilu voting day, a Wednesday
    assert not is_working_day(region_a, dt.date(2024, 11, 27))  # Pilkada voting day
    assert is_working_day(region_a, dt.date(2024, 11, 26))
    assert holiday_name(region_a, dt.date(2024, 12, 25))


def test_adding_working_days_skips_them(region_a):
    # Friday 23 Aug 2024 + 1 working day = Monday 26 Aug.
    assert add_working_days(region_a, dt.date(2024, 8, 23), 1) == dt.date(2024, 8, 26)
    # Tuesday 13 Feb 2024 + 1 skips the Pemilu holiday on the 14th.
    assert add_working_days(region_a, dt.date(2024, 2, 13), 1) == dt.date(2024, 2, 15)
    assert add_working_days(region_a, dt.date(2024, 8, 23), 0) == dt.date(2024, 8, 23)
    # 14 working days across Christmas and New Year 2024/25.
    assert add_working_days(region_a, dt.date(2024, 12, 20), 14) == dt.date(2025, 1, 13)


def test_a_regions_own_cuti_bersama_counts_only_there(region_a, region_b):
    RegionHoliday.objects.create(region=region_a, date=dt.date(2024, 4, 8), name="Cuti bersama Idulfitri")
    assert not is_working_day(region_a, dt.date(2024, 4, 8))
    assert is_working_day(region_b, dt.date(2024, 4, 8))
    assert add_working_days(region_a, dt.date(2024, 4, 5), 1) != add_working_days(region_b, dt.date(2024, 4, 5), 1)


def test_working_days_between(region_a):
    assert working_days_between(region_a, dt.date(2024, 8, 23), dt.date(2024, 8, 30)) == 5
    assert working_days_between(region_a, dt.date(2024, 8, 30), dt.date(2024, 8, 23)) == 0
    start = dt.date(2024, 3, 1)
    assert working_days_between(region_a, start, add_working_days(region_a, start, 22)) == 22
