"""The people app's roles and capabilities (collected at start-up by core.capabilities)."""

from django.utils.translation import gettext_lazy as _

from core.capabilities import capability, role

from .roles import Role

# The order says which home page a user with several roles lands on: the one with the most to do.
role(Role.ADMIN, Role.ADMIN.label, home_order=10)
role(Role.BKD, Role.BKD.label, home_order=20)
role(Role.HEAD, Role.HEAD.label, home_order=30)
role(Role.INSPECTOR, Role.INSPECTOR.label, home_order=40)

capability("region.view", _("Melihat data Pemda"), roles=[Role.ADMIN, Role.BKD, Role.HEAD, Role.INSPECTOR])
capability("roster.view", _("Melihat roster ASN"), roles=[Role.ADMIN, Role.BKD, Role.HEAD, Role.INSPECTOR])
capability("roster.import", _("Mengimpor roster ASN"), roles=[Role.ADMIN, Role.BKD])
capability("employee.edit", _("Mengubah data pegawai"), roles=[Role.ADMIN, Role.BKD])
capability("membership.manage", _("Mengelola peran staf"), roles=[Role.ADMIN])
capability("region.settings", _("Mengubah pengaturan Pemda"), roles=[Role.ADMIN])
