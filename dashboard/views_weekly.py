"""The weekly reports: the list, one report's figures (the page the Monday email links to) and its PDF."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.tenancy import get_for_user, require_capability
from documents.responses import document_file_response
from documents.services import document_get_or_issue

from .figures import CAPABILITY
from .models import WeeklyReport
from .weekly import WEEKLY_REPORT


@require_GET
@login_required
def weekly_report_list(request):
    require_capability(request.user, CAPABILITY)
    reports = WeeklyReport.objects.visible_to(request.user, CAPABILITY).select_related("region")
    page = Paginator(reports.order_by("-week_start", "region__name"), 30).get_page(request.GET.get("page"))
    return render(request, "dashboard/weekly_report_list.html", {"page": page})


def _report(request, weekly_report_id: int) -> WeeklyReport:
    reports = WeeklyReport.objects.select_related("region")
    return get_for_user(reports, request.user, CAPABILITY, pk=weekly_report_id)


@require_GET
@login_required
def weekly_report_detail(request, weekly_report_id: int):
    report = _report(request, weekly_report_id)
    return render(request, "dashboard/weekly_report_detail.html", {"report": report, "figures": report.figures})


@require_GET
@login_required
def weekly_report_pdf(request, weekly_report_id: int):
    report = _report(request, weekly_report_id)
    document = document_get_or_issue(kind=WEEKLY_REPORT, obj=report, by=request.user)
    filename = f"laporan-mingguan-{report.region.code}-{report.week_start:%Y%m%d}.pdf"
    return document_file_response(document, filename=filename)
