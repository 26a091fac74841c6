from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Pemda, unit kerja dan pegawai"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from core import ui
        from core.jobs import periodic
        from core.redaction import register_credential_path
        from mailer import credentials

        from . import signals  # noqa: F401
        from .services.accounts import PURPOSES, account_link_for_email

        for purpose in PURPOSES:
            credentials.register(purpose, account_link_for_email)
        # /akun/aktivasi/<uid>/<token>/ and friends; "atur-sandi"/"set-password" are the token-free pages.
        register_credential_path(
            r"/akun/(?:aktivasi|undangan|reset)/[^/\s]+/(?P<token>(?!atur-sandi|set-password)[^/\s?#\"]+)"
        )

        ui.menu_entry(ui.ASN, "my_profile", _("Profil saya"), icon="person-badge", order=5)
        ui.menu_entry("roster.view", "employee_list", _("Pegawai ASN"), icon="people", order=10)
        ui.menu_entry("roster.view", "workunit_list", _("Unit kerja"), icon="diagram-3", order=12, group=ui.MANAGE)
        ui.menu_entry("roster.import", "roster_import", _("Impor roster"), icon="upload", order=14, group=ui.MANAGE)
        ui.menu_entry("membership.manage", "staff_list", _("Staf"), icon="person-gear", order=80, group=ui.MANAGE)
        ui.menu_entry("region.settings", "region_settings", _("Pengaturan"), icon="sliders", order=82, group=ui.MANAGE)
        # Queues again a roster import whose task was lost with its broker or worker.
        periodic("roster-requeue-stalled", "people.tasks.roster_requeue_stalled_task", seconds=300)
        # Applies every region's retention periods (core/retention.py).
        periodic("retention-purge", "people.tasks.retention_purge_task", seconds=24 * 3600)
        self._register_settings()

    def _register_settings(self):
        from django.utils.translation import gettext_lazy as _

        from core import regionsettings, retention

        from .forms.regionsettings import HolidaysForm, LetterheadForm, PrivacyForm
        from .services.retention import purge_roster_files

        regionsettings.section(
            "people.letterhead",
            _("Kop surat"),
            form_class=LetterheadForm,
            instance=lambda region: region,
            order=10,
            help_text=_("Dicetak di kepala setiap dokumen PDF yang diterbitkan Pemda (berita acara, pakta, surat)."),
        )
        regionsettings.section(
            "people.calendar", _("Hari kerja"), form_class=HolidaysForm, instance=lambda region: region, order=20
        )
        regionsettings.section(
            "people.privacy", _("Privasi dan masa simpan data"), form_class=PrivacyForm, instance=lambda r: r, order=90
        )
        retention.kind(
            "people.roster_files",
            _("Berkas roster yang diunggah"),
            default_days=90,
            purge=purge_roster_files,
            description=_("Berkas CSV/XLSX dan daftar kesalahannya; ringkasan impor tetap disimpan."),
        )
