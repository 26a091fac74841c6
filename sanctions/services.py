"""Writing sanctions: prior sanctions, BKD's recommendation (the rules' answer, an override with its
justification), the head's approval with a gapless number or rejection, the signed original, delivery, the end
of a sanction, the PPK follow-up watch. Every change audited.

Services trust their arguments (the view checked access with get_for_user) and keep the domain's rules.
"""

import datetime as dt
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from documents.services import document_issue_after_commit
from mailer.services import email_queue
from people.models import Membership, Region, User
from violations import workflow
from violations.models import Case, ProhibitedActivity
from violations.services.cases import case_transition
from violations.services.files import stored_file_save

from . import rules
from .letters import DECISION, RECOMMENDATION
from .models import (
    AllowanceCut,
    DecisionCounter,
    FollowupWarning,
    PriorSanction,
    SanctionRecommendation,
    SanctionSettings,
    SignedOriginal,
)

DECIDED, IN_FORCE = "decided", "in_force"


def region_today(region) -> dt.date:
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(region.timezone))


# --- the rules on a case --------------------------------------------------------------------------------


def catalogue_items() -> dict[str, rules.Item]:
    return {
        a.code: rules.Item(a.code, a.category, a.stage, a.counterpart_code, a.legal_basis, a.confidence, a.title)
        for a in ProhibitedActivity.objects.current()
    }


def served_measures(employee) -> list[str]:
    """Every measure the ASN received before: prior sanctions entered by BKD and decisions made here."""
    entered = PriorSanction.objects.filter(employee=employee).values_list("measure", flat=True)
    decided = (
        SanctionRecommendation.objects.approved().filter(case__employee=employee).values_list("measure", flat=True)
    )
    return list(entered) + list(decided)


def case_rule_result(case: Case, *, exclude_case: bool = True) -> rules.Result:
    """The rules' answer for a proven case (rules.UnknownFact when the case lacks what they need)."""
    items = [
        rules.Item(a.code, a.category, a.stage, a.counterpart_code, a.legal_basis, a.confidence, a.title)
        for a in case.activities.all()
    ]
    if not items:
        raise rules.UnknownFact(_("Kasus ini belum mencatat larangan yang dilanggar (katalog)."))
    election = case.election
    stage = rules.stage_of(case.report.incident_date, election.candidates_fixed_on) if election else None
    prior = served_measures(case.employee)
    if exclude_case:
        prior = list(PriorSanction.objects.filter(employee=case.employee).values_list("measure", flat=True)) + list(
            SanctionRecommendation.objects.approved()
            .filter(case__employee=case.employee)
            .exclude(case=case)
            .values_list("measure", flat=True)
        )
    return rules.recommend(
        items, employment=case.employee.employment_type, stage=stage, prior=prior, catalogue=catalogue_items()
    )


# --- prior sanctions ----------------------------------------------------------------------------------


