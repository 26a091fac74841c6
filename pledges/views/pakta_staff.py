"""Pakta campaigns for staff: list, create, launch, close, progress per unit, who has not signed (with resend),
CSV/XLSX exports, the WhatsApp announcement per unit, the printed QR sheet, the ZIP of a unit's signed PDFs, and
one signature's evidence."""

import uuid

import weasyprint
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.exports import csv_response, xlsx_response
from core.jobs import enqueue_after_commit
from core.tenancy import get_for_user, has_capability, region_ids_with, require_capability
from documents.pdf import qr_svg

from ..forms.pakta import CampaignForm, ZipForm
from ..models import Campaign, Invitation
from ..selectors import pakta as selectors
from ..services import pakta_text
from ..services.pakta import (
    PaktaError,
    campaign_close,
    campaign_create,
    campaign_launch,
    codes_print,
    invitation_resend,
    signing_url,
)
from ..services.pakta_zip import zip_job_id, zip_progress

PAGE_SIZE = 50
SESSION_ZIPS = "_netralitas_pakta_zips"
EXPORT_HEADER = [
    "NIP",
    "Nama",
    "Unit kerja",
    "Email",
    "Diundang",
    "Dibuka",
    "Ditandatangani",
    "Cara identifikasi",
    "SHA-256 teks",
]


def _campaign(request, campaign_id: int, capability: str) -> Campaign:
    return get_for_user(
        Campaign.objects.select_related("region", "election", "template", "ceremony"),
        request.user,
        capability,
        pk=campaign_id,
    )


@require_GET
@login_required
def campaign_list(request):
    require_capability(request.user, "pakta.view")
    page = Paginator(selectors.campaign_list(user=request.user), 30).get_page(request.GET.get("page"))
    can_manage = bool(region_ids_with(request.user, "pakta.manage"))
    return render(request, "pledges/pakta/campaign_list.html", {"page": page, "can_manage": can_manage})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create_view(request):
    require_capability(request.user, "pakta.manage")
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(by=request.user, request=request, **form.service_kwargs())
        except PaktaError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Kampanye disimpan sebagai draf. Luncurkan untuk mengirim undangan."))
            return redirect("campaign_detail", campaign_id=campaign.pk)
    has_template = form.fields["template"].queryset.exists()
    return render(request, "pledges/pakta/campaign_form.html", {"form": form, "has_template": has_template})


@require_GET
@login_required
def campaign_detail(request, campaign_id: int):
    campaign = _campaign(request, campaign_id, "pakta.view")
    units, totals = selectors.campaign_progress(user=request.user, campaign=campaign)
    context = {
        "campaign": campaign,
        "units": units,
        "totals": totals,
        "can_manage": has_capability(request.user, campaign.region_id, "pakta.manage"),
        "can_print": has_capability(request.user, campaign.region_id, "pakta.print_codes"),
        "zip_form": ZipForm(campaign=campaign, user=request.user),
    }
    return render(request, "pledges/pakta/campaign_detail.html", context)


@login_required
@require_POST
def campaign_launch_view(request, campaign_id: int):
    campaign = _campaign(request, campaign_id, "pakta.manage")
    try:
        launched = campaign_launch(campaign=campaign, by=request.user, request=request)
    except PaktaError as exc:
        messages.error(request, str(exc))
    else:
        if launched:
            messages.success(request, _("Kampanye diluncurkan. Undangan dikirim ke ASN sasaran yang punya email."))
        else:
            messages.info(request, _("Kampanye ini sudah diluncurkan; tidak ada undangan yang dikirim dua kali."))
    return redirect("campaign_detail", campaign_id=campaign.pk)


@login_required
@require_POST
def campaign_close_view(request, campaign_id: int):
    campaign = _campaign(request, campaign_id, "pakta.manage")
    try:
        campaign_close(campaign=campaign, by=request.user, request=request)
    except PaktaError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Kampanye ditutup: tautan yang belum dipakai tidak berlaku lagi."))
    return redirect("campaign_detail", campaign_id=campaign.pk)


@require_GET
@login_required
def campaign_unsigned(request, campaign_id: int):
    campaign = _campaign(request, campaign_id, "pakta.view")
    unit = request.GET.get("unit", "")
    rows = selectors.unsigned(user=request.user, campaign=campaign, unit_id=int(unit) if unit.isdigit() else None)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "campaign": campaign,
        "page": page,
        "unit": unit,
        "can_manage": has_capability(request.user, campaign.region_id, "pakta.manage"),
        "is_open": campaign.is_open(),
    }
    return render(request, "pledges/pakta/campaign_unsigned.html", context)


@login_required
@require_POST
def invitation_resend_view(request, campaign_id: int, invitation_id: int):
    campaign = _campaign(request, campaign_id, "pakta.manage")
    invitation = get_for_user(
        Invitation.objects.select_related("campaign__region", "employee__user"),
        request.user,
        "pakta.manage",
        pk=invitation_id,
        campaign=campaign,
    )
    try:
        invitation_resend(invitation=invitation, by=request.user, request=request)
    except PaktaError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Tautan baru dikirim ke %(name)s; tautan sebelumnya tidak berlaku lagi.")
            % {"name": invitation.employee.name},
        )
    return redirect(
        reverse("campaign_unsigned", args=[campaign.pk])
        + (f"?page={request.POST.get('page')}" if request.POST.get("page", "").isdigit() else "")
    )


@require_GET
@login_required
def campaign_export_csv(request, campaign_id: int):
    campaign = _campaign(request, campaign_id, "pakta.view")
    rows = selectors.export_rows(user=request.user, campaign=campaign)
    return csv_response(f"pakta-{campaign.pk}.csv", EXPORT_HEADER, rows)


