"""Read-only pages for every role: the home page of each role, and (later) the head's dashboards."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Dasbor"
