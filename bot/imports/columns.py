"""The file formats' columns and the words their cells may hold, and :class:`Cells`,
one row's cells read with the parsers of :mod:`bot.imports.cells`, collecting an
error for every bad one."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from bot.core.errors import InvalidNip
from bot.core.nip import parse_nip
from bot.core.vocabulary import (
    CourseMode,
    CourseStatus,
    EmployeeStatus,
    ParticipationStatus,
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
