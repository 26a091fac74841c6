"""Issuing documents and verifying them.

``document_issue`` renders a kind's document, signs it with the region's certificate, stores the signed bytes
with their SHA-256 and a public code, and records the issue in the audit trail. It is idempotent per
(object, kind, version): a second call, a retried task or a racing request returns the row the first one
made (a database constraint decides the race; the loser removes its file).

``document_verify_code`` and ``document_verify_bytes`` answer the public verification page: by the code
printed on the document, or by the SHA-256 of a file someone holds (hashed in chunks, size-limited, never
parsed or kept).
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from audit.services import audit_record
from core.jobs import enqueue_after_commit

from . import codes, kinds
from .models import IssuedDocument
from .pdf import render_pdf
from .signing import certificate_active, sign_pdf

logger = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
# A PDF starts with this marker within its first kilobyte (readers tolerate a little junk before it).
PDF_MARKER = b"%PDF-"
PDF_MARKER_WITHIN = 1024


def verification_url(code: str) -> str:
    """The public page the document's QR code points to."""
    return settings.SITE_URL.rstrip("/") + reverse("document_verify", kwargs={"code": code})


@dataclass(frozen=True)
class DocumentInfo:
    """What the template knows of the document being issued (its row does not exist yet)."""

    code: str
    version: int
    issued_at: object
    replaces: IssuedDocument | None = None

    @property
    def grouped_code(self) -> str:
        return codes.grouped(self.code)


# --- issuing ---------------------------------------------------------------------------------------------


def _key(kind_code: str, obj) -> dict:
    return {
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": str(obj.pk),
        "kind": kind_code,
    }


def document_latest(*, kind, obj) -> IssuedDocument | None:
    """The current (highest) version of the object's document of this kind, or None."""
    code = kinds.get(kind).code
    return IssuedDocument.objects.filter(**_key(code, obj)).order_by("-version").select_related("region").first()


def document_issue(*, kind, obj, by=None, request=None, replaces: IssuedDocument | None = None) -> IssuedDocument:
    """Issue the object's document of this kind (version 1), or, with ``replaces``, the next version.

    Without ``replaces`` an object that already has the document gets its current version back. Slow work
    (rendering, signing) happens outside any lock; the insert decides who won.
    """
    spec = kinds.get(kind)
    if spec.model is not None and not isinstance(obj, spec.model):
        raise TypeError(f"a {spec.code} document is about a {spec.model.__name__}, not {type(obj).__name__}")
    key = _key(spec.code, obj)
    if replaces is None:
        version = 1
        existing = document_latest(kind=spec, obj=obj)
    else:
        if (replaces.kind, replaces.content_type_id, replaces.object_id) != (
            spec.code,
            key["content_type"].pk,
            key["object_id"],
        ):
            raise ValueError("a new version must replace a document of the same kind and object")
        version = replaces.version + 1
        existing = IssuedDocument.objects.filter(**key, version=version).first()
    if existing is not None:
        return existing

    rendered = spec.build(obj)
    region = rendered.region
    certificate = certificate_active(region=region)
    info = DocumentInfo(code=codes.new_code(), version=version, issued_at=timezone.now(), replaces=replaces)
    context = {"title": rendered.title, **rendered.context, "document": info}
    pdf = render_pdf(rendered.template, context, region=region, verification_url=verification_url(info.code))
    signed = sign_pdf(pdf, certificate=certificate, location=region.name)

    document = IssuedDocument(
        **key,
        region=region,
        version=version,
        replaces=replaces,
        title=rendered.title[:300],
        number=rendered.number[:120],
        sha256=hashlib.sha256(signed).hexdigest(),
        size=len(signed),
        code=info.code,
        certificate=certificate,
        issued_at=info.issued_at,
        issued_by=by if getattr(by, "is_authenticated", False) else None,
    )
    document.file.save(f"{info.code}.pdf", ContentFile(signed), save=False)
    try:
        with transaction.atomic():
            document.save()
            _audit_issue(document, by=by, request=request)
    except IntegrityError:
        # Another issuer (a task, the synchronous fallback) stored this version first: keep theirs.
        document.file.storage.delete(document.file.name)
        winner = IssuedDocument.objects.filter(**key, version=version).first()
        if winner is None:
            raise
        return winner
    except BaseException:
        document.file.storage.delete(document.file.name)  # no row names it: leave no orphan file
        raise
    return document


def _audit_issue(document: IssuedDocument, *, by, request) -> None:
    audit_record(
        action="netralitas.document.issued",
        actor=by if getattr(by, "is_authenticated", False) else None,
        obj=document,
        region_id=document.region_id,
        after={
            "kind": document.kind,
            "about": f"{document.content_type.app_label}.{document.content_type.model}:{document.object_id}",
            "version": document.version,
            "replaces": document.replaces.code if document.replaces_id else None,
            "title": document.title,
            "number": document.number,
            "code": document.code,
            "sha256": document.sha256,
            "size": document.size,
            "certificate": document.certificate.fingerprint,
        },
        request=request,
    )


