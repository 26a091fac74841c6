"""The portal's one way to send email: queue an outbox row, then send it from a Celery task.

    email_queue(to=..., kind="account_activation", template="account_activation",
                context={...}, subject_obj=user, language=user.language, region=region)

renders ``templates/emails/<template>.subject.txt``, ``.txt`` and ``.html`` in the recipient's
language (and the region's time zone), stores the row — or finds the row with the same key
(recipient, kind, subject, day): nothing is queued twice — and hands it to the task once the
surrounding transaction commits (a rolled-back transaction sends nothing). Subject and text are
rendered without HTML autoescaping; ``.html`` templates extend ``emails/base.html`` and ``.txt``
templates end with ``{% include "emails/_footer.txt" %}``.

Life of a row: QUEUED → (claimed by a task) INFLIGHT → SENT, or back to QUEUED with a backoff
(``next_attempt_at``) after a transient error, or FAILED after MAX_ATTEMPTS or a permanent refusal.
``next_attempt_at`` of a QUEUED row is when the periodic sweep (``email_dispatch_due``, run by beat)
dispatches it again should no task have sent it by then; the sweep also re-queues an INFLIGHT row
whose lease (``MAILER_INFLIGHT_LEASE_SECONDS``) ran out, since its worker died mid-send.

Credentials: a message that carries a link that logs in, activates, resets or signs is queued with
``credential=(purpose, ref)``; its templates see ``link`` as a placeholder, the row stores no secret,
and the link is made when the row is sent (see mailer/credentials.py).

Guarantees: a duplicated, retried or redelivered task never sends a row twice — sending needs a
claim, and only QUEUED rows (or INFLIGHT rows past their lease) can be claimed, under a row lock.
A crashed worker loses nothing — the row stays INFLIGHT and the sweep sends it after the lease.

The remaining at-least-once window: if a worker dies (or its database connection drops) *after*
the SMTP server accepted the message but *before* the row is marked SENT, the row stays INFLIGHT
and is sent again after the lease: the recipient gets it twice. The window is the few milliseconds
between the server's "250 OK" and one UPDATE; the repeat carries the same Message-ID, so mail
clients that deduplicate show it once. A send slower than the lease can be doubled the same way,
so the lease must stay well above EMAIL_TIMEOUT (see the mailer.W001 check).
"""

import datetime as dt
import logging
import smtplib
import zoneinfo
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Now
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from audit.services import audit_record

from . import credentials
from .models import OutgoingEmail

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# Wait after failed attempt n (1-based); the last value repeats.
BACKOFF_SECONDS = [60, 300, 900, 3600, 4 * 3600]
WORKER_LOST_ERROR = "worker lost while sending (lease expired)"
CREDENTIAL_GONE = "not sent: the link it carries is no longer needed (already used, revoked or expired)"

Status = OutgoingEmail.Status
# Rows that no longer hold their key: a new message with the same key may be queued.
RELEASED = (Status.FAILED, Status.CANCELLED)


class SendOutcome(NamedTuple):
    status: str  # "sent", "skipped", "cancelled", "retry" (QUEUED again with a backoff) or "failed" (final)
    retry_in: int | None = None  # seconds until the next attempt, for "retry"


def subject_key_for(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.MAILER_INFLIGHT_LEASE_SECONDS)


def _language(code: str) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _zone(region) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(region.timezone if region is not None else settings.TIME_ZONE)


def _render_plain(name: str, context: dict) -> str:
    """Render a subject or text template without HTML escaping (a text mail shows "&", not "&amp;")."""
    return get_template(name).template.render(Context(context, autoescape=False))


def render_email(template: str, context: dict, language: str, region=None) -> tuple[str, str, str]:
    """(subject, text, html) for templates/emails/<template>.*, in ``language`` and the region's time zone."""
    ctx = {"site_url": settings.SITE_URL.rstrip("/"), "region": region, **context}
    with translation.override(_language(language)), timezone.override(_zone(region)):
        subject = " ".join(_render_plain(f"emails/{template}.subject.txt", ctx).split())
        text = _render_plain(f"emails/{template}.txt", ctx)
        html = render_to_string(f"emails/{template}.html", ctx)
    return subject, text, html


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
) -> OutgoingEmail:
    """Store one message in the outbox (idempotent on recipient, kind, subject, day); send on commit.

    ``day`` defaults to today in the region's time zone. ``credential=(purpose, ref)`` marks a message
    whose link is made at send time (``link`` in the templates is a placeholder). ``new_version``
    queues a deliberate second message even when one with the same key exists (a new link, a moved
    apel). Raises ValidationError for an invalid address.
    """
    recipient = (to or "").strip().lower()
    validate_email(recipient)
    key = subject_key or (subject_key_for(subject_obj) if subject_obj is not None else "")
    day = day or timezone.localdate(timezone=_zone(region))
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
                region=region,
                language=_language(language),
                subject=subject[:300],
                body_text=text,
                body_html=html,
                # The task is dispatched on commit; the sweep steps in only if it has not sent by then.
                next_attempt_at=Now() + _lease(),
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


def _lease_expired():
    """Claimed before the lease: judged by the database's clock, never a worker's."""
    return Q(claimed_at__lt=Now() - _lease())


