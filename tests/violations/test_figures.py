"""violations.selectors.case_figures / reports_per_week (the dashboard's figures) and the list filters their
links use: the same cases counted and listed, narrowed by the reader's reach."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.dashboard.figures_world import build
from tests.factories import MembershipFactory
from violations import selectors

CAP = "case.view"


@pytest.fixture
def world(region_a, region_b):
    return build(region_a, region_b, today=timezone.localdate())


def test_case_figures_count_what_case_list_lists(bkd_a, region_a, world):
    figures = selectors.case_figures(user=bkd_a, capability=CAP, region_ids=[region_a.pk])
    assert (figures["total"], figures["open"], figures["overdue"]) == (3, 2, 1)
    for category, n in figures["by_category"].items():
        assert selectors.case_list(user=bkd_a, category=category, region_id=region_a.pk).count() == n
    for state, n in figures["by_state"].items():
        assert selectors.case_list(user=bkd_a, state=state).count() == n
    for unit_id, counts in figures["by_unit"].items():
        assert selectors.case_list(user=bkd_a, work_unit_id=unit_id).count() == counts["total"]
        assert selectors.case_list(user=bkd_a, work_unit_id=unit_id, overdue=True).count() == counts["overdue"]
    assert figures["by_region"] == {region_a.pk: {"total": 3, "open": 2, "overdue": 1}}


def test_figures_stay_within_the_readers_reach(bkd_a, region_a, region_b, world):
    """Asking for region B's figures without holding the capability there counts nothing."""
    figures = selectors.case_figures(user=bkd_a, capability=CAP, region_ids=[region_b.pk])
    assert figures["total"] == 0 and figures["by_unit"] == {}
    b_head = MembershipFactory(region=region_b, role="head", user__username="bupati.b").user
    assert selectors.case_figures(user=b_head, capability=CAP, region_ids=[region_a.pk, region_b.pk])["total"] == 1


def test_date_filters_of_the_lists(bkd_a, region_a, world):
    today = timezone.localdate()
    assert selectors.case_list(user=bkd_a, opened_from=today, opened_to=today).count() == 3
    assert selectors.case_list(user=bkd_a, opened_to=today - dt.timedelta(days=1)).count() == 0
    monday = today - dt.timedelta(days=today.weekday())
    weekly = selectors.reports_per_week(
        user=bkd_a, capability="report.view", region_ids=[region_a.pk], date_from=monday - dt.timedelta(weeks=3),
        date_to=today,
    )  # fmt: skip
    assert weekly == {monday: 2, monday - dt.timedelta(weeks=2): 2}
    this_week = selectors.report_list(user=bkd_a, region_id=region_a.pk, received_from=monday, received_to=today)
    assert this_week.count() == 2
