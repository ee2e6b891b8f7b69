"""Dates and times as people in Indonesia read them (Babel does the locale work).

Numbers are formatted by the catalogue's format specs: :mod:`bot.texts.numbers`.

``format_datetime(moment, "id", tz)`` gives "Senin, 5 Mei 2025 pukul 08.00 WIB".
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime

# Indonesia's three zones by their everyday names; anything else shows its key.
ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}

_DATETIME = {"id": "EEEE, d MMMM y 'pukul' HH.mm", "en": "EEEE, d MMMM y 'at' HH:mm"}
_DATE = {"id": "EEEE, d MMMM y", "en": "EEEE, d MMMM y"}
_SHORT_DATE = "d MMM y"
_TIME = {"id": "HH.mm", "en": "HH:mm"}


def zone_name(tz: ZoneInfo) -> str:
    return ZONE_NAMES.get(tz.key, tz.key)


def format_datetime(moment: datetime, lang: str, tz: ZoneInfo) -> str:
    """Weekday, date and time with the zone's name, in ``tz``."""
    text = babel_format_datetime(
        moment, _DATETIME.get(lang, _DATETIME["id"]), tzinfo=tz, locale=lang
    )
    return f"{text} {zone_name(tz)}"


def format_time(moment: datetime, lang: str, tz: ZoneInfo) -> str:
    text = babel_format_datetime(moment, _TIME.get(lang, _TIME["id"]), tzinfo=tz, locale=lang)
    return f"{text} {zone_name(tz)}"


def format_date(day: date, lang: str) -> str:
    return babel_format_date(day, _DATE.get(lang, _DATE["id"]), locale=lang)


def format_short_date(day: date | datetime, lang: str, tz: ZoneInfo | None = None) -> str:
    if isinstance(day, datetime):
        day = day.astimezone(tz).date() if tz else day.date()
    return babel_format_date(day, _SHORT_DATE, locale=lang)


def format_date_range(first: date, last: date, lang: str) -> str:
    """ "6 Jan 2027" for one day, "6 Jan 2027 – 8 Jan 2027" for several."""
    if last <= first:
        return format_short_date(first, lang)
    return f"{format_short_date(first, lang)} – {format_short_date(last, lang)}"


def format_period(start: datetime, end: datetime, lang: str, tz: ZoneInfo) -> str:
    """ "28 Feb 2025 09.00 – 16.00 WIB" within one day, else both moments in full
    ("28 Feb 2025 09.00 WIB – 13 Mar 2025 09.00 WIB"), in ``tz``."""
    start_day = format_short_date(start, lang, tz)
    if start.astimezone(tz).date() == end.astimezone(tz).date():
        clock = babel_format_datetime(start, _TIME.get(lang, _TIME["id"]), tzinfo=tz, locale=lang)
        return f"{start_day} {clock} – {format_time(end, lang, tz)}"
    end_day = format_short_date(end, lang, tz)
    return f"{start_day} {format_time(start, lang, tz)} – {end_day} {format_time(end, lang, tz)}"
