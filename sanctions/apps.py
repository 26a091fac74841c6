"""Sanction recommendations, the head's approval, decision letters, sanctions in force (issue 10)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctionsConfig(AppConfig):
    name = "sanctions"
    verbose_name = _("Sanksi")

    def ready(self):
        from core import regionsettings, ui
        from core.jobs import periodic
        from documents import kinds
        from violations import panels, workflow

        from . import cards
        from .forms import SanctionSettingsForm
        from .letters import decision_kind, recommendation_kind
        from .models import SanctionSettings

        # The case workflow after the LHP: the PPK decides (the SK gets its number), BKD records its delivery.
        workflow.register_state(
            "decided", _("Diputus PPK: menunggu penyampaian"), open=True, deadline_days=14, order=60,
            help_text=_("SK disampaikan kepada ASN paling lambat 14 hari kerja sesudah ditandatangani."),
        )  # fmt: skip
        workflow.register_state("in_force", _("Sanksi berlaku"), open=False, order=70)
        workflow.register_transition(
            "decide", _("Tetapkan keputusan PPK"), sources={workflow.RECOMMENDATION}, target="decided",
            capability="sanction.approve", form=True, order=50,
        )  # fmt: skip
        workflow.register_transition(
            "deliver", _("Catat penyampaian SK"), sources={"decided"}, target="in_force",
            capability="sanction.propose", form=True, order=60,
        )  # fmt: skip

        kinds.register(recommendation_kind())
        kinds.register(decision_kind())
        panels.case_panel("sanctions.recommendation", "sanctions/_case_panel.html", cards.case_panel, order=10)

        ui.menu_entry("sanction.view", "sanction_list", _("Sanksi"), icon="hammer", order=45)
        ui.menu_entry(
            "sanction.schedule", "cut_schedule", _("Jadwal potongan TPP"), icon="cash-coin", order=46, group=ui.MANAGE
        )
        ui.card("sanctions.awaiting", "sanction.approve", "sanctions/cards/awaiting.html", cards.awaiting, order=5)
        ui.card("sanctions.in_force", "sanction.view", "sanctions/cards/in_force.html", cards.in_force, order=36)
        ui.card("sanctions.schedule", "sanction.schedule", "sanctions/cards/schedule.html", cards.schedule, order=38)
        ui.card("sanctions.mine", ui.ASN, "sanctions/cards/mine.html", cards.mine, order=12)

        periodic("sanctions-ended", "sanctions.tasks.sanctions_notify_ended_task", seconds=24 * 3600)
        periodic("sanctions-followup", "sanctions.tasks.decisions_warn_late_task", seconds=24 * 3600)
        regionsettings.section(
            "sanctions.settings",
            _("Sanksi: pemotongan TPP, nomor keputusan, tindak lanjut PPK"),
            form_class=SanctionSettingsForm,
            instance=SanctionSettings.for_region,
            order=45,
        )
