"""Check-in pages: the presenter's rotating QR and live count, the ASN opening its link and confirming, the
staff scanner (personal QR by camera, or a NIP typed by hand) and the printable sheet of personal QR cards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.tenancy import get_for_user, require_capability

from ..forms.apel import ScanForm
from ..models import Attendance, Ceremony
from ..selectors import apel as selectors
from ..selectors import pakta as pakta_selectors
from ..services.apel_checkin import (
    CheckinRefused,
    Parked,
    attendance_check_in,
    attendance_scan,
    checkin_link_open,
    checkin_token,
    checkin_token_seconds_left,
    checkin_window,
    checkin_window_state,
    personal_code_read,
)

SESSION_CHECKIN = "_netralitas_apel_checkin"


def _ceremony(request, ceremony_id: int, capability: str) -> Ceremony:
    return get_for_user(Ceremony.objects.select_related("region", "election"), request.user, capability, pk=ceremony_id)


# --- the presenter (projector) ---------------------------------------------------------------------------------


def _presenter_context(request, ceremony: Ceremony) -> dict:
    window = checkin_window_state(ceremony=ceremony)
    url = None
    if window == "open" and not ceremony.is_cancelled:
        url = request.build_absolute_uri(reverse("apel_checkin_open", args=[checkin_token(ceremony_id=ceremony.pk)]))
    opens, closes = checkin_window(ceremony=ceremony)
    return {
        "ceremony": ceremony,
        "window": window,
        "opens": opens,
        "closes": closes,
        "checkin_url": url,
        "seconds_left": checkin_token_seconds_left(),
        "counts": selectors.ceremony_counts(ceremony=ceremony),
    }


@never_cache
@require_GET
@login_required
def ceremony_presenter(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.mark")
    return render(request, "pledges/apel/presenter.html", _presenter_context(request, ceremony))


@never_cache
@require_GET
@login_required
def ceremony_presenter_qr(request, ceremony_id: int):
    """The part of the presenter page that changes: the QR of the current slot and the live count (htmx)."""
    ceremony = _ceremony(request, ceremony_id, "apel.mark")
    return render(request, "pledges/apel/_presenter_qr.html", _presenter_context(request, ceremony))


# --- the ASN's side: open the link, confirm ----------------------------------------------------------------


@never_cache
@require_GET
def apel_checkin_open(request, token: str):
    """The URL inside the presenter's QR. Judged now (the token rotates); parked in the session so the login
    that may follow does not outlive it; nothing recorded until the ASN confirms."""
    try:
        parked = checkin_link_open(token=token)
    except CheckinRefused as refused:
        return render(request, "pledges/apel/checkin_refused.html", {"refusal": refused})
    request.session[SESSION_CHECKIN] = parked.as_session()
    return redirect("apel_checkin")


def _own_row(request, employee, ceremony_id) -> Attendance | None:
    """The user's participant row of that apel (an owner's read: the ASN reaches the apel only through it)."""
    if employee is None or not isinstance(ceremony_id, int):
        return None
    row = (
        Attendance.objects.visible_to(request.user, "apel.view")
        .select_related("ceremony__region")
        .filter(ceremony_id=ceremony_id, employee=employee)
        .first()
    )
    if row is not None:
        row.employee = employee  # already loaded with the user: no second query
    return row


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def apel_checkin(request):
    employee = request.user.employee_or_none
    parked = Parked.from_session(request.session.get(SESSION_CHECKIN))
    if employee is None or parked is None:
        return render(request, "pledges/apel/checkin_none.html", {"no_employee": employee is None})
    attendance = _own_row(request, employee, parked.ceremony_id)
    if attendance is None:
        request.session.pop(SESSION_CHECKIN, None)
        return render(request, "pledges/apel/checkin_refused.html", {"not_participant": True})
    if request.method == "POST":
        try:
            changed = attendance_check_in(attendance=attendance, request=request)
        except CheckinRefused as refused:
            return render(request, "pledges/apel/checkin_refused.html", {"refusal": refused})
        # The link stays parked (a second confirm changes nothing), so this POST writes no session: one commit.
        # A reload of the result page posts nothing again.
        return redirect(f"{reverse('apel_checkin_done')}?apel={attendance.ceremony_id}&baru={int(changed)}")
    return render(
        request, "pledges/apel/checkin_confirm.html", {"attendance": attendance, "ceremony": attendance.ceremony}
    )


@never_cache
@require_GET
@login_required
def apel_checkin_done(request):
    wanted = request.GET.get("apel", "")
    employee = request.user.employee_or_none
    attendance = _own_row(request, employee, int(wanted)) if wanted.isdigit() else None
    if attendance is None or attendance.status != Attendance.Status.PRESENT:
        return render(request, "pledges/apel/checkin_none.html", {"no_employee": employee is None})
    changed = request.GET.get("baru") == "1"  # only the wording: the time shown is the recorded one
    # A pakta campaign linked to this apel that awaits the user's signature: offered in one tap.
    pakta = pakta_selectors.campaign_for_ceremony(user=request.user, ceremony_id=attendance.ceremony_id)
    context = {"attendance": attendance, "changed": changed, "pakta_invitation": pakta}
    return render(request, "pledges/apel/checkin_done.html", context)


# --- the staff scanner -------------------------------------------------------------------------------------------


def _scan(request, ceremony: Ceremony, form: ScanForm) -> dict:
    """What one scan (or typed NIP) did, for the result line on the scanner page."""
    code, nip = form.cleaned_data["code"], form.cleaned_data["nip"]
    employee_id = personal_code_read(code) if code else None
    if code and employee_id is None:
        return {"ok": False, "message": _("QR ini bukan QR pribadi ASN dari portal ini.")}
    if (employee_id is not None and employee_id == getattr(request.user.employee_or_none, "pk", None)) or (
        nip and nip == getattr(request.user.employee_or_none, "nip", None)
    ):
        return {"ok": False, "message": _("Kehadiran Anda sendiri tidak dapat Anda catat sebagai petugas.")}
    attendance = selectors.attendance_for_scan(user=request.user, ceremony=ceremony, employee_id=employee_id, nip=nip)
    if attendance is None:
        return {"ok": False, "message": _("Tidak ada peserta apel ini dengan QR atau NIP tersebut.")}
    method = Attendance.Method.CARD if code else Attendance.Method.NIP
    try:
        changed = attendance_scan(
            ceremony=ceremony, attendance=attendance, method=method, by=request.user, request=request
        )
    except CheckinRefused as refused:
        return {"ok": False, "message": str(refused), "attendance": attendance}
    return {"ok": True, "changed": changed, "attendance": attendance}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def ceremony_scanner(request, ceremony_id: int):
    ceremony = _ceremony(request, ceremony_id, "apel.mark")
    form = ScanForm(request.POST if request.method == "POST" else None)
    result = None
    if request.method == "POST":
        result = _scan(request, ceremony, form) if form.is_valid() else {"ok": False, "message": _form_message(form)}
        if request.headers.get("HX-Request"):
            context = {"result": result, "ceremony": ceremony, "counts": selectors.ceremony_counts(ceremony=ceremony)}
            return render(request, "pledges/apel/_scan_result.html", context)
        form = ScanForm()
    context = {
        "ceremony": ceremony,
        "form": form,
        "result": result,
        "window": checkin_window_state(ceremony=ceremony),
        "opens": checkin_window(ceremony=ceremony)[0],
        "counts": selectors.ceremony_counts(ceremony=ceremony),
    }
    return render(request, "pledges/apel/scanner.html", context)


def _form_message(form) -> str:
    errors = [e for field_errors in form.errors.values() for e in field_errors]
    return " ".join(errors) or _("Isian tidak dikenal.")


# --- the card sheet ----------------------------------------------------------------------------------------------


@require_GET
@login_required
def apel_card_sheet(request):
    require_capability(request.user, "apel.mark")
    unit, employees, total = None, [], 0
    wanted = request.GET.get("unit", "")
    if wanted:
        if wanted.isdigit():
            unit, employees, total = selectors.card_sheet_employees(user=request.user, unit_id=int(wanted))
        if unit is None:
            messages.error(request, _("Unit kerja tidak ditemukan di Pemda Anda."))
    units = selectors.card_sheet_units(user=request.user)
    context = {"unit": unit, "employees": employees, "total": total, "units": units}
    return render(request, "pledges/apel/card_sheet.html", context)


# --- the ASN's own page ------------------------------------------------------------------------------------------


@require_GET
@login_required
def my_apel(request):
    employee = request.user.employee_or_none
    if employee is None:
        return render(request, "pledges/apel/my_apel_none.html", status=404)
    context = {
        "employee": employee,
        "upcoming": selectors.my_upcoming(user=request.user),
        "history": selectors.my_history(user=request.user),
    }
    return render(request, "pledges/apel/my_apel.html", context)
