"""The pledges app's capabilities (collected at start-up by core.capabilities); the roles are the people app's."""

from django.utils.translation import gettext_lazy as _

from core.capabilities import capability

# Apel netralitas (issue 7). An ASN reads their own attendance through Attendance.owner_capabilities.
capability("apel.view", _("Melihat apel dan kehadirannya"), roles=["bkd", "admin", "head", "inspector"])
capability("apel.manage", _("Menjadwalkan, mengubah dan membatalkan apel"), roles=["bkd", "admin"])
capability("apel.mark", _("Mencatat kehadiran apel (layar QR, pindai, daftar)"), roles=["bkd", "admin"])

# Pakta integritas (issue 8). An ASN reads their own invitations and signatures through owner_capabilities.
capability(
    "pakta.view", _("Melihat kampanye pakta integritas dan kemajuannya"), roles=["bkd", "admin", "head", "inspector"]
)
capability(
    "pakta.manage", _("Menyusun teks pakta, meluncurkan kampanye, mengirim ulang tautan"), roles=["bkd", "admin"]
)
capability("pakta.print_codes", _("Mencetak kode QR penandatanganan untuk ASN tanpa email"), roles=["bkd"])
