"""An assessment session named the way people name it: date, time and place, the
code last (or not at all where space is short).

One place for every reader: the audience buttons of /umumkan, the /ekspor list and
its files, the /jadwalulang cards and choices. Pure: it reads the three attributes
of :class:`NamedSession` and formats with Babel, so it is tested without a database.

``label(s, "id", tz)`` gives "Sen 12 Jan 09.00 · Gedung BKPSDM Gresik" (fits a
button on a phone); ``title(s, "id", tz)`` gives "Senin, 12 Januari 2027 pukul 09.00
WIB · Gedung BKPSDM Kabupaten Gresik (Kompleks Kantor Bupati Gresik) · PK2027-GRS-1";
``slug(s, tz)`` gives "2027-01-12-gedung-bkpsdm-gresik" for a file name.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from babel.dates import format_datetime as babel_format_datetime

from bot.texts.formatting import format_datetime

# What fits an inline button across a phone (390 px) before Telegram cuts it.
BUTTON_WIDTH = 40
SLUG_WIDTH = 20
SHEET_WIDTH = 31  # Excel's limit for a tab's name
SEPARATOR = " · "

_SHORT_WHEN = {"id": "EEE d MMM HH.mm", "en": "EEE d MMM HH:mm"}
_SHEET_DATE = "d MMM y"
# Long official words and their everyday short forms, applied in order.
_SHORTER = (
    ("Badan Kepegawaian Daerah", "BKD"),
    ("Kantor Regional", "Kanreg"),
    ("Kabupaten ", ""),
    ("Provinsi ", ""),
)


def shorten(text: str, limit: int) -> str:
    """The text itself if it fits, else cut with an ellipsis (as ``bot.texts.paging``,
    which needs Telegram; the models name sessions too and must not)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class NamedSession(Protocol):
    """What naming a session reads (``models.assessment.AssessmentSession`` has it)."""

    @property
    def starts_at(self) -> datetime: ...
    @property
    def venue_name(self) -> str: ...
    @property
    def code(self) -> str: ...


def place(venue: str) -> str:
    """The venue as people say it: without the bracketed part, what follows a comma,
    and the long official words ("Gedung BKPSDM Gresik")."""
    text = re.sub(r"\s*\([^)]*\)", "", venue).split(",")[0]
    for long, short in _SHORTER:
        text = text.replace(long, short)
    return " ".join(text.split()) or " ".join(venue.split())


def label(session: NamedSession, lang: str, tz: ZoneInfo, width: int = BUTTON_WIDTH) -> str:
    """Short day, date, time and place, within ``width`` characters (a button)."""
    when = babel_format_datetime(
        session.starts_at, _SHORT_WHEN.get(lang, _SHORT_WHEN["id"]), tzinfo=tz, locale=lang
    )
    return shorten(f"{when}{SEPARATOR}{place(session.venue_name)}", width)


def title(session: NamedSession, lang: str, tz: ZoneInfo, *, code: bool = True) -> str:
    """The full date and time with the zone, the venue as written, then the code."""
    parts = [format_datetime(session.starts_at, lang, tz), " ".join(session.venue_name.split())]
    if code and session.code:
        parts.append(session.code)
    return SEPARATOR.join(parts)


def sheet(session: NamedSession, lang: str, tz: ZoneInfo) -> str:
    """Date and place for a spreadsheet tab ("12 Jan 2027 Gedung BKPSDM Gresik")."""
    day = babel_format_datetime(session.starts_at, _SHEET_DATE, tzinfo=tz, locale=lang)
    return shorten(f"{day} {place(session.venue_name)}", SHEET_WIDTH)


def slug(session: NamedSession, tz: ZoneInfo) -> str:
    """The local date and a few words of the place, for a file name."""
    day = session.starts_at.astimezone(tz).date().isoformat()
    return "-".join([day, *file_words(place(session.venue_name))])


def file_words(text: str, width: int = SLUG_WIDTH) -> list[str]:
    """The first words of ``text`` in plain lower-case ASCII, within ``width``
    characters once joined by hyphens: for a file name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    kept: list[str] = []
    for word in re.findall(r"[a-z0-9]+", ascii_text):
        if kept and len("-".join([*kept, word])) > width:
            break
        kept.append(word)
    return kept
