"""Read a CSV or XLSX file as a header row and a stream of rows.

CSV files may be UTF-8 with or without a byte-order mark, separated by commas
or by semicolons (what Excel writes on Indonesian Windows). XLSX files are read
with openpyxl in read-only mode, first sheet only, values only, so memory stays
flat however long the file is. Blank rows are skipped but still counted, so row
numbers match what the admin sees in the spreadsheet (header = row 1).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.errors import DomainError

EXTENSIONS = (".csv", ".xlsx")
_DELIMITERS = (";", ",", "\t")


@dataclass
class Table:
    """A file's headers (as written) and an iterator of ``(row number, cells)``."""

    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    estimated_rows: int | None


def normalise_header(header: object) -> str:
    """``"  kode   UNIT "`` -> ``"kode unit"``: case and whitespace never matter."""
    text = "" if header is None else str(header)
    return " ".join(text.replace("\ufeff", "").split()).casefold().rstrip("*").strip()


@contextmanager
def open_table(path: Path) -> Iterator[Table]:
    """Open ``path`` by its extension; a :class:`DomainError` when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise DomainError("import.unknown_extension", name=path.name, suffix=suffix or "-")
    if not path.is_file():
        raise DomainError("import.file_missing", name=path.name)
    if suffix == ".csv":
        with _open_csv(path) as table:
            yield table
    else:
        with _open_xlsx(path) as table:
            yield table


@contextmanager
def _open_csv(path: Path) -> Iterator[Table]:
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        try:
            first_line = handle.readline()
        except UnicodeDecodeError:
            raise DomainError("import.not_utf8", name=path.name) from None
        if not first_line.strip():
            raise DomainError("import.empty_file", name=path.name)
        delimiter = max(_DELIMITERS, key=first_line.count)
        headers = next(csv.reader([first_line], delimiter=delimiter))
        yield Table(headers, _csv_rows(path, handle, delimiter), _count_lines(path))


def _csv_rows(path: Path, handle: io.TextIOBase, delimiter: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield number, cells
    except UnicodeDecodeError:
        raise DomainError("import.not_utf8", name=path.name) from None
    except csv.Error as exc:
        raise DomainError("import.unreadable", name=path.name, detail=str(exc)) from None


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as raw:
        for block in iter(lambda: raw.read(1 << 20), b""):
            count += block.count(b"\n")
    return max(count - 1, 0)


def _header(cell: object) -> str:
    return "" if cell is None else str(cell)


@contextmanager
def _open_xlsx(path: Path) -> Iterator[Table]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise DomainError("import.unreadable", name=path.name, detail=type(exc).__name__) from None
    try:
        if not workbook.worksheets:
            raise DomainError("import.empty_file", name=path.name)
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        first = next(values, None)
        if first is None or not any(cell not in (None, "") for cell in first):
            raise DomainError("import.empty_file", name=path.name)
        estimated = sheet.max_row - 1 if sheet.max_row else None
        yield Table([_header(cell) for cell in first], _xlsx_rows(values), estimated)
    finally:
        workbook.close()


def _xlsx_rows(values: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, list[Any]]]:
    for number, cells in enumerate(values, start=2):
        if any(cell is not None and str(cell).strip() for cell in cells):
            yield number, list(cells)
