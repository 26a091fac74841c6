"""The dashboard's capabilities (roles are declared by the people app)."""

from django.utils.translation import gettext_lazy as _

from core.capabilities import capability

# The head's home page (its cards).
capability("dashboard.view", _("Melihat dasbor kepala daerah"), roles=["head"])
# The region dashboard, the province view, their exports and the weekly report (issue 11): the head, BKD and
# the Inspektorat of a Pemda; a provincial membership reads its kabupaten/kota.
capability("dashboard.region", _("Melihat dasbor netralitas wilayah"), roles=["head", "bkd", "inspector", "admin"])
