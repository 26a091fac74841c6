"""Notices about an apel, through the outbox: the invitation when it is scheduled, two reminders before it
(hours set per region), a notice when it is moved (new time or place) and one when it is cancelled.

Scheduling is a due column, never a date comparison: ``Ceremony.notice_due_at`` is the next time something
may be due. The periodic job (beat, every minute) picks the apel whose time has come; each is claimed with a
conditional update on the value it read (``notice_due_at``, revision and status, after hc ``sendreports``),
and the messages are queued in the same transaction as the claim. So:

- two beats, or a beat and the task queued on scheduling, cannot both send: the second claim matches no row;
- a worker that dies mid-batch rolls its transaction back — claim and queued rows together — and the next
  beat does the whole notice again; nothing was dispatched, since the outbox sends on commit;
- every message has its own outbox key (recipient, kind, the participant row and the notice): a notice
  queued again for the same person (a late addition racing the batch, a retried task) finds its row.

The batch goes through ``email_queue_many`` (each message rendered once, rows inserted by the chunk, sent in
batches within the region's daily send limit); a person added later is invited with ``email_queue``.

Each notice reaches each participant with an email once. The others are listed for staff on the apel page.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mailer.services import email_queue, email_queue_many

from ..models import ApelSettings, Attendance, Ceremony

INVITE = "invite"
CANCELLED = "cancelled"
SKIPPED = "skipped"
TEMPLATES = {
    "invite": "apel_invitation",
    "reminder": "apel_reminder",
    "moved": "apel_moved",
    "cancelled": "apel_cancelled",
}


def moved_key(revision: int) -> str:
    return f"moved-{revision}"


def reminder_key(number: int, revision: int) -> str:
    return f"reminder{number}-{revision}"


def notice_template(key: str) -> str:
    return TEMPLATES[key.split("-")[0].rstrip("0123456789")]


@dataclass
class NoticePlan:
    due: str | None = None  # the notice to queue now
    skip: list[str] = field(default_factory=list)  # notices that no longer make sense (passed, superseded)
    next_at: dt.datetime | None = None  # when to look again


def _reminders(ceremony: Ceremony, settings: ApelSettings) -> list[tuple[str, dt.datetime]]:
    hours = [(1, settings.first_reminder_hours), (2, settings.second_reminder_hours)]
    return [(reminder_key(n, ceremony.revision), ceremony.starts_at - dt.timedelta(hours=h)) for n, h in hours if h > 0]


def notice_plan(*, ceremony: Ceremony, settings: ApelSettings, now: dt.datetime) -> NoticePlan:
    """What is due for this apel at ``now`` (pure: reads the apel's state, writes nothing)."""
    sent = ceremony.notices_sent or {}
    announced = any(v != SKIPPED for k, v in sent.items() if k == INVITE or k.startswith("moved-"))
    if ceremony.status == Ceremony.Status.CANCELLED:
        return NoticePlan(due=CANCELLED if announced and CANCELLED not in sent else None)
    if ceremony.status != Ceremony.Status.SCHEDULED or ceremony.recorded_after or now >= ceremony.starts_at:
        return NoticePlan()
    reminders = [(key, at) for key, at in _reminders(ceremony, settings) if key not in sent]
    passed = [key for key, at in reminders if at <= now]
    upcoming = [at for key, at in reminders if at > now]
    next_at = min(upcoming) if upcoming else None
    if INVITE not in sent:
        # The invitation carries the current time and place: an earlier move needs no notice of its own.
        moves = [moved_key(r) for r in range(2, ceremony.revision + 1) if moved_key(r) not in sent]
        return NoticePlan(due=INVITE, skip=passed + moves, next_at=next_at)
    if ceremony.revision > 1 and moved_key(ceremony.revision) not in sent:
        return NoticePlan(due=moved_key(ceremony.revision), skip=passed, next_at=next_at)
    if passed:
        # Of several reminders due at once (the job was down), the one nearest the start is enough.
        return NoticePlan(due=passed[-1], skip=passed[:-1], next_at=next_at)
    return NoticePlan(next_at=next_at)


def _day(ceremony: Ceremony) -> dt.date:
    """One outbox day for every notice of an apel, so a retry after midnight still finds its row."""
    return timezone.localtime(ceremony.created_at, ceremony.zone).date()


def _context(ceremony: Ceremony, attendance: Attendance, key: str) -> dict:
    return {
        "ceremony": ceremony,
        "employee": attendance.employee,
        "local_start": ceremony.local_start,
        "zone": ceremony.region.timezone_label,
        "notice": key,
        "my_apel_path": reverse("my_apel"),
    }


def _message(ceremony: Ceremony, attendance: Attendance, key: str) -> dict:
    """One participant's notice, keyed to their participant row and the notice (one per person per notice)."""
    employee = attendance.employee
    return {
        "to": employee.email,
        "context": _context(ceremony, attendance, key),
        "subject_key": f"pledges.attendance:{attendance.pk}:{key}",
        "language": employee.user.language if employee.user is not None else "id",
    }


def _kind(key: str) -> str:
    return f"apel_{key.split('-')[0]}"


def _queue_one(ceremony: Ceremony, attendance: Attendance, key: str) -> None:
    message = _message(ceremony, attendance, key)
    email_queue(
        to=message.pop("to"),
        kind=_kind(key),
        template=notice_template(key),
        region=ceremony.region,
        day=_day(ceremony),
        **message,
    )


def _queue_all(ceremony: Ceremony, key: str) -> int:
    """The notice for every participant with an email, in bulk (rendered once each, inserted by the chunk,
    sent in batches within the region's daily limit). Returns how many were queued."""
    result = email_queue_many(
        kind=_kind(key),
        template=notice_template(key),
        region=ceremony.region,
        day=_day(ceremony),
        messages=(_message(ceremony, attendance, key) for attendance in _participants_with_email(ceremony)),
    )
    return result.queued


def _participants_with_email(ceremony: Ceremony, page: int = 2000):
    """Page by page, by primary key (no server-side cursor: it would not outlive a rolled-back batch cleanly)."""
    rows = (
        Attendance.objects.filter(ceremony=ceremony)
        .exclude(employee__email="")
        .select_related("employee", "employee__user")
        .order_by("pk")
    )
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:page]):
        yield from batch
        last = batch[-1].pk


