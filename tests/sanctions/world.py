"""The walk's view of the sanctions app: an approved decision on a case against Siti (the walk's owner ASN),
with its letters and one month of TPP cut; she may read her decision and download its letter, nothing else."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import IssuedDocument
from sanctions.models import (
    AllowanceCut,
    DecisionCounter,
    FollowupWarning,
    PriorSanction,
    SanctionRecommendation,
    SanctionSettings,
    SignedOriginal,
)
from tests.world import ASN, world
from violations.models import Case


def _letter(env, rec, kind, code, number):
    letter = IssuedDocument(
        kind=kind, region=env.region_a, content_type=ContentType.objects.get_for_model(SanctionRecommendation),
        object_id=str(rec.pk), title=f"{kind} marker", number=number, sha256=code[:2].lower() * 32, size=16,
        code=code, certificate=env.issued_document.certificate, issued_at=timezone.now(),
    )  # fmt: skip
    letter.file.save(f"walk-{code}.pdf", ContentFile(b"%PDF-1.4 marker"), save=False)
    letter.save()


@world.obj("rec_id", SanctionRecommendation, markers=lambda r: [r.number, r.justification], owner="case.employee.user")
def sanction_recommendation(env):
    now = timezone.now()
    case = Case.objects.create(
        region=env.region_a, report=env.violation_report, employee=env.siti, reference="K-2024-SANKSI",
        state="decided", state_entered_at=now, summoned_at=now, finding_proven=True, finding_at=now,
        finding_reasoning="LHP marker", finding_category="disiplin_sedang",
    )  # fmt: skip
    rec = SanctionRecommendation.objects.create(
        region=env.region_a, case=case, status="approved", rule_level="sedang",
        rule_measures=["HD_S6", "HD_S9", "HD_S12"], employment_type="PNS", measure="HD_S6", is_override=False,
        justification="Alasan rahasia marker sanksi", tpp_cut=True, tukin_monthly=4_000_000, proposed_by=env.bkd_a,
        year=2024, seq=1, number="800/SANKSI-MARKER/2024", decided_on=dt.date(2024, 12, 2), decided_at=now,
    )  # fmt: skip
    AllowanceCut.objects.create(
        region=env.region_a, recommendation=rec, employee=env.siti, work_unit=env.siti.work_unit,
        month=timezone.localdate().replace(day=1), amount=1_000_000,
    )  # fmt: skip
    _letter(env, rec, "sanctions.decision", "SKHDMARKER0000000000000000000AAA", rec.number)
    _letter(env, rec, "sanctions.recommendation", "TLHMARKER00000000000000000000AAA", "TLH-MARKER")
    return rec


@world.obj("prior_id", PriorSanction, markers=lambda p: [p.sk_number])
def sanction_prior(env):
    return PriorSanction.objects.create(
        region=env.region_a, employee=env.siti, measure="HD_R2", decided_on=dt.date(2020, 5, 4),
        sk_number="SK-PRIOR-MARKER/2020", created_by=env.bkd_a,
    )  # fmt: skip


world.not_walked(AllowanceCut, "the TPP schedule's rows, shown per work unit; no page names one by id")
world.not_walked(DecisionCounter, "the numbering counter; never shown")
world.not_walked(SanctionSettings, "kept on the region settings page; no page names it by id")
world.not_walked(FollowupWarning, "the follow-up watch's once-a-day key; never shown")
world.not_walked(SignedOriginal, "shown (name and SHA-256) on the case's sanctions page; no page names one by id")

world.route("sanction_list", "sanction.view")
world.route("sanction_case", "sanction.view")
world.route("sanction_propose", "sanction.propose")
world.route("sanction_approve", "sanction.approve")
world.route("sanction_reject", "sanction.approve")
world.route("sanction_original", "sanction.propose")
world.route("sanction_deliver", "sanction.propose")
world.route("sanction_recommendation_letter", "sanction.view")
world.route("sanction_decision_letter", "sanction.view")
world.route("prior_sanctions", get="sanction.view", post="sanction.propose")
world.route("cut_schedule", "sanction.schedule")
world.route("cut_schedule_xlsx", "sanction.schedule")
world.route("my_sanctions", ASN)
world.route("my_sanction_letter", "sanction.own")
