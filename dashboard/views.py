"""Each role's home page, and the dashboards of the regional head: the region dashboard, the province view, the
exports of their tables, the people behind an apel figure, and the weekly reports."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.exports import csv_response, xlsx_response
from core.tenancy import get_for_user, require_capability
from people import selectors as people_selectors
from people.models import Region
from pledges import selectors as pledge_selectors

from . import figures, selectors
from .forms import DashboardFilterForm

HOME_CONTEXT = {
    "admin": selectors.admin_home,
    "bkd": selectors.bkd_home,
    "head": selectors.head_home,
    "inspector": selectors.inspector_home,
    "staff": lambda user: {},
    "asn": selectors.asn_home,
    "none": lambda user: {},
}
CAPABILITY = figures.CAPABILITY
PAGE_SIZE = 50


@login_required
def home(request):
    role = selectors.home_role(request.user)
    context = HOME_CONTEXT[role](request.user)
    return render(request, f"dashboard/home_{role}.html", {"home_role": role, **context})


def _regions(request) -> list:
    require_capability(request.user, CAPABILITY)
    return list(people_selectors.regions_for(user=request.user, capability=CAPABILITY))


def _region(request, regions):
    """The Pemda the page shows: ``?region=`` (404 outside the user's reach, 403 without the capability), else
    the user's only one; None when they reach several (the province view lists them)."""
    region_id = request.GET.get("region")
    if region_id:
        return get_for_user(Region.objects.all(), request.user, CAPABILITY, pk=region_id)
    return regions[0] if len(regions) == 1 else None


def _context(request, region_ids) -> tuple[DashboardFilterForm, figures.Context]:
    form = DashboardFilterForm(request.GET if request.GET else None)
    return form, figures.Context(request.user, region_ids, form.filter())


def _query(ctx: figures.Context, **extra) -> str:
    from urllib.parse import urlencode

    return urlencode({**ctx.filter.as_query(), **extra})


@require_GET
@login_required
def region_dashboard(request):
    regions = _regions(request)
    region = _region(request, regions)
    if region is None:
        query = request.GET.urlencode()
        return redirect(reverse("dashboard_province") + (f"?{query}" if query else ""))
    form, ctx = _context(request, [region.pk])
    context = {
        "region": region,
        "regions": regions,
        "form": form,
        "headline": figures.headline(ctx),
        "watch": figures.watch_list(ctx),
        "tables": figures.tables(ctx),
        "export_query": _query(ctx, region=region.pk),
        "today": ctx.today,
    }
    return render(request, "dashboard/region.html", context)


@require_GET
@login_required
def province_dashboard(request):
    regions = _regions(request)
    form, ctx = _context(request, [r.pk for r in regions])
    context = {
        "regions": regions,
        "form": form,
        "headline": figures.headline(ctx),
        "table": figures.province_table(ctx, regions),
        "export_query": _query(ctx),
        "today": ctx.today,
    }
    return render(request, "dashboard/province.html", context)


@require_GET
@login_required
def dashboard_export(request, fmt: str):
    """One table of the region dashboard (``?table=<key>&region=<id>``) or the province view (``table=provinsi``),
    with the page's filter, as CSV or XLSX."""
    regions = _regions(request)
    key = request.GET.get("table", "")
    if key == "provinsi":
        _form, ctx = _context(request, [r.pk for r in regions])
        table, name = figures.province_table(ctx, regions), "provinsi"
    else:
        region = _region(request, regions)
        if region is None:
            raise Http404
        _form, ctx = _context(request, [region.pk])
        table = next((t for t in figures.tables(ctx) if t.key == key), None)
        if table is None:
            raise Http404
        name = region.code
    filename = f"dasbor-{name}-{table.key}-{ctx.today:%Y%m%d}"
    if fmt == "xlsx":
        return xlsx_response(f"{filename}.xlsx", [(table.title, table.export_header(), table.export_rows())])
    return csv_response(f"{filename}.csv", table.export_header(), table.export_rows())


APEL_PEOPLE_HEADER = ["Tanggal apel", "Apel", "Pemda", "Unit kerja", "NIP", "Nama", "Status", "Waktu hadir"]


def _apel_rows(request):
    regions = _regions(request)
    region = _region(request, regions)
    region_ids = [region.pk] if region else [r.pk for r in regions]
    form, ctx = _context(request, region_ids)
    unit = request.GET.get("unit", "")
    figure = request.GET.get("figure", "")
    rows = pledge_selectors.apel_attendance_rows(
        **ctx.dated_args(),
        work_unit_id=int(unit) if unit.isdigit() else None,
        figure=figure if figure in pledge_selectors.apel_figures.FIGURE_STATUSES else "",
    )
    return region, form, ctx, rows, figure


@require_GET
@login_required
def apel_people(request):
    """The participants behind an apel figure of the dashboard (a unit, a status), newest apel first."""
    region, form, ctx, rows, figure = _apel_rows(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    unit_name = page.object_list[0].work_unit.name if request.GET.get("unit") and page.object_list else ""
    context = {
        "region": region,
        "form": form,
        "page": page,
        "figure": figure,
        "unit_name": unit_name,
        "query": request.GET.urlencode(),
    }
    return render(request, "dashboard/apel_people.html", context)


@require_GET
@login_required
def apel_people_export(request, fmt: str):
    _region_, _form, _ctx, rows, _figure = _apel_rows(request)

    def lines():
        for row in rows.iterator(chunk_size=2000):
            yield [
                row.ceremony.local_start.date(), row.ceremony.title, row.ceremony.region.name, row.work_unit.name,
                row.employee.nip, row.employee.display_name, row.get_status_display(),
                row.checked_in_at,
            ]  # fmt: skip

    if fmt == "xlsx":
        return xlsx_response("peserta-apel.xlsx", [(_("Peserta apel"), APEL_PEOPLE_HEADER, lines())])
    return csv_response("peserta-apel.csv", APEL_PEOPLE_HEADER, lines())


PAKTA_PEOPLE_HEADER = ["Kampanye", "Batas waktu", "Pemda", "Unit kerja", "NIP", "Nama", "Diundang", "Dibuka",
                       "Ditandatangani"]  # fmt: skip


def _pakta_rows(request):
    regions = _regions(request)
    region = _region(request, regions)
    region_ids = [region.pk] if region else [r.pk for r in regions]
    form, ctx = _context(request, region_ids)
    unit = request.GET.get("unit", "")
    figure = request.GET.get("figure", "")
    figure = figure if figure in pledge_selectors.pakta_figures.FIGURES else ""
    rows = pledge_selectors.pakta_invitation_rows(
        **ctx.selector_args(), work_unit_id=int(unit) if unit.isdigit() else None, figure=figure
    )
    return region, form, rows, figure


@require_GET
@login_required
def pakta_people(request):
    """The people behind a pakta figure of the dashboard (a unit; invited, opened, signed or not yet)."""
    region, form, rows, figure = _pakta_rows(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    unit_name = page.object_list[0].work_unit.name if request.GET.get("unit") and page.object_list else ""
    context = {"region": region, "page": page, "figure": figure, "unit_name": unit_name,
               "query": request.GET.urlencode()}  # fmt: skip
    return render(request, "dashboard/pakta_people.html", context)


@require_GET
@login_required
def pakta_people_export(request, fmt: str):
    _region_, _form, rows, _figure = _pakta_rows(request)

    def lines():
        for row in rows.iterator(chunk_size=2000):
            yield [
                row.campaign.title, row.campaign.deadline, row.campaign.region.name, row.work_unit.name,
                row.employee.nip, row.employee.display_name, row.invited_at, row.opened_at, row.signed_at,
            ]  # fmt: skip

    if fmt == "xlsx":
        return xlsx_response("pakta-integritas.xlsx", [(_("Pakta integritas"), PAKTA_PEOPLE_HEADER, lines())])
    return csv_response("pakta-integritas.csv", PAKTA_PEOPLE_HEADER, lines())
