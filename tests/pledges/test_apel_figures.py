"""pledges.selectors.apel_unit_attendance / apel_attendance_rows: attendance of the apel held, per unit, and the
rows behind each figure, within the reader's reach."""

import datetime as dt

import pytest
from django.utils import timezone

from pledges.selectors import apel_attendance_rows, apel_unit_attendance
from tests.dashboard.figures_world import build

CAP = "apel.view"


@pytest.fixture
def world(region_a, region_b):
    return build(region_a, region_b, today=timezone.localdate())


def test_attendance_per_unit_of_the_apel_held(bkd_a, region_a, world):
    edu, health = world.units
    figures = apel_unit_attendance(user=bkd_a, capability=CAP, region_ids=[region_a.pk])
    assert figures == {
        edu.pk: {"participants": 4, "present": 3, "excused": 0, "absent": 1, "pending": 0},
        health.pk: {"participants": 2, "present": 1, "excused": 1, "absent": 0, "pending": 0},
    }
    for key in ("present", "excused", "absent", "pending"):
        rows = apel_attendance_rows(user=bkd_a, capability=CAP, region_ids=[region_a.pk], work_unit_id=edu.pk,
                                    figure=key)  # fmt: skip
        assert rows.count() == figures[edu.pk][key]


def test_dates_and_reach(bkd_a, region_a, region_b, world):
    later = dt.date(2024, 11, 2)
    assert apel_unit_attendance(user=bkd_a, capability=CAP, region_ids=[region_a.pk], date_from=later) == {}
    assert apel_unit_attendance(user=bkd_a, capability=CAP, region_ids=[region_b.pk]) == {}
    assert not apel_attendance_rows(user=bkd_a, capability=CAP, region_ids=[region_b.pk]).exists()
