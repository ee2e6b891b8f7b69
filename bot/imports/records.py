"""Import sessions, participants and courses (results: :mod:`bot.imports.results`).

These files are small (hundreds to thousands of rows), so each importer keeps
the existing records of its kind whole and compares them field by field: a
re-import updates what changed and counts nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.jpm import DEFAULT_THRESHOLDS
from bot.imports.importer import Importer, changes
from bot.imports.offerings import CourseRow, SessionRow
from bot.imports.rows import ParticipantRow
from bot.imports.types import RowError, row_error
from models import upserts
from models.assessment import AssessmentProgram, AssessmentSession, Participation
from models.gapura import Course, CourseCompetency

DEFAULT_THRESHOLD_MAPPING = {th.name: int(th.min_percent) for th in DEFAULT_THRESHOLDS}


def duplicate(seen: dict[Any, int], key: Any, row: int, column: str) -> list[RowError]:
    first = seen.setdefault(key, row)
    return [] if first == row else [row_error(row, column, "import.duplicate", first=first)]


def below_taken(
    stored: dict[str, dict[str, Any]], code: str, capacity: int, row: int, column: str
) -> list[RowError]:
    """A capacity may not drop below the seats already taken."""
    taken = stored.get(code, {}).get("seats_taken", 0)
    if capacity < taken:
        return [row_error(row, column, "import.capacity_below_taken", taken=taken)]
    return []


class SessionImporter(Importer[SessionRow]):
    """Sessions by code; a program code seen for the first time creates the program."""

    async def load(self) -> list[RowError]:
        self.programs = await upserts.programs_by_code(self.session)
        self.sessions = await upserts.sessions_by_code(self.session)
        self.seen: dict[str, int] = {}
        self.file_programs: dict[str, SessionRow] = {}
        self.programs_done: set[str] = set()
        return []

    async def check(self, batch: Sequence[SessionRow]) -> list[RowError]:
        errors = []
        for row in batch:
            errors += duplicate(self.seen, row.code, row.row, "Kode Sesi")
            errors += below_taken(
                self.sessions, row.code, row.values["capacity"], row.row, "Kapasitas"
            )
            first = self.file_programs.setdefault(row.program_code, row)
            for column, attribute in (
                ("Nama Program", "program_name"),
                ("Tahun", "year"),
                ("Metode", "method"),
            ):
                if getattr(row, attribute) != getattr(first, attribute):
                    errors.append(
                        row_error(
                            row.row,
                            column,
                            "import.program_conflict",
                            first=first.row,
                            code=row.program_code,
                        )
                    )
        return errors

    async def write(self, batch: Sequence[SessionRow]) -> None:
        model = AssessmentProgram
        new, changed = [], []
        for row in batch:
            if row.program_code in self.programs_done:
                continue
            self.programs_done.add(row.program_code)
            values = {"name": row.program_name, "year": row.year, "method": row.method}
            stored = self.programs.get(row.program_code)
            if stored is None:
                new.append(
                    {
                        **values,
                        "code": row.program_code,
                        "thresholds": DEFAULT_THRESHOLD_MAPPING,
                        "self_booking": False,
                    }
                )
            elif changes(stored, values):
                changed.append({**values, "id": stored["id"]})
        self.count(
            "programs_created", await upserts.insert_many(self.session, model=model, rows=new)
        )
        self.count(
            "programs_updated", await upserts.update_many(self.session, model=model, rows=changed)
        )
        if new:
            self.programs = await upserts.programs_by_code(self.session)

        inserts, updates = [], []
        for row in batch:
            values = {**row.values, "program_id": self.programs[row.program_code]["id"]}
            stored = self.sessions.get(row.code)
            if stored is None:
                inserts.append({**values, "code": row.code})
            elif diff := changes(stored, values):
                updates.append({**diff, "id": stored["id"]})
        self.created += await upserts.insert_many(
            self.session, model=AssessmentSession, rows=inserts
        )
        self.updated += await upserts.update_many(
            self.session, model=AssessmentSession, rows=updates
        )


class ParticipantImporter(Importer[ParticipantRow]):
    """Participations by (session, NIP), within each session's capacity."""

    async def load(self) -> list[RowError]:
        self.sessions = await upserts.sessions_by_code(self.session)
        self.taken = await upserts.seats_taken(self.session)
        self.seen: dict[tuple[str, str], int] = {}
        self.resolved: dict[int, tuple[int, int, tuple[int, str] | None]] = {}
        return []

    async def check(self, batch: Sequence[ParticipantRow]) -> list[RowError]:
        employees = await upserts.employees_by_nip(self.session, nips=[r.nip for r in batch])
        existing = await upserts.participations_of(
            self.session, employee_ids=[e[0] for e in employees.values()]
        )
        errors = []
        for row in batch:
            row_errors = duplicate(self.seen, (row.session_code, row.nip), row.row, "NIP")
            sitting = self.sessions.get(row.session_code)
            if sitting is None:
                row_errors.append(
                    row_error(row.row, "Kode Sesi", "import.unknown_session", code=row.session_code)
                )
            if row.nip not in employees:
                row_errors.append(row_error(row.row, "NIP", "import.unknown_employee"))
            if row_errors or sitting is None:
                errors += row_errors
                continue
            eid = employees[row.nip][0]
            stored = existing.get((sitting["id"], eid))
            if stored is None:
                taken = self.taken.get(sitting["id"], 0) + 1
                self.taken[sitting["id"]] = taken
                if taken > sitting["capacity"]:
                    errors.append(
                        row_error(
                            row.row,
                            "Kode Sesi",
                            "import.session_full",
                            code=row.session_code,
                            capacity=sitting["capacity"],
                        )
                    )
                    continue
            self.resolved[row.row] = (sitting["id"], eid, stored)
        return errors

    async def write(self, batch: Sequence[ParticipantRow]) -> None:
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        touched: set[int] = set()
        for row in batch:
            sid, eid, stored = self.resolved.pop(row.row)
            if stored is None:
                touched.add(sid)
                inserts.append({"session_id": sid, "employee_id": eid, "status": row.status})
            elif stored[1] != row.status.value:
                updates.append({"id": stored[0], "status": row.status})
        model = Participation
        self.created += await upserts.insert_many(self.session, model=model, rows=inserts)
        self.updated += await upserts.update_many(self.session, model=model, rows=updates)
        # Every participation holds a seat: keep the sessions' counters equal to them.
        await upserts.recount_session_seats(self.session, session_ids=touched)


