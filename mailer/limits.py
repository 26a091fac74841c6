"""A region's daily send limit: never more than ``limit`` messages of a region in any rolling 24 hours.

SMTP providers cap daily sends (about 2,000 a day is common); a Pemda that queues 8,000 pakta invitations
must not get its account blocked. The limit is the region's ``MailSettings.daily_limit`` (0 = unlimited;
rows without a region are never limited).

What counts: the region's rows SENT in the last 24 hours, plus its rows in flight (claimed, maybe being
accepted by the server right now). The claim (``services.email_claim``) is the one place that enforces the
limit: it counts under a lock on the region's settings row, so two workers never both take the last slot.
Queueing and the sweep only *schedule* with :class:`Window` — rows that cannot go now get
``next_attempt_at`` set to when their slot opens — so they do not dispatch work the claim would refuse.

When a slot opens: with limit L, the k-th message from now may go once the send L places before it is
24 hours old. With the region's last sends t_1 ≤ … ≤ t_n (n ≤ L, the newest ones in the window) that is
t_p + m·24 h for m = ⌈k / L⌉ and p = n + k − m·L, or now + (m − 1)·24 h when p ≤ 0 (it waits only for
sends that have not happened yet). The same formula gives staff the time the queue will finish.
"""

import datetime as dt
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Now

from .models import MailSettings, OutgoingEmail

DAY = dt.timedelta(hours=24)
Status = OutgoingEmail.Status


def database_now() -> dt.datetime:
    """The database's clock (every time the outbox writes is the database's, never a worker's)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT CURRENT_TIMESTAMP")
        value = cursor.fetchone()[0]
    if isinstance(value, str):  # SQLite answers with UTC text
        value = dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    return value


def limits_of(region_ids) -> dict[int, int]:
    """{region_id: daily limit} (the default for a region that has no settings row yet)."""
    ids = {rid for rid in region_ids if rid is not None}
    stored = dict(MailSettings.objects.filter(region_id__in=ids).values_list("region_id", "daily_limit"))
    return {rid: stored.get(rid, settings.MAILER_DEFAULT_DAILY_LIMIT) for rid in ids}


def limit_of(region_id) -> int:
    return limits_of([region_id]).get(region_id, 0)


def _in_window():
    return Q(status=Status.SENT, sent_at__gt=Now() - DAY)


# Part of a large limit kept for urgent mail (activation, password reset, invitations): 8,000 pakta
# invitations must not hold a forgotten-password mail back for a day.
URGENT_RESERVE_SHARE = 20  # 1/20 = 5 %
URGENT_RESERVE_FROM = 100  # limits below this keep no reserve


def reserved(limit: int) -> int:
    """Slots of a region's daily limit only urgent mail may take."""
    return limit // URGENT_RESERVE_SHARE if limit >= URGENT_RESERVE_FROM else 0


def take_slot(*, region_id: int, row_id: int, urgent: bool = False) -> bool:
    """Inside the claim's transaction: may the region send one more message now?

    Locks the region's settings row (made on first use) until the claim commits, so claims of one region
    count one after another; the count stops at the limit, so it never reads more than ``limit`` rows.
    A message that is not urgent leaves the reserve (``reserved``) to those that are.
    """
    locked = MailSettings.objects.select_for_update().filter(region_id=region_id)
    limit = locked.values_list("daily_limit", flat=True).first()
    if limit is None:
        MailSettings.for_region(region_id)
        limit = locked.values_list("daily_limit", flat=True).first()
    if not limit:
        return True
    cap = limit if urgent else limit - reserved(limit)
    using = OutgoingEmail.objects.filter(_in_window() | Q(status=Status.INFLIGHT), region_id=region_id)
    return using.exclude(pk=row_id)[:limit].count() < cap


@dataclass(frozen=True)
class Window:
    """A region's use of its limit at ``now``: enough to tell when each of its next sends may go."""

    limit: int  # 0 = unlimited
    now: dt.datetime
    recent: tuple[dt.datetime, ...]  # its newest min(sent, limit) sends of the last 24 h, oldest first
    inflight: int

    @property
    def free(self) -> float:
        """Messages it may send at once (``math.inf`` when unlimited)."""
        if not self.limit:
            return math.inf
        return max(0, self.limit - len(self.recent) - self.inflight)

    def slot(self, k: int) -> dt.datetime:
        """When the k-th message from now (1 = the next one, after the rows in flight) may be sent."""
        if not self.limit or k <= 0:
            return self.now
        position = self.inflight + k
        m = -(-position // self.limit)
        p = len(self.recent) + position - m * self.limit
        if p <= 0:
            return self.now + (m - 1) * DAY
        return self.recent[p - 1] + m * DAY


def window(region_id: int, limit: int | None = None) -> Window:
    """The region's window, read now (two or three queries; the one that reads sends is bounded by the limit)."""
    limit = limit_of(region_id) if limit is None else limit
    now = database_now()
    if not limit:
        return Window(0, now, (), 0)
    rows = OutgoingEmail.objects.filter(_in_window(), region_id=region_id).order_by("-sent_at")
    recent = tuple(reversed(rows.values_list("sent_at", flat=True)[:limit]))
    inflight = OutgoingEmail.objects.filter(region_id=region_id, status=Status.INFLIGHT).count()
    return Window(limit, now, recent, inflight)


def round_up(moment: dt.datetime) -> dt.datetime:
    """To the next whole minute (the sweep runs every minute): never earlier than the slot, and rows
    deferred to the same minute are moved in one UPDATE."""
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + dt.timedelta(minutes=1)


def defer(*, region_id: int, email_ids: list[int], first: int = 1, win: Window | None = None) -> dt.datetime | None:
    """Give QUEUED rows of a region that reached its limit the times their slots open (in order; the first
    takes the ``first``-th slot from now). Returns the earliest of those times."""
    if not email_ids:
        return None
    win = win or window(region_id)
    urgent = set(OutgoingEmail.objects.filter(pk__in=email_ids, urgent=True).values_list("pk", flat=True))
    by_time: dict[dt.datetime, list[int]] = {}
    for k, email_id in enumerate(email_ids, start=first):
        # Mail that is not urgent waits until the reserve would still be free after it.
        k += 0 if email_id in urgent else reserved(win.limit)
        by_time.setdefault(round_up(win.slot(k)), []).append(email_id)
    for at, ids in by_time.items():
        # QUEUED only: a row another worker claimed meanwhile is its business now.
        OutgoingEmail.objects.filter(pk__in=ids, status=Status.QUEUED).update(next_attempt_at=at)
    return min(by_time)
