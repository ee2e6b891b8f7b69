"""The five file formats: their columns, and one pure parser per kind.

Each parser turns the cells of one row (a dict keyed by the template's column
header) into a frozen dataclass, or into the list of every :class:`RowError`
in that row. No database and no clock: "today" comes in the context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from bot.core.errors import InvalidNip
from bot.core.nip import parse_nip
from bot.core.vocabulary import (
    CourseMode,
    CourseStatus,
    EmployeeStatus,
    ParticipationStatus,
    PositionType,
    SessionStatus,
)
from bot.imports import cells as c
from bot.imports.types import ImportContext, RowError

T = TypeVar("T")

# Headers per kind: (required, optional). Required columns must be present and filled.
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "employees": (
        ("NIP", "Nama", "Status", "Kode Unit", "Unit Kerja", "Jabatan", "Jenis Jabatan"),
        ("Jenis Unit", "Unit Induk", "Jenjang", "No HP", "Email", "Aktif"),
    ),
    "sessions": (
        (
            "Kode Sesi",
            "Kode Program",
            "Nama Program",
            "Tahun",
            "Metode",
            "Mulai",
            "Selesai",
            "Tempat",
            "Kapasitas",
        ),
        (
            "Lapor Paling Lambat",
            "Alamat",
            "Lintang",
            "Bujur",
            "Tautan Daring",
            "Komponen",
            "Yang Dibawa",
            "Pakaian",
            "Kontak",
            "Terbuka Untuk",
            "Status",
        ),
    ),
    "participants": (("Kode Sesi", "NIP"), ("Status",)),
    "results": (
        ("Kode Program", "NIP", "Tanggal Asesmen"),
        ("Kekuatan", "Area Pengembangan", "Rekomendasi", "Potensi", "Kotak Talenta"),
    ),
    "holidays": (("Tanggal", "Nama"), ()),
    "courses": (
        (
            "Kode Kursus",
            "Judul",
            "JP",
            "Mulai",
            "Selesai",
            "Moda",
            "Penyelenggara",
            "Kuota",
            "Pendaftaran Dibuka",
            "Pendaftaran Ditutup",
        ),
        (
            "Deskripsi",
            "Kompetensi",
            "Tempat",
            "Tautan",
            "Sasaran Jabatan",
            "Sasaran Status",
            "Sasaran Unit",
            "Prasyarat",
            "Kontak",
            "Status",
        ),
    ),
}

# Results carry one column per competency code, and optionally "Standar <code>".
COMPETENCY_HEADER = re.compile(r"(?:(standar)\s+)?([a-z]{1,4}\.\d{1,3})")
STANDARD_PREFIX = "Standar "

SESSION_STATUSES = c.choice(
    {
        "terjadwal": SessionStatus.SCHEDULED,
        "dijadwalkan": SessionStatus.SCHEDULED,
        "batal": SessionStatus.CANCELLED,
        "dibatalkan": SessionStatus.CANCELLED,
        "selesai": SessionStatus.DONE,
        **{member.value: member for member in SessionStatus},
    },
    "terjadwal, batal, selesai",
)
PARTICIPATION_STATUSES = c.choice(
    {
        "diundang": ParticipationStatus.INVITED,
        "undangan": ParticipationStatus.INVITED,
        "dikonfirmasi": ParticipationStatus.CONFIRMED,
        "hadir dikonfirmasi": ParticipationStatus.CONFIRMED,
        "konfirmasi hadir": ParticipationStatus.CONFIRMED,
        "minta jadwal ulang": ParticipationStatus.RESCHEDULE_REQUESTED,
        "jadwal ulang": ParticipationStatus.RESCHEDULE_REQUESTED,
        "hadir": ParticipationStatus.ATTENDED,
        "tidak hadir": ParticipationStatus.NO_SHOW,
        "mangkir": ParticipationStatus.NO_SHOW,
        "izin": ParticipationStatus.EXCUSED,
        "berhalangan": ParticipationStatus.EXCUSED,
        **{member.value: member for member in ParticipationStatus},
    },
    "diundang, dikonfirmasi, jadwal ulang, hadir, tidak hadir, izin",
)
COURSE_STATUSES = c.choice(
    {
        "draf": CourseStatus.DRAFT,
        "draft": CourseStatus.DRAFT,
        "dibuka": CourseStatus.OPEN,
        "buka": CourseStatus.OPEN,
        "ditutup": CourseStatus.CLOSED,
        "tutup": CourseStatus.CLOSED,
        "selesai": CourseStatus.DONE,
        "batal": CourseStatus.CANCELLED,
        "dibatalkan": CourseStatus.CANCELLED,
        **{member.value: member for member in CourseStatus},
    },
    "draf, dibuka, ditutup, selesai, batal",
)
COURSE_MODES = c.choice(
    {
        "luring": CourseMode.LURING,
        "daring": CourseMode.DARING,
        "blended": CourseMode.BLENDED,
        "campuran": CourseMode.BLENDED,
    },
    "luring, daring, blended",
)
EMPLOYEE_STATUSES = c.choice({"pns": EmployeeStatus.PNS, "pppk": EmployeeStatus.PPPK}, "PNS, PPPK")

DEFAULT_UNIT_KIND = "lainnya"


class Cells:
    """One row's cells, collecting a :class:`RowError` for every bad one."""

    def __init__(self, values: Mapping[str, Any], row: int) -> None:
        self.values = values
        self.row = row
        self.errors: list[RowError] = []

    def get(self, column: str, parse: Callable[[Any], T], *, required: bool = False) -> T | None:
        raw = self.values.get(column)
        if type(raw) is str:  # noqa: E721 - the hot path for CSV cells
            raw = raw.strip()
        if raw is None or raw == "":
            if required:
                self.error(column, "import.required")
            return None
        try:
            return parse(raw)
        except c.CellError as exc:
            self.errors.append(RowError(self.row, column, exc.key, exc.params))
        except (ValueError, ArithmeticError):
            # A conversion the parsers did not foresee (they are fuzzed so that none
            # is left): still the cell's fault, never a crash of the whole import.
            self.error(column, "import.unreadable_value")
        return None

    def text(self, column: str, max_length: int = 200) -> str:
        return self.get(column, lambda v: c.text(v, max_length)) or ""

    def error(self, column: str, key: str, **params: object) -> None:
        self.errors.append(RowError(self.row, column, key, params))

    def nip(self, ctx: ImportContext) -> tuple[str, str, tuple[RowError, ...]] | None:
        """The NIP's digits, its kind (PNS/PPPK) and its soft warnings."""
        raw = self.get("NIP", c.nip_text, required=True)
        if raw is None:
            return None
        try:
            parsed = parse_nip(raw, today=ctx.today)
        except InvalidNip as exc:
            self.error("NIP", exc.key, **exc.params)
            return None
        warnings = tuple(RowError(self.row, "NIP", w.key, dict(w.params)) for w in parsed.warnings)
        return parsed.value, parsed.kind, warnings


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
    if starts_on and ends_on and starts_on > ends_on:
        cells.error("Selesai", "import.end_before_start", start="Mulai")
    if opens_at and closes_at and opens_at >= closes_at:
        cells.error("Pendaftaran Ditutup", "import.end_before_start", start="Pendaftaran Dibuka")
    if mode in (CourseMode.LURING, CourseMode.BLENDED) and not venue:
        cells.error("Tempat", "import.venue_needed", mode=mode.value)
    if (
        mode in (CourseMode.DARING, CourseMode.BLENDED)
        and not online_url
        and "Tautan" not in [e.column for e in cells.errors]
    ):
        cells.error("Tautan", "import.link_needed", mode=mode.value)
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
