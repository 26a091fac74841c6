"""Read-only pages for every role: the home page of each role, and (later) the head's dashboards."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Dasbor"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from core import ui

        ui.menu_entry(ui.AUTHENTICATED, "home", _("Beranda"), icon="house", order=0)
