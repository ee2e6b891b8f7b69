"""Read a CSV or XLSX file as a header row and a stream of rows.

CSV files may be UTF-8 with or without a byte-order mark, separated by commas
or by semicolons (what Excel writes on Indonesian Windows). XLSX files are read
with openpyxl in read-only mode, first sheet only, values only, so memory stays
flat however long the file is. Blank rows are skipped but still counted, so row
numbers match what the admin sees in the spreadsheet (header = row 1).

Hostile files are refused before they cost much: the file's size, an XLSX's
unpacked size and compression ratio (checked before openpyxl opens it), the
number of rows (counted as they are read); and reading ends at a run of
``BLANK_RUN`` blank rows, so a sheet formatted down to row 1,048,576 reads fast.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.core.errors import DomainError
from bot.imports.limits import (
    BLANK_RUN,
    RATIO_FLOOR,
    ImportLimitExceeded,
    ImportLimits,
    megabytes,
)

EXTENSIONS = (".csv", ".xlsx")
_DELIMITERS = (";", ",", "\t")
# No number in these files is longer (see _harden_openpyxl).
_LONGEST_NUMBER = 100


class Table:
    """A file's headers (as written) and its non-blank rows as ``(row number, cells)``.

    After the rows are read, ``stopped_at`` is the row where a blank run ended the
    reading although the sheet went on, or ``None``.
    """

    def __init__(
        self,
        name: str,
        headers: list[str],
        raw_rows: Iterator[tuple[int, list[Any]]],
        estimated_rows: int | None,
        limits: ImportLimits,
    ) -> None:
        self.name = name
        self.headers = headers
        self.estimated_rows = estimated_rows
        self.stopped_at: int | None = None
        self._raw_rows = raw_rows
        self._limits = limits

    @property
    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        return self._data_rows()

    def _data_rows(self) -> Iterator[tuple[int, list[Any]]]:
        blanks = 0
        count = 0
        limit = self._limits.max_rows
        for number, cells in self._raw_rows:
            if _blank(cells):
                blanks += 1
                if blanks >= BLANK_RUN:
                    if next(self._raw_rows, None) is not None:
                        self.stopped_at = number
                    return
                continue
            blanks = 0
            count += 1
            if limit is not None and count > limit:
                raise ImportLimitExceeded("import.too_many_rows", name=self.name, limit=limit)
            yield number, cells


def _blank(cells: list[Any]) -> bool:
    return all(cell is None or (type(cell) is str and not cell.strip()) for cell in cells)  # noqa: E721


def normalise_header(header: object) -> str:
    """``"  kode   UNIT "`` -> ``"kode unit"``: case and whitespace never matter."""
    text = "" if header is None else str(header)
    return " ".join(text.replace("\ufeff", "").split()).casefold().rstrip("*").strip()


@contextmanager
def open_table(path: Path, limits: ImportLimits | None = None) -> Iterator[Table]:
    """Open ``path`` by its extension; a :class:`DomainError` when it cannot be read,
    an :class:`ImportLimitExceeded` when it is over one of ``limits``."""
    limits = limits or ImportLimits()
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise DomainError("import.unknown_extension", name=path.name, suffix=suffix or "-")
    if not path.is_file():
        raise DomainError("import.file_missing", name=path.name)
    check_file_size(path.name, path.stat().st_size, limits)
    if suffix == ".csv":
        with _open_csv(path, limits) as table:
            yield table
    else:
        with _open_xlsx(path, limits) as table:
            yield table


def check_file_size(name: str, size: int, limits: ImportLimits) -> None:
    """Refuse a file over ``limits.max_file_bytes`` (before downloading it, when possible)."""
    if limits.max_file_bytes is not None and size > limits.max_file_bytes:
        raise ImportLimitExceeded(
            "import.file_too_big",
            name=name,
            size=megabytes(size),
            limit=megabytes(limits.max_file_bytes),
        )


@contextmanager
def _open_csv(path: Path, limits: ImportLimits) -> Iterator[Table]:
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        try:
            first_line = handle.readline()
        except UnicodeDecodeError:
            raise DomainError("import.not_utf8", name=path.name) from None
        if not first_line.strip():
            raise DomainError("import.empty_file", name=path.name)
        delimiter = max(_DELIMITERS, key=first_line.count)
        headers = next(csv.reader([first_line], delimiter=delimiter))
        rows = _csv_rows(path, handle, delimiter)
        yield Table(path.name, headers, rows, _count_lines(path), limits)


def _csv_rows(path: Path, handle: io.TextIOBase, delimiter: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        yield from enumerate(reader, start=2)
    except UnicodeDecodeError:
        raise DomainError("import.not_utf8", name=path.name) from None
    except csv.Error:
        raise DomainError("import.unreadable", name=path.name) from None


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as raw:
        for block in iter(lambda: raw.read(1 << 20), b""):
            count += block.count(b"\n")
    return max(count - 1, 0)


def _header(cell: object) -> str:
    return "" if cell is None else str(cell)


def check_archive(path: Path, limits: ImportLimits) -> None:
    """Refuse a zip bomb by its members' declared sizes, before anything is unpacked.

    zipfile never unpacks more than a member declares (it stops there and fails
    the CRC check), so the declared sizes bound what openpyxl can read.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DomainError("import.unreadable", name=path.name) from None
    unpacked = sum(member.file_size for member in members)
    if limits.max_unpacked_bytes is not None and unpacked > limits.max_unpacked_bytes:
        raise ImportLimitExceeded(
            "import.unpacked_too_big",
            name=path.name,
            size=megabytes(unpacked),
            limit=megabytes(limits.max_unpacked_bytes),
        )
    packed = sum(member.compress_size for member in members)
    for size, packed_size in [(unpacked, packed)] + [
        (m.file_size, m.compress_size) for m in members
    ]:
        ratio = size / max(packed_size, 1)
        if size > RATIO_FLOOR and ratio > limits.max_ratio:
            raise ImportLimitExceeded(
                "import.packed_too_tight",
                name=path.name,
                ratio=round(ratio),
                limit=limits.max_ratio,
            )


