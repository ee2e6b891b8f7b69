"""The file of every error (or warning) of an import, for errors the chat cannot list.

An XLSX with one row per error: row number, column, reason. The reasons quote
cells of the admin's file, so every text is stored as text: a value starting
with ``=`` must not become a formula in the admin's Excel.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook

from bot.imports.types import RowError
from bot.sheets import write_only_row
from bot.texts import t


def errors_workbook(errors: Sequence[RowError], total: int, lang: str) -> bytes:
    """``errors`` by row; a last line says how many more were found but not kept."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(t("import.file.sheet", lang))
    sheet.column_dimensions["C"].width = 100
    write_only_row(sheet, [t(f"import.file.{name}", lang) for name in ("row", "column", "reason")])
    for error in errors:
        write_only_row(sheet, [error.row, error.column, error.message(lang)])
    if total > len(errors):
        more = t("import.more_errors", lang, count=total - len(errors))
        write_only_row(sheet, ["", "", more])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def errors_file_name(uploaded: str, lang: str) -> str:
    """``pegawai.xlsx`` -> ``pegawai-kesalahan.xlsx``."""
    stem = uploaded.rsplit(".", 1)[0] or "impor"
    return f"{stem}-{t('import.file.name', lang)}.xlsx"
