"""The parsers of the rows that plan something: assessment sessions and Gapura
courses (see :mod:`bot.imports.rows` for the others)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bot.core.vocabulary import CourseMode, CourseStatus, SessionStatus
from bot.imports import cells as c
from bot.imports.columns import COURSE_MODES, COURSE_STATUSES, SESSION_STATUSES, Cells
from bot.imports.types import ImportContext, RowError


@dataclass(frozen=True)
class SessionRow:
    row: int
    code: str
    program_code: str
    program_name: str
    year: int
    method: str
    values: dict[str, Any] = field(hash=False)  # assessment_sessions columns


def parse_session(
    values: Mapping[str, Any], row: int, ctx: ImportContext
) -> SessionRow | list[RowError]:
    cells = Cells(values, row)
    when = c.local_datetime(ctx.tz)
    code = cells.get("Kode Sesi", c.code, required=True)
    program_code = cells.get("Kode Program", c.code, required=True)
    program_name = cells.get("Nama Program", c.text, required=True)
    year = cells.get("Tahun", lambda v: c.integer(v, minimum=2000, maximum=2100), required=True)
    method = cells.get("Metode", lambda v: c.text(v, 80), required=True)
    starts_at = cells.get("Mulai", when, required=True)
    ends_at = cells.get("Selesai", when, required=True)
    report_by = cells.get("Lapor Paling Lambat", when)
    latitude = cells.get("Lintang", c.coordinate(90))
    longitude = cells.get("Bujur", c.coordinate(180))
    capacity = cells.get(
        "Kapasitas", lambda v: c.integer(v, minimum=1, maximum=100_000), required=True
    )
    if starts_at and ends_at and starts_at >= ends_at:
        cells.error("Selesai", "import.end_before_start", start="Mulai")
    if report_by and starts_at and report_by > starts_at:
        cells.error("Lapor Paling Lambat", "import.report_after_start")
    if (latitude is None) != (longitude is None) and not cells.errors:
        cells.error("Lintang" if latitude is None else "Bujur", "import.coordinates_pair")
    columns = {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "report_by": report_by,
        "venue_name": cells.get("Tempat", c.text, required=True),
        "address": cells.text("Alamat", 300),
        "latitude": latitude,
        "longitude": longitude,
        "online_url": cells.get("Tautan Daring", c.url),
        "capacity": capacity,
        "components": cells.text("Komponen", 300),
        "what_to_bring": cells.text("Yang Dibawa", 2000),
        "dress_code": cells.text("Pakaian"),
        "contact": cells.text("Kontak"),
        "open_to": cells.get("Terbuka Untuk", c.position_types) or "",
        "status": cells.get("Status", SESSION_STATUSES) or SessionStatus.SCHEDULED,
    }
    if cells.errors:
        return cells.errors
    assert code and program_code and program_name and year and method
    return SessionRow(row, code, program_code, program_name, year, method, columns)


@dataclass(frozen=True)
class CourseRow:
    row: int
    code: str
    competencies: tuple[tuple[str, int | None], ...]
    audience_unit_code: str | None
    values: dict[str, Any] = field(hash=False)  # courses columns


def parse_course(
    values: Mapping[str, Any], row: int, ctx: ImportContext
) -> CourseRow | list[RowError]:
    cells = Cells(values, row)
    when = c.local_datetime(ctx.tz)
    code = cells.get("Kode Kursus", c.code, required=True)
    starts_on = cells.get("Mulai", c.day, required=True)
    ends_on = cells.get("Selesai", c.day, required=True)
    opens_at = cells.get("Pendaftaran Dibuka", when, required=True)
    closes_at = cells.get("Pendaftaran Ditutup", when, required=True)
    mode = cells.get("Moda", COURSE_MODES, required=True)
    venue = cells.text("Tempat", 300)
    online_url = cells.get("Tautan", c.url)
    _check_course(cells, (starts_on, ends_on), (opens_at, closes_at), mode, venue, online_url)
    columns = {
        "title": cells.get("Judul", c.text, required=True),
        "description": cells.text("Deskripsi", 5000),
        "jp": cells.get(
            "JP",
            lambda v: c.decimal(v, minimum=Decimal("0.5"), maximum=Decimal(999)),
            required=True,
        ),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "mode": mode,
        "venue": venue,
        "online_url": online_url,
        "provider": cells.get("Penyelenggara", lambda v: c.text(v, 120), required=True),
        "quota": cells.get(
            "Kuota", lambda v: c.integer(v, minimum=1, maximum=100_000), required=True
        ),
        "registration_opens_at": opens_at,
        "registration_closes_at": closes_at,
        "audience_position_types": cells.get("Sasaran Jabatan", c.position_types) or "",
        "audience_statuses": cells.get("Sasaran Status", c.statuses) or "",
        "prerequisites": cells.text("Prasyarat", 5000),
        "contact": cells.text("Kontak"),
        "status": cells.get("Status", COURSE_STATUSES) or CourseStatus.OPEN,
    }
    competencies = cells.get("Kompetensi", c.competency_list) or ()
    unit_code = cells.get("Sasaran Unit", c.code)
    if cells.errors:
        return cells.errors
    assert code
    return CourseRow(row, code, competencies, unit_code, columns)


def _check_course(
    cells: Cells,
    days: tuple[date | None, date | None],
    registration: tuple[datetime | None, datetime | None],
    mode: CourseMode | None,
    venue: str,
    online_url: str | None,
) -> None:
    """The rules between a course's cells: dates in order, a place or a link as its
    mode needs."""
    if days[0] and days[1] and days[0] > days[1]:
        cells.error("Selesai", "import.end_before_start", start="Mulai")
    if registration[0] and registration[1] and registration[0] >= registration[1]:
        cells.error("Pendaftaran Ditutup", "import.end_before_start", start="Pendaftaran Dibuka")
    if mode in (CourseMode.LURING, CourseMode.BLENDED) and not venue:
        cells.error("Tempat", "import.venue_needed", mode=mode.value)
    if (
        mode in (CourseMode.DARING, CourseMode.BLENDED)
        and not online_url
        and "Tautan" not in [e.column for e in cells.errors]
    ):
        cells.error("Tautan", "import.link_needed", mode=mode.value)
