"""The portal's one way to send email: queue an outbox row, then send it from a Celery task.

    email_queue(to=..., kind="account_activation", template="account_activation",
                context={...}, subject_obj=user, language=user.language, region=region)

renders ``templates/emails/<template>.subject.txt``, ``.txt`` and ``.html`` in the recipient's
language (and the region's time zone; see mailer/rendering.py), stores the row — or finds the row
with the same key (recipient, kind, subject, day): nothing is queued twice — and hands it to the
task once the surrounding transaction commits (a rolled-back transaction sends nothing).

Thousands at once (8,000 pakta invitations): ``email_queue_many(kind=..., template=..., region=...,
messages=[{"to": ..., "context": {...}, "subject_key": ..., "language": ...}, ...])`` renders each
message once, inserts the rows in chunks (``bulk_create(ignore_conflicts=True)`` on the unique key)
and dispatches ONE task per chunk (``email_send_batch_task``), which sends its rows one by one over
one SMTP connection.

A region's daily send limit (``MailSettings.daily_limit``, mailer/limits.py) holds: the claim never
takes a row beyond it, and rows that must wait get ``next_attempt_at`` = when their slot opens, for
the sweep to dispatch then.

Credentials: a message that carries a link that logs in, activates, resets or signs is queued with
``credential=(purpose, ref)``; its templates see ``link`` as a placeholder, the row stores no secret,
and the link is made when the row is sent (see mailer/credentials.py).

Sending (claims, leases, the batch, the sweep, the at-least-once window) is in mailer/sending.py.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import groupby, islice
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.functions import Now
from django.utils import timezone

from audit.services import audit_record

from . import credentials, limits
from .models import OutgoingEmail
from .rendering import Renderer, language_of, render_email, zone_of
from .sending import (
    BACKOFF_SECONDS,
    CREDENTIAL_GONE,
    MAX_ATTEMPTS,
    WORKER_LOST_ERROR,
    SendOutcome,
    build_message,
    email_claim,
    email_dispatch_due,
    email_send,
    email_send_batch,
    lease,
)

__all__ = [
    "BACKOFF_SECONDS",
    "CREDENTIAL_GONE",
    "MAX_ATTEMPTS",
    "WORKER_LOST_ERROR",
    "QueueResult",
    "SendOutcome",
    "build_message",
    "email_claim",
    "email_dispatch_due",
    "email_queue",
    "email_queue_many",
    "email_requeue",
    "email_send",
    "email_send_batch",
    "render_email",
]

Status = OutgoingEmail.Status
# Rows that no longer hold their key: a new message with the same key may be queued.
RELEASED = (Status.FAILED, Status.CANCELLED)
# Rows per chunk of a bulk queue: one INSERT and one task each.
BATCH_SIZE = 500


class QueueResult(NamedTuple):
    queued: int  # new rows
    existing: int  # already in the outbox under the same key: not queued again
    skipped: int  # invalid addresses
    waiting: int  # of the new rows, those left to the sweep until the region's daily limit lets them go
    invalid: tuple[str, ...]  # the skipped addresses, as given


def subject_key_for(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def email_queue(
    *,
    to: str,
    kind: str,
    template: str,
    context: dict,
    subject_obj=None,
    subject_key: str = "",
    language: str = "id",
    region=None,
    day: dt.date | None = None,
    credential: tuple[str, object] | None = None,
    new_version: bool = False,
    urgent: bool = False,
) -> OutgoingEmail:
    """Store one message in the outbox (idempotent on recipient, kind, subject, day); send on commit.

    ``urgent`` (a password reset, an activation) may use the part of the region's daily limit that bulk
    mail leaves free (mailer/limits.py).

    ``day`` defaults to today in the region's time zone. ``credential=(purpose, ref)`` marks a message
    whose link is made at send time (``link`` in the templates is a placeholder). ``new_version``
    queues a deliberate second message even when one with the same key exists (a new link, a moved
    apel). Raises ValidationError for an invalid address.
    """
    recipient = (to or "").strip().lower()
    validate_email(recipient)
    key = subject_key or (subject_key_for(subject_obj) if subject_obj is not None else "")
    day = day or timezone.localdate(timezone=zone_of(region))
    lookup = {"recipient": recipient, "kind": kind, "subject_key": key, "day": day}
    holding = OutgoingEmail.objects.filter(**lookup).exclude(status__in=RELEASED)
    existing = holding.order_by("-version").first()
    if existing is not None and not new_version:
        return existing
    version = (existing.version + 1) if existing is not None else 1
    if credential is not None:
        purpose, ref = credential
        if not credentials.is_registered(purpose):
            raise credentials.UnknownCredential(f"no maker registered for credential {purpose!r}")
        context = {**context, "link": credentials.PLACEHOLDER}
    subject, text, html = render_email(template, context, language, region)
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                **lookup,
                version=version,
                credential=credential[0] if credential else "",
                credential_ref=str(credential[1]) if credential else "",
                urgent=urgent,
                region=region,
                language=language_of(language),
                subject=subject[:300],
                body_text=text,
                body_html=html,
                # The task is dispatched on commit; the sweep steps in only if it has not sent by then.
                next_attempt_at=Now() + lease(),
            )
    except IntegrityError:  # queued by a concurrent request a moment ago
        return holding.order_by("-version").first()
    _send_on_commit(email.pk)
    return email


def _dispatch(email_id: int) -> None:
    from .tasks import email_send_task

    email_send_task.delay(email_id)


def _send_on_commit(email_id: int) -> None:
    transaction.on_commit(lambda: _dispatch(email_id))


def email_queue_many(
    *,
    kind: str,
    template: str,
    region,
    messages: Iterable[Mapping],
    day: dt.date | None = None,
    new_version: bool = False,
    chunk_size: int = BATCH_SIZE,
) -> QueueResult:
    """Queue many messages of one kind at once (8,000 pakta invitations); idempotent like ``email_queue``.

    Each message is a mapping with ``to``, ``context``, ``subject_key``, ``language`` and optionally
    ``credential=(purpose, ref)`` (its link is made when it is sent; the row stores the placeholder). An
    invalid address is skipped and counted, never raised. Each message is rendered once (the templates
    are compiled once, a language is switched to once per chunk); a message whose key is already queued
    or sent is not rendered at all, and is not queued again unless ``new_version`` (then it takes the
    next version of its key). Rows are inserted per chunk with ``bulk_create(ignore_conflicts=True)``
    and each chunk is dispatched, after commit, as ONE ``email_send_batch_task`` — except rows beyond
    the region's daily limit, which wait for the sweep until their slot opens.

    In a race with a concurrent call for the same keys a row may be counted as queued by both calls;
    it is still stored and sent once.
    """
    day = day or timezone.localdate(timezone=zone_of(region))
    renderer = Renderer(template, region)
    schedule = _Schedule(region)
    seen: set[tuple[str, str]] = set()
    counts: Counter = Counter()
    invalid: list[str] = []
    messages = iter(messages)
    while chunk := list(islice(messages, chunk_size)):
        wanted = []
        for message in chunk:
            recipient = str(message["to"] or "").strip().lower()
            try:
                validate_email(recipient)
            except ValidationError:
                invalid.append(str(message["to"]))
                continue
            if (recipient, message["subject_key"]) in seen:  # the same message twice in one call
                counts["existing"] += 1
                continue
            seen.add((recipient, message["subject_key"]))
            credential = message.get("credential")
            if credential is not None and not credentials.is_registered(credential[0]):
                raise credentials.UnknownCredential(f"no maker registered for credential {credential[0]!r}")
            wanted.append((recipient, message))
        with transaction.atomic():
            _queue_chunk(kind, day, region, wanted, renderer, schedule, new_version, counts)
    return QueueResult(counts["queued"], counts["existing"], len(invalid), counts["waiting"], tuple(invalid))


def _queue_chunk(kind, day, region, wanted, renderer, schedule, new_version, counts) -> None:
    holders = _holders(kind, day, wanted)
    rows, now_keys = [], set()
    by_language = sorted(wanted, key=lambda item: language_of(item[1].get("language") or ""))
    for language, group in groupby(by_language, key=lambda item: language_of(item[1].get("language") or "")):
        with renderer.speaking(language):
            for recipient, message in group:
                held = holders.get((recipient, message["subject_key"]))
                if held is not None and not new_version:
                    counts["existing"] += 1
                    continue
                version = held + 1 if held is not None else 1
                credential = message.get("credential")
                context = message["context"]
                if credential is not None:
                    context = {**context, "link": credentials.PLACEHOLDER}
                subject, text, html = renderer.render(context)
                at = schedule.next()
                if at is None:
                    now_keys.add((recipient, message["subject_key"], version))
                else:
                    counts["waiting"] += 1
                rows.append(
                    OutgoingEmail(
                        recipient=recipient,
                        kind=kind,
                        subject_key=message["subject_key"],
                        day=day,
                        version=version,
                        credential=credential[0] if credential else "",
                        credential_ref=str(credential[1]) if credential else "",
                        region=region,
                        language=language,
                        subject=subject[:300],
                        body_text=text,
                        body_html=html,
                        # Its chunk's task sends it on commit; the sweep steps in only if that task is lost.
                        next_attempt_at=Now() + lease() if at is None else at,
                    )
                )
    OutgoingEmail.objects.bulk_create(rows, ignore_conflicts=True)
    counts["queued"] += len(rows)
    if now_keys:
        ids = _ids_of(kind, day, now_keys)
        transaction.on_commit(lambda: _dispatch_batch(ids))


def _holders(kind, day, wanted) -> dict[tuple[str, str], int]:
    """{(recipient, subject_key): highest version} of the rows that hold these keys (one query)."""
    if not wanted:
        return {}
    keys = {(recipient, message["subject_key"]) for recipient, message in wanted}
    rows = (
        OutgoingEmail.objects.filter(kind=kind, day=day)
        .filter(recipient__in={r for r, _k in keys}, subject_key__in={k for _r, k in keys})
        .exclude(status__in=RELEASED)
        .order_by()
        .values_list("recipient", "subject_key")
        .annotate(version=Max("version"))
    )
    return {(r, k): v for r, k, v in rows if (r, k) in keys}


def _ids_of(kind, day, keys: set[tuple[str, str, int]]) -> list[int]:
    rows = OutgoingEmail.objects.filter(kind=kind, day=day, status=Status.QUEUED).filter(
        recipient__in={r for r, _k, _v in keys}, subject_key__in={k for _r, k, _v in keys}
    )
    found = rows.order_by("pk").values_list("pk", "recipient", "subject_key", "version")
    return [pk for pk, *key in found if tuple(key) in keys]


class _Schedule:
    """When each new row of a bulk queue may be sent: ``None`` = now (its chunk's task sends it), or the
    time its slot under the region's daily limit opens (the sweep sends it then). Rows already queued
    for the region are ahead of the new ones."""

    def __init__(self, region):
        self.window = None
        limit = limits.limit_of(region.pk) if region is not None else 0
        if limit:
            self.window = limits.window(region.pk, limit)
            self.position = OutgoingEmail.objects.filter(region=region, status=Status.QUEUED).count()

    def next(self) -> dt.datetime | None:
        if self.window is None:
            return None
        self.position += 1
        at = self.window.slot(self.position)
        return None if at <= self.window.now else limits.round_up(at)


def _dispatch_batch(email_ids: list[int]) -> None:
    from .tasks import email_send_batch_task

    email_send_batch_task.delay(email_ids)


def email_requeue(*, email: OutgoingEmail, by, request=None) -> bool:
    """Staff action: give a FAILED row a fresh round of attempts, audited. False if it was not FAILED."""
    try:
        with transaction.atomic():
            return _requeue_locked(email, by=by, request=request)
    except IntegrityError:  # a newer copy of this message was queued since it failed
        return False


def _requeue_locked(email: OutgoingEmail, *, by, request) -> bool:
    row = OutgoingEmail.objects.select_for_update().filter(pk=email.pk, status=Status.FAILED).first()
    if row is None:
        return False
    before = {"status": row.status, "attempts": row.attempts, "last_error": row.last_error}
    OutgoingEmail.objects.filter(pk=row.pk).update(status=Status.QUEUED, attempts=0, next_attempt_at=Now() + lease())
    row.status, row.attempts = Status.QUEUED, 0
    audit_record(
        action="netralitas.outbox.requeued",
        actor=by,
        obj=row,
        before=before,
        after={"status": row.status, "attempts": 0},
        data={"recipient": row.recipient, "kind": row.kind},
        request=request,
    )
    _send_on_commit(row.pk)
    return True
