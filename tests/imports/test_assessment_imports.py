"""Importing sessions, participants and results (with JPM computed on import)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.imports import ImportRejected, format_rejection
from bot.imports.types import RowError
from models import (
    AssessmentProgram,
    AssessmentSession,
    Participation,
    Result,
    ResultScore,
)

SESSION_HEADER = [
    "Kode Sesi",
    "Kode Program",
    "Nama Program",
    "Tahun",
    "Metode",
    "Mulai",
    "Selesai",
    "Tempat",
    "Kapasitas",
    "Status",
]
SESSION = [
    "AC-01",
    "PK-2025",
    "Penilaian Kompetensi ASN 2025",
    "2025",
    "Assessment Center",
    "2025-05-05 08:00",
    "05/05/2025 16:00",
    "UPT Penilaian Kompetensi",
    "2",
    "terjadwal",
]
SCORES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


@pytest.fixture
async def employees(run, employees_csv):
    await run("employees", employees_csv)


@pytest.fixture
async def sessions(run, write_csv, employees):
    await run("sessions", write_csv("sesi.csv", SESSION_HEADER, [SESSION]))


async def rejection(run, kind, path) -> list[RowError]:
    with pytest.raises(ImportRejected) as caught:
        await run(kind, path)
    return caught.value.errors


async def test_sessions_create_the_program_and_store_utc(db, run, write_csv):
    summary = await run("sessions", write_csv("s.csv", SESSION_HEADER, [SESSION]))

    assert (summary.created, summary.details) == (1, {"programs_created": 1})
    async with db() as session:
        sitting = (await session.execute(select(AssessmentSession))).scalar_one()
        program = (await session.execute(select(AssessmentProgram))).scalar_one()
    assert sitting.starts_at == datetime(2025, 5, 5, 1, 0, tzinfo=UTC)  # 08:00 WIB
    assert sitting.ends_at == datetime(2025, 5, 5, 9, 0, tzinfo=UTC)
    assert program.thresholds == {"Optimal": 90, "Cukup Optimal": 78, "Kurang Optimal": 0}


async def test_session_with_bad_date_and_start_after_end_is_rejected(db, run, write_csv, count):
    bad_date = list(SESSION)
    bad_date[0], bad_date[5] = "AC-02", "2025-13-05 08:00"
    backwards = list(SESSION)
    backwards[0], backwards[5], backwards[6] = "AC-03", "2025-05-05 16:00", "2025-05-05 08:00"

    errors = await rejection(
        run, "sessions", write_csv("s.csv", SESSION_HEADER, [SESSION, bad_date, backwards])
    )

    assert [(e.row, e.column) for e in errors] == [(3, "Mulai"), (4, "Selesai")]
    text = format_rejection(errors, "id")
    assert 'Baris 3, kolom Mulai: "2025-13-05 08:00" bukan tanggal dan jam' in text
    assert "Baris 4, kolom Selesai: harus sesudah Mulai." in text
    assert await count(AssessmentSession) == 0
    assert await count(AssessmentProgram) == 0


async def test_participants_over_capacity_are_each_an_error(
    db, run, write_csv, samples, sessions, count
):
    rows = [
        ["AC-01", nip, "diundang"] for nip in (samples.budi[0], samples.siti[0], samples.andi[0])
    ]
    rows.append(["AC-01", "199203152020122003", "hadir"])  # duplicate of row 4

    errors = await rejection(
        run, "participants", write_csv("p.csv", ["Kode Sesi", "NIP", "Status"], rows)
    )

    assert [(e.row, e.column) for e in errors] == [(4, "Kode Sesi"), (5, "NIP")]
    assert "Baris 4, kolom Kode Sesi: sesi AC-01 sudah penuh (kapasitas 2)." in (
        format_rejection(errors, "id")
    )
    assert await count(Participation) == 0


async def test_participants_import_and_reimport_by_session_and_nip(
    db, run, write_csv, samples, sessions, count
):
    header = ["Kode Sesi", "NIP", "Status"]
    await run("participants", write_csv("p.csv", header, [["AC-01", samples.budi[0], ""]]))

    summary = await run(
        "participants",
        write_csv(
            "p2.csv",
            header,
            [
                ["AC-01", samples.budi[0], "Hadir Dikonfirmasi"],
                ["AC-01", samples.siti[0], "diundang"],
            ],
        ),
    )

    assert (summary.created, summary.updated) == (1, 1)
    async with db() as session:
        statuses = sorted(
            str(p.status) for p in (await session.execute(select(Participation))).scalars()
        )
        sitting = (await session.execute(select(AssessmentSession))).scalar_one()
    assert statuses == ["confirmed", "invited"]
    assert sitting.seats_taken == 2

    shrunk = list(SESSION)
    shrunk[8] = "1"
    with pytest.raises(ImportRejected) as caught:
        await run("sessions", write_csv("s.csv", SESSION_HEADER, [shrunk]))
    assert "Baris 2, kolom Kapasitas: lebih kecil dari 2 kursi yang sudah terisi." in (
        format_rejection(caught.value.errors, "id")
    )


async def test_unknown_session_and_employee_are_named(db, run, write_csv, sessions):
    errors = await rejection(
        run,
        "participants",
        write_csv(
            "p.csv",
            ["Kode Sesi", "NIP"],
            [
                ["AC-99", "198609262015051001"],
                ["AC-01", "198001012005011001"],
            ],
        ),
    )

    assert [(e.row, e.column, e.reason) for e in errors] == [
        (2, "Kode Sesi", "import.unknown_session"),
        (3, "NIP", "import.unknown_employee"),
    ]


async def test_results_compute_jpm_and_category_and_stay_unreleased(
    db, run, write_csv, samples, sessions
):
    header = ["Kode Program", "NIP", "Tanggal Asesmen", *SCORES, "Rekomendasi", "Kotak Talenta"]
    budi = ["PK-2025", samples.budi[0], "2025-02-10", 3, 3, 2, 3, 3, 2, 3, 3, 2, "Coaching", 5]

    summary = await run("results", write_csv("h.csv", header, [budi]))

    assert summary.created == 1
    async with db() as session:
        result = (await session.execute(select(Result))).scalar_one()
        scores = (
            await session.execute(
                select(
                    ResultScore.competency_code,
                    ResultScore.required_level,
                    ResultScore.achieved_level,
                )
            )
        ).all()
    assert result.jpm == Decimal("88.89")
    assert result.category == "Cukup Optimal"
    assert result.released_at is None
    assert result.talent_box == 5
    assert len(scores) == 9 and {required for _, required, _ in scores} == {3}
    assert ("M.03", 3, 2) in scores


async def test_results_use_the_standar_columns_and_reimport_in_place(
    db, run, write_csv, samples, sessions, count
):
    header = ["Kode Program", "NIP", "Tanggal Asesmen", "M.01", "Standar M.01", "M.02"]
    first = await run(
        "results",
        write_csv(
            "a.csv",
            header,
            [
                ["PK-2025", samples.siti[0], "2025-02-10", 2, 2, 1],  # Pelaksana: M.02 default 1
            ],
        ),
    )
    again = await run(
        "results",
        write_csv(
            "b.csv",
            header,
            [
                ["PK-2025", samples.siti[0], "2025-02-10", 1, 2, 1],
            ],
        ),
    )

    assert (first.created, again.created, again.updated) == (1, 0, 1)
    assert await count(Result) == 1
    async with db() as session:
        result = (await session.execute(select(Result))).scalar_one()
    assert result.jpm == Decimal("66.67")  # (1 + 1) / (2 + 1)
    assert result.category == "Kurang Optimal"


async def test_results_need_an_existing_program_and_valid_levels(
    db, run, write_csv, samples, sessions
):
    header = ["Kode Program", "NIP", "Tanggal Asesmen", "M.01", "M.09"]
    errors = await rejection(
        run,
        "results",
        write_csv(
            "r.csv",
            header,
            [
                ["PK-2099", samples.budi[0], "2025-02-10", 3, ""],
                ["PK-2025", samples.budi[0], "2025-02-10", 6, ""],
            ],
        ),
    )

    assert [(e.row, e.column, e.reason) for e in errors] == [
        (1, "M.09", "import.unknown_competency"),
        (2, "Kode Program", "import.unknown_program"),
        (3, "M.01", "import.out_of_range"),
    ]
