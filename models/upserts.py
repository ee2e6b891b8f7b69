"""The SQL behind ``asnbot import``: load what exists, insert and update in bulk.

Small query functions, session first, keyword-only arguments. They may
``flush()`` but never ``commit()``: the import owns the transaction. Inserts and
updates are Core ``executemany`` statements in chunks, not ORM objects one by
one, so a million employees stay fast.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Collection, Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.assessment import (
    AssessmentProgram,
    AssessmentSession,
    Competency,
    CompetencyStandard,
    Participation,
    Result,
    ResultScore,
)
from models.base import Base
from models.gapura import Course, CourseCompetency
from models.org import Employee, Position, Unit

CHUNK_SIZE = 5000
# Bound parameters per IN (...) list: far below every backend's limit.
IN_CHUNK = 1000


def table_of(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def insert_many(
    session: AsyncSession, *, model: type[Base], rows: Sequence[dict[str, Any]]
) -> int:
    """Insert ``rows`` (dicts with the same keys) in chunks; return how many."""
    table = table_of(model)
    for chunk in _chunks(rows, CHUNK_SIZE):
        await session.execute(insert(table), list(chunk))
    return len(rows)


async def update_many(
    session: AsyncSession, *, model: type[Base], rows: Sequence[dict[str, Any]]
) -> int:
    """Update rows by ``id``; each dict holds ``id`` and the new values."""
    table = table_of(model)
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        columns = tuple(sorted(key for key in row if key != "id"))
        by_columns[columns].append({f"b_{key}": value for key, value in row.items()})
    for columns, params in by_columns.items():
        if not columns:
            continue
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values({column: bindparam(f"b_{column}") for column in columns})
        )
        for chunk in _chunks(params, CHUNK_SIZE):
            await session.execute(statement, list(chunk))
    return len(rows)


async def rows_by_code(session: AsyncSession, *, model: type[Base]) -> dict[str, dict[str, Any]]:
    """Every row of a small table with a unique ``code``, as dicts keyed by code."""
    result = await session.execute(select(table_of(model)))
    return {row["code"]: dict(row) for row in result.mappings()}


async def units_by_code(session: AsyncSession) -> dict[str, dict[str, Any]]:
    return await rows_by_code(session, model=Unit)


async def position_ids(session: AsyncSession) -> dict[tuple[str, str, str], int]:
    """(name, position type, grade) -> id for every position."""
    result = await session.execute(
        select(Position.name, Position.position_type, Position.grade, Position.id)
    )
    return {(name, str(ptype), grade): pid for name, ptype, grade, pid in result}


async def stream_employees(
    session: AsyncSession, *, columns: Sequence[str]
) -> AsyncIterator[Sequence[Any]]:
    """Every employee as ``(nip, id, *columns)``, streamed in partitions."""
    table = table_of(Employee)
    statement = select(table.c.nip, table.c.id, *(table.c[name] for name in columns))
    result = await session.stream(statement.execution_options(yield_per=CHUNK_SIZE))
    async for partition in result.partitions():
        for row in partition:
            yield tuple(row)


async def employees_by_nip(
    session: AsyncSession, *, nips: Collection[str]
) -> dict[str, tuple[int, int | None, str | None]]:
    """NIP -> (employee id, position id, position type) for the NIPs that exist."""
    found: dict[str, tuple[int, int | None, str | None]] = {}
    for chunk in _chunks(sorted(set(nips)), IN_CHUNK):
        result = await session.execute(
            select(Employee.nip, Employee.id, Employee.position_id, Position.position_type)
            .outerjoin(Position, Position.id == Employee.position_id)
            .where(Employee.nip.in_(chunk))
        )
        for nip, eid, pid, ptype in result:
            found[nip] = (eid, pid, None if ptype is None else str(ptype))
    return found


async def competency_codes(session: AsyncSession) -> set[str]:
    return set((await session.execute(select(Competency.code))).scalars())


async def programs_by_code(session: AsyncSession) -> dict[str, dict[str, Any]]:
    return await rows_by_code(session, model=AssessmentProgram)


async def sessions_by_code(session: AsyncSession) -> dict[str, dict[str, Any]]:
    return await rows_by_code(session, model=AssessmentSession)


async def courses_by_code(session: AsyncSession) -> dict[str, dict[str, Any]]:
    return await rows_by_code(session, model=Course)


async def seats_taken(session: AsyncSession) -> dict[int, int]:
    """Session id -> number of participations."""
    result = await session.execute(
        select(Participation.session_id, func.count()).group_by(Participation.session_id)
    )
    return {session_id: taken for session_id, taken in result}


async def participations_of(
    session: AsyncSession, *, employee_ids: Collection[int]
) -> dict[tuple[int, int], tuple[int, str]]:
    """(session id, employee id) -> (participation id, status) for these employees."""
    found: dict[tuple[int, int], tuple[int, str]] = {}
    for chunk in _chunks(sorted(set(employee_ids)), IN_CHUNK):
        result = await session.execute(
            select(
                Participation.session_id,
                Participation.employee_id,
                Participation.id,
                Participation.status,
            ).where(Participation.employee_id.in_(chunk))
        )
        for sid, eid, pid, status in result:
            found[(sid, eid)] = (pid, str(status))
    return found


async def standards_of(
    session: AsyncSession, *, position_ids: Collection[int]
) -> dict[int, dict[str, int]]:
    """Position id -> {competency code: required level} (the standar kompetensi jabatan)."""
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for chunk in _chunks(sorted(set(position_ids)), IN_CHUNK):
        result = await session.execute(
            select(
                CompetencyStandard.position_id,
                CompetencyStandard.competency_code,
                CompetencyStandard.required_level,
            ).where(CompetencyStandard.position_id.in_(chunk))
        )
        for pid, code, level in result:
            found[pid][code] = level
    return dict(found)


async def results_of(
    session: AsyncSession, *, employee_ids: Collection[int]
) -> dict[tuple[int, int], dict[str, Any]]:
    """(program id, employee id) -> the result row, with ``scores`` as a set of
    (code, required, achieved)."""
    found: dict[tuple[int, int], dict[str, Any]] = {}
    table = table_of(Result)
    for chunk in _chunks(sorted(set(employee_ids)), IN_CHUNK):
        result = await session.execute(select(table).where(table.c.employee_id.in_(chunk)))
        for row in result.mappings():
            found[(row["program_id"], row["employee_id"])] = {**row, "scores": set()}
    by_id = {row["id"]: row for row in found.values()}
    for chunk in _chunks(sorted(by_id), IN_CHUNK):
        result = await session.execute(
            select(
                ResultScore.result_id,
                ResultScore.competency_code,
                ResultScore.required_level,
                ResultScore.achieved_level,
            ).where(ResultScore.result_id.in_(chunk))
        )
        for rid, code, required, achieved in result:
            by_id[rid]["scores"].add((code, required, achieved))
    return found


async def result_ids(
    session: AsyncSession, *, program_id: int, employee_ids: Collection[int]
) -> dict[int, int]:
    """Employee id -> result id within one program."""
    found: dict[int, int] = {}
    for chunk in _chunks(sorted(set(employee_ids)), IN_CHUNK):
        result = await session.execute(
            select(Result.employee_id, Result.id).where(
                Result.program_id == program_id, Result.employee_id.in_(chunk)
            )
        )
        found.update((employee_id, rid) for employee_id, rid in result)
    return found


async def course_competencies(session: AsyncSession) -> dict[int, set[tuple[str, int | None]]]:
    """Course id -> {(competency code, target level)}."""
    found: dict[int, set[tuple[str, int | None]]] = defaultdict(set)
    result = await session.execute(
        select(
            CourseCompetency.course_id,
            CourseCompetency.competency_code,
            CourseCompetency.target_level,
        )
    )
    for cid, code, level in result:
        found[cid].add((code, level))
    return dict(found)


async def replace_children(
    session: AsyncSession,
    *,
    model: type[Base],
    parent_column: str,
    parent_ids: Collection[int],
    rows: Sequence[dict[str, Any]],
) -> None:
    """Delete the children of ``parent_ids`` in ``model``'s table and insert ``rows`` instead."""
    table = table_of(model)
    for chunk in _chunks(sorted(set(parent_ids)), IN_CHUNK):
        await session.execute(delete(table).where(table.c[parent_column].in_(chunk)))
    await insert_many(session, model=model, rows=rows)


async def recount_session_seats(session: AsyncSession, *, session_ids: Collection[int]) -> None:
    """Set ``seats_taken`` of these sessions to their number of participations."""
    taken = (
        select(func.count())
        .where(Participation.session_id == AssessmentSession.id)
        .scalar_subquery()
    )
    for chunk in _chunks(sorted(set(session_ids)), IN_CHUNK):
        await session.execute(
            update(AssessmentSession)
            .where(AssessmentSession.id.in_(chunk))
            .values(seats_taken=taken)
            .execution_options(synchronize_session=False)
        )
