"""The dashboard's capability (roles are declared by the people app)."""

from django.utils.translation import gettext_lazy as _

from core.capabilities import capability

capability("dashboard.view", _("Melihat dasbor kepala daerah"), roles=["head"])
