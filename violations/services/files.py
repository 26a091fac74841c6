"""Storing a checked upload (violations/files.py) on an evidence or case-document row."""

import uuid

from django.core.files.base import ContentFile

from ..files import CheckedFile, without_location


def stored_file_save(row, checked: CheckedFile, *, redact: bool = False) -> None:
    """Put the bytes under a random name (never the uploader's), record type, size and SHA-256; with
    ``redact`` also keep a copy without location data beside the original."""
    stem = uuid.uuid4().hex
    row.file.save(f"{stem}.{checked.extension}", ContentFile(checked.data), save=False)
    row.original_name = checked.name
    row.content_type = checked.content_type
    row.size = checked.size
    row.sha256 = checked.sha256
    if redact:
        copy = without_location(checked)
        if copy is not None:
            row.redacted.save(f"{stem}-tanpa-lokasi.{checked.extension}", ContentFile(copy), save=False)
