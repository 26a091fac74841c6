"""Public verification codes: 160 random bits, written so a person can type them back from paper.

The code identifies a document; it unlocks nothing (the verification page shows only what the document's
kind makes public), so it may be printed, scanned and shared. It is Crockford's base32: digits and capital
letters without I, L, O and U, so the letters a reader confuses are read back as the digit they resemble
(O → 0, I and L → 1), case does not matter, and the hyphens between groups of four are optional.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_BYTES = 20  # 160 bits: 32 characters, no padding
LENGTH = RANDOM_BYTES * 8 // 5
GROUP = 4
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-–—._]+")
_VALID = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    """A fresh code in canonical form (32 characters, no hyphens)."""
    number = int.from_bytes(secrets.token_bytes(RANDOM_BYTES), "big")
    chars = []
    for _ in range(LENGTH):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def normalize(text: str) -> str | None:
    """The canonical form of what a person typed or scanned, or None if it cannot be a code."""
    if not isinstance(text, str) or len(text) > 3 * LENGTH:
        return None
    cleaned = _SEPARATORS.sub("", text).upper().translate(_CONFUSABLE)
    return cleaned if _VALID.match(cleaned) else None


def grouped(code: str) -> str:
    """XXXX-XXXX-…: how a code is printed and shown."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