def email_claim(*, email_id: int) -> OutgoingEmail | None:
    """Move a row to INFLIGHT if it is QUEUED, or INFLIGHT past its lease. The row if we won, else None.

    A row locked by a concurrent claim is skipped (that claim wins). A row lost with its worker
    MAX_ATTEMPTS times is marked FAILED instead of being tried again.
    """
    claimable = Q(status=Status.QUEUED) | (Q(status=Status.INFLIGHT) & _lease_expired())
    with transaction.atomic():
        row = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(claimable, pk=email_id).first()
        if row is None:
            return None
        if row.status == Status.INFLIGHT and row.attempts >= MAX_ATTEMPTS:
            OutgoingEmail.objects.filter(pk=row.pk).update(
                status=Status.FAILED, last_error=WORKER_LOST_ERROR, next_attempt_at=None
            )
            return None
        OutgoingEmail.objects.filter(pk=row.pk).update(
            status=Status.INFLIGHT, claimed_at=Now(), attempts=F("attempts") + 1
        )
        row.refresh_from_db(fields=["status", "claimed_at", "attempts"])
    return row


def _sender_domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return address.rpartition("@")[2] or "netralitas.localhost"


def build_message(email: OutgoingEmail, connection=None, link: str | None = None) -> EmailMultiAlternatives:
    """The message as it goes out; ``link`` (made just now) replaces a credential's placeholder."""
    text, html = email.body_text, email.body_html
    if link is not None:
        text, html = credentials.fill(text, link), credentials.fill(html, link, html=True)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=text,
        to=[email.recipient],
        connection=connection,
        headers={
            # Stable across attempts, so a repeat in the at-least-once window is recognisably the same mail.
            "Message-ID": f"<outbox-{email.pk}.{email.day:%Y%m%d}@{_sender_domain()}>",
            "Auto-Submitted": "auto-generated",
            "X-Netralitas-Outbox-Id": str(email.pk),
        },
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def email_send(*, email_id: int) -> SendOutcome:
    """Send one outbox row if we can claim it; record a failure on the row (never raises for SMTP)."""
    email = email_claim(email_id=email_id)
    if email is None:
        return SendOutcome("skipped")
    link = None
    if email.carries_credential:
        link = credentials.make_link(email)
        if link is None:  # the link is no longer wanted (account already active, invitation revoked)
            OutgoingEmail.objects.filter(pk=email.pk, status=Status.INFLIGHT).update(
                status=Status.CANCELLED, last_error=CREDENTIAL_GONE, next_attempt_at=None
            )
            return SendOutcome("cancelled")
    try:
        build_message(email, connection=get_connection(), link=link).send()
    except Exception as exc:  # noqa: BLE001 — any transport error is recorded on the row
        return _record_failure(email, exc)
    # Not filtered on our claim: if a takeover sent it too, SENT is still the truth.
    OutgoingEmail.objects.filter(pk=email.pk).exclude(status=Status.SENT).update(
        status=Status.SENT, sent_at=Now(), last_error="", next_attempt_at=None
    )
    return SendOutcome("sent")


def _is_permanent(exc: Exception) -> bool:
    """The server refused every recipient with a 5xx: trying again cannot help."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        return all(code >= 500 for code, _msg in exc.recipients.values())
    return False


def _record_failure(email: OutgoingEmail, exc: Exception) -> SendOutcome:
    final = _is_permanent(exc) or email.attempts >= MAX_ATTEMPTS
    delay = BACKOFF_SECONDS[min(email.attempts, len(BACKOFF_SECONDS)) - 1]
    # Only while our claim holds: a worker that took the row over (lease expired) may have sent it.
    updated = OutgoingEmail.objects.filter(pk=email.pk, status=Status.INFLIGHT, claimed_at=email.claimed_at).update(
        status=Status.FAILED if final else Status.QUEUED,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
        next_attempt_at=None if final else Now() + dt.timedelta(seconds=delay),
    )
    log.warning("outbox %s: attempt %s failed%s: %s", email.pk, email.attempts, " (final)" if final else "", exc)
    if not updated:
        return SendOutcome("skipped")
    return SendOutcome("failed") if final else SendOutcome("retry", delay)


def email_dispatch_due(*, limit: int = 500) -> list[int]:
    """The sweep: re-queue rows lost with their worker, then pick QUEUED rows that are due.

    Picked rows get ``next_attempt_at = now + lease`` under a row lock (an optimistic lock after hc
    ``sendreports``), so two sweeps, or a sweep while the queue is backlogged, dispatch a row once.
    Every time is the database's.
    """
    lost = OutgoingEmail.objects.filter(_lease_expired(), status=Status.INFLIGHT)
    lost.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED, last_error=WORKER_LOST_ERROR, next_attempt_at=None
    )
    lost.update(status=Status.QUEUED, last_error=WORKER_LOST_ERROR, next_attempt_at=Now())
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=Now())
    with transaction.atomic():
        rows = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(due, status=Status.QUEUED)
        ids = list(rows.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
        OutgoingEmail.objects.filter(pk__in=ids).update(next_attempt_at=Now() + _lease())
    return ids


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
    OutgoingEmail.objects.filter(pk=row.pk).update(status=Status.QUEUED, attempts=0, next_attempt_at=Now() + _lease())
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
