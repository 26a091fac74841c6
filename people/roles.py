"""Staff roles and what each may do. The one place that says which role can do what."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BKD = "bkd", _("Petugas BKD/BKPSDM")
    HEAD = "head", _("Kepala daerah / PPK")
    INSPECTOR = "inspector", _("Inspektorat (baca saja)")
    ADMIN = "admin", _("Administrator Pemda")


# Capabilities are named "<area>.<verb>"; views and selectors ask for a capability, never a role.
CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        {
            "region.view",
            "roster.view",
            "roster.import",
            "employee.edit",
            "membership.manage",
            "outbox.view",
            "outbox.retry",
            "audit.view",
        }
    ),
    Role.BKD: frozenset(
        {"region.view", "roster.view", "roster.import", "employee.edit", "outbox.view", "outbox.retry"}
    ),
    Role.HEAD: frozenset({"region.view", "roster.view", "dashboard.view"}),
    Role.INSPECTOR: frozenset({"region.view", "roster.view", "outbox.view", "audit.view"}),
}


def roles_with(capability: str) -> frozenset[str]:
    return frozenset(role for role, caps in CAPABILITIES.items() if capability in caps)
