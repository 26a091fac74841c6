"""Helpers shared by the violations views."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404


def form_errors(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_messages in errors.items():
        form.add_error(field if field in form.fields else None, field_messages)


def stored_file_response(field, *, content_type: str, name: str, inline: bool = True) -> FileResponse:
    """A stored evidence file, served as the type its content was checked to be, never sniffed or framed."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
