"""Writing cases: open, move through the workflow, hear the ASN, record the finding. Every change audited.

Services trust their arguments (the view checked access with get_for_user); they keep the domain's rules:
the workflow table (violations/workflow.py), deadlines in working days, the finding's preconditions.
"""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from people.workdays import add_working_days, is_working_day

from .. import workflow
from ..models import CATEGORY_WEIGHT, Case, CaseDocument, CaseTransition, Hearing, Statement, ViolationSettings
from ..signals import case_transitioned
from .files import stored_file_save

InvalidTransition = workflow.InvalidTransition


def region_today(region):
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(region.timezone))


def deadline_for(case: Case, state: str, *, start=None):
    """The last working day of ``state`` entered on ``start`` (the region's setting, else the table's)."""
    settings = ViolationSettings.for_region(case.region)
    days = workflow.deadline_days(state, settings.deadlines)
    if days is None:
        return None
    return add_working_days(case.region_id, start or region_today(case.region), days)


def _snapshot(case: Case) -> dict:
    return {"state": case.state, "deadline": case.deadline, "officer": case.officer_id}


@transaction.atomic
def case_open(*, report, employee, by=None, election=None, activities=(), not_in_catalogue=False, request=None):
    """A case for one reported ASN, in ``received`` with its deadline, keeping the catalogue versions chosen."""
    now = timezone.now()
    case = Case(
        region=report.region,
        report=report,
        employee=employee,
        election=election or report.election,
        state=workflow.RECEIVED,
        state_entered_at=now,
        not_in_catalogue=not_in_catalogue,
        created_by=by,
        officer=by if by is not None and getattr(employee, "user_id", None) != by.pk else None,
    )
    case.deadline = deadline_for(case, workflow.RECEIVED)
    case.save()
    case.reference = f"K-{now:%Y}-{case.pk:05d}"
    case.save(update_fields=["reference"])
    case.activities.set(list(activities))
    CaseTransition.objects.create(case=case, action="open", to_state=case.state, by=by)
    audit_record(
        action="netralitas.case.opened",
        actor=by,
        obj=case,
        after=_snapshot(case),
        data={"report": report.reference, "employee": employee.nip, "activities": [a.code for a in activities]},
        request=request,
    )
    return case


