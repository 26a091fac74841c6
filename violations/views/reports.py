"""Staff pages of reports: intake, the inbox, a report with its evidence and reporter channel, triage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.tenancy import get_for_user, has_capability, require_capability
from people.models import Employee
from people.selectors import employee_search

from .. import selectors
from ..forms import (
    EvidenceForm,
    OpenCasesForm,
    RejectReportForm,
    ReportPeriodForm,
    StaffMessageForm,
    StaffReportForm,
    SuggestForm,
)
from ..models import Report, Source
from ..services import reports as services
from ..suggest import suggest_text
from ._common import form_errors

PAGE_SIZE = 50
RECEIPT_SESSION_KEY = "violations_receipt"


@login_required
def report_list(request):
    require_capability(request.user, "report.view")
    status = request.GET.get("status", "") if request.GET.get("status") in Report.Status.values else ""
    source = request.GET.get("source", "") if request.GET.get("source") in Source.values else ""
    period = ReportPeriodForm(request.GET)
    filters = period.filters()
    reports = selectors.report_list(user=request.user, status=status, source=source, **filters)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "source": source, "statuses": Report.Status.choices,
               "sources": Source.choices, "period": filters}  # fmt: skip
    return render(request, "violations/report_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request):
    require_capability(request.user, "report.create")
    form = StaffReportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reporter = services.ReporterData(
            anonymous=data["anonymous"], name=data["reporter_name"], organisation=data["reporter_organisation"],
            contact=data["reporter_contact"], address=data["reporter_address"],
        )  # fmt: skip
        report, code, cases = services.report_create(
            region=data["region"], source=data["source"], channel=data["channel"], incident_date=data["incident_date"],
            chronology=data["chronology"], reporter=reporter, employees=data["employees"], election=data["election"],
            incident_place=data["incident_place"], reported_text=data["reported_text"],
            source_reference=data["source_reference"], activities=data["activities"],
            not_in_catalogue=data["not_in_catalogue"], files=data["files"], links=data["links"], by=request.user,
            request=request,
        )  # fmt: skip
        request.session[RECEIPT_SESSION_KEY] = {"report": report.pk, "code": code}
        messages.success(
            request, _("Laporan %(report)s dicatat; %(n)s kasus dibuka.") % {"report": report, "n": len(cases)}
        )
        return redirect("report_detail", report_id=report.pk)
    return render(request, "violations/report_create.html", {"form": form})


def _report(request, report_id: int, capability: str = "report.view") -> Report:
    return get_for_user(Report.objects.select_related("region", "election"), request.user, capability, pk=report_id)


def report_context(request, report: Report, **forms) -> dict:
    user = request.user
    receipt = request.session.get(RECEIPT_SESSION_KEY)
    code = None
    if receipt and receipt.get("report") == report.pk:
        code = receipt["code"]
        del request.session[RECEIPT_SESSION_KEY]  # shown once
    can_create = has_capability(user, report.region_id, "report.create")
    return {
        "report": report,
        "receipt_code": code,
        "cases": report.cases.select_related("employee", "employee__work_unit"),
        "evidence": report.evidence.order_by("created_at"),
        "thread": report.messages.select_related("author"),
        "activities": report.activities.all(),
        "can_create": can_create,
        "can_reveal": has_capability(user, report.region_id, "report.reporter_view"),
        "can_original": has_capability(user, report.region_id, "evidence.original"),
        "open_form": forms.get("open_form") or (OpenCasesForm(user=user, report=report) if can_create else None),
        "reject_form": forms.get("reject_form") or RejectReportForm(),
        "message_form": forms.get("message_form") or StaffMessageForm(),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
    }


@login_required
def report_detail(request, report_id: int):
    report = _report(request, report_id)
    if has_capability(request.user, report.region_id, "report.create"):
        report.messages.filter(from_reporter=True, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "violations/report_detail.html", report_context(request, report))


def _again(request, report, **forms):
    return render(request, "violations/report_detail.html", report_context(request, report, **forms), status=400)


@login_required
def report_reporter(request, report_id: int):
    """The reporter's identity: BKD and the Inspektorat only, each opening recorded in the audit trail."""
    report = _report(request, report_id, "report.reporter_view")
    reporter = services.reporter_reveal(report=report, by=request.user, request=request)
    return render(request, "violations/report_reporter.html", {"report": report, "reporter": reporter})


@login_required
@require_POST
def report_open_cases(request, report_id: int):
    report = _report(request, report_id, "report.create")
    form = OpenCasesForm(request.POST, user=request.user, report=report)
    if not form.is_valid():
        return _again(request, report, open_form=form)
    try:
        cases = services.report_open_cases(
            report=report, employees=form.cleaned_data["employees"], activities=form.cleaned_data["activities"],
            not_in_catalogue=form.cleaned_data["not_in_catalogue"], by=request.user, request=request,
        )  # fmt: skip
    except ValidationError as exc:
        form_errors(form, exc)
        return _again(request, report, open_form=form)
    messages.success(request, _("%(n)s kasus dibuka dari laporan %(report)s.") % {"n": len(cases), "report": report})
    return redirect("report_detail", report_id=report.pk)


@login_required
@require_POST
def report_reject(request, report_id: int):
    report = _report(request, report_id, "report.create")
    form = RejectReportForm(request.POST)
    if not form.is_valid():
        return _again(request, report, reject_form=form)
    try:
        services.report_reject(report=report, by=request.user, request=request, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Laporan %(report)s dinyatakan tidak ditindaklanjuti.") % {"report": report})
    return redirect("report_detail", report_id=report.pk)


@login_required
@require_POST
def report_message(request, report_id: int):
    report = _report(request, report_id, "report.create")
    form = StaffMessageForm(request.POST)
    if not form.is_valid():
        return _again(request, report, message_form=form)
    services.report_message_add(report=report, body=form.cleaned_data["body"], by=request.user, request=request)
    messages.success(request, _("Pesan untuk pelapor disimpan; pelapor membacanya dengan kode tanda terima."))
    return redirect("report_detail", report_id=report.pk)


@login_required
@require_POST
def report_evidence_add(request, report_id: int):
    report = _report(request, report_id, "report.create")
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _again(request, report, evidence_form=form)
    services.evidence_add(report=report, by=request.user, request=request, **form.cleaned_data)
    messages.success(request, _("Bukti ditambahkan."))
    return redirect("report_detail", report_id=report.pk)


@login_required
def employee_lookup(request):
    """The intake form's roster search (by NIP or name) in the regions where the user records reports."""
    require_capability(request.user, "report.create")
    query = (request.GET.get("q") or "").strip()
    found = []
    if len(query) >= 3:
        employees = Employee.objects.visible_to(request.user, "report.create").filter(is_active=True)
        region = request.GET.get("region")
        if region and region.isdigit():
            employees = employees.filter(region_id=int(region))
        found = list(employee_search(employees, query).select_related("work_unit").order_by("name")[:15])
    return render(request, "violations/_employee_results.html", {"employees": found, "query": query})


@login_required
@require_POST
def catalogue_suggest(request):
    """The suggestions for the chronology being typed (htmx), with the stage read from the date."""
    require_capability(request.user, "report.create")
    form = SuggestForm(request.POST)
    suggestions, ctx = [], None
    if form.is_valid() and len(form.cleaned_data["chronology"].strip()) >= 10:
        data = form.cleaned_data
        suggestions, ctx = suggest_text(data["chronology"], day=data["incident_date"], election=data["election"])
    return render(request, "violations/_suggestions.html", {"suggestions": suggestions, "ctx": ctx, "form": form})
