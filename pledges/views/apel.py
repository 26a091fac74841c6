"""Apel pages for staff: list, month calendar, schedule (or record as held), detail, edit, cancel, mark held."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.tenancy import get_for_user, has_capability, region_ids_with, require_capability

from ..forms.apel import CancelForm, CeremonyEditForm, CeremonyForm, month_param, this_month
from ..models import Ceremony
from ..selectors import apel as selectors
from ..services.apel import ApelError, ceremony_cancel, ceremony_mark_held, ceremony_record_held, ceremony_schedule
from ..services.apel import ceremony_update as ceremony_update_service
from ..services.apel_checkin import checkin_window_state

PAGE_SIZE = 30


def _form_error(form, exc: Exception) -> None:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, str(exc.messages[0] if isinstance(exc, ValidationError) else exc))


def _ceremony(request, ceremony_id: int, capability: str) -> Ceremony:
    return get_for_user(Ceremony.objects.select_related("region", "election"), request.user, capability, pk=ceremony_id)


@require_GET
@login_required
def ceremony_list(request):
    require_capability(request.user, "apel.view")
    when = request.GET.get("waktu", "upcoming")
    when = when if when in ("upcoming", "past", "all") else "upcoming"
    rows = selectors.ceremony_list(user=request.user, when="" if when == "all" else when)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = bool(region_ids_with(request.user, "apel.manage"))
    return render(request, "pledges/apel/ceremony_list.html", {"page": page, "when": when, "can_manage": can_manage})


@require_GET
@login_required
def ceremony_calendar(request):
    require_capability(request.user, "apel.view")
    wanted = month_param(request.GET.get("bulan"))
    if request.GET.get("bulan") and wanted is None:
        messages.warning(request, _("Bulan tidak dikenal; ditampilkan bulan ini."))
    year, month = wanted or this_month()
    weeks = selectors.ceremony_month(user=request.user, year=year, month=month)
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    context = {
        "weeks": weeks,
        "year": year,
        "month": month,
        "month_start": dt.date(year, month, 1),
        "previous": f"{previous[0]}-{previous[1]:02d}",
        "following": f"{following[0]}-{following[1]:02d}",
    }
    return render(request, "pledges/apel/ceremony_calendar.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ceremony_create(request):
    require_capability(request.user, "apel.manage")
    form = CeremonyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        held = form.cleaned_data["already_held"]
        service = ceremony_record_held if held else ceremony_schedule
        try:
            ceremony = service(by=request.user, request=request, **form.service_kwargs())
        except (ApelError, ValidationError) as exc:
            _form_error(form, exc)
        else:
            if held:
                messages.success(request, _("Apel dicatat sebagai sudah dilaksanakan. Catat kehadirannya di bawah."))
                return redirect("attendance_list", ceremony_id=ceremony.pk)
            messages.success(request, _("Apel dijadwalkan. Undangan dikirim ke peserta yang punya email."))
            return redirect("ceremony_detail", ceremony_id=ceremony.pk)
    return render(request, "pledges/apel/ceremony_form.html", {"form": form})


@require_GET
@login_required
def ceremony_detail(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.view")
    user, region_id = request.user, ceremony.region_id
    without_email_count, without_email = selectors.participants_without_email(user=user, ceremony=ceremony)
    context = {
        "ceremony": ceremony,
        "counts": selectors.ceremony_counts(ceremony=ceremony),
        "units": selectors.ceremony_units(ceremony=ceremony),
        "status_order": selectors.STATUS_ORDER,
        "without_email_count": without_email_count,
        "without_email": without_email,
        "window": checkin_window_state(ceremony=ceremony),
        "can_manage": has_capability(user, region_id, "apel.manage"),
        "can_mark": has_capability(user, region_id, "apel.mark"),
    }
    return render(request, "pledges/apel/ceremony_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ceremony_edit(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.manage")
    form = CeremonyEditForm(request.POST or None, ceremony=ceremony)
    if request.method == "POST" and form.is_valid():
        try:
            ceremony_update_service(ceremony=ceremony, data=form.changes(), by=request.user, request=request)
        except (ApelError, ValidationError) as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Perubahan apel disimpan."))
            return redirect("ceremony_detail", ceremony_id=ceremony.pk)
    return render(request, "pledges/apel/ceremony_edit.html", {"form": form, "ceremony": ceremony})


@login_required
@require_http_methods(["GET", "POST"])
def ceremony_cancel_view(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.manage")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ceremony_cancel(ceremony=ceremony, reason=form.cleaned_data["reason"], by=request.user, request=request)
        except ApelError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Apel dibatalkan. Peserta yang sudah diundang diberi tahu."))
        return redirect("ceremony_detail", ceremony_id=ceremony.pk)
    return render(request, "pledges/apel/ceremony_cancel.html", {"form": form, "ceremony": ceremony})


@require_POST
@login_required
def ceremony_mark_held_view(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.manage")
    try:
        ceremony_mark_held(ceremony=ceremony, by=request.user, request=request)
    except ApelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Apel ditandai sudah dilaksanakan."))
    return redirect("ceremony_detail", ceremony_id=ceremony.pk)


@require_GET
@login_required
def election_list(request):
    require_capability(request.user, "apel.view")
    return render(request, "pledges/apel/election_list.html", {"elections": selectors.elections()})
