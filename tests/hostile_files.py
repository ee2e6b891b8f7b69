"""Spreadsheets a careless or hostile admin sends: built in memory for the tests.

openpyxl writes the ordinary ones (write-only mode, so every text is an inline
string in the sheet's XML); the odd ones are that XML rewritten by hand, as a
crafted file would be.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"


def xlsx(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(header))
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite_sheet(data: bytes, change: Callable[[str], str], *, level: int = 6) -> bytes:
    """The same workbook with its first sheet's XML passed through ``change``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target,
    ):
        for member in source.infolist():
            content = source.read(member)
            if member.filename == SHEET:
                content = change(content.decode()).encode()
            target.writestr(member.filename, content)
    return out.getvalue()


def as_number(data: bytes, text: str, digits: str) -> bytes:
    """The cell holding ``text`` turned into a numeric cell of ``digits`` (openpyxl
    cannot write a number Python refuses to print)."""

    def change(xml: str) -> str:
        start = xml.index(f"<t>{text}</t>")
        cell = xml.rindex("<c ", 0, start)
        end = xml.index("</c>", start) + len("</c>")
        reference = xml[cell:end].split('r="')[1].split('"')[0]
        return xml[:cell] + f'<c r="{reference}"><v>{digits}</v></c>' + xml[end:]

    return rewrite_sheet(data, change)


def with_blank_rows(data: bytes, first: int, count: int, *, then: str = "") -> bytes:
    """``count`` formatted but empty rows from row ``first`` on (what a sheet formatted
    down to its last row holds), then optionally one more row holding ``then``."""

    def change(xml: str) -> str:
        blanks = "".join(
            f'<row r="{n}" s="1" customFormat="1"><c r="A{n}" t="inlineStr"><is><t></t></is></c>'
            "</row>"
            for n in range(first, first + count)
        )
        if then:
            n = first + count
            blanks += f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{then}</t></is></c></row>'
        return xml.replace("</sheetData>", blanks + "</sheetData>")

    return rewrite_sheet(data, change)


def zip_bomb(data: bytes, megabytes: int) -> bytes:
    """The workbook with its sheet padded by ``megabytes`` of spaces: it packs to a
    few kilobytes and unpacks to that much."""
    padding = " " * (megabytes * 1024 * 1024)
    return rewrite_sheet(data, lambda xml: xml.replace("</sheetData>", padding + "</sheetData>"))


def then_broken(data: bytes, row: int) -> bytes:
    """The workbook with XML no parser accepts from row ``row`` on: a reader that gets
    there fails, so a file read without error was never read that far."""
    broken = f'<row r="{row}"><c r="A{row}"><v>1</v></row></sheetData><<<'
    return rewrite_sheet(data, lambda xml: xml.replace("</sheetData>", broken))


def claiming_dimension(data: bytes, ref: str) -> bytes:
    """The workbook with its sheet claiming the cell range ``ref`` (e.g. ``A1:XFD1048576``)."""
    return rewrite_sheet(
        data, lambda xml: xml.replace("<sheetData>", f'<dimension ref="{ref}"/><sheetData>', 1)
    )
