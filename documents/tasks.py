"""Celery adapter: issue a document after the transaction that asked for it committed.

It takes ids and calls ``services.document_issue``, which is idempotent per (object, kind, version): a
redelivered task, or one racing the synchronous fallback (``document_get_or_issue``), finds the document
already there and makes no second one.
"""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist

from . import services
from .models import IssuedDocument

logger = logging.getLogger(__name__)
MAX_RETRIES = 5


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES, ignore_result=True)
def document_issue_task(
    self, kind: str, content_type_id: int, object_id: str, replaces_id: int | None = None, by_id: int | None = None
) -> int | None:
    """Issue (or find) the document; retry with backoff when rendering, signing or storing failed."""
    try:
        obj = ContentType.objects.get_for_id(content_type_id).get_object_for_this_type(pk=object_id)
    except ObjectDoesNotExist:
        logger.warning("document %s not issued: object %s:%s no longer exists", kind, content_type_id, object_id)
        return None
    replaces = IssuedDocument.objects.filter(pk=replaces_id).first() if replaces_id else None
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    try:
        document = services.document_issue(kind=kind, obj=obj, by=by, replaces=replaces)
    except Exception as exc:
        logger.exception("issuing %s for %s:%s failed", kind, content_type_id, object_id)
        # Eager mode (no broker) would retry at once: leave it to the synchronous fallback instead.
        if self.request.is_eager:
            return None
        raise self.retry(exc=exc, countdown=min(30 * 2**self.request.retries, 900)) from exc
    return document.pk
