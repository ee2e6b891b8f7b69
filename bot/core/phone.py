"""Indonesian mobile numbers in one canonical form, ``+628...``.

People write ``0812-3456-7890``, ``62 812 3456 7890`` or ``+6281234567890``;
Telegram shares contacts as ``6281234567890`` or ``+6281234567890``. All of
them must compare equal, so every number is normalised before it is stored or
compared.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-()/]")
MIN_NATIONAL_DIGITS = 9  # after the leading 8: 8xx-xxx-xxx
MAX_NATIONAL_DIGITS = 12


def normalise_phone(raw: str) -> str | None:
    """``+628...`` for a plausible Indonesian mobile number, else ``None``.

    A number typed without any prefix (``812...``, as a spreadsheet cell that
    lost its leading zero) is accepted too.
    """
    digits = _SEPARATORS.sub("", raw.strip())
    for prefix in ("+62", "62", "0"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
            break
    if not (digits.isascii() and digits.isdigit() and digits.startswith("8")):
        return None
    if not MIN_NATIONAL_DIGITS <= len(digits) <= MAX_NATIONAL_DIGITS:
        return None
    return "+62" + digits


def same_phone(on_record: str | None, shared: str) -> bool:
    """Whether a shared number is the one on record (both normalised)."""
    if not on_record:
        return False
    expected = normalise_phone(on_record)
    return expected is not None and expected == normalise_phone(shared)
