"""The outbox's capabilities (roles are declared by the people app)."""

from django.utils.translation import gettext_lazy as _

from core.capabilities import capability

capability("outbox.view", _("Melihat kotak keluar email"), roles=["admin", "bkd", "inspector"])
capability("outbox.retry", _("Mengirim ulang email yang gagal"), roles=["admin", "bkd"])
