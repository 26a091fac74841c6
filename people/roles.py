"""The staff roles the people app declares (people/capabilities.py); other apps may declare more."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BKD = "bkd", _("Petugas BKD/BKPSDM")
    HEAD = "head", _("Kepala daerah / PPK")
    INSPECTOR = "inspector", _("Inspektorat (baca saja)")
    ADMIN = "admin", _("Administrator Pemda")
