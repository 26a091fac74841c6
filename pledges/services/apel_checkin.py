"""Check-in: the presenter's rotating QR, the ASN's personal QR, the window, and recording presence.

The presenter's QR holds a link with a token signed by Django (HMAC with SECRET_KEY): the apel's id and a
rotation slot of ``ROTATION_SECONDS``, stamped with the slot's start. A token is accepted until
``ROTATION_SECONDS + GRACE_SECONDS`` after its slot began, so a photo of the screen sent to someone at home
is dead within a minute. It is judged when the link is first opened (then parked in the session, so a slow
login that follows does not defeat the rotation) and a GET never records anything: the ASN confirms with a
POST. It is not a personal credential — anyone in the room sees it — but it stays out of the logs.

The personal QR identifies one ASN: a value signed with its own salt (never the bare NIP, never guessable),
shown only to its owner and on the card sheet staff print. Staff scan it (or type the NIP) and are
recorded as the officer who marked the person present.
"""

import datetime as dt
import time
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record

from ..models import ApelSettings, Attendance, Ceremony
from .apel import ApelError

ROTATION_SECONDS = 30
GRACE_SECONDS = 30
CLOCK_SKEW_SECONDS = 5  # web processes on several hosts may disagree by a few seconds
CHECKIN_SALT = "pledges.apel.checkin"
PERSONAL_SALT = "pledges.apel.personal"
PERSONAL_PREFIX = "ASN"
# How long a judged link stays parked in the session while its owner logs in.
PARKED_SECONDS = 15 * 60

BEFORE, OPEN, AFTER = "before", "open", "after"


class CheckinRefused(ApelError):
    """Check-in refused; ``code`` says why (for the page to choose its words and tests to assert)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


# --- the presenter's rotating token ---------------------------------------------------------------------------


class _SlotSigner(signing.TimestampSigner):
    """Stamps a token with its slot's start rather than the second it is made, so the QR is stable for a slot."""

    def __init__(self, *, at: int):
        super().__init__(salt=CHECKIN_SALT)
        self._at = at

    def timestamp(self):
        return signing.b62_encode(self._at)


