"""Evidence and case documents, only through these permission-checked views (never a media URL)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from core.tenancy import get_for_user
from documents.responses import document_file_response
from documents.services import document_get_or_issue

from ..letters import SUMMONS
from ..models import CaseDocument, Evidence, Hearing
from ._common import stored_file_response


@login_required
def evidence_file(request, evidence_id: int):
    """What staff outside BKD see: the copy without location data when the original had any."""
    evidence = get_for_user(Evidence.objects, request.user, "report.view", pk=evidence_id)
    if evidence.kind != Evidence.Kind.FILE:
        raise Http404
    field = evidence.redacted or evidence.file
    return stored_file_response(field, content_type=evidence.content_type, name=evidence.original_name)


@login_required
def evidence_original(request, evidence_id: int):
    """The file exactly as uploaded (its SHA-256 is the one recorded): BKD only."""
    evidence = get_for_user(Evidence.objects, request.user, "evidence.original", pk=evidence_id)
    if evidence.kind != Evidence.Kind.FILE:
        raise Http404
    return stored_file_response(
        evidence.file, content_type=evidence.content_type, name=evidence.original_name, inline=False
    )


@login_required
def case_document_file(request, document_id: int):
    document = get_for_user(CaseDocument.objects, request.user, "case.view", pk=document_id)
    return stored_file_response(document.file, content_type=document.content_type, name=document.original_name)


@login_required
def my_case_document(request, document_id: int):
    """A document of the ASN's own case (a BAP they signed, what they handed in)."""
    document = get_for_user(CaseDocument.objects, request.user, "case.own", pk=document_id)
    return stored_file_response(document.file, content_type=document.content_type, name=document.original_name)


def _summons_response(request, hearing):
    # Made here if the task has not run yet (a broker down must not keep a summons from being printed).
    document = document_get_or_issue(kind=SUMMONS, obj=hearing, by=request.user, request=request)
    return document_file_response(document, filename=f"surat-panggilan-{hearing.case.reference}-{hearing.pk}.pdf")


@login_required
def hearing_letter(request, hearing_id: int):
    """The summons letter (signed PDF, verifiable) for staff to print or send."""
    hearing = get_for_user(Hearing.objects.select_related("case"), request.user, "case.view", pk=hearing_id)
    return _summons_response(request, hearing)


@login_required
def my_hearing_letter(request, hearing_id: int):
    """The summons letter addressed to the ASN, on their own case."""
    hearing = get_for_user(Hearing.objects.select_related("case"), request.user, "case.own", pk=hearing_id)
    return _summons_response(request, hearing)
