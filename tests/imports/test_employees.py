"""Importing employees: units and positions on the fly, NIP checks, re-imports."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.errors import DomainError
from bot.imports import ImportRejected, format_rejection, format_summary
from bot.texts.domain import describe
from models import Employee, Position, Unit


async def employees(db) -> dict[str, Employee]:
    async with db() as session:
        rows = (await session.execute(select(Employee))).scalars()
        return {employee.nip: employee for employee in rows}


async def test_three_row_csv_creates_employees_units_and_positions(db, run, employees_csv, count):
    summary = await run("employees", employees_csv)

    assert (summary.rows, summary.created, summary.updated) == (3, 3, 0)
    assert summary.details == {"units_created": 3, "positions_created": 3}
    text = format_summary(summary, "id")
    assert "3 baris dibaca, 3 baru, 0 diperbarui" in text
    assert "Unit kerja baru: 3." in text
    assert await count(Employee) == 3
    assert await count(Position) == 3
    stored = await employees(db)
    assert stored["198609262015051001"].name == "Budi Santoso"
    assert stored["199001012023212001"].status == "PPPK"
    assert stored["199203152020122003"].active is False
    async with db() as session:
        units = {u.code: u for u in (await session.execute(select(Unit))).scalars()}
    assert units["PKM-CERME"].parent_id == units["KEC-CERME"].id
    assert units["PKM-CERME"].kind == "puskesmas"
    assert units["BKPSDM"].name == "BKPSDM Gresik"


async def test_same_file_as_xlsx_imports_the_same(db, run, write_xlsx, samples, count):
    path = write_xlsx("pegawai.xlsx", samples.header, [samples.budi, samples.siti, samples.andi])

    summary = await run("employees", path)

    assert (summary.rows, summary.created) == (3, 3)
    stored = await employees(db)
    assert stored["198609262015051001"].phone == "+6281234567890"
    assert stored["199203152020122003"].active is False
    assert await count(Unit) == 3


async def test_reimport_updates_a_name_and_creates_no_duplicate(db, run, write_csv, samples, count):
    await run("employees", write_csv("a.csv", samples.header, [samples.budi, samples.siti]))
    renamed = list(samples.budi)
    renamed[1] = "Budi Santoso, S.Kom."

    summary = await run("employees", write_csv("b.csv", samples.header, [renamed, samples.siti]))

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    assert await count(Employee) == 2
    assert await count(Unit) == 2
    assert (await employees(db))["198609262015051001"].name == "Budi Santoso, S.Kom."


async def test_one_bad_nip_rejects_the_file_and_writes_nothing(db, run, write_csv, samples, count):
    bad = list(samples.siti)
    bad[0] = "19900101202321200"  # 17 digits

    try:
        await run("employees", write_csv("x.csv", samples.header, [samples.budi, bad]))
        raise AssertionError("expected a rejection")
    except ImportRejected as rejected:
        errors = rejected.errors

    assert [(e.row, e.column) for e in errors] == [(3, "NIP")]
    text = format_rejection(errors, "id")
    assert "Baris 3, kolom NIP: NIP harus 18 angka; yang Anda ketik 17 angka." in text
    assert "tidak ada data yang disimpan" in text
    assert "Row 3, column NIP: A NIP has 18 digits; you typed 17." in format_rejection(errors, "en")
    assert await count(Employee) == 0
    assert await count(Unit) == 0
    assert await count(Position) == 0


async def test_every_bad_row_is_listed(db, run, write_csv, samples, count):
    await run("employees", write_csv("ok.csv", samples.header, [samples.siti]))
    wrong_kind, bad_phone, bad_email, missing_name = (list(samples.budi) for _ in range(4))
    wrong_kind[2] = "PPPK"
    bad_phone[0], bad_phone[10] = "198609262015051002", "021-555-1234"
    bad_email[0], bad_email[11] = "198609262015051003", "budi@"
    missing_name[0], missing_name[1] = "198609262015051004", " "
    renamed_siti = list(samples.siti)
    renamed_siti[1] = "Siti Baru"

    try:
        await run(
            "employees",
            write_csv(
                "bad.csv",
                samples.header,
                [
                    renamed_siti,
                    wrong_kind,
                    bad_phone,
                    bad_email,
                    missing_name,
                    samples.siti,
                ],
            ),
        )
        raise AssertionError("expected a rejection")
    except ImportRejected as rejected:
        errors = rejected.errors

    assert [(e.row, e.column) for e in errors] == [
        (3, "Status"),
        (4, "No HP"),
        (5, "Email"),
        (6, "Nama"),
        (7, "NIP"),
    ]
    text = format_rejection(errors, "id")
    assert "Baris 3, kolom Status: NIP ini nomor PNS, tetapi Status tertulis PPPK." in text
    assert "Baris 7, kolom NIP: sudah ada di baris 2 file ini." in text
    assert "021" not in text  # phone numbers are never echoed
    assert (await employees(db))["199001012023212001"].name == "Siti Aminah"
    assert await count(Employee) == 1


async def test_semicolon_csv_with_bom(db, run, write_csv, samples):
    path = write_csv(
        "excel.csv",
        samples.header,
        [samples.budi, samples.siti, samples.andi],
        delimiter=";",
        bom=True,
    )

    summary = await run("employees", path)

    assert summary.created == 3
    assert (await employees(db))["199203152020122003"].phone == "+6285733001122"


async def test_phone_numbers_are_normalised(db, run, write_csv, samples):
    forms = ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "(0812) 3456.7890"]
    rows = []
    for sequence, phone in enumerate(forms, start=1):
        row = list(samples.budi)
        row[0], row[10] = f"1986092620150510{sequence:02d}", phone
        rows.append(row)

    await run("employees", write_csv("hp.csv", samples.header, rows))

    assert {e.phone for e in (await employees(db)).values()} == {"+6281234567890"}


async def test_missing_required_header_is_named(db, run, write_csv, samples):
    header = [h for h in samples.header if h not in ("Jenis Jabatan", "Kode Unit")]
    rows = [[c for h, c in zip(samples.header, samples.budi, strict=True) if h in header]]

    try:
        await run("employees", write_csv("h.csv", header, rows))
        raise AssertionError("expected an error")
    except ImportRejected:
        raise
    except DomainError as exc:  # not a row rejection
        message = describe(exc, "id")

    assert message == "Kolom wajib tidak ada di baris judul: Kode Unit, Jenis Jabatan."


async def test_headers_match_whatever_the_case_and_spacing(db, run, write_csv, samples):
    header = [f"  {h.upper()}  " for h in samples.header]

    summary = await run("employees", write_csv("h.csv", header, [samples.budi]))

    assert summary.created == 1


async def test_soft_nip_warning_is_reported_but_imported(db, run, write_csv, samples):
    future = list(samples.budi)
    future[0] = "198609262026051001"  # appointed May 2026, after the clock's March 2025

    summary = await run("employees", write_csv("w.csv", samples.header, [future]))

    assert summary.created == 1
    assert [(w.row, w.column) for w in summary.warnings] == [(2, "NIP")]
    assert "Baris 2, kolom NIP: Menurut NIP ini" in format_summary(summary, "id")


async def test_unknown_extension_and_parent_are_clear_errors(db, run, tmp_path, write_csv, samples):
    odd = tmp_path / "pegawai.xls"
    odd.write_bytes(b"\xd0\xcf")
    try:
        await run("employees", odd)
        raise AssertionError("expected an error")
    except DomainError as exc:
        assert ".xlsx" in describe(exc, "id")

    orphan = list(samples.andi)
    orphan[6] = "KEC-TIDAK-ADA"
    try:
        await run("employees", write_csv("p.csv", samples.header, [orphan]))
        raise AssertionError("expected a rejection")
    except ImportRejected as rejected:
        assert [(e.row, e.column) for e in rejected.errors] == [(2, "Unit Induk")]