def ceremony_notify(*, ceremony_id: int, now: dt.datetime | None = None) -> str | None:
    """Queue the notice due for one apel, if its time has come and this call wins the claim. Returns the
    notice queued (or None)."""
    now = now or timezone.now()
    ceremony = Ceremony.objects.select_related("region", "election").filter(pk=ceremony_id).first()
    if ceremony is None or ceremony.notice_due_at is None or ceremony.notice_due_at > now:
        return None
    plan = notice_plan(ceremony=ceremony, settings=ApelSettings.for_region(ceremony.region), now=now)
    sent = {**ceremony.notices_sent, **dict.fromkeys(plan.skip, SKIPPED)}
    if plan.due:
        sent[plan.due] = now.isoformat()
    with transaction.atomic():
        claimed = Ceremony.objects.filter(
            pk=ceremony.pk,
            notice_due_at=ceremony.notice_due_at,
            revision=ceremony.revision,
            status=ceremony.status,
        ).update(notice_due_at=plan.next_at, notices_sent=sent)
        if claimed != 1:
            return None  # another run won, or staff changed the apel meanwhile (which set a new due time)
        # Read after the claim, which holds the row lock: a participant added meanwhile is in this batch, or
        # was added after it and sees the notice as sent (participant_invite).
        if plan.due:
            _queue_all(ceremony, plan.due)
    return plan.due


def ceremony_notify_due(*, now: dt.datetime | None = None, limit: int = 200) -> list[int]:
    """The apel whose notice time has come (the periodic job queues one task per apel)."""
    now = now or timezone.now()
    due = Ceremony.objects.filter(notice_due_at__lte=now).order_by("notice_due_at")
    return list(due.values_list("pk", flat=True)[:limit])


def participant_invite(*, ceremony: Ceremony, attendance: Attendance, now: dt.datetime | None = None) -> bool:
    """Invite someone added after the invitation went out (call inside the transaction that added them,
    with the apel row locked). False when the invitation batch has not run yet: it will include them."""
    now = now or timezone.now()
    if INVITE not in (ceremony.notices_sent or {}) or ceremony.status != Ceremony.Status.SCHEDULED:
        return False
    if ceremony.starts_at <= now or not attendance.employee.email:
        return False
    _queue_one(ceremony, attendance, INVITE)
    return True
