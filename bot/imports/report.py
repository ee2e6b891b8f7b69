"""The file of every error (or warning) of an import, for errors the chat cannot list.

An XLSX with one row per error: row number, column, reason. The reasons quote
cells of the admin's file, so every text is stored as text: a value starting
with ``=`` must not become a formula in the admin's Excel.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.imports.types import RowError
from bot.texts import t
from bot.texts.formatting import format_number

# Characters that make a spreadsheet read a cell as a formula (or start one after a
# tab or line break). TODO: use the project's shared formula-safe helper once it lands
# (issue 12, "Safe spreadsheets"); this is the minimal local version.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def errors_workbook(errors: Sequence[RowError], total: int, lang: str) -> bytes:
    """``errors`` by row; a last line says how many more were found but not kept."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(t("import.file.sheet", lang))
    sheet.column_dimensions["C"].width = 100
    _append(sheet, [t(f"import.file.{name}", lang) for name in ("row", "column", "reason")])
    for error in errors:
        _append(sheet, [error.row, error.column, error.message(lang)])
    if total > len(errors):
        more = t("import.more_errors", lang, count=format_number(total - len(errors), lang))
        _append(sheet, ["", "", more])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def errors_file_name(uploaded: str, lang: str) -> str:
    """``pegawai.xlsx`` -> ``pegawai-kesalahan.xlsx``."""
    stem = uploaded.rsplit(".", 1)[0] or "impor"
    return f"{stem}-{t('import.file.name', lang)}.xlsx"


def _append(sheet: WriteOnlyWorksheet, values: list[str | int]) -> None:
    sheet.append([_cell(sheet, value) for value in values])


def _cell(sheet: WriteOnlyWorksheet, value: str | int) -> Cell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl would store "=..." as a formula
    return cell
