"""Handing a stored document to a user who may have it.

Who may download a document is each feature's own question (its view asks ``get_for_user`` with its
capability); once it said yes, the view streams the stored file with this helper. The public verification
page never serves a document.
"""

from django.http import FileResponse

from .models import IssuedDocument


def document_file_response(document: IssuedDocument, *, filename: str) -> FileResponse:
    """Stream the stored PDF as an attachment named ``filename``; never cached by a shared cache."""
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
