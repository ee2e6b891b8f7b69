"""Fixtures for the import tests: write a CSV or XLSX file, run an import."""

from __future__ import annotations

import csv
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from bot.imports import ImportSummary, import_file
from tests.factories import EMPLOYEE_HEADER

TZ = ZoneInfo("Asia/Jakarta")
BUDI = [
    "198609262015051001",
    "Budi Santoso",
    "PNS",
    "BKPSDM",
    "BKPSDM Gresik",
    "badan",
    "",
    "Kepala Bidang Pengembangan Kompetensi",
    "Administrator",
    "",
    "0812-3456-7890",
    "budi@gresikkab.go.id",
    "Ya",
]
SITI = [
    "199001012023212001",
    "Siti Aminah",
    "PPPK",
    "KEC-CERME",
    "Kecamatan Cerme",
    "kecamatan",
    "",
    "Penata Layanan Operasional",
    "Pelaksana",
    "",
    "",
    "",
    "",
]
ANDI = [
    "199203152020122003",
    "Andi Wijaya",
    "PNS",
    "PKM-CERME",
    "Puskesmas Cerme",
    "puskesmas",
    "KEC-CERME",
    "Perawat",
    "fungsional",
    "Ahli Pertama",
    "+62 857 3300 1122",
    "",
    "Tidak",
]

Rows = Sequence[Sequence[object]]


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(
        name: str, header: Sequence[str], rows: Rows, *, delimiter: str = ",", bom: bool = False
    ) -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, header: Sequence[str], rows: Rows) -> Path:
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.append(list(header))
        for row in rows:
            sheet.append([None if cell == "" else cell for cell in row])
        path = tmp_path / name
        workbook.save(path)
        return path

    return write


@pytest.fixture
def run(db: Any, clock: Any) -> Callable[[str, Path], Awaitable[ImportSummary]]:
    async def go(kind: str, path: Path) -> ImportSummary:
        return await import_file(db, kind, path, tz=TZ, now=clock.now())

    return go


@pytest.fixture
def count(db: Any) -> Callable[[Any], Awaitable[int]]:
    async def go(model: Any) -> int:
        async with db() as session:
            return int(
                (await session.execute(select(func.count()).select_from(model))).scalar_one()
            )

    return go


@pytest.fixture
def employees_csv(write_csv: Callable[..., Path]) -> Path:
    return write_csv("pegawai.csv", EMPLOYEE_HEADER, [BUDI, SITI, ANDI])


class Samples:
    """Employee rows the tests start from (copy before changing one)."""

    header = EMPLOYEE_HEADER
    budi = BUDI
    siti = SITI
    andi = ANDI


@pytest.fixture
def samples() -> type[Samples]:
    return Samples
