"""The kinds of import, as admins name them (Indonesian), and the English names that
stay accepted as aliases (``/impor employees``, ``asnbot import employees``).

Inside the code, the importers, the audit log and the catalogue keys
(``import.kind.employees``) keep the English names; only what a person types or
reads is Indonesian. No imports here: the CLI reads it before anything loads.
"""

from __future__ import annotations

# The internal kinds, in the order they are imported.
KINDS = ("employees", "sessions", "participants", "results", "courses", "holidays")
# What an admin types and reads for each kind; the template files are named so too.
NAMES = {
    "employees": "pegawai",
    "sessions": "sesi",
    "participants": "peserta",
    "results": "hasil",
    "courses": "pelatihan",
    "holidays": "libur",
}
# Every word accepted for a kind: the Indonesian names first, then the English aliases.
ACCEPTED = (*NAMES.values(), *KINDS)


def resolve(word: str) -> str | None:
    """The internal kind a typed word stands for (``pegawai`` or ``employees``), or None."""
    word = word.strip().lower()
    if word in KINDS:
        return word
    return next((kind for kind, name in NAMES.items() if name == word), None)


def listed() -> str:
    """The Indonesian names, for a message listing the choices."""
    return ", ".join(NAMES.values())
