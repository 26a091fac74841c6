"""The berita acara (minutes) of an apel: the issued versions, issuing one, downloading one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.tenancy import get_for_user, has_capability
from documents.responses import document_file_response

from ..models import Ceremony
from ..selectors.apel_report import berita_acara_versions
from ..selectors.apel_report import ceremony_report as report_data
from ..services.apel import ApelError
from ..services.apel_report import berita_acara_changed_since, ceremony_report_issue


def _ceremony(request, ceremony_id: int, capability: str) -> Ceremony:
    return get_for_user(Ceremony.objects.select_related("region", "election"), request.user, capability, pk=ceremony_id)


@require_GET
@login_required
def ceremony_report(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.view")
    versions = berita_acara_versions(user=request.user, ceremony=ceremony)
    context = {
        **report_data(ceremony=ceremony),
        "versions": versions,
        "stale": bool(versions) and berita_acara_changed_since(ceremony=ceremony, document=versions[0]),
        "can_issue": has_capability(request.user, ceremony.region_id, "apel.manage")
        and ceremony.status == Ceremony.Status.HELD,
    }
    return render(request, "pledges/apel/berita_acara.html", context)


@require_POST
@login_required
def ceremony_report_issue_view(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.manage")
    try:
        replaced = ceremony_report_issue(ceremony=ceremony, by=request.user)
    except ApelError as exc:
        messages.error(request, str(exc))
    else:
        if replaced is None:
            messages.success(request, _("Berita acara sedang diterbitkan; muat ulang halaman ini sebentar lagi."))
        else:
            messages.success(
                request,
                _("Versi baru berita acara sedang diterbitkan, menggantikan versi %(version)s.")
                % {"version": replaced.version},
            )
    return redirect("ceremony_report", ceremony_id=ceremony.pk)


@require_GET
@login_required
def ceremony_report_download(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.view")
    versions = berita_acara_versions(user=request.user, ceremony=ceremony)
    wanted = request.GET.get("versi", "")
    document = next((d for d in versions if str(d.version) == wanted), None) if wanted else next(iter(versions), None)
    if document is None:
        messages.error(request, _("Berita acara versi itu belum diterbitkan."))
        return redirect("ceremony_report", ceremony_id=ceremony.pk)
    return document_file_response(
        document, filename=f"berita-acara-apel-{ceremony.pk}-v{document.version}-{document.code[:8]}.pdf"
    )
