"""XLSX workbooks for the admins' exports (openpyxl, built in memory).

Each workbook has one sheet: a title in row 1, the column headers in row 2, the
data from row 3. NIPs are written as text so spreadsheets keep every digit, and
every text through :func:`bot.sheets.put`, so an imported name is never a formula.
Times arrive aware (UTC) and are written in local time without a zone, the way
spreadsheets show them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bot.sheets import put

TITLE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3
_MAX_WIDTH = 50


def local(value: datetime | None, tz: ZoneInfo) -> datetime | None:
    """An aware time as a naive local one for a spreadsheet cell."""
    return None if value is None else value.astimezone(tz).replace(tzinfo=None)


def workbook(
    sheet: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]
) -> bytes:
    """One sheet named ``sheet`` (trimmed to Excel's 31 characters) as XLSX bytes."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = _sheet_name(sheet)
    put(ws, TITLE_ROW, 1, title).font = Font(bold=True, size=12)
    widths = [len(h) for h in headers]
    for column, header in enumerate(headers, start=1):
        put(ws, HEADER_ROW, column, header).font = Font(bold=True)
    for row_number, row in enumerate(rows, start=FIRST_DATA_ROW):
        for column, value in enumerate(row, start=1):
            cell = put(ws, row_number, column, value)
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
                shown = 16
            else:
                shown = len(str(value)) if value is not None else 0
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], shown)
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = min(width + 2, _MAX_WIDTH)
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in name).strip()
    return (cleaned or "Sheet")[:31]
