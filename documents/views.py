"""The public verification page (no login): by the code printed under the QR, or by uploading the PDF.

It says whether a document is genuine and unchanged and shows only what the document's kind makes public;
it never serves the document itself. Look-ups are rate-limited per client address.
"""

from django.conf import settings
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from core.ratelimit import ratelimit

from . import codes, services
from .uploads import HashedUpload, HashingUploadHandler

UPLOAD_FIELD = "berkas"
# Room for the multipart headers and the CSRF field around the file itself.
UPLOAD_OVERHEAD_BYTES = 64 * 1024

verification_limit = ratelimit(
    "documents.verify",
    limit=lambda: settings.DOCUMENT_VERIFY_RATE_LIMIT,
    window=lambda: settings.DOCUMENT_VERIFY_RATE_WINDOW,
    template="documents/rate_limited.html",
)


def _max_megabytes() -> int:
    return settings.DOCUMENT_UPLOAD_MAX_BYTES // (1024 * 1024)


def _form(request, *, code="", code_error="", upload_error="", status=200):
    context = {"code": code[:100], "code_error": code_error, "upload_error": upload_error}
    return _page(request, "documents/verify.html", context, status)


def _page(request, template, context, status=200):
    context = {"upload_field": UPLOAD_FIELD, "max_megabytes": _max_megabytes(), **context}
    return render(request, template, context, status=status)


@require_GET
def document_verify_form(request):
    typed = request.GET.get("kode")
    if typed is None:
        return _form(request)
    code = codes.normalize(typed)
    if code is None:
        message = _("Kode verifikasi terdiri atas 32 huruf dan angka (tanda hubung boleh diketik atau tidak).")
        return _form(request, code=typed, code_error=message, status=400)
    return redirect("document_verify", code=code)


@require_GET
@verification_limit
def document_verify(request, code):
    canonical = codes.normalize(code)
    if canonical is not None and canonical != code:
        return redirect("document_verify", code=canonical)
    result = services.document_verify_code(code)
    status = 404 if result.status == "unknown" else 200
    return _page(request, "documents/verify_result.html", {"result": result, "by_upload": False}, status)


UPLOAD_PROBLEMS = {
    "missing": (400, gettext_lazy("Pilih berkas PDF yang akan diperiksa.")),
    "unreadable": (400, gettext_lazy("Unggahan tidak dapat dibaca. Pilih berkas PDF lalu coba lagi.")),
    "empty": (400, gettext_lazy("Berkas yang diunggah kosong (0 byte). Pilih berkas PDF dokumen yang akan diperiksa.")),
    "not_pdf": (
        400,
        gettext_lazy("Berkas ini bukan PDF. Unggah berkas PDF dokumen sebagaimana diterima, tanpa diubah."),
    ),
    "too_large": (413, gettext_lazy("Berkas lebih besar dari %(max)s MB: tidak ada dokumen portal sebesar itu.")),
}


def _upload_problem(request, problem: str):
    status, message = UPLOAD_PROBLEMS[problem]
    text = str(message) % {"max": _max_megabytes()}
    return _form(request, upload_error=text, status=status)


@csrf_exempt  # checked in _verify_upload, once the body was read through the hashing handler
@require_POST
@verification_limit
def document_verify_upload(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.DOCUMENT_UPLOAD_MAX_BYTES + UPLOAD_OVERHEAD_BYTES:
        return _upload_problem(request, "too_large")  # refused before a byte of the body is read
    request.upload_handlers = [HashingUploadHandler(request, field_name=UPLOAD_FIELD)]
    try:
        request.POST  # noqa: B018 - reads the body: the file is hashed as it streams in, and kept nowhere
    except MultiPartParserError:
        return _upload_problem(request, "unreadable")
    return _verify_upload(request)


@csrf_protect
def _verify_upload(request):
    upload = request.FILES.get(UPLOAD_FIELD)
    if not isinstance(upload, HashedUpload):
        return _upload_problem(request, "missing")
    result = services.document_verify_digest(upload.digest)
    if result.status in UPLOAD_PROBLEMS:
        return _upload_problem(request, result.status)
    return _page(request, "documents/verify_result.html", {"result": result, "by_upload": True})
