"""Import assessment results: by (program, NIP), with their JPM and category
computed here from the scores and the standards; never released by an import."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bot.core.competencies import DEFAULT_REQUIRED_LEVELS
from bot.core.errors import DomainError
from bot.core.jpm import (
    CategoryThreshold,
    CompetencyScore,
    category_for,
    jpm,
    thresholds_from_mapping,
)
from bot.imports.columns import STANDARD_PREFIX
from bot.imports.importer import Importer, changes
from bot.imports.records import duplicate
from bot.imports.rows import ResultRow, competency_columns
from bot.imports.types import RowError, row_error
from models import upserts
from models.assessment import Result, ResultScore

CENT = Decimal("0.01")


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
            row_errors = duplicate(self.seen, (row.program_code, row.nip), row.row, "NIP")
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
            stored = standards.get(pid, {}) if pid is not None else {}
            scores, missing = _scores(row, stored, ptype)
            if missing:
                errors += missing
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


def _scores(
    row: ResultRow, stored: dict[str, int], ptype: str | None
) -> tuple[list[CompetencyScore], list[RowError]]:
    """Each score with its standard: the file's "Standar" cell, else the position's
    stored standard, else the default for its kind of position."""
    given = dict(row.required)
    scores, missing = [], []
    for code, achieved in row.achieved:
        required = given.get(code) or stored.get(code)
        if required is None and ptype is not None:
            required = DEFAULT_REQUIRED_LEVELS.get(ptype)
        if required is None:
            missing.append(
                row_error(row.row, STANDARD_PREFIX + code, "import.no_standard", code=code)
            )
            continue
        scores.append(CompetencyScore(code, required, achieved))
    return scores, missing
