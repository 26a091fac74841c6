"""Where evidence and case documents are kept: outside the public media root, never served by URL.

``STORAGES["evidence"]`` (netralitas/settings.py; ``EVIDENCE_ROOT``) may point at a private bucket in
production; files are read back only through the permission-checked views of violations/views/files.py.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, InvalidStorageError, storages


def evidence_storage():
    try:
        return storages["evidence"]
    except InvalidStorageError:
        return FileSystemStorage(location=settings.VAR_DIR / "private" / "evidence")
