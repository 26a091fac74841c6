"""Rupiah amounts: one parser for every form and importer, one formatter for every page and letter.

Amounts are whole rupiah in integers — never floats (25% of a tunjangan is computed with integer
arithmetic by its caller).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_RUPIAH = 1_000_000_000_000  # a trillion: beyond any personal amount the portal handles
_FORMS = (
    (re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$"), "."),  # 4.500.000 or 4.500.000,00 (Indonesian)
    (re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?$"), ","),  # 4,500,000.00 (English)
    (re.compile(r"^\d+(?:[.,]\d{1,2})?$"), ""),  # 4500000 or 4500000,00
)


def parse_rupiah(value) -> int:
    """'4.500.000', 'Rp 4.500.000,-', 'Rp. 4.500.000,00', '4,500,000.00', 4500000 → 4500000.

    Raises ValidationError with a message that says how to write it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        amount = int(value)
    else:
        raw = " ".join(str(value or "").split())
        text = re.sub(r"(?i)^rp\.?", "", raw.replace(" ", "")).removesuffix(",-").removesuffix(".-")
        for pattern, thousands in _FORMS:
            if pattern.match(text):
                amount = int(re.split(r"[.,]", text.replace(thousands, "") if thousands else text)[0])
                break
        else:
            raise ValidationError(
                _("“%(value)s” bukan nominal rupiah: tulis dengan angka, mis. 4500000 atau Rp 4.500.000."),
                code="invalid",
                params={"value": raw[:40]},
            )
    if amount < 0 or amount > MAX_RUPIAH:
        raise ValidationError(_("Jumlah %(value)s tidak masuk akal."), code="out_of_range", params={"value": amount})
    return amount


def format_rupiah(amount: int | None) -> str:
    """1234500 → 'Rp 1.234.500' (Indonesian grouping, no decimals)."""
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")