@transaction.atomic
def case_transition(*, case: Case, action: str, by, note: str = "", request=None) -> Case:
    """Move the case as the workflow table allows (InvalidTransition otherwise), record and audit it."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    move = workflow.check(locked, action, note=note)
    before = _snapshot(locked)
    now = timezone.now()
    locked.state, locked.state_entered_at = move.target, now
    locked.deadline = deadline_for(locked, move.target) if workflow.is_open(move.target) else None
    locked.overdue_notified_on = None
    if not workflow.is_open(move.target):
        locked.closed_at = now
    locked.save(update_fields=["state", "state_entered_at", "deadline", "overdue_notified_on", "closed_at"])
    CaseTransition.objects.create(
        case=locked, action=action, from_state=before["state"], to_state=move.target, note=note.strip(), by=by
    )
    audit_record(
        action="netralitas.case.transition",
        actor=by,
        obj=locked,
        before=before,
        after=_snapshot(locked),
        data={"action": action, "note": note.strip()},
        request=request,
    )
    _report_follow(locked.report)
    transaction.on_commit(lambda: case_transitioned.send(sender=Case, case=locked, action=action, by=by))
    case.__dict__.update({k: getattr(locked, k) for k in ("state", "state_entered_at", "deadline", "closed_at")})
    return locked


def _report_follow(report) -> None:
    """A report is closed when every case from it is; its public status follows."""
    from ..models import Report

    states = list(report.cases.values_list("state", flat=True))
    if states and not any(workflow.is_open(s) for s in states) and report.status == Report.Status.OPEN:
        Report.objects.filter(pk=report.pk).update(status=Report.Status.CLOSED)


@transaction.atomic
def case_record_finding(*, case: Case, proven: bool, reasoning: str, category: str = "", by, request=None) -> Case:
    """The LHP: proven (with its category) moves the case to the PPK; not proven stops it."""
    if proven and not category:
        raise ValidationError({"category": _("Pilih kategori pelanggaran yang terbukti.")})
    action = "finding_proven" if proven else "finding_not_proven"
    case = case_transition(case=case, action=action, by=by, note=reasoning, request=request)
    case.finding_proven, case.finding_reasoning = proven, reasoning.strip()
    case.finding_category = category if proven else ""
    case.finding_at, case.finding_by = timezone.now(), by
    case.save(update_fields=["finding_proven", "finding_reasoning", "finding_category", "finding_at", "finding_by"])
    audit_record(
        action="netralitas.case.finding",
        actor=by,
        obj=case,
        after={"proven": proven, "category": case.finding_category},
        data={"activities": list(case.activities.values_list("code", flat=True))},
        request=request,
    )
    return case


def heaviest_category(activities) -> str:
    """Several breaches found in one examination give one sanction: the heaviest category among them."""
    categories = [a.category for a in activities]
    return max(categories, key=lambda c: CATEGORY_WEIGHT.get(c, 0)) if categories else ""


@transaction.atomic
def case_assign_officer(*, case: Case, officer, by, request=None) -> Case:
    if officer is not None and case.employee.user_id == officer.pk:
        raise ValidationError(_("Terlapor tidak dapat menjadi petugas kasusnya sendiri."))
    before = case.officer_id
    case.officer = officer
    case.save(update_fields=["officer"])
    audit_record(
        action="netralitas.case.officer_assigned",
        actor=by,
        obj=case,
        before={"officer": before},
        after={"officer": getattr(officer, "pk", None)},
        request=request,
    )
    return case


@transaction.atomic
def case_set_activities(*, case: Case, activities, not_in_catalogue: bool, by, request=None) -> Case:
    if not case.is_open or case.finding_at is not None:
        raise ValidationError(_("Larangan tidak dapat diubah setelah LHP atau setelah kasus ditutup."))
    before = sorted(case.activities.values_list("code", "version"))
    case.activities.set(list(activities))
    case.not_in_catalogue = not_in_catalogue
    case.save(update_fields=["not_in_catalogue"])
    audit_record(
        action="netralitas.case.activities_changed",
        actor=by,
        obj=case,
        before={"activities": before},
        after={"activities": sorted((a.code, a.version) for a in activities), "not_in_catalogue": not_in_catalogue},
        request=request,
    )
    return case


def _notice_days(case: Case, kind: str) -> int:
    settings = ViolationSettings.for_region(case.region)
    if kind == Hearing.Kind.EXAMINATION:
        return settings.examination_notice_days
    return settings.clarification_notice_days


@transaction.atomic
def hearing_schedule(*, case: Case, kind: str, scheduled_at, place: str, notes: str = "", by, request=None):
    """Summon the ASN: the hearing, the summons by email (outbox, after commit) and, from now on, the case on
    the ASN's own pages. The summons must leave the region's notice period in working days."""
    expected = workflow.CLARIFICATION if kind == Hearing.Kind.CLARIFICATION else workflow.EXAMINATION
    if case.state != expected:
        raise ValidationError(
            _("Panggilan %(kind)s hanya dapat dibuat saat kasus berstatus “%(state)s”.")
            % {"kind": Hearing.Kind(kind).label.lower(), "state": workflow.state(expected).label}
        )
    days = _notice_days(case, kind)
    earliest = add_working_days(case.region_id, region_today(case.region), days)
    local_day = timezone.localtime(scheduled_at, zoneinfo.ZoneInfo(case.region.timezone)).date()
    if scheduled_at <= timezone.now() or local_day < earliest:
        raise ValidationError(
            {
                "scheduled_at": _(
                    "Panggilan harus diterima paling lambat %(days)s hari kerja sebelumnya: pilih tanggal mulai "
                    "%(date)s."
                )
                % {"days": days, "date": earliest.strftime("%d-%m-%Y")}
            }
        )
    if not is_working_day(case.region_id, local_day):
        raise ValidationError(
            {
                "scheduled_at": _("%(date)s bukan hari kerja: pilih hari kerja.")
                % {"date": local_day.strftime("%d-%m-%Y")}
            }
        )
    hearing = Hearing.objects.create(
        case=case, kind=kind, scheduled_at=scheduled_at, place=place.strip(), notes=notes.strip(), created_by=by
    )
    if case.summoned_at is None:
        case.summoned_at = timezone.now()
        case.save(update_fields=["summoned_at"])
    audit_record(
        action="netralitas.case.hearing_scheduled",
        actor=by,
        obj=case,
        after={"kind": kind, "scheduled_at": scheduled_at, "place": hearing.place},
        request=request,
    )
    from documents.services import document_issue_after_commit

    from ..letters import SUMMONS
    from .notify import summons_queue

    summons_queue(hearing=hearing)
    document_issue_after_commit(SUMMONS, hearing, by=by)  # the signed letter, made by a task after commit
    return hearing


@transaction.atomic
def hearing_record_attendance(*, hearing: Hearing, attendance: str, by, request=None) -> Hearing:
    if hearing.scheduled_at > timezone.now() and attendance != Hearing.Attendance.PENDING:
        raise ValidationError(_("Kehadiran baru dapat dicatat setelah waktu panggilan."))
    before = hearing.attendance
    hearing.attendance = attendance
    hearing.save(update_fields=["attendance"])
    audit_record(
        action="netralitas.case.attendance_recorded",
        actor=by,
        obj=hearing.case,
        before={"attendance": before},
        after={"attendance": attendance, "hearing": hearing.pk},
        request=request,
    )
    return hearing


@transaction.atomic
def case_document_add(*, case: Case, kind: str, checked, by, hearing=None, statement=None, request=None):
    """A signed BAP (staff) or a document the ASN hands in with a statement; its SHA-256 is recorded."""
    if kind != CaseDocument.Kind.STATEMENT and case.state not in workflow.HEARING_STATES:
        raise ValidationError(_("BAP hanya dapat diunggah saat klarifikasi atau pemeriksaan."))
    document = CaseDocument(case=case, kind=kind, hearing=hearing, statement=statement, uploaded_by=by)
    stored_file_save(document, checked)
    document.save()
    audit_record(
        action="netralitas.case.document_added",
        actor=by,
        obj=case,
        after={"kind": kind, "sha256": document.sha256, "size": document.size, "type": document.content_type},
        request=request,
    )
    return document


@transaction.atomic
def statement_submit(*, case: Case, text: str, files=(), by, request=None) -> Statement:
    """The ASN's own written statement, with their documents, while the case is being heard."""
    if case.state not in workflow.HEARING_STATES or case.summoned_at is None:
        raise ValidationError(_("Keterangan tertulis dapat disampaikan selama klarifikasi atau pemeriksaan."))
    statement = Statement.objects.create(case=case, text=text.strip(), by=by)
    for checked in files:
        case_document_add(
            case=case, kind=CaseDocument.Kind.STATEMENT, checked=checked, by=by, statement=statement, request=request
        )
    audit_record(
        action="netralitas.case.statement_submitted",
        actor=by,
        obj=case,
        after={"statement": statement.pk, "files": len(files)},
        request=request,
    )
    return statement
