"""Roster import pages: upload + history, the XLSX template, detail (errors / preview / result), run, progress JSON."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.tenancy import get_for_user, has_capability, require_capability
from people.forms.roster import RosterUploadForm
from people.models import RosterImport, WorkUnit
from people.services.roster_imports import (
    IN_PROGRESS,
    roster_import_create,
    roster_import_start,
    roster_progress,
)
from people.services.roster_template import roster_template_xlsx

ERRORS_PER_PAGE = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def roster_import(request):
    require_capability(request.user, "roster.import")
    form = RosterUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = roster_import_create(
            region=form.cleaned_data["region"], user=request.user, uploaded_file=form.cleaned_data["file"]
        )
        return redirect("roster_import_detail", import_id=upload.pk)
    history = RosterImport.objects.visible_to(request.user, "roster.import").select_related("region", "uploaded_by")
    return render(request, "people/roster_import.html", {"form": form, "history": history[:30]})


@login_required
def roster_template(request):
    require_capability(request.user, "roster.import")
    data = roster_template_xlsx(units=WorkUnit.objects.visible_to(request.user, "roster.import"))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-roster-asn.xlsx"'
    return response


@login_required
def roster_import_detail(request, import_id):
    queryset = RosterImport.objects.select_related("region", "uploaded_by")
    upload = get_for_user(queryset, request.user, "roster.view", pk=import_id)
    context = {
        "upload": upload,
        "errors_page": Paginator(upload.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page")),
        "can_run": has_capability(request.user, upload.region_id, "roster.import"),
        "in_progress": upload.status in IN_PROGRESS,
        "progress": roster_progress(upload.pk),
    }
    return render(request, "people/roster_import_detail.html", context)


@require_POST
@login_required
def roster_import_run(request, import_id):
    upload = get_for_user(RosterImport.objects, request.user, "roster.import", pk=import_id)
    if not roster_import_start(roster_import=upload, user=request.user):
        messages.error(
            request,
            _("Impor ini tidak dapat dijalankan dalam status “%(status)s”.") % {"status": upload.get_status_display()},
        )
    return redirect("roster_import_detail", import_id=upload.pk)


@login_required
def roster_import_progress(request, import_id):
    upload = get_for_user(RosterImport.objects, request.user, "roster.view", pk=import_id)
    progress = roster_progress(upload.pk) if upload.status in IN_PROGRESS else {}
    total = progress.get("total") or upload.total_rows
    processed = progress.get("processed", total if upload.status not in IN_PROGRESS else 0)
    return JsonResponse(
        {
            "status": upload.status,
            "status_label": str(upload.get_status_display()),
            "phase": progress.get("phase", ""),
            "processed": processed,
            "total": total,
            "percent": round(100 * processed / total) if total else 0,
            "finished": upload.status not in IN_PROGRESS,
        }
    )
