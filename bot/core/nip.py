"""Parse and check a NIP (Nomor Induk Pegawai) or an NI PPPK.

A NIP is 18 digits:

====== ==================================================================
digits meaning
====== ==================================================================
1-8    birth date, YYYYMMDD
9-12   year of first appointment
13-14  PNS: month of first appointment (01-12); PPPK: a code of 21 or more
15     gender: 1 male, 2 female
16-18  sequence number, never 000
====== ==================================================================

:func:`parse_nip` raises :class:`~bot.core.errors.InvalidNip` on the first hard
check that fails, with a catalogue key and parameters that tell the user which
digits are wrong. Soft checks (an appointment before the 18th birthday, an
appointment in the future) do not block: they come back as
:attr:`Nip.warnings` so the chat can ask the user to look again.

A NIP is not a secret, but it encodes birth date and gender: log and echo it
only through :func:`mask_nip`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from bot.core.errors import InvalidNip
from bot.core.vocabulary import EmployeeStatus

NIP_LENGTH = 18

# Plausibility bounds for the birth year (digits 1-4). Nobody still in service
# was born before 1940, and nobody younger than 15 can hold a NIP.
MIN_BIRTH_YEAR = 1940
MIN_AGE_YEARS = 15

# Soft check: a first appointment before this age is suspicious, not impossible
# to type, so it only warns.
MIN_APPOINTMENT_AGE_YEARS = 18

# Digits 13-14 from this value upwards mark an NI PPPK (the exact meaning of the
# code is disputed; only the lower bound is used).
PPPK_CODE_MIN = 21

# Characters people type between digit groups; any whitespace counts too.
SEPARATORS = frozenset(".-")

# How many trailing digits :func:`mask_nip` keeps visible: gender and sequence,
# never the birth date or appointment date.
VISIBLE_DIGITS = 4

_ASCII_DIGITS = frozenset("0123456789")

PNS = EmployeeStatus.PNS
PPPK = EmployeeStatus.PPPK
MALE = "L"
FEMALE = "P"


@dataclass(frozen=True)
class NipWarning:
    """A soft check that failed: worth a second look, not a rejection.

    Say it with ``bot.texts.domain.describe(warning, lang)``.
    """

    key: str
    params: dict[str, object] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Nip:
    """A NIP that passed every hard check.

    ``appointment_month`` is ``None`` for PPPK numbers, whose digits 13-14 are
    not a month. ``gender`` is ``"L"`` (laki-laki) or ``"P"`` (perempuan).
    """

    value: str
    birth_date: date
    appointment_year: int
    appointment_month: int | None
    kind: str
    gender: str
    sequence: int
    warnings: tuple[NipWarning, ...] = ()

    @property
    def masked(self) -> str:
        """The NIP with everything but the last four digits hidden."""
        return mask_nip(self.value)

    def __repr__(self) -> str:
        # Keep birth date and full number out of logs and tracebacks.
        return f"Nip(masked={self.masked!r}, kind={self.kind!r})"


def mask_nip(value: str) -> str:
    """Hide a NIP for logs and chat: ``198609262015051001`` -> ``**************1001``.

    Separators are dropped first and the length is kept, so a wrong-length
    input stays visibly wrong in a log. Only the last four characters (gender
    and sequence) stay visible; inputs of four characters or fewer are hidden
    completely.
    """
    compact = "".join(c for c in value if not _is_separator(c))
    if len(compact) <= VISIBLE_DIGITS:
        return "*" * len(compact)
    return "*" * (len(compact) - VISIBLE_DIGITS) + compact[-VISIBLE_DIGITS:]


def parse_nip(raw: str, *, today: date) -> Nip:
    """Check ``raw`` and return the :class:`Nip` it encodes.

    Spaces, dots and dashes between digits are tolerated. Raises
    :class:`InvalidNip` naming the first problem found, checked in digit order.
    """
    digits = _strip_separators(raw)
    if len(digits) != NIP_LENGTH:
        raise InvalidNip("nip.wrong_length", count=len(digits), expected=NIP_LENGTH)

    birth_date = _birth_date(digits, today=today)
    appointment_year = int(digits[8:12])
    code = digits[12:14]
    code_value = int(code)
    if 1 <= code_value <= 12:
        kind, appointment_month = PNS, code_value
    elif code_value >= PPPK_CODE_MIN:
        kind, appointment_month = PPPK, None
    else:
        raise InvalidNip("nip.appointment_code_invalid", code=code, pppk_min=PPPK_CODE_MIN)

    gender_digit = digits[14]
    if gender_digit not in ("1", "2"):
        raise InvalidNip("nip.gender_digit_invalid", digit=gender_digit)
    sequence = int(digits[15:18])
    if sequence == 0:
        raise InvalidNip("nip.sequence_zero")

    warnings = _soft_checks(birth_date, appointment_year, appointment_month, today=today)
    return Nip(
        value=digits,
        birth_date=birth_date,
        appointment_year=appointment_year,
        appointment_month=appointment_month,
        kind=kind,
        gender=MALE if gender_digit == "1" else FEMALE,
        sequence=sequence,
        warnings=warnings,
    )


def _is_separator(char: str) -> bool:
    return char in SEPARATORS or char.isspace()


def _strip_separators(raw: str) -> str:
    text = raw.strip()
    digits: list[str] = []
    for position, char in enumerate(text, start=1):
        if char in _ASCII_DIGITS:
            digits.append(char)
        elif not _is_separator(char):
            raise InvalidNip("nip.invalid_character", char=char, position=position)
    return "".join(digits)


def _birth_date(digits: str, *, today: date) -> date:
    year_text, month_text, day_text = digits[0:4], digits[4:6], digits[6:8]
    year = int(year_text)
    if year < MIN_BIRTH_YEAR:
        raise InvalidNip("nip.birth_year_too_early", year=year_text, min_year=MIN_BIRTH_YEAR)
    month = int(month_text)
    if not 1 <= month <= 12:
        raise InvalidNip("nip.birth_month_invalid", month=month_text)
    days_in_month = calendar.monthrange(year, month)[1]
    day = int(day_text)
    if not 1 <= day <= days_in_month:
        raise InvalidNip(
            "nip.birth_day_invalid",
            day=day_text,
            month=month_text,
            year=year_text,
            days_in_month=days_in_month,
        )
    birth_date = date(year, month, day)
    if _age_on(birth_date, today) < MIN_AGE_YEARS:
        raise InvalidNip("nip.birth_too_recent", year=year_text, min_age=MIN_AGE_YEARS)
    return birth_date


def _age_on(birth_date: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def _soft_checks(
    birth_date: date, year: int, month: int | None, *, today: date
) -> tuple[NipWarning, ...]:
    shown = f"{month:02d}/{year}" if month is not None else str(year)
    params: dict[str, object] = {
        "appointment": shown,
        "appointment_year": year,
        "appointment_month": month,
    }
    # Compare at the precision the NIP has (a month for PNS, a year for PPPK)
    # and warn only when the whole period lies on the wrong side.
    adult_year = birth_date.year + MIN_APPOINTMENT_AGE_YEARS
    if month is None:
        too_young = year < adult_year
        in_future = year > today.year
    else:
        too_young = (year, month) < (adult_year, birth_date.month)
        in_future = (year, month) > (today.year, today.month)

    warnings: list[NipWarning] = []
    if too_young:
        warnings.append(
            NipWarning(
                "nip.warning.appointed_before_18",
                {**params, "min_age": MIN_APPOINTMENT_AGE_YEARS},
            )
        )
    if in_future:
        warnings.append(NipWarning("nip.warning.appointment_in_future", dict(params)))
    return tuple(warnings)
