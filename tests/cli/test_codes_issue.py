"""`asnbot codes issue`: one XLSX per OPD; the codes in it work, older ones stop."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.codes_export import run_issue_codes
from bot.core.codes import hash_code, is_well_formed
from bot.settings import Settings
from models import ActivationCode, Unit
from models.db import create_engine, create_sessionmaker, upgrade
from tests.factories import HOSTILE, NIP_BUDI, NIP_SITI, add_employee, add_sub_unit, add_unit

NIP_THIRD = "197001012000031003"


@pytest.fixture
async def settings(tmp_path: Path) -> Settings:
    url = f"sqlite+aiosqlite:///{tmp_path / 'codes.db'}"
    engine = create_engine(url)
    await upgrade(engine)
    async with create_sessionmaker(engine).begin() as session:
        health = await add_unit(session, "OPD-DINKES", "Dinas Kesehatan")
        puskesmas = Unit(
            code="PKM-CERME", name="Puskesmas Cerme", kind="puskesmas", parent_id=health.id
        )
        session.add(puskesmas)
        await session.flush()
        await add_employee(session, nip=NIP_BUDI, name="Budi", unit_code="OPD-BKPSDM")
        await add_employee(session, nip=NIP_SITI, name="Siti", unit_code="OPD-DINKES")
        await add_employee(session, nip=NIP_THIRD, name="Joko", unit_code="PKM-CERME")
    await engine.dispose()
    return Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]


def rows(path: Path) -> list[tuple[object, ...]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


async def stored_hashes(settings: Settings, *, live: bool) -> set[str]:
    engine = create_engine(settings.effective_database_url)
    async with create_sessionmaker(engine)() as session:
        query = select(ActivationCode.code_hash)
        if live:
            query = query.where(ActivationCode.expires_at > datetime.now(UTC))
        found = set((await session.scalars(query)).all())
    await engine.dispose()
    return found


async def test_codes_are_written_per_opd_and_stored_hashed(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"

    assert await run_issue_codes(settings, unit_code=None, out_dir=out) == 0

    files = sorted(path.name for path in out.iterdir())
    assert files == ["kode-aktivasi-OPD-BKPSDM.xlsx", "kode-aktivasi-OPD-DINKES.xlsx"]
    health = rows(out / "kode-aktivasi-OPD-DINKES.xlsx")
    assert health[0] == ("NIP", "Nama", "Unit Kerja", "Kode Aktivasi", "Berlaku Sampai")
    assert {row[1] for row in health[1:]} == {"Siti", "Joko"}
    codes = [str(row[3]) for row in health[1:]]
    assert all(is_well_formed(code) for code in codes)
    assert {hash_code(code) for code in codes} <= await stored_hashes(settings, live=True)
    assert "3 kode aktivasi dibuat" in capsys.readouterr().out


async def test_codes_for_one_unit_include_its_sub_units_and_replace_older_codes(
    settings: Settings, tmp_path: Path
) -> None:
    await run_issue_codes(settings, unit_code="OPD-DINKES", out_dir=tmp_path / "first")
    first = rows(tmp_path / "first" / "kode-aktivasi-OPD-DINKES.xlsx")

    await run_issue_codes(settings, unit_code="OPD-DINKES", out_dir=tmp_path / "second")

    live = await stored_hashes(settings, live=True)
    assert len(first) == 3
    assert not {hash_code(str(row[3])) for row in first[1:]} & live
    assert len(live) == 2


async def test_a_formula_like_name_is_text_in_the_codes_file(
    settings: Settings, tmp_path: Path
) -> None:
    engine = create_engine(settings.effective_database_url)
    async with create_sessionmaker(engine).begin() as session:
        await add_unit(session, "OPD-EVIL", "=1+1")
        await add_employee(session, nip="199001012015052003", name=HOSTILE[0], unit_code="OPD-EVIL")
    await engine.dispose()
    out = tmp_path / "out"

    assert await run_issue_codes(settings, unit_code=None, out_dir=out) == 0

    sheet = load_workbook(out / "kode-aktivasi-OPD-EVIL.xlsx").active
    assert sheet is not None
    name, unit = sheet["B2"], sheet["C2"]
    assert (name.value, name.data_type, name.quotePrefix) == (HOSTILE[0], "s", True)
    assert (unit.value, unit.data_type, unit.quotePrefix) == ("=1+1", "s", True)


async def test_the_operator_reads_english_when_asked(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run_issue_codes(settings, unit_code=None, out_dir=tmp_path, lang="en") == 1
    assert (
        await run_issue_codes(settings, unit_code="OPD-X", out_dir=tmp_path / "x", lang="en") == 1
    )
    assert await run_issue_codes(settings, unit_code=None, out_dir=tmp_path / "y", lang="en") == 0

    said = capsys.readouterr()
    assert f"The folder {tmp_path} already holds files." in said.err
    assert "No active employees in unit OPD-X, or there is no such unit." in said.err
    assert "3 activation codes issued, valid until" in said.out
    assert "only your account on this computer can open them" in said.out


async def test_a_database_that_cannot_be_read_is_said_plainly_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    never_upgraded = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    settings = Settings(_env_file=None, database_url=never_upgraded)  # type: ignore[call-arg]

    assert await run_issue_codes(settings, unit_code=None, out_dir=tmp_path / "out") == 1

    said = capsys.readouterr().err
    assert "Data pegawai tidak bisa dibaca dari basis data (no such table: employees)." in said
    assert "Tidak ada yang berubah: kode lama tetap berlaku." in said
    assert not (tmp_path / "out").exists()


async def test_an_employee_deep_in_an_opd_is_in_that_opds_file(
    settings: Settings, tmp_path: Path
) -> None:
    engine = create_engine(settings.effective_database_url)
    async with create_sessionmaker(engine).begin() as session:
        await add_sub_unit(session, code="BID-SDM", name="Bidang SDM", parent_code="OPD-DINKES")
        await add_sub_unit(session, code="SEKSI-1", name="Seksi Mutasi", parent_code="BID-SDM")
        await add_employee(session, nip="199001012015052003", name="Rina", unit_code="SEKSI-1")
    await engine.dispose()
    out = tmp_path / "out"

    assert await run_issue_codes(settings, unit_code="OPD-DINKES", out_dir=out) == 0

    health = rows(out / "kode-aktivasi-OPD-DINKES.xlsx")
    assert {row[1] for row in health[1:]} == {"Siti", "Joko", "Rina"}
    assert [path.name for path in out.iterdir()] == ["kode-aktivasi-OPD-DINKES.xlsx"]
