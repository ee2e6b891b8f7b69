"""bot/sheets.py: text that a spreadsheet would run as a formula stays text."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell

from bot.sheets import csv_field, put
from tests.factories import HOSTILE


def round_trip(values: list[object]) -> list[Cell | MergedCell]:
    """Write ``values`` into column A and read the cells back from the saved file."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row, value in enumerate(values, start=1):
        put(sheet, row, 1, value)
    buffer = io.BytesIO()
    book.save(buffer)
    read = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert read is not None
    return [read.cell(row=row, column=1) for row in range(1, len(values) + 1)]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_looks_like_a_formula_is_stored_as_quoted_text(text: str) -> None:
    [cell] = round_trip([text])

    assert cell.data_type == "s"
    assert cell.quotePrefix
    # XML reads a lone carriage return as a line feed; it is still the same text.
    assert cell.value == text.replace("\r", "\n")


def test_numbers_dates_and_plain_text_keep_their_types() -> None:
    moment = datetime(2025, 3, 3, 9, 0)
    cells = round_trip([-5, 2.5, Decimal("4.5"), moment, "Budi Santoso", "#N/A", None])

    assert [(c.value, c.data_type) for c in cells] == [
        (-5, "n"),
        (2.5, "n"),
        (4.5, "n"),
        (moment, "d"),
        ("Budi Santoso", "s"),
        ("#N/A", "s"),  # openpyxl would store it as an error value
        (None, "n"),
    ]
    assert not any(c.quotePrefix for c in cells)


def test_control_characters_are_dropped_instead_of_failing_the_file() -> None:
    [cell] = round_trip(["Budi\x01 Santoso\x0b"])

    assert cell.value == "Budi Santoso"


def test_csv_fields_that_look_like_formulas_start_with_an_apostrophe() -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_field(value) for value in [*HOSTILE, "Budi", -5, "198609262015051001"]])

    row = next(csv.reader(io.StringIO(buffer.getvalue(), newline="")))

    assert row[: len(HOSTILE)] == ["'" + text for text in HOSTILE]
    assert row[len(HOSTILE) :] == ["Budi", "-5", "198609262015051001"]
