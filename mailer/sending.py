"""Sending the outbox: claim a row, send it, record what happened; the batch and the sweep.

Life of a row: QUEUED → (claimed by a task) INFLIGHT → SENT, or back to QUEUED with a backoff
(``next_attempt_at``) after a transient error, or FAILED after MAX_ATTEMPTS or a permanent refusal.
``next_attempt_at`` of a QUEUED row is when the periodic sweep (``email_dispatch_due``, run by beat)
dispatches it again should no task have sent it by then; the sweep also re-queues an INFLIGHT row
whose lease (``MAILER_INFLIGHT_LEASE_SECONDS``) ran out, since its worker died mid-send. A row whose
region has reached its daily limit (mailer/limits.py) stays QUEUED until its slot opens.

Guarantees: a duplicated, retried or redelivered task never sends a row twice — sending needs a
claim, and only QUEUED rows (or INFLIGHT rows past their lease) can be claimed, under a row lock.
A crashed worker loses nothing — the row stays INFLIGHT and the sweep sends it after the lease.

The remaining at-least-once window: if a worker dies (or its database connection drops) *after*
the SMTP server accepted the message but *before* the row is marked SENT, the row stays INFLIGHT
and is sent again after the lease: the recipient gets it twice. The window is the few milliseconds
between the server's "250 OK" and one statement (in a batch, the one that also claims the next row:
one commit per message), so at most one message per worker process; the repeat carries the same
Message-ID, so mail clients that deduplicate show it once. A send slower than the lease can be doubled the same way,
so the lease must stay well above EMAIL_TIMEOUT (see the mailer.W001 check).

mailer.services re-exports what callers use (``email_send``, ``email_claim``, ``email_dispatch_due``).
"""

import datetime as dt
import functools
import logging
import smtplib
from collections import Counter
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Now

from . import credentials, limits
from .models import OutgoingEmail

log = logging.getLogger("mailer.services")

MAX_ATTEMPTS = 6
# Wait after failed attempt n (1-based); the last value repeats.
BACKOFF_SECONDS = [60, 300, 900, 3600, 4 * 3600]
WORKER_LOST_ERROR = "worker lost while sending (lease expired)"
CREDENTIAL_GONE = "not sent: the link it carries is no longer needed (already used, revoked or expired)"
# Rows the sweep dispatches at most at once, and per task.
SWEEP_MAX = 2000
SWEEP_BATCH_SIZE = 100
# A batch stops after this many failed sends in a row (the server is down): the sweep retries the rest later.
MAX_CONSECUTIVE_FAILURES = 3

Status = OutgoingEmail.Status


class SendOutcome(NamedTuple):
    # "sent", "skipped", "cancelled", "deferred" (QUEUED until the region's daily limit lets it go),
    # "retry" (QUEUED again with a backoff) or "failed" (final)
    status: str
    retry_in: int | None = None  # seconds until the next attempt, for "retry"


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.MAILER_INFLIGHT_LEASE_SECONDS)


def _lease_expired():
    """Claimed before the lease: judged by the database's clock, never a worker's."""
    return Q(claimed_at__lt=Now() - lease())


def _claimable():
    return Q(status=Status.QUEUED) | (Q(status=Status.INFLIGHT) & _lease_expired())


def _unlimited(default_limit: int | None = None) -> Q:
    """Rows of no region, or of a region without a daily limit."""
    default_limit = settings.MAILER_DEFAULT_DAILY_LIMIT if default_limit is None else default_limit
    unlimited = Q(region__isnull=True) | Q(region__mail_settings__daily_limit=0)
    if not default_limit:
        unlimited |= Q(region__mail_settings__isnull=True)
    return unlimited


def email_claim(*, email_id: int) -> OutgoingEmail | None:
    """Move a row to INFLIGHT if it is QUEUED, or INFLIGHT past its lease. The row if we won, else None.

    A row locked by a concurrent claim is skipped (that claim wins). A row lost with its worker
    MAX_ATTEMPTS times is marked FAILED instead of being tried again. A row whose region has reached its
    daily limit stays QUEUED, with ``next_attempt_at`` = when its slot opens.
    """
    return _claim(email_id)[0]