def document_get_or_issue(*, kind, obj, by=None, request=None) -> IssuedDocument:
    """The synchronous fallback for a view that needs the file now: the current version, issued here if the
    task has not (yet) made it — e.g. while the broker is down. A task arriving later finds it and stops."""
    return document_latest(kind=kind, obj=obj) or document_issue(kind=kind, obj=obj, by=by, request=request)


def document_issue_after_commit(kind, obj, *, by=None, replaces: IssuedDocument | None = None) -> None:
    """Queue ``document_issue`` for once the surrounding transaction commits (nothing if it rolls back)."""
    from .tasks import document_issue_task

    spec = kinds.get(kind)
    content_type = ContentType.objects.get_for_model(obj)
    enqueue_after_commit(
        document_issue_task,
        spec.code,
        content_type.pk,
        str(obj.pk),
        replaces_id=replaces.pk if replaces is not None else None,
        by_id=by.pk if getattr(by, "is_authenticated", False) else None,
    )


# --- verifying -------------------------------------------------------------------------------------------


@dataclass
class Verification:
    """The answer of the public page.

    status: ``genuine`` (current version), ``superseded`` (genuine, a newer version replaced it), ``unknown``
    (no document has this code), ``not_genuine`` (no document has exactly these bytes), or why an upload
    could not be checked: ``empty``, ``too_large``, ``not_pdf``.
    """

    status: str
    document: IssuedDocument | None = None
    replaced_by: IssuedDocument | None = None  # the version that replaced this one
    current: IssuedDocument | None = None  # the version in force now
    facts: list = field(default_factory=list)
    facts_public: bool = False

    @property
    def is_genuine(self) -> bool:
        return self.status in ("genuine", "superseded")


def _public_facts(document: IssuedDocument) -> list | None:
    """What the document's kind lets the public read; None (nothing) if the kind is gone or its rule fails."""
    spec = kinds.find(document.kind)
    if spec is None:
        return None
    try:
        facts = spec.public_facts(document)
    except Exception:
        # Fail closed: a broken rule must not turn into showing more, or into an error page.
        logger.exception("public_facts of %s failed for document %s", document.kind, document.pk)
        return None
    return [(str(label), str(value)) for label, value in facts] if facts is not None else None


def _answer(document: IssuedDocument) -> Verification:
    replaced_by = IssuedDocument.objects.filter(replaces=document).first()
    current = replaced_by
    while current is not None:
        newer = IssuedDocument.objects.filter(replaces=current).first()
        if newer is None:
            break
        current = newer
    facts = _public_facts(document)
    return Verification(
        status="superseded" if replaced_by is not None else "genuine",
        document=document,
        replaced_by=replaced_by,
        current=current,
        facts=facts or [],
        facts_public=facts is not None,
    )


def document_verify_code(code: str) -> Verification:
    """The answer for a code typed or scanned from a document."""
    canonical = codes.normalize(code)
    document = IssuedDocument.objects.select_related("region").filter(code=canonical).first() if canonical else None
    return _answer(document) if document is not None else Verification("unknown")


class UploadDigest:
    """SHA-256 and size of an upload, fed chunk by chunk; remembers its first bytes to tell a PDF from
    anything else (a marker check, not parsing) and stops hashing past the size limit."""

    def __init__(self, max_bytes: int | None = None):
        self.max_bytes = settings.DOCUMENT_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
        self.size = 0
        self.head = b""
        self._hash = hashlib.sha256()

    @property
    def too_large(self) -> bool:
        return self.size > self.max_bytes

    def update(self, chunk: bytes) -> bool:
        """Add a chunk; False once the upload is over the limit (the caller may stop reading)."""
        self.size += len(chunk)
        if self.too_large:
            return False
        if len(self.head) < PDF_MARKER_WITHIN:
            self.head += chunk[: PDF_MARKER_WITHIN - len(self.head)]
        self._hash.update(chunk)
        return True

    def problem(self) -> str | None:
        if self.size == 0:
            return "empty"
        if self.too_large:
            return "too_large"
        if PDF_MARKER not in self.head:
            return "not_pdf"
        return None

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def document_verify_digest(digest: UploadDigest) -> Verification:
    problem = digest.problem()
    if problem is not None:
        return Verification(problem)
    document = IssuedDocument.objects.select_related("region").filter(sha256=digest.hexdigest()).first()
    return _answer(document) if document is not None else Verification("not_genuine")


def document_verify_bytes(stream, *, max_bytes: int | None = None) -> Verification:
    """The answer for a file someone holds: only its SHA-256 is compared (read in chunks, never parsed)."""
    digest = UploadDigest(max_bytes)
    chunks = stream.chunks(CHUNK_BYTES) if hasattr(stream, "chunks") else iter(lambda: stream.read(CHUNK_BYTES), b"")
    for chunk in chunks:
        if not digest.update(chunk):
            break
    return document_verify_digest(digest)
