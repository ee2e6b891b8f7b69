"""The limits of an import, checked where the file is read (pure: no database)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.imports.limits import MB, ImportLimitExceeded, ImportLimits
from bot.imports.parsing import Batch, End, Frame, ParseJob, parse_file
from bot.imports.types import ImportContext
from bot.texts.domain import describe
from tests.factories import EMPLOYEE_HEADER
from tests.hostile_files import claiming_dimension, then_broken, with_blank_rows, xlsx, zip_bomb
from tests.imports.conftest import BUDI, SITI

CTX = ImportContext(tz=ZoneInfo("Asia/Jakarta"), now=datetime(2025, 3, 3, 2, 0, tzinfo=UTC))


def frames(path: Path, limits: ImportLimits | None = None) -> list[Frame]:
    return list(parse_file(ParseJob("employees", str(path), CTX, limits or ImportLimits())))


def refusal(path: Path, limits: ImportLimits | None = None) -> str:
    with pytest.raises(ImportLimitExceeded) as raised:
        frames(path, limits)
    return describe(raised.value, "id")


def rows_read(found: list[Frame]) -> int:
    return sum(frame.read for frame in found if isinstance(frame, Batch))


def test_an_xlsx_unpacking_past_the_limit_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(with_blank_rows(xlsx(EMPLOYEE_HEADER, [BUDI]), 3, 100_000))

    message = refusal(path, ImportLimits(max_unpacked_bytes=2 * MB))

    assert message.startswith("File pegawai.xlsx terlalu besar setelah dibuka (")
    assert message.endswith(" MB); batasnya 2 MB. Simpan hanya lembar datanya, atau bagi "
                            "menjadi beberapa file.")  # fmt: skip


def test_without_the_chat_limits_a_zip_bomb_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    path.write_bytes(zip_bomb(xlsx(EMPLOYEE_HEADER, [BUDI]), 20))

    message = refusal(path)  # asnbot import's limits: none but the ratio

    assert "dipadatkan" in message and "paling banyak 100 kali" in message


def test_a_file_over_the_size_limit_names_both_sizes(tmp_path: Path) -> None:
    path = tmp_path / "pegawai.csv"
    path.write_bytes(b"NIP\n" + b"1" * (3 * MB))

    assert refusal(path, ImportLimits(max_file_bytes=2 * MB)) == (
        "File pegawai.csv terlalu besar (3 MB); batasnya 2 MB. "
        "Bagi menjadi beberapa file lalu kirim satu per satu."
    )


def test_blank_rows_do_not_count_against_the_row_limit(tmp_path: Path) -> None:
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(with_blank_rows(xlsx(EMPLOYEE_HEADER, [BUDI, SITI]), 4, 900, then=""))

    found = frames(path, ImportLimits(max_rows=2))

    assert rows_read(found) == 2


def test_a_long_blank_run_ends_the_reading_and_what_follows_is_never_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(then_broken(with_blank_rows(xlsx(EMPLOYEE_HEADER, [BUDI]), 3, 5000), 5003))

    found = frames(path)

    assert rows_read(found) == 1
    assert found[-1] == End(stopped_at=1002)


def test_a_shorter_blank_run_inside_the_data_is_read_past(tmp_path: Path) -> None:
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(with_blank_rows(xlsx(EMPLOYEE_HEADER, [BUDI]), 3, 999, then=SITI[0]))

    found = frames(path)

    assert rows_read(found) == 2  # Siti's NIP alone on row 1002: read, and a row error
    assert found[-1] == End(stopped_at=None)


def test_csv_blank_lines_end_the_reading_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "pegawai.csv"
    lines = [",".join(EMPLOYEE_HEADER), ",".join(BUDI), *[",," for _ in range(20_000)]]
    path.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe not UTF-8\n")

    found = frames(path)

    assert rows_read(found) == 1
    assert found[-1] == End(stopped_at=1002)


def test_a_sheet_claiming_16384_columns_is_read_as_wide_as_its_header(tmp_path: Path) -> None:
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(claiming_dimension(xlsx(EMPLOYEE_HEADER, [BUDI, SITI]), "A1:XFD1048576"))

    found = frames(path)

    assert rows_read(found) == 2
    assert [len(frame.rows) for frame in found if isinstance(frame, Batch)] == [2]
