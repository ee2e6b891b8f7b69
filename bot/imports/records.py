"""Import sessions, participants, results and courses.

These files are small (hundreds to thousands of rows), so each importer keeps
the existing records of its kind whole and compares them field by field: a
re-import updates what changed and counts nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bot.core.competencies import DEFAULT_REQUIRED_LEVELS
from bot.core.errors import DomainError
from bot.core.jpm import (
    DEFAULT_THRESHOLDS,
    CategoryThreshold,
    CompetencyScore,
    category_for,
    jpm,
    thresholds_from_mapping,
)
from bot.imports.importer import Importer, changes
from bot.imports.rows import (
    STANDARD_PREFIX,
    CourseRow,
    ParticipantRow,
    ResultRow,
    SessionRow,
    competency_columns,
)
from bot.imports.types import RowError, row_error
from models import upserts
from models.assessment import (
    AssessmentProgram,
    AssessmentSession,
    Participation,
    Result,
    ResultScore,
)
from models.gapura import Course, CourseCompetency

DEFAULT_THRESHOLD_MAPPING = {th.name: int(th.min_percent) for th in DEFAULT_THRESHOLDS}
CENT = Decimal("0.01")


def _duplicate(seen: dict[Any, int], key: Any, row: int, column: str) -> list[RowError]:
    first = seen.setdefault(key, row)
    return [] if first == row else [row_error(row, column, "import.duplicate", first=first)]


def _below_taken(
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
            errors += _duplicate(self.seen, row.code, row.row, "Kode Sesi")
            errors += _below_taken(
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
            row_errors = _duplicate(self.seen, (row.session_code, row.nip), row.row, "NIP")
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


class ResultImporter(Importer[ResultRow]):
    """Results by (program, NIP); JPM and category computed here, never released."""

    async def load(self) -> list[RowError]:
        self.programs = await upserts.programs_by_code(self.session)
        self.thresholds: dict[str, tuple[CategoryThreshold, ...] | DomainError] = {}
        self.seen: dict[tuple[str, str], int] = {}
        self.resolved: dict[int, tuple[int, int, dict[str, Any], list[CompetencyScore]]] = {}
        known = await upserts.competency_codes(self.session)
        columns = competency_columns(dict.fromkeys(self.headers))
        errors = [
            row_error(1, column, "import.unknown_competency", code=column)
            for column in columns
            if column not in known
        ]
        errors += [
            row_error(1, header, "import.standard_without_scores", code=header)
            for header in self.headers
            if header.startswith(STANDARD_PREFIX) and header[len(STANDARD_PREFIX) :] not in columns
        ]
        if not columns:
            errors.append(row_error(1, "M.01", "import.no_competency_columns"))
        return errors

    def _thresholds(self, code: str) -> tuple[CategoryThreshold, ...] | DomainError:
        if code not in self.thresholds:
            try:
                self.thresholds[code] = thresholds_from_mapping(self.programs[code]["thresholds"])
            except DomainError as exc:
                self.thresholds[code] = exc
        return self.thresholds[code]

    async def check(self, batch: Sequence[ResultRow]) -> list[RowError]:
        employees = await upserts.employees_by_nip(self.session, nips=[r.nip for r in batch])
        standards = await upserts.standards_of(
            self.session, position_ids=[e[1] for e in employees.values() if e[1] is not None]
        )
        errors = []
        for row in batch:
            row_errors = _duplicate(self.seen, (row.program_code, row.nip), row.row, "NIP")
            program = self.programs.get(row.program_code)
            if program is None:
                row_errors.append(
                    row_error(
                        row.row, "Kode Program", "import.unknown_program", code=row.program_code
                    )
                )
            employee = employees.get(row.nip)
            if employee is None:
                row_errors.append(row_error(row.row, "NIP", "import.unknown_employee"))
            if row_errors or program is None or employee is None:
                errors += row_errors
                continue
            thresholds = self._thresholds(row.program_code)
            if isinstance(thresholds, DomainError):
                errors.append(
                    row_error(row.row, "Kode Program", thresholds.key, **thresholds.params)
                )
                continue
            eid, pid, ptype = employee
            given = dict(row.required)
            stored = standards.get(pid, {}) if pid is not None else {}
            scores = []
            for code, achieved in row.achieved:
                required = given.get(code) or stored.get(code)
                if required is None and ptype is not None:
                    required = DEFAULT_REQUIRED_LEVELS.get(ptype)
                if required is None:
                    errors.append(
                        row_error(row.row, STANDARD_PREFIX + code, "import.no_standard", code=code)
                    )
                    continue
                scores.append(CompetencyScore(code, required, achieved))
            if len(scores) != len(row.achieved):
                continue
            raw = jpm(scores)
            values = {
                "assessed_on": row.assessed_on,
                "jpm": raw.quantize(CENT),
                "category": category_for(raw, thresholds),
                "strengths": row.strengths,
                "development_areas": row.development_areas,
                "recommendation": row.recommendation,
                "potential_score": row.potential_score,
                "talent_box": row.talent_box,
            }
            self.resolved[row.row] = (program["id"], eid, values, scores)
        return errors

    async def write(self, batch: Sequence[ResultRow]) -> None:
        resolved = [self.resolved.pop(row.row) for row in batch]
        existing = await upserts.results_of(self.session, employee_ids=[r[1] for r in resolved])
        inserts, updates, rescored = [], [], []
        for program_id, eid, values, scores in resolved:
            stored = existing.get((program_id, eid))
            wanted = {(s.code, s.required, s.achieved) for s in scores}
            if stored is None:
                inserts.append(
                    {**values, "program_id": program_id, "employee_id": eid, "released_at": None}
                )
                rescored.append((program_id, eid, wanted))
                continue
            diff = changes(stored, values)
            if diff:
                updates.append({**diff, "id": stored["id"]})
            if stored["scores"] != wanted:
                rescored.append((program_id, eid, wanted))
            if diff or stored["scores"] != wanted:
                self.updated += 1
        model = Result
        self.created += await upserts.insert_many(self.session, model=model, rows=inserts)
        await upserts.update_many(self.session, model=model, rows=updates)
        ids: dict[tuple[int, int], int] = {}
        for program_id in {p for p, _, _ in rescored}:
            found = await upserts.result_ids(
                self.session,
                program_id=program_id,
                employee_ids=[e for p, e, _ in rescored if p == program_id],
            )
            ids.update({(program_id, eid): rid for eid, rid in found.items()})
        score_rows = [
            {
                "result_id": ids[(p, e)],
                "competency_code": code,
                "required_level": required,
                "achieved_level": achieved,
            }
            for p, e, wanted in rescored
            for code, required, achieved in sorted(wanted)
        ]
        await upserts.replace_children(
            self.session,
            model=ResultScore,
            parent_column="result_id",
            parent_ids=list(ids.values()),
            rows=score_rows,
        )


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
            errors += _duplicate(self.seen, row.code, row.row, "Kode Kursus")
            errors += _below_taken(self.courses, row.code, row.values["quota"], row.row, "Kuota")
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
