from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Jejak audit"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from core import ui

        ui.menu_entry("audit.view", "audit_list", _("Jejak audit"), icon="journal-check", order=90, group=ui.MANAGE)