def _claim(email_id: int, *, sent: int | None = None) -> tuple[OutgoingEmail | None, str]:
    """(the row, "claimed") or (None, "skipped" | "deferred"). ``sent``: a row this worker has just sent,
    recorded as SENT first (on PostgreSQL in the same statement as the claim: one commit for both)."""
    if connection.vendor == "postgresql":
        row = _claim_in_one_statement(email_id, sent)
        if row is not None:
            return row, "claimed"
    elif sent is not None:
        _record_sent(sent)
    with transaction.atomic():
        row = (
            OutgoingEmail.objects.select_for_update(skip_locked=True, of=("self",))
            .annotate(region_limit=F("region__mail_settings__daily_limit"), database_now=Now())
            .filter(_claimable(), pk=email_id)
            .first()
        )
        if row is None:
            return None, "skipped"
        if row.status == Status.INFLIGHT and row.attempts >= MAX_ATTEMPTS:
            OutgoingEmail.objects.filter(pk=row.pk).update(
                status=Status.FAILED, last_error=WORKER_LOST_ERROR, next_attempt_at=None
            )
            return None, "skipped"
        limit = settings.MAILER_DEFAULT_DAILY_LIMIT if row.region_limit is None else row.region_limit
        if (
            row.region_id is not None
            and limit
            and not limits.take_slot(region_id=row.region_id, row_id=row.pk, urgent=row.urgent)
        ):
            # Not urgent: it may go once the reserve would still be free after it.
            ahead = 1 if row.urgent else limits.reserved(limit) + 1
            at = limits.round_up(limits.window(row.region_id).slot(ahead))
            OutgoingEmail.objects.filter(pk=row.pk).update(status=Status.QUEUED, next_attempt_at=at)
            return None, "deferred"
        # The claim is stamped with the database's clock, read with the row (no second read needed).
        OutgoingEmail.objects.filter(pk=row.pk).update(
            status=Status.INFLIGHT, claimed_at=row.database_now, attempts=F("attempts") + 1
        )
        row.status, row.claimed_at, row.attempts = Status.INFLIGHT, row.database_now, row.attempts + 1
    return row, "claimed"


def _claim_in_one_statement(email_id: int, sent: int | None) -> OutgoingEmail | None:
    """PostgreSQL, the common case — a claimable row of no region or of an unlimited one, not lost too often
    — claimed in ONE statement: ``UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …``, one
    round trip and one commit instead of four. None leaves the row to the general claim, which decides
    everything else (a limited region, a row lost too often, nothing to claim). With ``sent``, the same
    statement first records that row SENT (a data-modifying WITH runs whatever the claim finds)."""
    statement, params, record_sent = _one_statement_claim(
        settings.MAILER_INFLIGHT_LEASE_SECONDS, settings.MAILER_DEFAULT_DAILY_LIMIT
    )
    params = [email_id if p == _ROW else p for p in params]
    if sent is not None:
        statement, params = f"WITH sent AS ({record_sent}) {statement}", [Status.SENT, sent, *params]
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        values = cursor.fetchone()
    if values is None:
        return None
    return OutgoingEmail.from_db(connection.alias, [f.attname for f in OutgoingEmail._meta.concrete_fields], values)


_ROW = -7_371_113  # stands for the row's id in the compiled claim (no real id is negative)


