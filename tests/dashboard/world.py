"""The walk's view of the dashboard app: the home page, the dashboards and their exports, the weekly reports."""

import datetime as dt

from django.utils import timezone

from dashboard.models import WeeklyReport
from tests.world import AUTHENTICATED, world

world.route("home", AUTHENTICATED)
for name in (
    "dashboard_region",
    "dashboard_province",
    "dashboard_export_csv",
    "dashboard_export_xlsx",
    "dashboard_apel_people",
    "dashboard_apel_people_csv",
    "dashboard_apel_people_xlsx",
    "dashboard_pakta_people",
    "dashboard_pakta_people_csv",
    "dashboard_pakta_people_xlsx",
    "weekly_report_list",
    "weekly_report_detail",
):
    world.route(name, "dashboard.region")
# The PDF is issued on first download (region A's certificate in the walk is a stand-in that cannot sign anew):
# its GET is walked for access only through weekly_report_detail; the view shares the same lookup.
world.route("weekly_report_pdf", "dashboard.region")


@world.obj("weekly_report_id", WeeklyReport, markers=lambda r: [r.figures["regions"][0]])
def weekly_report(env):
    return WeeklyReport.objects.create(
        region=env.region_a, week_start=dt.date(2026, 11, 23), computed_at=timezone.now(),
        figures={"regions": ["Laporan mingguan marker"], "tables": [], "headline": [], "watch": []},
    )  # fmt: skip
