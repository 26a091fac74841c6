"""The attendance list of one apel: marking one person or a whole unit, adding and removing participants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from core.tenancy import get_for_user, has_capability

from ..forms.apel import AttendanceFilterForm, MarkForm, ParticipantAddForm, UnitMarkForm
from ..models import Attendance, Ceremony
from ..selectors import apel as selectors
from ..services.apel import ApelError, employees_by_nip, employees_of_units, participant_remove, participants_add
from ..services.apel_attendance import attendance_mark as attendance_mark_service
from ..services.apel_attendance import attendance_mark_unit as attendance_mark_unit_service

PAGE_SIZE = 50


def _ceremony(request, ceremony_id: int, capability: str) -> Ceremony:
    return get_for_user(Ceremony.objects.select_related("region"), request.user, capability, pk=ceremony_id)


def _back(request, ceremony: Ceremony):
    """Back to the list as it was filtered (its own filters only, re-encoded)."""
    url = reverse("attendance_list", kwargs={"ceremony_id": ceremony.pk})
    kept = QueryDict(request.POST.get("back", ""))
    query = urlencode({key: kept[key] for key in ("q", "unit", "status", "page") if kept.get(key)})
    return redirect(f"{url}?{query}" if query else url)


@require_GET
@login_required
def attendance_list(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.view")
    units = selectors.ceremony_units_choice(user=request.user, ceremony=ceremony)
    filters = AttendanceFilterForm(request.GET, units=units)
    rows = selectors.attendance_rows(user=request.user, ceremony=ceremony, **filters.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "ceremony": ceremony,
        "page": page,
        "filters": filters,
        "counts": selectors.ceremony_counts(ceremony=ceremony),
        "statuses": Attendance.Status.choices,
        "unit_form": UnitMarkForm(units=units),
        "add_form": ParticipantAddForm(units=units),
        "can_mark": has_capability(request.user, ceremony.region_id, "apel.mark") and not ceremony.is_cancelled,
        "can_manage": has_capability(request.user, ceremony.region_id, "apel.manage") and not ceremony.is_cancelled,
        "back": request.GET.urlencode(),
    }
    return render(request, "pledges/apel/attendance_list.html", context)


@require_POST
@login_required
def attendance_mark(request, ceremony_id: int, attendance_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.mark")
    rows = Attendance.objects.select_related("ceremony__region", "employee").filter(ceremony=ceremony)
    # The owner of the row holds no staff capability on it (Attendance.staff_excludes_owner): 403.
    attendance = get_for_user(rows, request.user, "apel.mark", pk=attendance_id)
    form = MarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih status kehadiran yang dikenal."))
        return _back(request, ceremony)
    try:
        changed = attendance_mark_service(attendance=attendance, by=request.user, request=request, **form.cleaned_data)
    except ApelError as exc:
        messages.error(request, str(exc))
    else:
        if changed:
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {"name": attendance.employee.display_name, "status": attendance.get_status_display()},
            )
    return _back(request, ceremony)


@require_POST
@login_required
def attendance_mark_unit(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.mark")
    form = UnitMarkForm(request.POST, units=selectors.ceremony_units_choice(user=request.user, ceremony=ceremony))
    if not form.is_valid():
        messages.error(request, _("Pilih unit kerja dan status yang dikenal."))
        return _back(request, ceremony)
    unit = form.cleaned_data["work_unit"]
    try:
        count = attendance_mark_unit_service(
            ceremony=ceremony,
            work_unit_id=unit.pk if unit else None,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            by=request.user,
            request=request,
        )
    except ApelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s peserta yang belum dicatat kini tercatat %(status)s.",
                "%(count)s peserta yang belum dicatat kini tercatat %(status)s.",
                count,
            )
            % {"count": count, "status": Attendance.Status(form.cleaned_data["status"]).label},
        )
    return _back(request, ceremony)


@require_POST
@login_required
def participant_add(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.manage")
    form = ParticipantAddForm(request.POST, units=selectors.ceremony_units_choice(user=request.user, ceremony=ceremony))
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return _back(request, ceremony)
    employees, missing = employees_by_nip(region=ceremony.region, nips=form.cleaned_data["nips"])
    if form.cleaned_data["work_unit"] is not None:
        employees += employees_of_units(region=ceremony.region, unit_ids=[form.cleaned_data["work_unit"].pk])
    if missing:
        messages.warning(
            request,
            _("Tidak ditemukan di antara ASN aktif Pemda ini: %(nips)s") % {"nips": ", ".join(missing[:20])},
        )
    if employees:
        try:
            added = participants_add(ceremony=ceremony, employees=employees, by=request.user, request=request)
        except ApelError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                ngettext("%(count)s peserta ditambahkan.", "%(count)s peserta ditambahkan.", added) % {"count": added}
                if added
                else _("Semua yang dipilih sudah menjadi peserta."),
            )
    return _back(request, ceremony)


@require_POST
@login_required
def participant_remove_view(request, ceremony_id: int, attendance_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.manage")
    rows = Attendance.objects.select_related("ceremony__region", "employee").filter(ceremony=ceremony)
    attendance = get_for_user(rows, request.user, "apel.manage", pk=attendance_id)
    try:
        participant_remove(attendance=attendance, by=request.user, request=request)
    except ApelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(name)s dikeluarkan dari daftar peserta.") % {"name": attendance.employee.display_name}
        )
    return _back(request, ceremony)
