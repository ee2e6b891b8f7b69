"""Odd cell contents, a great many of them: every one is a row error, never a crash,
and every error line stays short (issue 12, problem 6). Pure: no database."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.imports import cells as c
from bot.imports.columns import COLUMNS
from bot.imports.format import format_row_error
from bot.imports.parsing import resolve_headers
from bot.imports.reader import open_table
from bot.imports.rows import PARSERS
from bot.imports.template_files import template
from bot.imports.types import ImportContext, RowError

CTX = ImportContext(tz=ZoneInfo("Asia/Jakarta"), now=datetime(2025, 3, 3, 2, 0, tzinfo=UTC))
# What a CSV cell can hold (any text) and what openpyxl can return for an XLSX cell.
ODD: list[object] = [
    *["", " ", "\x00", "\t", "\r\n", "\n\n\n", "\u202e", "\ufeff", "\u00a0", "🙂", "<b>", "&amp;"],
    *["=1+1", '=HYPERLINK("https://evil.example","x")', "+", "-", "@", "'", '"', "\\", "%s"],
    *["٣", "①", "²", "１２", "0x10", "1_000", "1e999", "-1e999", "1E-999", "nan", "NaN", "inf"],
    *["-inf", "1,5", "1.5", "1,2,3", ",", ".", "..", "-0", "+7", "00", "0" * 40, "9" * 19],
    *["1" * 5000, "9" * 4301, "-" + "9" * 5000, "1." + "1" * 5000, "x" * 5000, " x " * 2000],
    *["0000-00-00", "0001-01-01", "0001-01-01 00:00", "9999-12-31 23:59", "31/02/2025"],
    *["2025-13-01", "2025-05-05 24:00", "2025-05-05 99:99", "05/05/2025 08.00.61", "99:99"],
    *["M.01:9", "M.01:" + "9" * 5000, "M.01,M.01", "M.01:0", ";;;", "ABCDE.1"],
    *["http://", "https://a", "https://" + "a" * 5000 + ".id", "a@b", "a@b." + "c" * 300],
    *["+62", "08", "08" + "1" * 5000, "+62 812-3456-7890", "62" * 3000, "PNS,PPPK,X" * 500],
    *["Ya", "tidak", "JPT", "jpt pratama, fungsional", "luring", "hadir", "terjadwal"],
    *[True, False, 0, -1, 1, 5, 10**18, 10**40, -(10**99), 2**63, -(2**63)],
    *[0.0, -0.0, 1.5, 2.5e-300, 1e308, -1e308, float("inf"), float("-inf"), float("nan")],
    *[198609262015051001.0, 8123456789.0, 1e19, Decimal("1E+999")],
    *[datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59), date(1, 1, 1), date(9999, 12, 31)],
    *[datetime(2025, 5, 5, 8, 0), date(2025, 5, 5), time(8, 0), timedelta(days=-1)],
]
TZ = ZoneInfo("Asia/Jakarta")
CELL_PARSERS: dict[str, Callable[[object], object]] = {
    "text": c.text,
    "code": c.code,
    "nip_text": c.nip_text,
    "integer": c.integer,
    "level": lambda v: c.integer(v, minimum=1, maximum=5),
    "decimal": lambda v: c.decimal(v, minimum=Decimal(0), maximum=Decimal(9999)),
    "position_type": c.position_type,
    "position_types": c.position_types,
    "statuses": c.statuses,
    "yes_no": c.yes_no,
    "phone": c.phone,
    "email": c.email,
    "url": c.url,
    "day": c.day,
    "local_datetime": c.local_datetime(TZ),
    "local_datetime_far_east": c.local_datetime(ZoneInfo("Pacific/Kiritimati")),
    "competency_list": c.competency_list,
    "coordinate": c.coordinate(90),
}


def template_row(kind: str) -> dict[str, Any]:
    """The first row of the kind's template, keyed by column: a row that parses."""
    with open_table(Path(str(template(kind, "csv")))) as table:
        columns = resolve_headers(kind, table.headers)
        _, cells = next(iter(table.rows))
    return {name: cell for name, cell in zip(columns, cells, strict=False) if name}


def assert_helpful(result: object) -> None:
    if not isinstance(result, list):
        return
    for error in result:
        assert isinstance(error, RowError)
        assert error.reason != "import.unreadable_value", error  # the safety net unused
        for lang in ("id", "en"):
            line = format_row_error(error, lang)
            assert len(line) <= 300, line[:300]


@pytest.mark.parametrize("name", CELL_PARSERS)
def test_a_cell_parser_returns_a_value_or_a_cell_error_for_anything(name: str) -> None:
    for value in ODD:
        try:
            CELL_PARSERS[name](value)
        except c.CellError as exc:
            assert len(str(exc.params.get("value", ""))) <= c.ECHO_LENGTH + 1, (value, exc.key)


@pytest.mark.parametrize("kind", sorted(PARSERS))
def test_every_odd_value_in_every_column_is_a_row_error_or_a_row(kind: str) -> None:
    good = template_row(kind)
    assert not isinstance(PARSERS[kind](good, 2, CTX), list)
    required, optional = COLUMNS[kind]
    for column in sorted({*required, *optional, *good}):
        for value in ODD:
            assert_helpful(PARSERS[kind]({**good, column: value}, 2, CTX))


@pytest.mark.parametrize("kind", sorted(PARSERS))
def test_rows_of_odd_values_in_random_columns_never_crash(kind: str) -> None:
    draw = random.Random(f"issue-12-{kind}")
    good = template_row(kind)
    columns = sorted({*COLUMNS[kind][0], *COLUMNS[kind][1], *good})
    for row in range(2, 1000):
        values = dict(good)
        for column in draw.sample(columns, draw.randint(1, len(columns))):
            values[column] = draw.choice(ODD)
        assert_helpful(PARSERS[kind](values, row, CTX))


def test_echo_keeps_one_short_line() -> None:
    assert c.echo("  Budi\nSantoso  ") == "Budi Santoso"
    assert c.echo("x" * 41) == "x" * 40 + "…"
    assert c.echo("9" * 5000) == "9" * 40 + "…"
