"""Prohibited-activity catalogue, reports, cases and their workflow (issue 9)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ViolationsConfig(AppConfig):
    name = "violations"
    verbose_name = _("Pelanggaran")
