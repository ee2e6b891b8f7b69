"""Turn one spreadsheet cell into a value, or say in a catalogue key why not.

Cells arrive as text (CSV) or as whatever openpyxl read (text, int, float,
datetime, date, bool). Every parser accepts both and raises :class:`CellError`
with an ``import.*`` key, whatever the cell holds (``tests/imports/test_cells_fuzz.py``
feeds them odd values); a value quoted back goes through :func:`echo`, so one
message line stays short. Pure functions: no database, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.core.phone import normalise_phone
from bot.core.vocabulary import EmployeeStatus, PositionType

T = TypeVar("T")


class CellError(Exception):
    """A cell that cannot be read; ``key`` and ``params`` say why."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


ECHO_LENGTH = 40
# Longer digit strings are never a number these files hold (NIP: 18 digits), and
# int() refuses more than 4,300 digits with a ValueError.
_LONGEST_INTEGER = 30


def echo(value: object) -> str:
    """A cell's content as an error message quotes it: one line, at most
    ``ECHO_LENGTH`` characters and an ellipsis."""
    try:
        raw = value if isinstance(value, str) else str(value)
    except ValueError:  # an int too long to print
        raw = "…"
    line = " ".join(raw.split())
    return line if len(line) <= ECHO_LENGTH else line[:ECHO_LENGTH] + "…"


def text(value: object, max_length: int = 200) -> str:
    """Trimmed text with runs of whitespace kept as typed; numbers as written."""
    if type(value) is str and len(value) <= max_length and value == value.strip():  # noqa: E721
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = str(value).strip()
    if len(result) > max_length:
        raise CellError("import.too_long", max=max_length, length=len(result))
    return result


def code(value: object) -> str:
    """An identifier such as a unit, session, program or course code."""
    return text(value, 40)


def nip_text(value: object) -> str:
    """A NIP cell: text, or an exact integer (Excel rounds 18-digit numbers it stores)."""
    if isinstance(value, bool):
        raise CellError("import.not_text")
    if isinstance(value, float):
        raise CellError("import.nip_as_number")
    return str(value).strip()


def integer(value: object, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool):
        raise CellError("import.not_integer", value=echo(value))
    if isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        raw = str(value).strip()
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise CellError("import.not_integer", value=echo(raw))
        if len(raw) > _LONGEST_INTEGER:
            raise CellError("import.out_of_range", value=echo(raw), min=minimum, max=maximum)
        number = int(raw)
    if minimum is not None and number < minimum or maximum is not None and number > maximum:
        raise CellError("import.out_of_range", value=echo(number), min=minimum, max=maximum)
    return number


def decimal(value: object, *, minimum: Decimal, maximum: Decimal) -> Decimal:
    """A number; a decimal comma (``2,5``) is read like a decimal point."""
    if isinstance(value, bool):
        raise CellError("import.not_number", value=echo(value))
    raw = repr(value) if isinstance(value, float) else str(value).strip().replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CellError("import.not_number", value=echo(value)) from None
    if not number.is_finite() or not minimum <= number <= maximum:
        raise CellError("import.out_of_range", value=echo(value), min=minimum, max=maximum)
    return number


def choice(mapping: Mapping[str, T], expected: str) -> Callable[[object], T]:
    """A parser accepting the keys of ``mapping`` in any case and spacing."""

    def parse(value: object) -> T:
        key = " ".join(str(value).split()).casefold()
        if key not in mapping:
            raise CellError("import.not_one_of", value=echo(value), expected=expected)
        return mapping[key]

    return parse


POSITION_TYPES: dict[str, PositionType] = {
    **{member.value.casefold(): member for member in PositionType},
    "jpt pratama": PositionType.JPT,
    "jabatan pimpinan tinggi": PositionType.JPT,
    "jabatan pimpinan tinggi pratama": PositionType.JPT,
    "jabatan fungsional": PositionType.FUNGSIONAL,
    "jft": PositionType.FUNGSIONAL,
}
position_type = choice(POSITION_TYPES, "JPT, Administrator, Pengawas, Pelaksana, Fungsional")


def position_types(value: object) -> str:
    """A comma list of position types, stored as their canonical comma list."""
    items = [item for item in re.split(r"[,;/]", str(value)) if item.strip()]
    found = {position_type(item) for item in items}
    return ",".join(member.value for member in PositionType if member in found)