@transaction.atomic
def prior_sanction_add(*, employee, measure: str, decided_on, sk_number: str, note: str = "", by, request=None):
    if measure not in rules.MEASURES:
        raise ValidationError({"measure": _("Pilih hukuman dari daftar.")})
    if decided_on > region_today(employee.region):
        raise ValidationError({"decided_on": _("Tanggal keputusan tidak boleh di masa depan.")})
    sk_number = " ".join(sk_number.split())
    if not sk_number:
        raise ValidationError({"sk_number": _("Isi nomor SK.")})
    try:
        with transaction.atomic():
            row = PriorSanction.objects.create(
                region=employee.region, employee=employee, measure=measure, decided_on=decided_on,
                sk_number=sk_number, note=note.strip(), created_by=by,
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError({"sk_number": _("SK dengan nomor ini sudah tercatat untuk pegawai ini.")}) from None
    audit_record(
        action="netralitas.sanction.prior_added", actor=by, obj=row, region_id=employee.region_id,
        after={"employee": employee.nip, "measure": measure, "decided_on": decided_on, "sk_number": sk_number},
        request=request,
    )  # fmt: skip
    return row


# --- BKD's recommendation -------------------------------------------------------------------------------


@transaction.atomic
def recommendation_propose(*, case: Case, measure: str, justification: str = "", by, request=None):
    """BKD's recommendation to the head on a proven case: the rules' answer is kept beside the proposal; a
    measure the rules do not list for this case needs a written justification."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("employee", "report", "election", "region")
        .get(pk=case.pk)
    )
    if case.state != workflow.RECOMMENDATION or not case.finding_proven:
        raise ValidationError(_("Rekomendasi sanksi hanya untuk kasus yang terbukti dan menunggu keputusan PPK."))
    try:
        result = case_rule_result(case)
    except rules.UnknownFact as exc:
        raise ValidationError(str(exc)) from None
    employment = case.employee.employment_type
    ladder = rules.LADDER.get(employment, ())
    if measure not in ladder:
        raise ValidationError(
            {"measure": _("Hukuman ini tidak dapat dijatuhkan kepada %(type)s.") % {"type": employment}}
        )
    allowed = [m.code for m in result.measures]
    justification = (justification or "").strip()
    is_override = measure not in allowed
    if is_override and len(justification) < 20:
        raise ValidationError(
            {
                "justification": _(
                    "Usulan yang berbeda dari aturan wajib disertai alasan tertulis (minimal 20 karakter)."
                )
            }
        )
    recommendation = SanctionRecommendation(
        region=case.region, case=case, rule_result=result.snapshot(), rule_level=result.level,
        rule_measures=allowed, employment_type=employment, prior_measures=served_measures(case.employee),
        measure=measure, is_override=is_override, justification=justification, lhp_finding=case.finding_reasoning,
        tukin_monthly=case.employee.tukin_monthly, proposed_by=by,
    )  # fmt: skip
    try:
        with transaction.atomic():
            recommendation.save()
    except IntegrityError:
        raise ValidationError(_("Kasus ini sudah punya rekomendasi yang menunggu keputusan PPK.")) from None
    audit_record(
        action="netralitas.sanction.proposed", actor=by, obj=recommendation, region_id=case.region_id,
        after={"case": case.reference, "measure": measure, "rule": result.rule.id, "rule_level": result.level,
               "rule_measures": allowed, "override": is_override, "justification": justification},
        request=request,
    )  # fmt: skip
    document_issue_after_commit(RECOMMENDATION, recommendation, by=by)
    _notify_heads(recommendation)
    return recommendation


def _heads(region) -> list[User]:
    """The region's heads by direct membership (a province's head does not decide a kabupaten's sanction)."""
    users = User.objects.filter(
        pk__in=Membership.objects.filter(region=region, role="head").values("user"), is_active=True
    ).exclude(email="")
    return list(users.order_by("pk"))


def _bkd(region) -> list[User]:
    users = User.objects.filter(
        pk__in=Membership.objects.filter(region=region, role="bkd").values("user"), is_active=True
    ).exclude(email="")
    return list(users.order_by("pk"))


def _mail(users, *, kind, recommendation=None, case=None, context, day=None):
    case = case or recommendation.case
    subject_obj = recommendation or case
    for user in users:
        if case.employee.user_id == user.pk:
            continue  # the subject of the case is never staff on it
        email_queue(
            to=user.email, kind=kind, template=kind,
            context={"case": case, "recommendation": recommendation,
                     "page_path": reverse("sanction_case", kwargs={"case_id": case.pk}), **context},
            subject_obj=subject_obj, language=user.language, region=case.region, day=day,
        )  # fmt: skip


def _notify_heads(recommendation):
    _mail(_heads(recommendation.region), kind="sanctions_awaiting", recommendation=recommendation, context={})


# --- the head's decision ----------------------------------------------------------------------------------


def next_number(region, year: int) -> tuple[int, str]:
    """The region's next decision number for the year: the counter row is locked until the transaction ends,
    so two approvals at the same moment get consecutive numbers, and a rolled-back approval gives its back."""
    DecisionCounter.objects.get_or_create(region=region, year=year)
    counter = DecisionCounter.objects.select_for_update().get(region=region, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    settings = SanctionSettings.for_region(region)
    return counter.last, settings.number(seq=counter.last, year=year, region_code=region.code)


def _locked_pending(recommendation) -> SanctionRecommendation:
    locked = (
        SanctionRecommendation.objects.select_for_update(of=("self",))
        .select_related("case", "case__employee", "region")
        .get(pk=recommendation.pk)
    )
    if locked.status != SanctionRecommendation.Status.PENDING:
        raise ValidationError(
            _("Rekomendasi ini sudah diputus (%(status)s).") % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def recommendation_approve(*, recommendation, by, reason: str = "", request=None) -> SanctionRecommendation:
    """The head approves: the decision gets its number, the allowance-cut schedule is set, the case moves to
    "decided" and the decision letter is issued after commit."""
    rec = _locked_pending(recommendation)
    settings = SanctionSettings.for_region(rec.region)
    employee = rec.case.employee
    rec.tpp_cut = settings.tpp_cut
    rec.tukin_monthly = employee.tukin_monthly
    if rec.is_allowance_cut and rec.tpp_cut and not rec.tukin_monthly:
        raise ValidationError(
            _("TPP per bulan %(name)s belum tercatat di roster: isi dulu agar jadwal pemotongan dapat dihitung.")
            % {"name": employee.display_name}
        )
    today = region_today(rec.region)
    rec.seq, rec.number = next_number(rec.region, today.year)
    rec.year, rec.decided_on = today.year, today
    rec.status, rec.decided_by, rec.decided_at = SanctionRecommendation.Status.APPROVED, by, timezone.now()
    rec.decision_reason = (reason or "").strip()
    rec.save()
    if rec.monthly_cut:
        first = rules.add_months(today.replace(day=1), 1)
        AllowanceCut.objects.bulk_create(
            AllowanceCut(region=rec.region, recommendation=rec, employee=employee, work_unit_id=employee.work_unit_id,
                         month=month, amount=amount)
            for month, amount in rules.cut_schedule(rec.tukin_monthly, rec.measure_info.duration_months, first)
        )  # fmt: skip
    case_transition(case=rec.case, action="decide", by=by, note=rec.number, request=request)
    audit_record(
        action="netralitas.sanction.approved", actor=by, obj=rec, region_id=rec.region_id,
        before={"status": "pending"},
        after={"status": rec.status, "number": rec.number, "measure": rec.measure, "executed": rec.executed_text,
               "tpp_cut": rec.tpp_cut, "monthly_cut": rec.monthly_cut, "reason": rec.decision_reason},
        request=request,
    )  # fmt: skip
    document_issue_after_commit(DECISION, rec, by=by)
    _mail(_bkd(rec.region), kind="sanctions_decided", recommendation=rec, context={})
    return rec


@transaction.atomic
def recommendation_reject(*, recommendation, by, reason: str, request=None) -> SanctionRecommendation:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan penolakan.")})
    rec = _locked_pending(recommendation)
    rec.status, rec.decided_by, rec.decided_at = SanctionRecommendation.Status.REJECTED, by, timezone.now()
    rec.decision_reason = reason
    rec.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit_record(
        action="netralitas.sanction.rejected", actor=by, obj=rec, region_id=rec.region_id,
        before={"status": "pending"}, after={"status": rec.status, "reason": reason}, request=request,
    )  # fmt: skip
    _mail(_bkd(rec.region), kind="sanctions_rejected", recommendation=rec, context={})
    return rec


# --- the signed original and its delivery ---------------------------------------------------------------


@transaction.atomic
def signed_original_add(*, recommendation, checked, by, request=None) -> SignedOriginal:
    if recommendation.status != SanctionRecommendation.Status.APPROVED:
        raise ValidationError(_("Asli bertanda tangan hanya untuk keputusan yang sudah ditetapkan."))
    if checked.content_type != "application/pdf":
        raise ValidationError({"file": _("Unggah keputusan yang ditandatangani sebagai PDF.")})
    original = SignedOriginal(recommendation=recommendation, uploaded_by=by)
    stored_file_save(original, checked)
    original.save()
    audit_record(
        action="netralitas.sanction.signed_uploaded", actor=by, obj=recommendation, region_id=recommendation.region_id,
        after={"sha256": original.sha256, "size": original.size, "name": original.original_name}, request=request,
    )  # fmt: skip
    return original


def sanction_end(rec: SanctionRecommendation, start: dt.date) -> dt.date:
    """The last day the sanction runs: the last cut month's end, the end of its months, or the day itself."""
    cuts = list(rec.cuts.order_by("-month").values_list("month", flat=True)[:1])
    if cuts:
        return max(rules.add_months(cuts[0], 1) - dt.timedelta(days=1), start)
    months = rec.executed_months
    if months:
        return rules.same_day_after(start, months) - dt.timedelta(days=1)
    return start


@transaction.atomic
def decision_deliver(*, recommendation, delivered_on: dt.date, note: str = "", by, request=None):
    """The decision reached the ASN: in force from that day (until its end date)."""
    rec = (
        SanctionRecommendation.objects.select_for_update(of=("self",))
        .select_related("case", "region")
        .get(pk=recommendation.pk)
    )
    if rec.status != SanctionRecommendation.Status.APPROVED:
        raise ValidationError(_("Hanya keputusan yang sudah ditetapkan yang dapat disampaikan."))
    if rec.delivered_on is not None:
        raise ValidationError(_("Penyampaian keputusan ini sudah dicatat."))
    if not rec.originals.exists():
        raise ValidationError(_("Unggah dulu keputusan yang sudah ditandatangani PPK."))
    if delivered_on < rec.decided_on or delivered_on > region_today(rec.region):
        raise ValidationError({"delivered_on": _("Tanggal penyampaian antara tanggal keputusan dan hari ini.")})
    rec.delivered_on, rec.delivered_by, rec.delivery_note = delivered_on, by, (note or "").strip()[:300]
    rec.starts_on, rec.ends_on = delivered_on, sanction_end(rec, delivered_on)
    rec.save(update_fields=["delivered_on", "delivered_by", "delivery_note", "starts_on", "ends_on"])
    case_transition(case=rec.case, action="deliver", by=by, note=rec.delivery_note, request=request)
    audit_record(
        action="netralitas.sanction.delivered", actor=by, obj=rec, region_id=rec.region_id,
        after={"delivered_on": delivered_on, "starts_on": rec.starts_on, "ends_on": rec.ends_on,
               "note": rec.delivery_note},
        request=request,
    )  # fmt: skip
    return rec


# --- periodic: the end of a sanction, the PPK follow-up watch ------------------------------------------------


def sanction_end_notify(*, recommendation_id: int) -> int:
    """Tell the region's BKD that a sanction ended — once (a conditional update claims it)."""
    with transaction.atomic():
        rec = SanctionRecommendation.objects.select_related("case", "case__employee", "region").get(
            pk=recommendation_id
        )
        if rec.ends_on is None or rec.ends_on >= region_today(rec.region):
            return 0
        claimed = SanctionRecommendation.objects.filter(pk=rec.pk, end_notified_at__isnull=True).update(
            end_notified_at=timezone.now()
        )
        if claimed != 1:
            return 0
        users = _bkd(rec.region)
        _mail(users, kind="sanctions_ended", recommendation=rec, context={})
        audit_record(
            action="netralitas.sanction.ended", obj=rec, region_id=rec.region_id,
            data={"ends_on": rec.ends_on, "recipients": len(users)},
        )  # fmt: skip
    return len(users)


def sanctions_end_sweep() -> int:
    horizon = timezone.now().date() + dt.timedelta(days=1)  # the region's own date decides (sanction_end_notify)
    due = SanctionRecommendation.objects.approved().filter(ends_on__lt=horizon, end_notified_at__isnull=True)
    # A one-off measure (a statement, a reprimand) has nothing that ends: no notice for it.
    due = due.exclude(starts_on=F("ends_on"))
    return sum(sanction_end_notify(recommendation_id=pk) for pk in due.values_list("pk", flat=True))


def late_cases(region, *, today: dt.date) -> list[Case]:
    from .selectors import _late_cutoff

    days = SanctionSettings.for_region(region).followup_working_days
    cutoff = _late_cutoff(region, days, today)
    return list(
        Case.objects.filter(region=region, state=workflow.RECOMMENDATION, finding_at__lt=cutoff)
        .select_related("employee", "region")
        .order_by("finding_at")
    )


def followup_warn(*, case_id: int, today: dt.date) -> int:
    """Warn the head and BKD that the PPK's decision on a proven case is late: at most once a day."""
    with transaction.atomic():
        case = Case.objects.select_related("region", "employee").get(pk=case_id)
        _warning, created = FollowupWarning.objects.get_or_create(case=case, day=today)
        if not created:
            return 0
        users = {u.pk: u for u in _heads(case.region) + _bkd(case.region)}.values()
        days = SanctionSettings.for_region(case.region).followup_working_days
        _mail(list(users), kind="sanctions_followup", case=case, context={"days": days}, day=today)
        audit_record(
            action="netralitas.sanction.followup_warned", obj=case, region_id=case.region_id,
            data={"finding_at": case.finding_at, "days": days, "recipients": len(users)},
        )  # fmt: skip
    return len(users)


def followup_sweep() -> int:
    queued = 0
    regions = Region.objects.filter(
        pk__in=Case.objects.filter(state=workflow.RECOMMENDATION).values("region_id")
    ).order_by("pk")
    for region in regions:
        today = region_today(region)
        for case in late_cases(region, today=today):
            if not FollowupWarning.objects.filter(case=case, day=today).exists():
                queued += followup_warn(case_id=case.pk, today=today)
    return queued