@contextmanager
def _open_xlsx(path: Path, limits: ImportLimits) -> Iterator[Table]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_archive(path, limits)
    _harden_openpyxl()
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise DomainError("import.unreadable", name=path.name) from None
    try:
        if not workbook.worksheets:
            raise DomainError("import.empty_file", name=path.name)
        sheet = workbook.worksheets[0]
        first = next(_xlsx_rows(path.name, sheet.iter_rows(max_row=1, values_only=True), 1), None)
        headers = [_header(cell) for cell in first[1]] if first else []
        while headers and not headers[-1].strip():
            headers.pop()
        if not headers:
            raise DomainError("import.empty_file", name=path.name)
        # Rows as wide as the header: a sheet claiming 16,384 columns costs nothing more.
        values = sheet.iter_rows(min_row=2, max_col=len(headers), values_only=True)
        estimated = sheet.max_row - 1 if sheet.max_row else None
        rows = _xlsx_rows(path.name, values, 2)
        yield Table(path.name, headers, rows, estimated, limits)
    finally:
        workbook.close()


def _xlsx_rows(
    name: str, values: Iterator[tuple[Any, ...]], first: int
) -> Iterator[tuple[int, list[Any]]]:
    """openpyxl's rows, numbered; a sheet it cannot parse is named with the row it reached."""
    number = first
    while True:
        try:
            cells = next(values)
        except StopIteration:
            return
        except Exception:  # any parser failure on a hostile sheet: the file is unreadable
            raise DomainError("import.unreadable_from_row", name=name, row=number) from None
        yield number, list(cells)
        number += 1


def _harden_openpyxl() -> None:
    """Two changes to openpyxl's read-only mode, made once, for hostile sheets.

    - A numeric cell's text goes through int(), which refuses more than 4,300
      digits with a ValueError that ends the whole sheet: such a cell is kept as
      its text and becomes a row error like any other bad cell.
    - Opening a sheet looks for its ``<dimension>`` until the end of
      ``<sheetData>``, so a sheet without one (openpyxl's write-only mode writes
      none) is parsed whole before the first row is read; 300,000 blank rows cost
      seconds. The tag comes before ``<sheetData>`` or not at all: stop there.
    """
    from openpyxl.worksheet import _read_only, _reader

    if getattr(_read_only.ReadOnlyWorksheet, "hardened", False):
        return
    cast = _reader._cast_number  # type: ignore[attr-defined]

    def cast_number(value: str) -> object:
        return value if len(value) > _LONGEST_NUMBER else cast(value)

    _reader._cast_number = cast_number  # type: ignore[attr-defined]
    _read_only.ReadOnlyWorksheet._get_size = _size_from_head  # type: ignore[attr-defined]
    _read_only.ReadOnlyWorksheet.hardened = True  # type: ignore[attr-defined]


def _size_from_head(sheet: Any) -> None:
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries

    with sheet._get_source() as source:
        for _event, element in iterparse(source, events=("start",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "dimension":
                try:
                    bounds = range_boundaries(element.get("ref", ""))
                except (ValueError, TypeError):
                    return
                if None not in bounds:
                    sheet._min_column, sheet._min_row, sheet._max_column, sheet._max_row = bounds
                return
            if tag == "sheetData":
                return
