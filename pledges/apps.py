from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = _("Apel dan pakta integritas")

    def ready(self):
        self._ready_apel()
        self._ready_pakta()

    def _ready_pakta(self):
        """The pakta part (issue 8): menu, cards, the signing credential, the document kind, periodic jobs."""
        from core import ui
        from core.jobs import periodic
        from core.redaction import register_credential_path
        from documents import kinds
        from mailer import credentials

        from .selectors import pakta as selectors
        from .services.pakta import CREDENTIAL, pakta_link_for_email
        from .services.pakta_documents import signature_kind

        ui.menu_entry("pakta.view", "campaign_list", _("Pakta integritas"), icon="pen", order=32)
        ui.menu_entry(ui.ASN, "my_pakta", _("Pakta saya"), icon="pen", order=7)
        ui.card("pakta.bkd", "pakta.manage", "pledges/pakta/cards/bkd.html", selectors.bkd_card, order=18)
        ui.card("pakta.asn", ui.ASN, "pledges/pakta/cards/asn.html", selectors.asn_card, order=10)
        # The signing link is made when its mail is sent, never stored (only its hash).
        credentials.register(CREDENTIAL, pakta_link_for_email)
        register_credential_path(r"/pakta/buka/(?P<token>[^/\s?#\"]+)")
        kinds.register(signature_kind())
        # Targets follow the roster (newcomers invited, leavers no longer counted), and reminders by a due column.
        periodic("pakta-sync", "pledges.tasks.campaign_sync_due_task", seconds=600)
        periodic("pakta-remind-due", "pledges.tasks.campaign_remind_due_task", seconds=300)

    def _ready_apel(self):
        """The apel part (issue 7): menu, home cards, notices job, settings section, retention, log redaction."""
        from core import regionsettings, retention, ui
        from core.jobs import periodic
        from core.redaction import register_credential_path
        from documents import kinds

        from .forms.apel_settings import ApelSettingsForm
        from .models import ApelSettings
        from .selectors import apel as selectors
        from .services.apel_report import berita_acara_kind
        from .services.apel_retention import purge_apel_attendance

        ui.menu_entry("apel.view", "ceremony_list", _("Apel"), icon="megaphone", order=30)
        ui.menu_entry(ui.ASN, "my_apel", _("Apel saya"), icon="qr-code", order=6)
        ui.card("apel.bkd", "apel.manage", "pledges/apel/cards/bkd.html", selectors.bkd_card, order=20)
        ui.card("apel.head", "dashboard.view", "pledges/apel/cards/head.html", selectors.head_card, order=20)
        ui.card("apel.asn", ui.ASN, "pledges/apel/cards/asn.html", selectors.asn_card, order=20)
        # Invitations, reminders and the notices of a move or a cancellation (a due column per apel).
        periodic("apel-notify-due", "pledges.tasks.ceremony_notify_due_task", seconds=60)
        regionsettings.section(
            "pledges.apel",
            _("Apel netralitas"),
            form_class=ApelSettingsForm,
            instance=ApelSettings.for_region,
            order=40,
            help_text=_("Jendela check-in QR di sekitar waktu mulai apel, dan kapan pengingat dikirim ke peserta."),
        )
        retention.kind(
            "pledges.apel_attendance",
            _("Daftar hadir apel"),
            default_days=5 * 365,
            purge=purge_apel_attendance,
            description=_("Siapa hadir di apel mana; berita acara yang sudah diterbitkan tetap disimpan."),
        )
        # The berita acara: a PDF with letterhead, page numbers and a verification QR; a correction is a new version.
        kinds.register(berita_acara_kind())
        # The presenter's QR link carries a short-lived token: not a personal credential, but kept out of logs.
        register_credential_path(r"/apel/hadir/(?P<token>(?!selesai/)[^/\s?#\"]+)")
