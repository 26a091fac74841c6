"""Prohibited-activity catalogue, reports, cases and their workflow (issue 9)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ViolationsConfig(AppConfig):
    name = "violations"
    verbose_name = _("Pelanggaran")

    def ready(self):
        from core import regionsettings, retention, ui
        from core.jobs import periodic
        from documents import kinds

        from . import cards
        from .forms import DeadlineSettingsForm
        from .letters import summons_kind
        from .models import ViolationSettings
        from .services.retention import purge_reporters

        # One entry: reports, the catalogue and the suggester's figures are a click away on the case list.
        ui.menu_entry("case.view", "case_list", _("Pelanggaran"), icon="shield-exclamation", order=40)
        ui.card("violations.inbox", "report.create", "violations/cards/inbox.html", cards.inbox, order=30)
        ui.card("violations.states", "case.view", "violations/cards/states.html", cards.states, order=32)
        ui.card("violations.my_case", ui.ASN, "violations/cards/my_case.html", cards.my_case, order=10)
        ui.card(
            "violations.catalogue", "catalogue.manage", "violations/cards/catalogue.html", cards.catalogue, order=34
        )
        kinds.register(summons_kind())  # the surat panggilan, issued when a hearing is scheduled
        # Reminds the officer and the region's BKD of overdue cases, once per case per day.
        periodic("violations-overdue", "violations.tasks.cases_remind_overdue_task", seconds=24 * 3600)
        regionsettings.section(
            "violations.deadlines",
            _("Pelanggaran: tenggat dan laporan masyarakat"),
            form_class=DeadlineSettingsForm,
            instance=ViolationSettings.for_region,
            order=40,
            help_text=_("Tenggat tiap tahap kasus dalam hari kerja (akhir pekan, libur nasional dan libur daerah di "
                        "atas tidak dihitung). Tenggat baru berlaku untuk kasus yang masuk tahap itu sesudahnya."),
        )  # fmt: skip
        retention.kind(
            "violations.reporters",
            _("Identitas pelapor"),
            default_days=5 * 365,
            min_days=365,
            purge=purge_reporters,
            description=_("Nama dan kontak pelapor, dihapus setelah laporannya selesai; laporan dan kasus tetap."),
        )