@functools.lru_cache(maxsize=8)
def _one_statement_claim(lease_seconds: int, default_limit: int) -> tuple[str, list, str]:
    """(the claim's SQL, its parameters, _record_sent's SQL), compiled once per process and settings; the
    claim's conditions are the general claim's own Q objects, compiled by the ORM."""
    lost_too_often = Q(status=Status.INFLIGHT, attempts__gte=MAX_ATTEMPTS)
    rows = OutgoingEmail.objects.filter(_claimable(), _unlimited(default_limit), pk=_ROW).exclude(lost_too_often)
    select, params = rows.order_by().values("pk").query.sql_with_params()
    quote, fields = connection.ops.quote_name, OutgoingEmail._meta.concrete_fields
    table, returning = quote(OutgoingEmail._meta.db_table), ", ".join(quote(f.column) for f in fields)
    # Identifiers from the model's metadata and ORM-compiled SQL only; every value is a parameter.
    statement = (
        f"UPDATE {table} SET status = %s, claimed_at = STATEMENT_TIMESTAMP(), attempts = attempts + 1 "  # noqa: S608
        f"WHERE id = ({select} FOR UPDATE OF {table} SKIP LOCKED) RETURNING {returning}"
    )
    # What _record_sent does (%s: "sent", the row's id).
    record_sent = (
        f"UPDATE {table} SET status = %s, sent_at = STATEMENT_TIMESTAMP(), last_error = '', "  # noqa: S608
        "next_attempt_at = NULL WHERE id = %s AND status <> 'sent'"
    )
    return statement, [Status.INFLIGHT, *params], record_sent


def _record_sent(email_id: int) -> None:
    # Not filtered on our claim: if a takeover sent it too, SENT is still the truth.
    OutgoingEmail.objects.filter(pk=email_id).exclude(status=Status.SENT).update(
        status=Status.SENT, sent_at=Now(), last_error="", next_attempt_at=None
    )


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


def email_send(*, email_id: int, connection=None) -> SendOutcome:
    """Send one outbox row if we can claim it; record a failure on the row (never raises for SMTP).

    ``connection``: an email backend to send through; by default a new one.
    """
    email, claim = _claim(email_id)
    if email is None:
        return SendOutcome(claim)
    outcome = _deliver(email, connection)
    if outcome.status == "sent":
        _record_sent(email.pk)
    return outcome


def _deliver(email: OutgoingEmail, connection=None) -> SendOutcome:
    """Send a claimed row: "sent" (for the caller to record), or "cancelled", "retry", "failed" (recorded)."""
    link = None
    if email.carries_credential:
        link = credentials.make_link(email)
        if link is None:  # the link is no longer wanted (account already active, invitation revoked)
            OutgoingEmail.objects.filter(pk=email.pk, status=Status.INFLIGHT).update(
                status=Status.CANCELLED, last_error=CREDENTIAL_GONE, next_attempt_at=None
            )
            return SendOutcome("cancelled")
    try:
        build_message(email, connection=connection if connection is not None else get_connection(), link=link).send()
    except Exception as exc:  # noqa: BLE001 — any transport error is recorded on the row
        return _record_failure(email, exc)
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


def email_send_batch(*, email_ids: list[int]) -> dict[str, int]:
    """Send a chunk of outbox rows one by one over one SMTP connection: {outcome: number of rows}.

    Each row is claimed just before it is sent, so each has its own lease however long the batch takes,
    and a batch delivered twice (or a row also dispatched by the sweep) sends nothing twice. Once a
    region reaches its daily limit, the batch's other rows of that region get their slot times without
    a claim. After MAX_CONSECUTIVE_FAILURES transient failures in a row (the server is down) the rest is
    left, QUEUED, to the sweep instead of each spending an attempt.
    """
    counts: Counter = Counter()
    rows = list(
        OutgoingEmail.objects.filter(_claimable(), pk__in=email_ids).order_by("pk").values_list("pk", "region_id")
    )
    counts["skipped"] = len(set(email_ids)) - len(rows)
    if not rows:
        return dict(counts)
    # Held by this batch: the sweep leaves them alone for a lease (it would only dispatch them again).
    soon = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=Now() + lease())
    OutgoingEmail.objects.filter(soon, pk__in=[pk for pk, _r in rows], status=Status.QUEUED).update(
        next_attempt_at=Now() + lease()
    )
    full: dict[int, list[int]] = {}  # region -> rows of this batch waiting for its limit
    smtp = get_connection()
    # Only an SMTP connection is shared: the file backend writes everything one instance sends into one file.
    reuse = isinstance(smtp, SMTPBackend)
    failures, unrecorded = 0, None
    try:
        for n, (email_id, region_id) in enumerate(rows):
            if region_id in full:
                full[region_id].append(email_id)
                continue
            if failures >= MAX_CONSECUTIVE_FAILURES:
                counts["left"] += len(rows) - n
                break
            try:
                if reuse:
                    smtp.open()  # no-op while open; reconnects after a failure closed it
            except (OSError, smtplib.SMTPException) as exc:
                log.warning("outbox batch: cannot connect: %s", exc)
                failures += 1
                counts["left"] += 1
                continue
            email, claim = _claim(email_id, sent=unrecorded)
            unrecorded = None
            outcome = SendOutcome(claim) if email is None else _deliver(email, smtp if reuse else None)
            if outcome.status == "sent":
                # Recorded with the next claim (one commit for both); the window in which a dead worker
                # leaves a sent row INFLIGHT is still one message, from the server's OK to that commit.
                unrecorded = email.pk
            counts[outcome.status] += 1
            if outcome.status == "deferred":
                full[region_id] = []
            elif outcome.status in ("retry", "failed"):
                # A permanent refusal of one recipient says the server is up; only transient errors add up.
                failures = failures + 1 if outcome.status == "retry" else 0
                if reuse:
                    smtp.close()  # the session may be broken: the next message opens a fresh one
            elif outcome.status == "sent":
                failures = 0
    finally:
        if unrecorded is not None:
            _record_sent(unrecorded)
        if reuse:
            smtp.close()
    for region_id, waiting in full.items():
        limits.defer(region_id=region_id, email_ids=waiting, first=2)
        counts["deferred"] += len(waiting)
    return dict(counts)


