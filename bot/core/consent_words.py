"""A typed answer to the consent question: "setuju", "ya", "oke", "tidak", "nggak",
"yes", "no", "I agree"... read like the buttons Setuju and Tidak setuju.

Only short answers count: every word must be an answer or a polite filler ("ya
pak", "setuju, terima kasih"). A sentence with anything else in it ("ya tapi
hasil saya kapan?") is not an answer to the question, and neither is a bare
"terima kasih". A "no" anywhere wins over a "yes" ("tidak setuju", "ya, tidak").
"""

from __future__ import annotations

import re

YES = frozenset(
    {
        "setuju", "stju", "ya", "iya", "y", "yes", "yess", "yup", "ok", "oke", "okay",
        "okey", "okai", "sip", "siap", "baik", "boleh", "bersedia", "agree", "agreed",
        "accept", "sure", "yeah", "lanjut", "mau",
    }
)  # fmt: skip
NO = frozenset(
    {
        "tidak", "tdk", "tak", "nggak", "ngga", "enggak", "engga", "gak", "ga", "gk",
        "nope", "no", "not", "dont", "don't", "disagree", "tolak", "menolak", "jangan",
        "batal", "decline", "ogah", "belum",
    }
)  # fmt: skip
FILLERS = frozenset(
    {
        "pak", "bu", "bapak", "ibu", "kak", "mas", "mbak", "min", "admin", "saya", "sy",
        "aku", "i", "do", "deh", "dong", "sih", "kok", "lah", "terima", "kasih",
        "makasih", "thanks", "thank", "you", "please", "sudah", "udah", "sdh", "dengan",
        "itu", "ini",
    }
)  # fmt: skip

_WORD = re.compile(r"[a-z']+")
_REPEATS = re.compile(r"(.)\1+")


def _plain(word: str) -> str:
    """The word without letters held down ("iyaaa", "okee", "setujuuu")."""
    return _REPEATS.sub(r"\1", word)


_YES = {_plain(w) for w in YES}
_NO = {_plain(w) for w in NO}
_FILLERS = {_plain(w) for w in FILLERS}


def consent_answer(text: str) -> bool | None:
    """True for a typed yes, False for a typed no, None for anything else."""
    words = [_plain(word) for word in _WORD.findall(text.lower())]
    if not words or len(words) > 6 or re.search(r"\d", text):
        return None
    if any(word not in _YES | _NO | _FILLERS for word in words):
        return None
    if any(word in _NO for word in words):
        return False
    return True if any(word in _YES for word in words) else None
