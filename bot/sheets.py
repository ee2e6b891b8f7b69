"""Spreadsheet cells that hold what was written: text stays text.

Names, unit names and course titles come from imports and chats, so they may be
hostile. Excel and LibreOffice run a cell that starts with ``=``, ``+``, ``-``
or ``@`` as a formula (``=HYPERLINK(...)`` can send a sheet's data away, and a
DDE formula can start programs), and a leading tab or carriage return hides such
a start (OWASP "CSV injection"). Every XLSX or CSV the project writes goes
through this module:

- XLSX: text is stored as a string (openpyxl would otherwise make a formula of
  any text starting with ``=``, or an error value of ``#N/A``), and risky text
  also gets Excel's "quote prefix" style, so editing the cell keeps it text.
  Numbers and dates stay numbers and dates; -5 is a number, ``"-5"`` is text.
- CSV has no types: risky text gets a leading apostrophe, the mark spreadsheets
  show for "this is text".
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula."""
    return text.startswith(RISKY_STARTS)


def put(sheet: Worksheet, row: int, column: int, value: object) -> Cell | MergedCell:
    """Write ``value`` into one cell; text is stored as text, never as a formula."""
    cell = sheet.cell(row=row, column=column)
    _fill(cell, value)
    return cell


def write_only_row(sheet: WriteOnlyWorksheet, values: list[object]) -> None:
    """:func:`put` for a sheet of a write-only workbook: append one row."""
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet)
        _fill(cell, value)
        cells.append(cell)
    sheet.append(cells)


def _fill(cell: Cell | MergedCell, value: object) -> None:
    if isinstance(value, str):
        # Control characters are not allowed in XLSX: openpyxl would refuse the
        # whole file because of one pasted name.
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        cell.data_type = "s"
        if is_risky(text):
            cell.quotePrefix = True
    else:
        cell.value = value  # type: ignore[assignment]


def csv_field(value: object) -> object:
    """A value for ``csv.writer``: risky text starts with an apostrophe."""
    if isinstance(value, str) and is_risky(value):
        return "'" + value
    return value
