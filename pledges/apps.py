"""Elections, apel ceremonies and attendance, pakta integritas campaigns and signatures.

Nothing here yet: its models, views and tasks arrive with their own issue.
"""

from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = "Apel dan pakta integritas"
