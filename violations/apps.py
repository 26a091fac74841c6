"""Prohibited-activity catalogue, reports, cases and their workflow, sanctions and letters.

Nothing here yet: its models, views and tasks arrive with their own issue.
"""

from django.apps import AppConfig


class ViolationsConfig(AppConfig):
    name = "violations"
    verbose_name = "Pelanggaran dan sanksi"
