"""NIP (PNS) and NI PPPK parsing and validation — see shared/domain/reference.md §5.1–5.2.

PNS:  YYYYMMDD YYYYMM G NNN   birth date · TMT CPNS year+month · gender (1/2) · serial
PPPK: YYYYMMDD YYYY 2 F G NNN birth date · appointment year · marker 2 · digit 1–9 · gender · serial
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_RE = re.compile(r"^\d{18}$")
EARLIEST_BIRTH_YEAR = 1940
EARLIEST_TMT_YEAR = 1960
# BKN issues the NIPs of a new CPNS/PPPK intake months before their TMT.
MAX_TMT_AHEAD_MONTHS = 12
# An appointment this many months before the 18th birthday is odd but happens in real rosters: a warning
# for staff to check, not a refusal. Earlier than that, the NIP is refused.
EARLY_TMT_WARNING_MONTHS = 12


@dataclass(frozen=True)
class NipInfo:
    nip: str
    birth_date: dt.date
    tmt_year: int
    tmt_month: int | None  # None for NI PPPK (only the year is encoded)
    gender: str  # "L" (laki-laki) or "P" (perempuan)
    is_pppk: bool
    warnings: tuple[str, ...] = ()  # shown to staff, never a refusal


def _months(year: int, month: int) -> int:
    return year * 12 + month - 1


def normalize_nip(raw) -> str:
    """Strip the spaces, dots and dashes people type or spreadsheets add; keep digits only."""
    if raw is None:
        return ""
    text = str(raw).strip()
    if re.fullmatch(r"\d+\.0", text):  # a number cell read back as float text
        text = text[:-2]
    return re.sub(r"[\s.\-]", "", text)


def _birth_date(nip: str) -> dt.date:
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("NIP %(nip)s: 8 digit pertama (%(part)s) bukan tanggal lahir yang sah."),
            code="nip_birth_date",
            params={"nip": nip, "part": nip[0:8]},
        ) from None
    if born.year < EARLIEST_BIRTH_YEAR or born > dt.date.today():
        raise ValidationError(
            _("NIP %(nip)s: tahun lahir %(year)s tidak masuk akal."),
            code="nip_birth_year",
            params={"nip": nip, "year": born.year},
        )
    return born


def _check_tmt(nip: str, born: dt.date, year: int, month: int, *, earliest_month: int | None = None) -> tuple[str, ...]:
    """Refuse an impossible TMT; return warnings for an odd but possible one.

    ``month`` is the TMT's month, or for an NI PPPK (year only) the latest it can be (the benefit of the
    doubt for "too early"), with ``earliest_month`` the earliest (the benefit of the doubt for "too far ahead").
    """
    adult = _months(born.year + 18, born.month)
    tmt = _months(year, month)
    today = dt.date.today()
    if year < EARLIEST_TMT_YEAR or tmt < adult - EARLY_TMT_WARNING_MONTHS:
        raise ValidationError(
            _("NIP %(nip)s: TMT %(month)02d/%(year)s sebelum pegawai berusia 18 tahun."),
            code="nip_tmt_too_early",
            params={"nip": nip, "month": month, "year": year},
        )
    if _months(year, earliest_month or month) > _months(today.year, today.month) + MAX_TMT_AHEAD_MONTHS:
        raise ValidationError(
            _("NIP %(nip)s: TMT %(month)02d/%(year)s lebih dari %(months)s bulan di masa depan."),
            code="nip_tmt_future",
            params={"nip": nip, "month": month, "year": year, "months": MAX_TMT_AHEAD_MONTHS},
        )
    if tmt < adult:
        return (
            _("NIP %(nip)s: TMT %(month)02d/%(year)s beberapa bulan sebelum pegawai berusia 18 tahun; periksa NIP-nya.")
            % {"nip": nip, "month": month, "year": year},
        )
    return ()


def _gender(nip: str, digit: str) -> str:
    if digit not in "12":
        raise ValidationError(
            _("NIP %(nip)s: digit jenis kelamin harus 1 atau 2, bukan %(digit)s."),
            code="nip_gender",
            params={"nip": nip, "digit": digit},
        )
    return "L" if digit == "1" else "P"


def parse_pns_nip(nip: str) -> NipInfo:
    born = _birth_date(nip)
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise ValidationError(
            _("NIP %(nip)s: bulan TMT %(month)s tidak sah (harus 01–12)."),
            code="nip_tmt_month",
            params={"nip": nip, "month": nip[12:14]},
        )
    warnings = _check_tmt(nip, born, year, month)
    return NipInfo(nip, born, year, month, _gender(nip, nip[14]), is_pppk=False, warnings=warnings)


def parse_pppk_nip(nip: str) -> NipInfo:
    born = _birth_date(nip)
    year = int(nip[8:12])
    if nip[12] != "2" or nip[13] == "0":
        raise ValidationError(
            _("NI PPPK %(nip)s: digit 13–14 harus '2' diikuti angka 1–9."),
            code="nip_pppk_marker",
            params={"nip": nip},
        )
    # Only the year is encoded: December gives the benefit of the doubt for "too early", January for
    # "too far ahead".
    warnings = _check_tmt(nip, born, year, 12, earliest_month=1)
    return NipInfo(nip, born, year, None, _gender(nip, nip[14]), is_pppk=True, warnings=warnings)


def parse_nip(raw, employment_type: str | None = None) -> NipInfo:
    """Validate a NIP; raise ValidationError with a message that names the bad part.

    ``employment_type`` "PPPK" selects the NI PPPK layout, "PNS"/"CPNS" the NIP layout; with none
    given, a number valid under either layout is accepted.
    """
    nip = normalize_nip(raw)
    if not NIP_RE.match(nip):
        raise ValidationError(
            _("NIP harus 18 angka; yang diberikan: “%(value)s” (%(count)s karakter)."),
            code="nip_format",
            params={"value": str(raw or "")[:40], "count": len(nip)},
        )
    if employment_type == "PPPK":
        return parse_pppk_nip(nip)
    if employment_type in ("PNS", "CPNS"):
        return parse_pns_nip(nip)
    try:
        return parse_pns_nip(nip)
    except ValidationError as pns_error:
        try:
            return parse_pppk_nip(nip)
        except ValidationError:
            raise pns_error from None


def validate_nip(value) -> None:
    """Model/form field validator."""
    parse_nip(value)
