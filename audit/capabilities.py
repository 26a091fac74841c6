"""The audit trail's capability (roles are declared by the people app)."""

from django.utils.translation import gettext_lazy as _

from core.capabilities import capability

capability("audit.view", _("Membaca jejak audit"), roles=["admin", "inspector"])
