"""Importing Gapura courses with their target competencies."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.imports import ImportRejected
from models import Course, CourseCompetency

HEADER = [
    "Kode Kursus",
    "Judul",
    "Kompetensi",
    "JP",
    "Mulai",
    "Selesai",
    "Moda",
    "Tempat",
    "Tautan",
    "Penyelenggara",
    "Kuota",
    "Pendaftaran Dibuka",
    "Pendaftaran Ditutup",
    "Sasaran Jabatan",
    "Sasaran Status",
    "Status",
]
COURSE = [
    "GPR-01",
    "Komunikasi Efektif",
    "M.03:3, m.05",
    "2,5",
    "2025-05-12",
    "14/05/2025",
    "Luring",
    "Aula BKPSDM",
    "",
    "BKPSDM Gresik",
    "40",
    "2025-04-14 08.00",
    "2025-05-05 16:00",
    "pelaksana, Pengawas",
    "PNS",
    "dibuka",
]


async def test_courses_import_with_competencies_and_reimport_replaces_them(db, run, write_csv):
    summary = await run("courses", write_csv("k.csv", HEADER, [COURSE]))
    assert summary.created == 1
    changed = list(COURSE)
    changed[2] = "M.08:4"
    again = await run("courses", write_csv("k2.csv", HEADER, [changed]))

    assert (again.created, again.updated) == (0, 1)
    async with db() as session:
        course = (await session.execute(select(Course))).scalar_one()
        targets = (
            await session.execute(
                select(CourseCompetency.competency_code, CourseCompetency.target_level)
            )
        ).all()
    assert course.jp == Decimal("2.5")
    assert course.audience_position_types == "Pengawas,Pelaksana"
    assert course.registration_opens_at == datetime(2025, 4, 14, 1, 0, tzinfo=UTC)
    assert course.status == "open"
    assert [tuple(t) for t in targets] == [("M.08", 4)]


async def test_course_errors_are_listed(db, run, write_csv):
    online = list(COURSE)
    online[0], online[6] = "GPR-02", "daring"
    backwards = list(COURSE)
    backwards[0], backwards[5] = "GPR-03", "2025-05-01"
    unknown = list(COURSE)
    unknown[0], unknown[2] = "GPR-04", "M.03, X.99"

    with pytest.raises(ImportRejected) as caught:
        await run(
            "courses", write_csv("k.csv", HEADER, [COURSE, online, backwards, unknown, COURSE])
        )

    assert [(e.row, e.column, e.reason) for e in caught.value.errors] == [
        (3, "Tautan", "import.link_needed"),
        (4, "Selesai", "import.end_before_start"),
        (5, "Kompetensi", "import.unknown_competency"),
        (6, "Kode Kursus", "import.duplicate"),
    ]