def _slot(now: float) -> int:
    return int(now // ROTATION_SECONDS)


def checkin_token(*, ceremony_id: int, now: float | None = None) -> str:
    """The token the presenter shows during the current slot."""
    slot = _slot(time.time() if now is None else now)
    return _SlotSigner(at=slot * ROTATION_SECONDS).sign(f"{ceremony_id}.{slot}")


def checkin_token_seconds_left(now: float | None = None) -> int:
    now = time.time() if now is None else now
    return ROTATION_SECONDS - int(now % ROTATION_SECONDS)


def checkin_token_read(token: str, *, now: float | None = None) -> int | None:
    """The apel id of a genuine token still in its time, else None (forged, altered, or too old)."""
    now = time.time() if now is None else now
    try:
        # The HMAC covers "<id>.<slot>:<stamp>"; the age is checked against our own clock below.
        stamped = signing.Signer(salt=CHECKIN_SALT).unsign(token)
        value, stamp = stamped.rsplit(":", 1)
        made = signing.b62_decode(stamp)
        ceremony_id, slot = (int(part) for part in value.split("."))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    age = now - made
    if made != slot * ROTATION_SECONDS or not -CLOCK_SKEW_SECONDS <= age <= ROTATION_SECONDS + GRACE_SECONDS:
        return None
    return ceremony_id


# --- the personal QR -------------------------------------------------------------------------------------------


def personal_code(employee) -> str:
    """What an ASN's personal QR holds: signed, bound to the employee row, useless to guess or forge."""
    return signing.Signer(salt=PERSONAL_SALT).sign(f"{PERSONAL_PREFIX}{employee.pk}")


def personal_code_read(value: str) -> int | None:
    """The employee id a scanned personal QR names, or None."""
    try:
        plain = signing.Signer(salt=PERSONAL_SALT).unsign((value or "").strip())
    except signing.BadSignature:
        return None
    if not plain.startswith(PERSONAL_PREFIX) or not plain[len(PERSONAL_PREFIX) :].isdigit():
        return None
    return int(plain[len(PERSONAL_PREFIX) :])


# --- the window --------------------------------------------------------------------------------------------------


def checkin_window(*, ceremony: Ceremony) -> tuple[dt.datetime, dt.datetime]:
    """When check-in opens and closes for this apel (the region's settings)."""
    return ApelSettings.for_region(ceremony.region).checkin_window(ceremony.starts_at)


def checkin_window_state(*, ceremony: Ceremony, now=None) -> str:
    """BEFORE, OPEN or AFTER the region's check-in window around the apel's start."""
    opens, closes = checkin_window(ceremony=ceremony)
    now = now or timezone.now()
    if now < opens:
        return BEFORE
    return OPEN if now <= closes else AFTER


def _require_open(ceremony: Ceremony, now) -> None:
    if ceremony.status == Ceremony.Status.CANCELLED:
        raise CheckinRefused("cancelled", _("Apel ini dibatalkan."))
    state = checkin_window_state(ceremony=ceremony, now=now)
    if state == BEFORE:
        opens, _closes = checkin_window(ceremony=ceremony)
        local = timezone.localtime(opens, ceremony.zone)
        raise CheckinRefused(
            "before",
            _("Check-in belum dibuka: dibuka pukul %(time)s %(zone)s.")
            % {"time": f"{local:%H:%M}", "zone": ceremony.region.timezone_label},
        )
    if state == AFTER:
        raise CheckinRefused("after", _("Waktu check-in apel ini sudah ditutup."))


# --- opening the presenter's link ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Parked:
    """A judged link, as kept in the session until its owner confirms (after logging in if needed)."""

    ceremony_id: int
    judged_at: float

    def as_session(self) -> dict:
        return {"ceremony": self.ceremony_id, "at": self.judged_at}

    @classmethod
    def from_session(cls, value, *, now: float | None = None) -> "Parked | None":
        now = time.time() if now is None else now
        try:
            parked = cls(int(value["ceremony"]), float(value["at"]))
        except (TypeError, KeyError, ValueError):
            return None
        return parked if 0 <= now - parked.judged_at <= PARKED_SECONDS else None


def checkin_link_open(*, token: str, now: float | None = None) -> Parked:
    """Judge a link from the presenter's QR: genuine, in its time, for an apel whose window is open.
    Raises CheckinRefused otherwise. Nothing is recorded yet."""
    now = time.time() if now is None else now
    ceremony_id = checkin_token_read(token, now=now)
    if ceremony_id is None:
        raise CheckinRefused(
            "expired", _("Kode QR ini sudah kedaluwarsa atau tidak sah. Pindai lagi kode QR yang tampil di layar.")
        )
    # The signature proves the presenter of this apel showed it: the id may be looked up without a user.
    ceremony = Ceremony.objects.select_related("region").filter(pk=ceremony_id).first()
    if ceremony is None:
        raise CheckinRefused("expired", _("Apel ini tidak ditemukan."))
    _require_open(ceremony, dt.datetime.fromtimestamp(now, tz=dt.UTC))
    return Parked(ceremony_id, now)


# --- recording presence -------------------------------------------------------------------------------------


def _record_present(*, attendance: Attendance, ceremony: Ceremony, method: str, by, request, now=None) -> bool:
    """Mark one row present unless it already is (a conditional update: of two concurrent check-ins of the same
    person one records, the other changes nothing). True if this call changed it; the instance is brought up
    to date either way."""
    now = now or timezone.now()
    fields = {"status": Attendance.Status.PRESENT, "method": method, "checked_in_at": now, "marked_by": by}
    with transaction.atomic():
        before = attendance.status
        updated = (
            Attendance.objects.filter(pk=attendance.pk)
            .exclude(status=Attendance.Status.PRESENT)
            .update(updated_at=Now(), **fields)
        )
        if updated:
            audit_record(
                action="netralitas.apel.checked_in",
                actor=by or getattr(request, "user", None),
                obj=attendance,
                region_id=ceremony.region_id,
                before={"status": before},
                after={"status": Attendance.Status.PRESENT, "method": method},
                data={"ceremony": ceremony.pk, "employee": attendance.employee_id},
                request=request,
            )
    if updated:
        for field, value in fields.items():
            setattr(attendance, field, value)
    else:  # present already (perhaps a moment ago, by a concurrent request): show what is recorded
        attendance.refresh_from_db(fields=["status", "method", "checked_in_at", "marked_by"])
    return bool(updated)


def attendance_check_in(*, attendance: Attendance, request=None, now=None) -> bool:
    """The ASN confirms a judged link for their own participant row; True if this recorded them present.
    Refused for a cancelled apel; checking in twice changes nothing."""
    ceremony = attendance.ceremony
    if ceremony.status == Ceremony.Status.CANCELLED:
        raise CheckinRefused("cancelled", _("Apel ini dibatalkan."))
    return _record_present(
        attendance=attendance, ceremony=ceremony, method=Attendance.Method.SELF_QR, by=None, request=request, now=now
    )


def attendance_scan(*, ceremony: Ceremony, attendance: Attendance, method: str, by, request=None, now=None) -> bool:
    """Staff scanned a personal QR (or typed a NIP): the same window, recorded with the officer."""
    now = now or timezone.now()
    _require_open(ceremony, now)
    return _record_present(attendance=attendance, ceremony=ceremony, method=method, by=by, request=request, now=now)