def statuses(value: object) -> str:
    items = {item.strip().upper() for item in re.split(r"[,;/]", str(value)) if item.strip()}
    known = [status.value for status in EmployeeStatus]
    bad = items - set(known)
    if bad:
        raise CellError(
            "import.not_one_of", value=echo(", ".join(sorted(bad))), expected=", ".join(known)
        )
    return ",".join(s for s in known if s in items)


YES_NO = {
    "ya": True,
    "y": True,
    "1": True,
    "true": True,
    "aktif": True,
    "yes": True,
    "tidak": False,
    "t": False,
    "0": False,
    "false": False,
    "tidak aktif": False,
    "nonaktif": False,
    "no": False,
    "n": False,
}
yes_no = choice(YES_NO, "Ya, Tidak")


def phone(value: object) -> str:
    """An Indonesian mobile number as ``+628...``; ``+62``, ``62``, ``08`` forms accepted.

    A numeric XLSX cell has lost its leading zero, so ``8...`` is accepted too.
    """
    if isinstance(value, float) and not value.is_integer():  # also inf and nan
        raise CellError("import.bad_phone")
    raw = str(int(value)) if isinstance(value, int | float) else str(value)
    normalised = normalise_phone(raw)
    if normalised is None:
        raise CellError("import.bad_phone")
    return normalised


_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


def email(value: object) -> str:
    raw = str(value).strip()
    if len(raw) > 254 or not _EMAIL.fullmatch(raw):
        raise CellError("import.bad_email", value=echo(raw))
    return raw


def url(value: object) -> str:
    raw = str(value).strip()
    if len(raw) > 500 or not re.fullmatch(r"https?://[^\s/]+\.[^\s]+", raw):
        raise CellError("import.bad_url", value=echo(raw))
    return raw


_DATE_FORMATS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"),
)
_TIME = re.compile(r"(?P<h>\d{1,2})[:.](?P<min>\d{2})(?:[:.](?P<s>\d{2}))?")


def _date_from_text(raw: str) -> date:
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(raw)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                raise CellError("import.bad_date", value=echo(raw)) from None
    raise CellError("import.bad_date", value=echo(raw))


def day(value: object) -> date:
    """A date: ``2025-05-05``, ``05/05/2025`` or an Excel date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _date_from_text(str(value).strip())


def local_datetime(tz: ZoneInfo) -> Callable[[object], datetime]:
    """A parser for a local date and time (``2025-05-05 08:00``, ``05/05/2025 08.00``),
    returned as an aware UTC datetime."""

    def parse(value: object) -> datetime:
        if isinstance(value, datetime):
            naive = value.replace(tzinfo=None)
        elif isinstance(value, date):
            raise CellError("import.time_missing", value=value.isoformat())
        else:
            raw = " ".join(str(value).split())
            date_part, _, time_part = raw.partition(" ")
            if not time_part:
                _date_from_text(date_part)
                raise CellError("import.time_missing", value=echo(raw))
            match = _TIME.fullmatch(time_part)
            if not match:
                raise CellError("import.bad_datetime", value=echo(raw))
            try:
                clock = time(int(match["h"]), int(match["min"]), int(match["s"] or 0))
                naive = datetime.combine(_date_from_text(date_part), clock)
            except (ValueError, CellError):
                raise CellError("import.bad_datetime", value=echo(raw)) from None
        try:
            return naive.replace(tzinfo=tz).astimezone(ZoneInfo("UTC"))
        except OverflowError:  # year 1 or 9999 pushed past the calendar by the zone
            raise CellError("import.bad_datetime", value=echo(value)) from None

    return parse


def competency_list(value: object) -> tuple[tuple[str, int | None], ...]:
    """``M.01, M.03:3`` -> ``(("M.01", None), ("M.03", 3))``."""
    items: list[tuple[str, int | None]] = []
    seen: set[str] = set()
    for item in re.split(r"[,;]", str(value)):
        if not item.strip():
            continue
        name, _, level = item.partition(":")
        competency = name.strip().upper()
        if not re.fullmatch(r"[A-Z]{1,4}\.\d{1,3}", competency) or competency in seen:
            raise CellError("import.bad_competency_list", value=echo(item))
        target = integer(level, minimum=1, maximum=5) if level.strip() else None
        seen.add(competency)
        items.append((competency, target))
    return tuple(items)


def coordinate(limit: int) -> Callable[[object], float]:
    def parse(value: object) -> float:
        return float(decimal(value, minimum=Decimal(-limit), maximum=Decimal(limit)))

    return parse
