"""Pangkat/golongan — shared/domain/reference.md §5.3."""

from django.utils.translation import gettext_lazy as _

PNS_RANKS = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}
PPPK_RANKS = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]


def normalize_rank(raw: str) -> str:
    """'iii/a', 'III / A', 'IIIa' → 'III/a'; 'ix' → 'IX'."""
    text = "".join(str(raw or "").split()).replace("-", "/")
    if not text:
        return ""
    if (
        "/" not in text
        and len(text) > 1
        and text[-1].lower() in "abcde"
        and text[:-1].upper() in {"I", "II", "III", "IV"}
    ):
        text = f"{text[:-1]}/{text[-1]}"
    if "/" in text:
        roman, letter = text.split("/", 1)
        return f"{roman.upper()}/{letter.lower()}"
    return text.upper()


def rank_error(rank: str, employment_type: str):
    """None if the (normalised) rank suits the employment type, else a message."""
    if not rank:
        return None
    if employment_type == "PPPK":
        if rank not in PPPK_RANKS:
            return _("Golongan PPPK harus I sampai XVII, bukan “%(rank)s”.") % {"rank": rank}
    elif rank not in PNS_RANKS:
        return _("Golongan PNS harus berbentuk I/a sampai IV/e, bukan “%(rank)s”.") % {"rank": rank}
    return None
