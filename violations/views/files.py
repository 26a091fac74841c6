"""Evidence and case documents, only through these permission-checked views (never a media URL)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from core.tenancy import get_for_user

from ..models import CaseDocument, Evidence
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
