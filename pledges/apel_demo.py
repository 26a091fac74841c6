"""Demo apel (called from pledges/demo.py): each demo kabupaten gets the apel it held on paper for Pemilu 2024
(the deklarasi of 27 December 2023 in the seed articles), with its attendance marked, and an upcoming apel of
every ASN of the region (no invitations are mailed: the demo's people and addresses are made up). Through
the services, so the demo is audited like real work.

Idempotent: the held apel is found by its title, the upcoming one by being scheduled and still ahead.
"""

import datetime as dt
import zoneinfo
from importlib import import_module

from django.utils import timezone

from core.demodata import DemoContext

from .models import Attendance, Ceremony, Election
from .models.apel import STANDARD_IKRAR
from .services.apel import ceremony_record_held, ceremony_schedule
from .services.apel_attendance import attendance_mark, attendance_mark_unit

HELD_TITLE = "Apel dan Deklarasi Netralitas ASN Pemilu 2024"
UPCOMING_TITLE = "Apel dan Ikrar Netralitas ASN"
PLACES = {
    "muba": ("Opproom Pemkab Muba, Sekayu", "Halaman Kantor Bupati Musi Banyuasin, Sekayu"),
    "oki": ("Halaman Kantor Bupati OKI, Kayuagung", "Auditorium Pemkab OKI, Kayuagung"),
}
OFFICIANTS = {"muba": "Drs. H. Ahmad Rizal, M.Si.", "oki": "H. Syamsul Bahri, S.H., M.H."}
# Out of 100 participants of the held apel: the exceptions, each with a plausible note.
EXCEPTIONS = [
    (Attendance.Status.EXCUSED, 4, "Izin keperluan keluarga"),
    (Attendance.Status.SICK, 3, "Surat keterangan dokter"),
    (Attendance.Status.OFFICIAL_DUTY, 5, "Tugas ke Palembang (SPT)"),
    (Attendance.Status.ABSENT, 3, ""),
]


def seed(ctx: DemoContext) -> None:
    for code in ("muba", "oki"):
        region = ctx.regions.get(code)
        officer = ctx.users.get(f"bkd.{code}")
        if region is None or officer is None:
            continue
        held = _held(ctx, region, officer)
        upcoming = _upcoming(region, officer)
        when = f"{upcoming.local_start:%d-%m-%Y %H:%M} {region.timezone_label}"
        ctx.say(f"Apel {region.name}: {held.title} (sudah dilaksanakan), {upcoming.title} ({when})")


def _election(slug: str) -> Election:
    """An election the data migration seeds (made from the same values should a test have flushed the table)."""
    seeded = import_module("pledges.migrations.0002_elections_2024").ELECTIONS
    values = next(e for e in seeded if e["slug"] == slug)
    return Election.objects.get_or_create(slug=slug, defaults=values)[0]


def _common(region, place: str) -> dict:
    return {
        "region": region,
        "place": place,
        "officiant_name": OFFICIANTS.get(region.code, ""),
        "officiant_title": region.head_title,
        "ikrar_text": STANDARD_IKRAR,
        "all_units": True,
    }


def _held(ctx: DemoContext, region, officer) -> Ceremony:
    existing = Ceremony.objects.filter(region=region, title=HELD_TITLE).first()
    if existing is not None:
        return existing
    zone = zoneinfo.ZoneInfo(region.timezone)
    ceremony = ceremony_record_held(
        election=_election("pemilu-2024"),
        title=HELD_TITLE,
        starts_at=dt.datetime(2023, 12, 27, 8, 0, tzinfo=zone),
        by=officer,
        **_common(region, PLACES[region.code][0]),
    )
    rng = ctx.rng(f"apel-held-{region.code}")
    rows = list(ceremony.attendances.select_related("ceremony__region").order_by("pk"))
    rng.shuffle(rows)
    start = 0
    for status, per_hundred, note in EXCEPTIONS:
        count = max(1, len(rows) * per_hundred // 100)
        for attendance in rows[start : start + count]:
            attendance_mark(attendance=attendance, status=status, note=note, by=officer)
        start += count
    attendance_mark_unit(ceremony=ceremony, work_unit_id=None, status=Attendance.Status.PRESENT, by=officer)
    return ceremony


def _upcoming(region, officer) -> Ceremony:
    existing = Ceremony.objects.filter(
        region=region, title=UPCOMING_TITLE, status=Ceremony.Status.SCHEDULED, starts_at__gt=timezone.now()
    ).first()
    if existing is not None:
        return existing
    zone = zoneinfo.ZoneInfo(region.timezone)
    day = timezone.localdate(timezone=zone) + dt.timedelta(days=7)
    while day.weekday() != 0:  # the Monday apel
        day += dt.timedelta(days=1)
    return ceremony_schedule(
        election=_election("pilkada-2024"),
        title=UPCOMING_TITLE,
        starts_at=dt.datetime.combine(day, dt.time(7, 30), tzinfo=zone),
        by=officer,
        # The demo's ASN and their addresses are made up: no invitations to them (make run would write 600 .eml).
        notify=False,
        **_common(region, PLACES[region.code][1]),
    )
