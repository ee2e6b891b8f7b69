"""Activation codes: the second factor an admin hands to an employee.

A NIP is public (printed in decrees and lists), so linking a chat account needs
something only the employee has: a Telegram-verified phone number, or one of
these codes, given out by BKPSDM on paper or by e-mail. Codes are shown as
``ABCD-EFGH``: eight characters from an alphabet without look-alikes, so a code
read aloud or copied from paper is typed right the first time. People type them
in any case, with or without the dash or spaces; :func:`normalise_code` turns
every such spelling into the same string before it is hashed or compared.

Only :func:`hash_code` of a code is stored, never the code itself.
"""

from __future__ import annotations

import hashlib
import random
import re

# Without the look-alikes 0/O, 1/I and 8/B (L stays: with no 1 and no I there is
# nothing to mistake it for). 31 characters: 8 of them carry about 39.6 bits.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ2345679"
CODE_LENGTH = 8
GROUP = 4  # shown as two groups of four, "ABCD-EFGH"

_IGNORED = frozenset("- \t\n\r._")


def generate_code(rng: random.Random) -> str:
    """A new code, formatted for people: ``"ABCD-EFGH"``.

    Pass ``random.SystemRandom()`` for real codes; a seeded ``random.Random``
    is only for reproducible demo and test data.
    """
    chars = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return format_code(chars)


def format_code(code: str) -> str:
    """A normalised code grouped for display: ``"ABCDEFGH"`` -> ``"ABCD-EFGH"``."""
    code = normalise_code(code)
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise_code(raw: str) -> str:
    """What the user typed, uppercased, without spaces, dashes, dots or underscores."""
    return "".join(char for char in raw.upper() if char not in _IGNORED)


def is_well_formed(raw: str) -> bool:
    """Whether ``raw`` could be a code at all (length and alphabet), before any lookup."""
    code = normalise_code(raw)
    return len(code) == CODE_LENGTH and all(char in ALPHABET for char in code)


_NIP_LIKE = re.compile(r"(?:\d\D*){6}")  # six digits or more: meant as a NIP, not a code


def looks_like_code(text: str) -> bool:
    """Whether a message typed while linking is an activation code rather than a NIP."""
    return is_well_formed(text) and not _NIP_LIKE.search(text)


_SEPARATORS = re.compile(r"[-\s._]+")
_VOWELS = frozenset("AEIOU")


def looks_like_mistyped_code(text: str) -> bool:
    """Whether a message typed while linking is an activation code typed wrong
    (``"grsk tnhp0"``: a character outside the alphabet, one too many or too few),
    rather than a NIP or words.

    Code-shaped: one or two groups of ASCII letters and digits, seven to ten in all,
    some of them letters, fewer than six digits (else it is meant as a NIP). Words are
    told apart by their vowels: a code has few (3 of its 31 characters), Indonesian
    and English words many ("halo pak", "jadwal saya"); and by their groups: a code
    is typed whole or as two halves, not as a short word beside a long one
    ("hasil sy")."""
    groups = [group for group in _SEPARATORS.split(text.strip()) if group]
    code = "".join(groups).upper()
    if is_well_formed(code) or not 1 <= len(groups) <= 2:
        return False
    if not (code.isascii() and code.isalnum() and CODE_LENGTH - 1 <= len(code) <= CODE_LENGTH + 2):
        return False
    if len(groups) == 2 and (min(map(len, groups)) < 3 or abs(len(groups[0]) - len(groups[1])) > 2):
        return False
    letters = [char for char in code if char.isalpha()]
    vowels = sum(char in _VOWELS for char in letters)
    return bool(letters) and vowels <= 2 and not _NIP_LIKE.search(code)


def hash_code(code: str) -> str:
    """The SHA-256 hex digest of the normalised code: what the database stores.

    A plain, unsalted fast hash is acceptable here because the codes are random
    and high-entropy (about 40 bits from ``SystemRandom``), single-use, expire,
    and are only ever checked online through the bot, which can rate-limit
    attempts: unlike passwords there is no dictionary to try against a stolen
    table, and a deterministic hash lets the bot look a code up by its hash
    with a unique index. If codes ever become shorter or user-chosen, or the
    threat of an offline attack on a leaked table must be covered, a later issue
    may switch to a keyed hash (HMAC with a server-side secret) or a slow salted
    KDF with a lookup prefix; the column holds up to 128 characters for that.
    """
    return hashlib.sha256(normalise_code(code).encode("ascii", "replace")).hexdigest()
