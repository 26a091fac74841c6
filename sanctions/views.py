"""Pages of the sanctions app: thin views — get_for_user, one service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exports import xlsx_response
from core.tenancy import get_for_user, has_capability, require_capability
from documents.responses import document_file_response
from documents.services import document_get_or_issue, document_latest
from people.models import Employee
from violations.models import Case

from . import rules, selectors, services
from .forms import DecisionForm, DeliverForm, OriginalForm, PriorSanctionForm, ProposeForm, RejectForm, ScheduleForm
from .letters import DECISION, RECOMMENDATION
from .models import SanctionRecommendation

PAGE_SIZE = 50


def _form_errors(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_messages in errors.items():
        form.add_error(field if field in form.fields else None, field_messages)


def _case(request, case_id: int, capability: str) -> Case:
    queryset = Case.objects.select_related("employee", "employee__work_unit", "region", "report", "election")
    return get_for_user(queryset, request.user, capability, pk=case_id)


def _rec(request, rec_id: int, capability: str) -> SanctionRecommendation:
    queryset = SanctionRecommendation.objects.select_related("case", "case__employee", "region")
    return get_for_user(queryset, request.user, capability, pk=rec_id)


@login_required
def sanction_list(request):
    require_capability(request.user, "sanction.view")
    status = request.GET.get("status", "")
    if status not in dict(SanctionRecommendation.Status.choices):
        status = ""
    rows = selectors.recommendation_list(user=request.user, status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    in_force = selectors.in_force_list(user=request.user)[:200]
    late = selectors.followup_late(
        user=request.user, capability="sanction.view", region_ids=_regions(request.user, "sanction.view")
    )
    return render(
        request,
        "sanctions/sanction_list.html",
        {"page": page, "status": status, "statuses": SanctionRecommendation.Status.choices, "in_force": in_force,
         "late": late[:50], "today": timezone.localdate()},
    )  # fmt: skip


def _regions(user, capability):
    from core.tenancy import region_ids_with

    return region_ids_with(user, capability)


def case_page_context(request, case, **forms) -> dict:
    user = request.user
    result, problem = None, ""
    try:
        result = services.case_rule_result(case)
    except rules.UnknownFact as exc:
        problem = str(exc)
    can_propose = has_capability(user, case.region_id, "sanction.propose")
    recs = selectors.case_recommendations(user=user, case=case)
    pending = next((r for r in recs if r.status == SanctionRecommendation.Status.PENDING), None)
    approved = next((r for r in recs if r.status == SanctionRecommendation.Status.APPROVED), None)
    can_approve = bool(
        pending and SanctionRecommendation.objects.visible_to(user, "sanction.approve").filter(pk=pending.pk).exists()
    )
    allowed = [m.code for m in result.measures] if result else []
    employment = case.employee.employment_type
    return {
        "case": case,
        "result": result,
        "problem": problem,
        "alternatives": rules.allowed_for(result.level, employment) if result else [],
        "precedent": selectors.precedent(user=user, case=case),
        "priors": selectors.prior_list(user=user, employee=case.employee),
        "recs": recs,
        "pending": pending,
        "approved": approved,
        "can_propose": can_propose and case.state == "recommendation" and pending is None and result is not None,
        "can_record": can_propose,
        "can_approve": can_approve,
        "propose_form": forms.get("propose_form") or ProposeForm(employment=employment, allowed=allowed),
        "decision_form": forms.get("decision_form") or DecisionForm(prefix="decision"),
        "reject_form": forms.get("reject_form") or RejectForm(prefix="reject"),
        "original_form": forms.get("original_form") or OriginalForm(prefix="original"),
        "deliver_form": forms.get("deliver_form") or DeliverForm(prefix="deliver"),
        "activities": case.activities.all(),
    }


def _again(request, case, **forms):
    return render(request, "sanctions/case.html", case_page_context(request, case, **forms), status=400)


@login_required
def sanction_case(request, case_id: int):
    case = _case(request, case_id, "sanction.view")
    return render(request, "sanctions/case.html", case_page_context(request, case))


@login_required
@require_POST
def sanction_propose(request, case_id: int):
    case = _case(request, case_id, "sanction.propose")
    try:
        allowed = [m.code for m in services.case_rule_result(case).measures]
    except rules.UnknownFact as exc:
        messages.error(request, str(exc))
        return redirect("sanction_case", case_id=case.pk)
    form = ProposeForm(request.POST, employment=case.employee.employment_type, allowed=allowed)
    if not form.is_valid():
        return _again(request, case, propose_form=form)
    try:
        services.recommendation_propose(case=case, by=request.user, request=request, **form.cleaned_data)
    except ValidationError as exc:
        _form_errors(form, exc)
        return _again(request, case, propose_form=form)
    messages.success(request, _("Rekomendasi dikirim kepada PPK."))
    return redirect("sanction_case", case_id=case.pk)


@login_required
@require_POST
def sanction_approve(request, rec_id: int):
    rec = _rec(request, rec_id, "sanction.approve")
    form = DecisionForm(request.POST, prefix="decision")
    if not form.is_valid():
        return _again(request, rec.case, decision_form=form)
    try:
        rec = services.recommendation_approve(
            recommendation=rec, by=request.user, reason=form.cleaned_data["reason"], request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Keputusan ditetapkan dengan nomor %(number)s.") % {"number": rec.number})
    return redirect("sanction_case", case_id=rec.case_id)


@login_required
@require_POST
def sanction_reject(request, rec_id: int):
    rec = _rec(request, rec_id, "sanction.approve")
    form = RejectForm(request.POST, prefix="reject")
    if not form.is_valid():
        return _again(request, rec.case, reject_form=form)
    try:
        services.recommendation_reject(
            recommendation=rec, by=request.user, reason=form.cleaned_data["reason"], request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Rekomendasi ditolak; BKD dapat mengusulkan kembali."))
    return redirect("sanction_case", case_id=rec.case_id)


@login_required
@require_POST
def sanction_original(request, rec_id: int):
    rec = _rec(request, rec_id, "sanction.propose")
    form = OriginalForm(request.POST, request.FILES, prefix="original")
    if form.is_valid():
        try:
            services.signed_original_add(
                recommendation=rec, checked=form.cleaned_data["file"], by=request.user, request=request
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Keputusan bertanda tangan diunggah."))
            return redirect("sanction_case", case_id=rec.case_id)
    return _again(request, rec.case, original_form=form)


@login_required
@require_POST
def sanction_deliver(request, rec_id: int):
    rec = _rec(request, rec_id, "sanction.propose")
    form = DeliverForm(request.POST, prefix="deliver")
    if form.is_valid():
        try:
            services.decision_deliver(recommendation=rec, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Penyampaian dicatat: sanksi berlaku."))
            return redirect("sanction_case", case_id=rec.case_id)
    return _again(request, rec.case, deliver_form=form)


def _letter(request, rec, kind):
    if kind == DECISION and rec.status != SanctionRecommendation.Status.APPROVED:
        raise Http404
    document = document_get_or_issue(kind=kind, obj=rec, by=request.user, request=request)
    name = "keputusan" if kind == DECISION else "telaahan"
    return document_file_response(document, filename=f"{name}-{rec.case.reference}-v{document.version}.pdf")


@login_required
def sanction_recommendation_letter(request, rec_id: int):
    return _letter(request, _rec(request, rec_id, "sanction.view"), RECOMMENDATION)


@login_required
def sanction_decision_letter(request, rec_id: int):
    return _letter(request, _rec(request, rec_id, "sanction.view"), DECISION)


@login_required
def prior_sanctions(request, employee_id: int):
    capability = "sanction.propose" if request.method == "POST" else "sanction.view"
    employee = get_for_user(Employee.objects.select_related("work_unit", "region"), request.user, capability,
                            pk=employee_id)  # fmt: skip
    form = PriorSanctionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.prior_sanction_add(employee=employee, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Riwayat hukuman dicatat."))
            return redirect("prior_sanctions", employee_id=employee.pk)
    return render(
        request,
        "sanctions/prior.html",
        {"employee": employee, "rows": selectors.prior_list(user=request.user, employee=employee), "form": form,
         "can_add": has_capability(request.user, employee.region_id, "sanction.propose"),
         "next": request.GET.get("kasus", "")},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


def _schedule(request):
    require_capability(request.user, "sanction.schedule")
    form = ScheduleForm(request.GET or None)
    first = form.first_month(timezone.localdate())
    months = selectors.schedule_months(first, 12)
    return form, months


@login_required
def cut_schedule(request):
    form, months = _schedule(request)
    rows = selectors.cut_schedule(user=request.user, months=months)
    totals = [sum(r.amounts[i] for r in rows) for i in range(len(months))]
    return render(
        request, "sanctions/schedule.html",
        {"form": form, "months": months, "rows": rows, "totals": totals, "grand_total": sum(totals),
         "query": request.GET.urlencode()},
    )  # fmt: skip


@login_required
def cut_schedule_xlsx(request):
    form, months = _schedule(request)
    rows = selectors.cut_schedule(user=request.user, months=months)
    header = ["Unit kerja", *[m.strftime("%Y-%m") for m in months], "Jumlah"]
    summary = [[r.work_unit.name, *r.amounts, r.total] for r in rows]
    detail_header = ["Unit kerja", "NIP", "Nama", "Bulan", "Dipotong (Rp)", "Nomor keputusan"]
    detail = (
        [c.work_unit.name, c.employee.nip, c.employee.display_name, c.month.strftime("%Y-%m"), c.amount,
         c.recommendation.number]
        for c in selectors.cut_detail(user=request.user, months=months)
    )  # fmt: skip
    return xlsx_response(
        f"jadwal-potongan-tpp-{months[0]:%Y-%m}.xlsx",
        [("Per unit kerja", header, summary), ("Rincian", detail_header, detail)],
    )


@login_required
def my_sanctions(request):
    if request.user.employee_or_none is None:
        raise PermissionDenied
    return render(request, "sanctions/my_sanctions.html", {"rows": selectors.my_decisions(user=request.user)})


@login_required
def my_sanction_letter(request, rec_id: int):
    rec = _rec(request, rec_id, "sanction.own")
    if rec.case.employee.user_id != request.user.pk:
        raise Http404
    document = document_latest(kind=DECISION, obj=rec) or document_get_or_issue(kind=DECISION, obj=rec)
    return document_file_response(document, filename=f"keputusan-{rec.case.reference}.pdf")
