"""The signing side: a personal link (or printed code) opened, parked in the session and redirected to the
token-free signing page; the logged-in ASN's own signing page; the confirmation with the PDF; "my pacts"; the
"my data is wrong" request to BKD.

A GET never signs or consumes anything (mail scanners open links first): opening only parks the token and
marks the invitation opened. Only the POST of the signing form records a signature.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.tenancy import get_for_user
from documents.responses import document_file_response

from ..forms.pakta import CorrectionForm, SignForm
from ..models import Invitation, Signature
from ..selectors import pakta as selectors
from ..services import pakta_text
from ..services.pakta import invitation_opened, token_check
from ..services.pakta_documents import signature_document
from ..services.pakta_requests import correction_request
from ..services.pakta_signing import SigningRefused, Submission, pakta_sign, personal_text

SESSION_TOKEN = "_netralitas_pakta_link"  # noqa: S105 - a session key, not a secret
SESSION_SIGNED = "_netralitas_pakta_signed"

PROBLEMS = {
    "unknown": gettext_lazy("Tautan atau kode ini tidak dikenal. Periksa kembali, atau minta tautan baru kepada BKD."),
    "revoked": gettext_lazy(
        "Tautan atau kode ini sudah diganti dengan yang lebih baru. Pakai tautan atau kode terakhir yang Anda terima."
    ),
    "used": gettext_lazy("Pakta ini sudah ditandatangani. Tautan ini tidak berlaku lagi."),
    "closed": gettext_lazy("Kampanye pakta ini sudah ditutup."),
    "expired": gettext_lazy("Batas waktu penandatanganan sudah lewat."),
    "not_open": gettext_lazy("Penandatanganan belum dibuka."),
    "not_targeted": gettext_lazy("Anda bukan lagi sasaran kampanye ini. Hubungi BKD."),
}


def _refused(request, problem: str, status: int = 410):
    message = PROBLEMS.get(problem, PROBLEMS["unknown"])
    return render(request, "pledges/pakta/sign_refused.html", {"message": message, "problem": problem}, status=status)


@never_cache
@require_GET
def pakta_open(request, token: str):
    """The URL in the email or behind a printed QR: check, park in the session, redirect to a token-free URL."""
    check = token_check(token)
    if not check.ok:
        return _refused(request, check.problem, 404 if check.problem == "unknown" else 410)
    request.session[SESSION_TOKEN] = token
    invitation_opened(invitation=check.token.invitation)
    return redirect("pakta_sign_link")


def _sign_page(request, invitation: Invitation, *, method: str, printed_by=None, action: str):
    campaign = invitation.campaign
    form = SignForm(request.POST if request.method == "POST" else None, questions=campaign.questions)
    status = 200
    if request.method == "POST":
        form.is_valid()  # every field is optional at this level: the service says what is wrong, in order
        data = form.cleaned_data
        submission = Submission(
            typed_name=data.get("typed_name") or "",
            signature_data=data.get("signature") or "",
            consent=bool(data.get("consent")),
            answers=form.answers(),
        )
        try:
            signature = pakta_sign(
                invitation=invitation, submission=submission, method=method, printed_by=printed_by, request=request
            )
        except SigningRefused as refused:
            status = 400
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            request.session.pop(SESSION_TOKEN, None)
            request.session[SESSION_SIGNED] = [*request.session.get(SESSION_SIGNED, [])[-9:], signature.pk]
            return redirect("pakta_done", signature_id=signature.pk)
    text = personal_text(invitation, now=timezone.now())
    context = {
        "invitation": invitation,
        "campaign": campaign,
        "employee": invitation.employee,
        "text_html": pakta_text.render_html(text),
        "form": form,
        "action": action,
        "method": method,
        "printed_by": printed_by,
        "correction_form": CorrectionForm(),
    }
    return render(request, "pledges/pakta/sign.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def pakta_sign_link(request):
    """The token-free signing page of a parked link or printed code (no login needed: the link identifies)."""
    check = token_check(request.session.get(SESSION_TOKEN) or "")
    if not check.ok:
        if check.problem == "unknown" and not request.session.get(SESSION_TOKEN):
            return render(request, "pledges/pakta/sign_none.html", status=404)
        return _refused(request, check.problem)
    token = check.token
    invitation = token.invitation
    method = Signature.Method.PRINTED if token.via == token.Via.PRINTED else Signature.Method.LINK
    printed_by = token.printed_by if method == Signature.Method.PRINTED else None
    return _sign_page(request, invitation, method=method, printed_by=printed_by, action=request.path)


def _own_invitation(request, invitation_id: int) -> Invitation:
    invitation = get_for_user(
        Invitation.objects.select_related(
            "campaign__region", "campaign__template", "campaign__election", "employee__work_unit", "employee__user"
        ),
        request.user,
        "pakta.view",
        pk=invitation_id,
    )
    if invitation.employee.user_id != request.user.pk:
        raise PermissionDenied  # staff may read the campaign's progress, never sign for someone
    return invitation


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def pakta_sign_login(request, invitation_id: int):
    """The logged-in ASN signs their own pakta (from "my pacts" or the apel check-in page)."""
    invitation = _own_invitation(request, invitation_id)
    if invitation.signed_at is not None:
        signature = Signature.objects.visible_to(request.user, "pakta.view").filter(invitation=invitation).first()
        if signature is not None:
            return redirect("pakta_done", signature_id=signature.pk)
    if not invitation.campaign.is_open() or not invitation.targeted:
        return _refused(request, "closed" if invitation.campaign.status == "closed" else "expired")
    return _sign_page(request, invitation, method=Signature.Method.LOGIN, action=request.path)


def _signature_for(request, signature_id: int) -> Signature:
    """The signer's own (logged in, or just signed in this session through a link) or a staff reader's."""
    rows = Signature.objects.select_related("campaign__region", "campaign__election", "employee", "printed_by")
    if signature_id in (request.session.get(SESSION_SIGNED) or []):
        found = rows.filter(pk=signature_id).first()  # public-data: this browser made this signature just now
        if found is not None:
            return found
    if not request.user.is_authenticated:
        raise Http404
    return get_for_user(rows, request.user, "pakta.view", pk=signature_id)


@never_cache
@require_GET
def pakta_done(request, signature_id: int):
    signature = _signature_for(request, signature_id)
    return render(request, "pledges/pakta/sign_done.html", {"signature": signature})


@never_cache
@require_GET
def signature_pdf(request, signature_id: int):
    """The signed PDF, made on the spot if the task has not run (the broker or worker may be down)."""
    signature = _signature_for(request, signature_id)
    document = signature_document(signature=signature, request=request)
    return document_file_response(document, filename=f"pakta-integritas-{signature.signer_nip}.pdf")


@login_required
@require_GET
def my_pakta(request):
    items = selectors.my_invitations(user=request.user)
    return render(request, "pledges/pakta/my_pakta.html", {"items": items, "employee": request.user.employee_or_none})


@never_cache
@require_POST
def pakta_correction(request):
    """ "My data is wrong": from the signing page (a parked link) or by a logged-in ASN about their invitation."""
    invitation = None
    check = token_check(request.session.get(SESSION_TOKEN) or "")
    if check.ok:
        invitation = check.token.invitation
    elif request.user.is_authenticated and request.POST.get("invitation", "").isdigit():
        invitation = _own_invitation(request, int(request.POST["invitation"]))
    if invitation is None:
        return render(request, "pledges/pakta/sign_none.html", status=404)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis apa yang salah (paling banyak 1.000 karakter)."))
    else:
        correction_request(invitation=invitation, message=form.cleaned_data["message"], request=request)
        messages.success(
            request,
            _(
                "Permintaan koreksi dikirim ke BKD. Anda tetap dapat menandatangani sekarang "
                "atau setelah data diperbaiki."
            ),
        )
    if check.ok:
        return redirect("pakta_sign_link")
    return redirect("pakta_sign_login", invitation_id=invitation.pk)