def email_dispatch_due(*, limit: int = SWEEP_MAX, backlog: int = 0) -> list[int]:
    """The sweep: re-queue rows lost with their worker, then pick QUEUED rows that are due.

    Picked rows get ``next_attempt_at = now + lease`` under a row lock (an optimistic lock after hc
    ``sendreports``), so two sweeps dispatch a row once. A region's rows beyond what its daily limit
    lets go now get the times their slots open instead. Every time is the database's.

    ``backlog``: tasks still waiting in the broker. While there are some, a row never tried (of no region
    or an unlimited one) is presumed to be in one of them — a bulk queue longer than a lease — and is left
    alone: dispatching it again would only add a copy behind its task and rewrite the row. Once the broker
    is empty such a row, if still due, was lost with its task and is dispatched. Retries, rows lost in
    flight and rows of limited regions (their slots) are dispatched whatever the backlog.
    """
    lost = OutgoingEmail.objects.filter(_lease_expired(), status=Status.INFLIGHT)
    lost.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED, last_error=WORKER_LOST_ERROR, next_attempt_at=None
    )
    lost.update(status=Status.QUEUED, last_error=WORKER_LOST_ERROR, next_attempt_at=Now())
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=Now())
    with transaction.atomic():
        rows = OutgoingEmail.objects.select_for_update(skip_locked=True, of=("self",)).filter(due, status=Status.QUEUED)
        if backlog:
            rows = rows.exclude(Q(attempts=0) & _unlimited())
        picked = list(rows.order_by("next_attempt_at", "pk").values_list("pk", "region_id")[:limit])
        ids = _within_limits(picked)
        OutgoingEmail.objects.filter(pk__in=ids).update(next_attempt_at=Now() + lease())
    return ids


def _within_limits(picked: list[tuple[int, int | None]]) -> list[int]:
    """The rows that may go now; the others (beyond their region's limit) are given their slot times."""
    region_limits = {rid: n for rid, n in limits.limits_of(rid for _pk, rid in picked).items() if n}
    ids, waiting = [], {}
    for email_id, region_id in picked:
        if region_id in region_limits:
            waiting.setdefault(region_id, []).append(email_id)
        else:
            ids.append(email_id)
    for region_id, region_ids in waiting.items():
        win = limits.window(region_id, region_limits[region_id])
        free = min(len(region_ids), win.free)
        ids += region_ids[:free]
        limits.defer(region_id=region_id, email_ids=region_ids[free:], first=free + 1, win=win)
    return sorted(ids)
