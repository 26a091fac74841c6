"""An upload handler that hashes a file as it arrives and keeps nothing else.

Django's default handlers hold an upload in memory or spool it to a temporary file; the verification page
needs neither: it only compares SHA-256 digests. This handler feeds each chunk to
``services.UploadDigest`` (which stops hashing past the size limit) and hands the view a digest in
place of a file, so an uploaded document is never stored, not even for the length of the request.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from .services import UploadDigest


class HashedUpload:
    """What request.FILES holds for the hashed field: a name and a digest, no content."""

    def __init__(self, name: str, digest: UploadDigest):
        self.name = name
        self.digest = digest

    def close(self):  # HttpRequest.close() closes every uploaded "file"
        pass


class HashingUploadHandler(FileUploadHandler):
    def __init__(self, request=None, *, field_name: str):
        super().__init__(request)
        self.wanted = field_name
        self.digest: UploadDigest | None = None

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        if field_name != self.wanted or self.digest is not None:
            raise SkipFile  # one file is checked; anything else is read past and dropped
        self.digest = UploadDigest()

    def receive_data_chunk(self, raw_data, start):
        self.digest.update(raw_data)
        return None  # no later handler: nothing is stored

    def file_complete(self, file_size):
        return HashedUpload(self.file_name, self.digest)
