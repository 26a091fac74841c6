"""The public's pages (no login): the report form, its receipt, and the status page behind a receipt code.

The reported person is typed as free text and never looked up, so the form is no directory of the roster.
A honeypot field and a per-client rate limit (429) keep robots and floods out; the receipt code is shown
once and travels only in POSTed forms, never in a URL.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.ratelimit import ratelimit

from .. import selectors
from ..forms import PublicReportForm, ReceiptForm, ReporterMessageForm
from ..services import reports as services

SENT_SESSION_KEY = "violations_public_receipt"


def _setting(name: str, default: tuple[int, int], index: int):
    """(limit, window) from settings, read per request so tests and operators may change them."""
    return lambda: getattr(settings, name, default)[index]


TOO_MANY = "violations/public_too_many.html"
# Reports: 10 an hour per address (mobile networks put many people behind one address: not fewer).
REPORT_LIMIT = {"limit": _setting("VIOLATIONS_PUBLIC_REPORT_RATE", (10, 3600), 0),
                "window": _setting("VIOLATIONS_PUBLIC_REPORT_RATE", (10, 3600), 1)}  # fmt: skip
# Receipt codes: 20 tries in 10 minutes, against guessing (a code has 60 bits).
RECEIPT_LIMIT = {"limit": _setting("VIOLATIONS_RECEIPT_RATE", (20, 600), 0),
                 "window": _setting("VIOLATIONS_RECEIPT_RATE", (20, 600), 1)}  # fmt: skip


@require_http_methods(["GET", "POST"])
@ratelimit("violations-public-report", **REPORT_LIMIT, template=TOO_MANY, methods=("POST",))
def public_report(request):
    form = PublicReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_robot:
            return redirect("public_report_sent")  # a robot is answered like a person, and nothing is kept
        if form.is_valid():
            data = form.cleaned_data
            reported = data["reported_name"] + (f" — {data['reported_office']}" if data["reported_office"] else "")
            _report, code = services.report_create_public(
                region=data["region"], incident_date=data["incident_date"], chronology=data["chronology"],
                reported_text=reported, incident_place=data["incident_place"], election=data["election"],
                reporter=services.ReporterData(anonymous=not (data["reporter_name"] or data["reporter_contact"]),
                                               name=data["reporter_name"], contact=data["reporter_contact"]),
                files=data["files"], links=data["links"],
            )  # fmt: skip
            request.session[SENT_SESSION_KEY] = code
            return redirect("public_report_sent")
    return render(request, "violations/public_report.html", {"form": form}, status=400 if form.errors else 200)


def public_report_sent(request):
    """The receipt code, once: a reload shows that it was already shown."""
    code = request.session.pop(SENT_SESSION_KEY, None)
    return render(request, "violations/public_report_sent.html", {"code": code})


def _status_context(report, **extra) -> dict:
    return {
        "report": report,
        "evidence": report.evidence.filter(from_public=True).order_by("created_at"),
        "thread": report.messages.order_by("created_at", "pk"),
        **extra,
    }


@require_http_methods(["GET", "POST"])
@ratelimit("violations-receipt", **RECEIPT_LIMIT, template=TOO_MANY, methods=("POST",))
def public_status(request):
    form = ReceiptForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            report = selectors.report_by_receipt(services.receipt_hash(form.cleaned_data["code"]))
            if report is not None:
                message_form = ReporterMessageForm(initial={"code": form.cleaned_data["code"]})
                return render(request, "violations/public_status.html", _status_context(report, form=message_form))
            form.add_error("code", _("Kode tanda terima tidak dikenal. Periksa lagi huruf dan angkanya."))
    return render(request, "violations/public_status_lookup.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
@ratelimit("violations-receipt", **RECEIPT_LIMIT, template=TOO_MANY, methods=("POST",))
def public_status_message(request):
    """The reporter adds information or answers a question; the code comes with the form, every time."""
    form = ReporterMessageForm(request.POST, request.FILES)
    report = selectors.report_by_receipt(services.receipt_hash(request.POST.get("code", "")))
    if report is None:
        lookup = ReceiptForm(request.POST)
        lookup.is_valid()
        lookup.add_error("code", _("Kode tanda terima tidak dikenal. Periksa lagi huruf dan angkanya."))
        return render(request, "violations/public_status_lookup.html", {"form": lookup}, status=400)
    if not form.is_valid():
        return render(request, "violations/public_status.html", _status_context(report, form=form), status=400)
    data = form.cleaned_data
    last = report.messages.filter(from_reporter=True).order_by("-created_at").first()
    recent = last is not None and (timezone.now() - last.created_at).total_seconds() < 600
    if not (recent and last.body == data["body"].strip()):  # a double submit adds nothing
        services.report_message_add(report=report, body=data["body"], files=data["files"], links=data["links"])
    sent = ReporterMessageForm(initial={"code": data["code"]})
    return render(request, "violations/public_status.html", _status_context(report, form=sent, sent=True))
