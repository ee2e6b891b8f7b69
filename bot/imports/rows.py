"""One pure parser per kind of file (the people: employees, participants, results;
and holidays), and :data:`PARSERS`, the parser of every kind.

Each parser turns the cells of one row (a dict keyed by the template's column
header) into a frozen dataclass, or into the list of every :class:`RowError`
in that row. No database and no clock: "today" comes in the context.
Sessions and courses are parsed in :mod:`bot.imports.offerings`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bot.core.vocabulary import EmployeeStatus, ParticipationStatus, PositionType
from bot.imports import cells as c
from bot.imports.columns import (
    COMPETENCY_HEADER,
    EMPLOYEE_STATUSES,
    PARTICIPATION_STATUSES,
    STANDARD_PREFIX,
    Cells,
)
from bot.imports.offerings import parse_course, parse_session
from bot.imports.types import ImportContext, RowError


def _unit_kind(value: object) -> str:
    return c.text(value, 40).casefold()


@dataclass(frozen=True)
class EmployeeRow:
    row: int
    nip: str
    status: EmployeeStatus
    name: str
    unit_code: str
    unit_name: str
    unit_kind: str | None
    parent_code: str | None
    position_name: str
    position_type: PositionType
    grade: str
    phone: str | None
    email: str | None
    active: bool
    warnings: tuple[RowError, ...] = ()


def parse_employee(
    values: Mapping[str, Any], row: int, ctx: ImportContext
) -> EmployeeRow | list[RowError]:
    cells = Cells(values, row)
    nip = cells.nip(ctx)
    status = cells.get("Status", EMPLOYEE_STATUSES, required=True)
    name = cells.get("Nama", c.text, required=True)
    unit_code = cells.get("Kode Unit", c.code, required=True)
    unit_name = cells.get("Unit Kerja", c.text, required=True)
    unit_kind = cells.get("Jenis Unit", _unit_kind)
    parent_code = cells.get("Unit Induk", c.code)
    position_name = cells.get("Jabatan", c.text, required=True)
    ptype = cells.get("Jenis Jabatan", c.position_type, required=True)
    grade = cells.text("Jenjang", 60)
    phone = cells.get("No HP", c.phone)
    email = cells.get("Email", c.email)
    active = cells.get("Aktif", c.yes_no)
    if nip is not None and status is not None and nip[1] != status.value:
        cells.error("Status", "import.nip_kind_mismatch", nip_kind=nip[1], status=status.value)
    if parent_code is not None and parent_code == unit_code:
        cells.error("Unit Induk", "import.unit_own_parent", code=unit_code)
    if cells.errors:
        return cells.errors
    assert nip and status and name and unit_code and unit_name and position_name and ptype
    return EmployeeRow(
        row=row,
        nip=nip[0],
        status=status,
        name=name,
        unit_code=unit_code,
        unit_name=unit_name,
        unit_kind=unit_kind,
        parent_code=parent_code,
        position_name=position_name,
        position_type=ptype,
        grade=grade,
        phone=phone,
        email=email,
        active=True if active is None else active,
        warnings=nip[2],
    )


@dataclass(frozen=True)
class ParticipantRow:
    row: int
    session_code: str
    nip: str
    status: ParticipationStatus


def parse_participant(
    values: Mapping[str, Any], row: int, ctx: ImportContext
) -> ParticipantRow | list[RowError]:
    cells = Cells(values, row)
    session_code = cells.get("Kode Sesi", c.code, required=True)
    nip = cells.nip(ctx)
    status = cells.get("Status", PARTICIPATION_STATUSES) or ParticipationStatus.INVITED
    if cells.errors:
        return cells.errors
    assert session_code and nip
    return ParticipantRow(row, session_code, nip[0], status)


@dataclass(frozen=True)
class ResultRow:
    row: int
    program_code: str
    nip: str
    assessed_on: date
    achieved: tuple[tuple[str, int], ...]
    required: tuple[tuple[str, int], ...]  # only the "Standar" cells that are filled
    strengths: str
    development_areas: str
    recommendation: str
    potential_score: Decimal | None
    talent_box: int | None


def competency_columns(values: Mapping[str, Any]) -> list[str]:
    return [
        key
        for key in values
        if COMPETENCY_HEADER.fullmatch(key.casefold()) and not key.startswith(STANDARD_PREFIX)
    ]


def parse_result(
    values: Mapping[str, Any], row: int, ctx: ImportContext
) -> ResultRow | list[RowError]:
    cells = Cells(values, row)
    program_code = cells.get("Kode Program", c.code, required=True)
    nip = cells.nip(ctx)
    assessed_on = cells.get("Tanggal Asesmen", c.day, required=True)
    level = lambda v: c.integer(v, minimum=1, maximum=5)  # noqa: E731
    achieved: list[tuple[str, int]] = []
    required: list[tuple[str, int]] = []
    for column in competency_columns(values):
        got = cells.get(column, level)
        if got is not None:
            achieved.append((column, got))
        standard = cells.get(STANDARD_PREFIX + column, level)
        if standard is not None:
            required.append((column, standard))
    if not achieved and not cells.errors:
        cells.error("Kode Program", "import.no_scores")
    if assessed_on and assessed_on > ctx.today:
        cells.error("Tanggal Asesmen", "import.date_in_future")
    potential = cells.get(
        "Potensi", lambda v: c.decimal(v, minimum=Decimal(0), maximum=Decimal(9999))
    )
    talent_box = cells.get("Kotak Talenta", lambda v: c.integer(v, minimum=1, maximum=9))
    strengths = cells.text("Kekuatan", 5000)
    development_areas = cells.text("Area Pengembangan", 5000)
    recommendation = cells.text("Rekomendasi", 5000)
    if cells.errors:
        return cells.errors
    assert program_code and nip and assessed_on
    return ResultRow(
        row,
        program_code,
        nip[0],
        assessed_on,
        tuple(achieved),
        tuple(required),
        strengths,
        development_areas,
        recommendation,
        potential,
        talent_box,
    )


@dataclass(frozen=True)
class HolidayRow:
    row: int
    day: date
    name: str


def parse_holiday(
    values: Mapping[str, Any], row: int, ctx: ImportContext
) -> HolidayRow | list[RowError]:
    """A national holiday or cuti bersama (``bot/imports/holidays.py`` writes it)."""
    cells = Cells(values, row)
    day = cells.get("Tanggal", c.day, required=True)
    name = cells.get("Nama", lambda v: c.text(v, 120), required=True)
    if cells.errors:
        return cells.errors
    assert day is not None and name is not None
    return HolidayRow(row, day, name)


PARSERS: dict[str, Callable[[Mapping[str, Any], int, ImportContext], object]] = {
    "employees": parse_employee,
    "sessions": parse_session,
    "participants": parse_participant,
    "results": parse_result,
    "courses": parse_course,
    "holidays": parse_holiday,
}
