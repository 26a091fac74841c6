"""One validator per rule, used by the forms and the roster importer alike."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Digits with the separators people and spreadsheets use: spaces, dots, dashes, slashes, brackets, a leading +.
PHONE_RE = re.compile(r"^\+?[0-9()\-\s./]{6,30}$")
PHONE_MIN_DIGITS = 6


def parse_phone(value) -> str:
    """A phone number as written (whitespace collapsed); ValidationError if it is not one."""
    text = " ".join(str(value or "").split())
    if not PHONE_RE.match(text) or sum(ch.isdigit() for ch in text) < PHONE_MIN_DIGITS:
        raise ValidationError(
            _("Nomor telepon “%(value)s” tidak sah: gunakan angka, spasi, titik, tanda +, -, / dan kurung."),
            code="invalid_phone",
            params={"value": text[:40]},
        )
    return text
