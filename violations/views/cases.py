"""Staff pages of a case: the list (filters, export), the case page and its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exports import csv_response, xlsx_response
from core.tenancy import get_for_user, has_capability, require_capability

from .. import panels, selectors, workflow
from ..forms import (
    ActivitiesForm,
    AttendanceForm,
    CaseFilterForm,
    DocumentForm,
    FindingForm,
    HearingForm,
    OfficerForm,
    TransitionForm,
)
from ..models import Case, Hearing
from ..services import cases as services
from ._common import form_errors

PAGE_SIZE = 50


@login_required
def case_list(request):
    require_capability(request.user, "case.view")
    form = CaseFilterForm(request.GET or None, user=request.user)
    cases = selectors.case_list(user=request.user, **form.filters())
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "violations/case_list.html", {"form": form, "page": page, "query": request.GET.urlencode()})


EXPORT_HEADER = ["Nomor kasus", "Status", "Tenggat", "Nama", "NIP", "Unit kerja", "Pemda", "Pemilihan", "Sumber",
                 "Larangan", "Kategori LHP", "Dibuka", "Tanggal LHP"]  # fmt: skip


def _export_rows(cases):
    for case in cases.prefetch_related("activities"):
        yield [
            case.reference, str(case.state_info.label), case.deadline, case.employee.display_name, case.employee.nip,
            case.employee.work_unit.name, case.region.name, case.election.name if case.election else "",
            case.report.get_source_display(), ", ".join(a.code for a in case.activities.all()),
            case.get_finding_category_display(), case.created_at, case.finding_at,
        ]  # fmt: skip


@login_required
def case_export(request, fmt: str):
    """The case list as filtered, as CSV or XLSX (never the reporter)."""
    require_capability(request.user, "case.view")
    form = CaseFilterForm(request.GET or None, user=request.user)
    cases = selectors.case_list(user=request.user, **form.filters())
    if fmt == "xlsx":
        return xlsx_response("kasus-pelanggaran.xlsx", [("Kasus", EXPORT_HEADER, _export_rows(cases))])
    return csv_response("kasus-pelanggaran.csv", EXPORT_HEADER, _export_rows(cases))


def _case(request, case_id: int, capability: str = "case.view") -> Case:
    queryset = Case.objects.select_related("employee", "employee__work_unit", "region", "report", "election", "officer")
    return get_for_user(queryset, request.user, capability, pk=case_id)


def case_context(request, case: Case, **forms) -> dict:
    user = request.user
    can_handle = has_capability(user, case.region_id, "case.handle")
    moves = [t for t in workflow.transitions_from(case.state) if has_capability(user, case.region_id, t.capability)]
    return {
        "case": case,
        "can_handle": can_handle,
        "can_reveal": has_capability(user, case.region_id, "report.reporter_view"),
        "can_original": has_capability(user, case.region_id, "evidence.original"),
        "moves": [t for t in moves if not t.form],
        # Other apps' form-taken moves (the PPK's decision) have their own pages: only the LHP's form here.
        "finding_moves": [t for t in moves if t.form and t.action.startswith("finding_")],
        "timeline": case.transitions.select_related("by"),
        "hearings": case.hearings.all(),
        "documents": case.documents.select_related("statement"),
        "statements": case.statements.all(),
        "evidence": case.report.evidence.order_by("created_at"),
        "prior": selectors.prior_cases(user=user, case=case),
        "facts": selectors.pledge_facts(user=user, employee=case.employee, election=case.election),
        "activities": case.activities.all(),
        "transition_form": forms.get("transition_form") or TransitionForm(),
        "finding_form": forms.get("finding_form") or FindingForm(initial={"category": _default_category(case)}),
        "hearing_form": forms.get("hearing_form") or HearingForm(prefix="hearing"),
        "document_form": forms.get("document_form") or DocumentForm(prefix="document"),
        "officer_form": OfficerForm(case=case) if can_handle else None,
        "activities_form": forms.get("activities_form")
        or ActivitiesForm(initial={"activities": case.activities.all(), "not_in_catalogue": case.not_in_catalogue}),
        "attendance_choices": Hearing.Attendance.choices,
        "hearing_states": workflow.HEARING_STATES,
        "panels": panels.panels_for(request, case),
    }


def _default_category(case: Case) -> str:
    return services.heaviest_category(case.activities.all())


@login_required
def case_detail(request, case_id: int):
    case = _case(request, case_id)
    return render(request, "violations/case_detail.html", case_context(request, case))


def _again(request, case, **forms):
    return render(request, "violations/case_detail.html", case_context(request, case, **forms), status=400)


@login_required
@require_POST
def case_transition(request, case_id: int):
    form = TransitionForm(request.POST)
    action = request.POST.get("action", "")
    try:
        move = workflow.transition(action)
    except workflow.InvalidTransition as exc:
        case = _case(request, case_id, "case.handle")
        messages.error(request, str(exc))
        return redirect("case_detail", case_id=case.pk)
    case = _case(request, case_id, move.capability)
    if move.form or not form.is_valid():
        messages.error(request, _("Gunakan formulir LHP untuk mencatat hasil pemeriksaan."))
        return redirect("case_detail", case_id=case.pk)
    try:
        services.case_transition(
            case=case, action=action, by=request.user, note=form.cleaned_data["note"], request=request
        )
    except workflow.InvalidTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Kasus %(case)s: %(state)s.") % {"case": case, "state": case.state_info.label})
    return redirect("case_detail", case_id=case.pk)


@login_required
@require_POST
def case_finding(request, case_id: int):
    case = _case(request, case_id, "case.handle")
    form = FindingForm(request.POST)
    if not form.is_valid():
        return _again(request, case, finding_form=form)
    try:
        services.case_record_finding(case=case, by=request.user, request=request, **form.cleaned_data)
    except workflow.InvalidTransition as exc:
        form.add_error(None, str(exc))
        return _again(request, case, finding_form=form)
    except ValidationError as exc:
        form_errors(form, exc)
        return _again(request, case, finding_form=form)
    messages.success(request, _("LHP kasus %(case)s dicatat.") % {"case": case})
    return redirect("case_detail", case_id=case.pk)


@login_required
@require_POST
def case_hearing_add(request, case_id: int):
    case = _case(request, case_id, "case.handle")
    form = HearingForm(request.POST, prefix="hearing")
    if form.is_valid():
        try:
            hearing = services.hearing_schedule(case=case, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            if case.employee.email:
                messages.success(request, _("Panggilan dikirim ke email %(email)s.") % {"email": case.employee.email})
            else:
                messages.warning(request, _("ASN ini tidak punya email: sampaikan surat panggilan secara langsung."))
            return redirect(reverse("case_detail", kwargs={"case_id": hearing.case_id}) + "#hearings")
    return _again(request, case, hearing_form=form)


@login_required
@require_POST
def hearing_attendance(request, hearing_id: int):
    hearing = get_for_user(Hearing.objects.select_related("case"), request.user, "case.handle", pk=hearing_id)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            services.hearing_record_attendance(hearing=hearing, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Kehadiran dicatat."))
    else:
        messages.error(request, _("Pilih kehadiran."))
    return redirect("case_detail", case_id=hearing.case_id)


@login_required
@require_POST
def case_document_add(request, case_id: int):
    case = _case(request, case_id, "case.handle")
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    if form.is_valid():
        try:
            services.case_document_add(
                case=case, kind=form.cleaned_data["kind"], checked=form.cleaned_data["file"][0], by=request.user,
                request=request,
            )  # fmt: skip
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Dokumen diunggah."))
            return redirect("case_detail", case_id=case.pk)
    return _again(request, case, document_form=form)


@login_required
@require_POST
def case_officer(request, case_id: int):
    case = _case(request, case_id, "case.handle")
    form = OfficerForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.case_assign_officer(
                case=case, officer=form.cleaned_data["officer"], by=request.user, request=request
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Petugas penanggung jawab disimpan."))
    else:
        messages.error(request, _("Pilih petugas BKD Pemda ini."))
    return redirect("case_detail", case_id=case.pk)


@login_required
@require_POST
def case_activities(request, case_id: int):
    case = _case(request, case_id, "case.handle")
    form = ActivitiesForm(request.POST)
    if form.is_valid():
        try:
            services.case_set_activities(case=case, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Larangan yang dilanggar disimpan."))
        return redirect("case_detail", case_id=case.pk)
    return _again(request, case, activities_form=form)