@require_GET
@login_required
def campaign_export_xlsx(request, campaign_id: int):
    campaign = _campaign(request, campaign_id, "pakta.view")
    units, totals = selectors.campaign_progress(user=request.user, campaign=campaign)
    summary = [
        [u["work_unit__name"], u["targeted"], u["invited"], u["opened"], u["signed"], u["unreachable"]] for u in units
    ]
    sheets = [
        (_("Per unit"), ["Unit kerja", "Sasaran", "Diundang", "Dibuka", "Menandatangani", "Tak terjangkau"], summary),
        (_("Per ASN"), EXPORT_HEADER, selectors.export_rows(user=request.user, campaign=campaign)),
    ]
    return xlsx_response(f"pakta-{campaign.pk}.xlsx", sheets)


@require_GET
@login_required
def campaign_whatsapp(request, campaign_id: int):
    """A ready message per unit announcing the campaign — with the portal's address, never a link that logs in."""
    campaign = _campaign(request, campaign_id, "pakta.view")
    units, _totals = selectors.campaign_progress(user=request.user, campaign=campaign)
    portal = request.build_absolute_uri(reverse("my_pakta"))
    messages_per_unit = [
        {
            "unit": unit,
            "text": render_to_string(
                "pledges/pakta/whatsapp.txt", {"campaign": campaign, "unit": unit, "portal": portal}
            ).strip(),
        }
        for unit in units
    ]
    return render(request, "pledges/pakta/campaign_whatsapp.html", {"campaign": campaign, "items": messages_per_unit})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def campaign_codes(request, campaign_id: int):
    """The printed QR sheet for ASN without email: GET chooses the unit, POST makes new codes for its unsigned
    ASN and streams them into a PDF (never stored; each person's earlier printed code dies; audited)."""
    campaign = _campaign(request, campaign_id, "pakta.print_codes")
    form = ZipForm(request.POST or None, campaign=campaign, user=request.user)
    only_without_email = request.POST.get("semua") != "1"
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        rows = selectors.unsigned(user=request.user, campaign=campaign, unit_id=unit.pk).select_related(
            "campaign__region", "employee__work_unit"
        )
        if only_without_email:
            rows = rows.filter(employee__email="")
        try:
            pairs = codes_print(campaign=campaign, invitations=list(rows[:1000]), by=request.user, request=request)
        except PaktaError as exc:
            messages.error(request, str(exc))
        else:
            cards = [
                {"employee": i.employee, "qr": mark_safe(qr_svg(signing_url(t))), "url": signing_url(t)}  # noqa: S308 - segno
                for i, t in pairs
            ]
            html = render_to_string(
                "pledges/pakta/codes_pdf.html",
                {"campaign": campaign, "unit": unit, "cards": cards, "officer": request.user, "now": timezone.now()},
            )
            pdf = weasyprint.HTML(string=html, base_url=None).write_pdf()
            del cards, pairs
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="kode-pakta-{campaign.pk}-{unit.pk}.pdf"'
            response["Cache-Control"] = "private, no-store"
            return response
    return render(
        request,
        "pledges/pakta/campaign_codes.html",
        {"campaign": campaign, "form": form, "is_open": campaign.is_open()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_zip_view(request, campaign_id: int):
    """Start the ZIP of a unit's signed PDFs (a task) and show its progress."""
    campaign = _campaign(request, campaign_id, "pakta.view")
    form = ZipForm(request.POST or request.GET or None, campaign=campaign, user=request.user)
    progress, job_id = {}, ""
    if form.is_bound and form.is_valid():
        unit = form.cleaned_data["unit"]
        job_id = zip_job_id(campaign.pk, unit.pk)
        if request.method == "POST":
            from ..tasks import campaign_zip_task

            run_id = f"{job_id}-{uuid.uuid4().hex[:12]}"
            request.session[SESSION_ZIPS] = {**request.session.get(SESSION_ZIPS, {}), job_id: run_id}
            enqueue_after_commit(campaign_zip_task, campaign.pk, unit.pk, run_id)
            return redirect(reverse("campaign_zip", args=[campaign.pk]) + f"?unit={unit.pk}")
        progress = _latest_zip(job_id, request)
    context = {"campaign": campaign, "form": form, "progress": progress, "job_id": job_id}
    return render(request, "pledges/pakta/campaign_zip.html", context)


def _latest_zip(job_id: str, request) -> dict:
    """The progress of the newest ZIP job of this unit started in this session."""
    jobs = request.session.get(SESSION_ZIPS, {})
    return zip_progress(jobs.get(job_id, "")) if jobs.get(job_id) else {}


@require_GET
@login_required
def campaign_zip_download(request, campaign_id: int):
    campaign = _campaign(request, campaign_id, "pakta.view")
    unit = request.GET.get("unit", "")
    if not unit.isdigit():
        raise Http404
    progress = _latest_zip(zip_job_id(campaign.pk, int(unit)), request)
    name = progress.get("file", "")
    if progress.get("phase") != "done" or not name.startswith(f"pakta-zip/{campaign.pk}/{unit}-"):
        raise Http404
    response = FileResponse(
        default_storage.open(name, "rb"), as_attachment=True, filename=f"pakta-{campaign.pk}-{unit}.zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def signature_detail(request, signature_id: int):
    signature = get_for_user(selectors.signatures(user=request.user), request.user, "pakta.view", pk=signature_id)
    context = {"signature": signature, "text_html": pakta_text.render_html(signature.text)}
    return render(request, "pledges/pakta/signature_detail.html", context)