class CourseImporter(Importer[CourseRow]):
    """Gapura courses by code, with their target competencies."""

    async def load(self) -> list[RowError]:
        self.courses = await upserts.courses_by_code(self.session)
        self.competencies = await upserts.course_competencies(self.session)
        self.known = await upserts.competency_codes(self.session)
        self.units = await upserts.units_by_code(self.session)
        self.seen: dict[str, int] = {}
        return []

    async def check(self, batch: Sequence[CourseRow]) -> list[RowError]:
        errors = []
        for row in batch:
            errors += duplicate(self.seen, row.code, row.row, "Kode Kursus")
            errors += below_taken(self.courses, row.code, row.values["quota"], row.row, "Kuota")
            errors += [
                row_error(row.row, "Kompetensi", "import.unknown_competency", code=code)
                for code, _ in row.competencies
                if code not in self.known
            ]
            if row.audience_unit_code and row.audience_unit_code not in self.units:
                errors.append(
                    row_error(
                        row.row, "Sasaran Unit", "import.unknown_unit", code=row.audience_unit_code
                    )
                )
        return errors

    async def write(self, batch: Sequence[CourseRow]) -> None:
        inserts, updates, recompeted = [], [], []
        for row in batch:
            unit = self.units.get(row.audience_unit_code or "")
            values = {**row.values, "audience_unit_id": unit["id"] if unit else None}
            stored = self.courses.get(row.code)
            wanted = set(row.competencies)
            if stored is None:
                inserts.append({**values, "code": row.code})
                recompeted.append((row.code, wanted))
                continue
            diff = changes(stored, values)
            if diff:
                updates.append({**diff, "id": stored["id"]})
            if self.competencies.get(stored["id"], set()) != wanted:
                recompeted.append((row.code, wanted))
            if diff or self.competencies.get(stored["id"], set()) != wanted:
                self.updated += 1
        model = Course
        self.created += await upserts.insert_many(self.session, model=model, rows=inserts)
        await upserts.update_many(self.session, model=model, rows=updates)
        if inserts:
            self.courses = await upserts.courses_by_code(self.session)
        ids = [self.courses[code]["id"] for code, _ in recompeted]
        rows = [
            {
                "course_id": self.courses[code]["id"],
                "competency_code": competency,
                "target_level": level,
            }
            for code, wanted in recompeted
            for competency, level in sorted(wanted, key=lambda item: item[0])
        ]
        await upserts.replace_children(
            self.session,
            model=CourseCompetency,
            parent_column="course_id",
            parent_ids=ids,
            rows=rows,
        )
