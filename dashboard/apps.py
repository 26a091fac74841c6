"""Read-only pages for every role: the home page of each role, and the head's dashboards (issue 11)."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Dasbor"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from core import ui
        from core.jobs import periodic
        from documents import kinds

        from .weekly import weekly_report_kind

        ui.menu_entry(ui.AUTHENTICATED, "home", _("Beranda"), icon="house", order=0)
        ui.menu_entry("dashboard.region", "dashboard_region", _("Dasbor"), icon="bar-chart", order=5)
        kinds.register(weekly_report_kind())
        # Hourly: the first run of each Monday (in each region's zone) makes last week's report and announces it.
        periodic("dashboard-weekly-report", "dashboard.tasks.weekly_report_issue_task", seconds=3600)
