from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class MailerConfig(AppConfig):
    name = "mailer"
    verbose_name = "Kotak keluar email"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from core import regionsettings, retention, ui
        from core.jobs import periodic

        from .forms import MailSettingsForm
        from .models import MailSettings
        from .retention import purge_messages

        checks.register(check_lease)
        retention.kind(
            "mailer.messages",
            _("Email yang sudah terkirim"),
            default_days=180,
            purge=purge_messages,
            description=_("Isi email (nama, NIP, jadwal) di kotak keluar; email yang masih antre tidak dihapus."),
        )
        # The sweep: re-sends mail whose worker died or whose server refused it, and mail that waited for
        # its region's daily limit.
        periodic("mailer-dispatch-due", "mailer.tasks.email_dispatch_due_task", seconds=60)
        ui.menu_entry("outbox.view", "outbox_list", _("Kotak keluar"), icon="envelope", order=85, group=ui.MANAGE)
        regionsettings.section(
            "mailer.sending",
            _("Pengiriman email"),
            form_class=MailSettingsForm,
            instance=MailSettings.for_region,
            order=60,
            help_text=_(
                "Penyedia SMTP membatasi jumlah email per hari. Portal tidak mengirim lebih dari batas ini untuk "
                "Pemda Anda dalam 24 jam; sisanya menunggu di antrean dan perkiraan selesainya tampil di kotak keluar."
            ),
        )


def check_lease(app_configs=None, **kwargs):
    """A send slower than the in-flight lease is presumed lost and sent again: keep the lease longer."""
    lease = settings.MAILER_INFLIGHT_LEASE_SECONDS
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or 0
    if lease < 2 * timeout:
        return [
            checks.Warning(
                f"MAILER_INFLIGHT_LEASE_SECONDS ({lease}) should be at least twice EMAIL_TIMEOUT ({timeout}).",
                hint="An email still being sent when its lease runs out can be delivered twice.",
                id="mailer.W001",
            )
        ]
    return []
