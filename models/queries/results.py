"""Assessment results: only released ones, only one employee's; what is still
pending; and a unit with its parents (for course audiences)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from bot.core.jpm import CompetencyScore
from models.assessment import AssessmentProgram, AssessmentSession, Participation, Result
from models.org import Unit

# /hasil and /jadwal run these on every call: each statement is built once (building it
# anew costs more than the lookup) and takes the employee as a parameter.
_RELEASED = (
    select(Result)
    .where(Result.employee_id == bindparam("employee_id"), Result.released_at.is_not(None))
    .options(joinedload(Result.program))
    .order_by(Result.assessed_on.desc())
)
_RELEASED_WITH_SCORES = _RELEASED.options(selectinload(Result.scores))
_UNRELEASED = (
    select(Result)
    .where(Result.employee_id == bindparam("employee_id"), Result.released_at.is_(None))
    .options(joinedload(Result.program))
)
_RELEASED_PROGRAM_IDS = select(Result.program_id).where(
    Result.employee_id == bindparam("employee_id"), Result.released_at.is_not(None)
)
_SITTINGS_WITHOUT_RELEASED_RESULT = (
    select(Participation, AssessmentSession)
    .join(AssessmentSession, Participation.session_id == AssessmentSession.id)
    .where(
        Participation.employee_id == bindparam("employee_id"),
        AssessmentSession.program_id.not_in(_RELEASED_PROGRAM_IDS),
    )
    .options(joinedload(Participation.session).joinedload(AssessmentSession.program))
    .order_by(AssessmentSession.starts_at)
)


def scores_of(result: Result) -> list[CompetencyScore]:
    """The result's scores (loaded: ``released_results`` with scores) as the rules take them."""
    return [
        CompetencyScore(s.competency_code, s.required_level, s.achieved_level)
        for s in result.scores
    ]


async def released_results(
    session: AsyncSession, *, employee_id: int, with_scores: bool = True
) -> Sequence[Result]:
    """The employee's released results, newest first; ``with_scores=False`` leaves
    ``Result.scores`` unloaded (for a list that shows only program and date)."""
    statement = _RELEASED_WITH_SCORES if with_scores else _RELEASED
    rows = await session.scalars(statement, {"employee_id": employee_id})
    return rows.all()


async def released_program_ids(session: AsyncSession, *, employee_id: int) -> set[int]:
    """Programs in which the employee's result has been released."""
    rows = await session.scalars(_RELEASED_PROGRAM_IDS, {"employee_id": employee_id})
    return set(rows.all())


async def own_released_result(
    session: AsyncSession, *, result_id: int, employee_id: int
) -> Result | None:
    """The result, only if it is released and belongs to ``employee_id``."""
    result: Result | None = await session.scalar(
        select(Result)
        .where(
            Result.id == result_id,
            Result.employee_id == employee_id,
            Result.released_at.is_not(None),
        )
        .options(selectinload(Result.scores), joinedload(Result.program))
    )
    return result


@dataclass(frozen=True)
class PendingAssessment:
    """A program the employee takes part in whose result is not released yet."""

    program: AssessmentProgram
    has_unreleased_result: bool
    participation_status: str | None
    session_status: str | None
    session_ends_at: datetime | None


async def pending_assessments(
    session: AsyncSession, *, employee_id: int
) -> list[PendingAssessment]:
    """Per program without a released result: the unreleased result and/or the latest
    participation, oldest program first."""
    params = {"employee_id": employee_id}
    unreleased = (await session.scalars(_UNRELEASED, params)).all()
    rows = (await session.execute(_SITTINGS_WITHOUT_RELEASED_RESULT, params)).all()
    # A later sitting (after a reschedule) replaces an earlier one of the same program.
    latest: dict[int, tuple[Participation, AssessmentSession]] = {}
    for taken, booked in rows:
        latest[booked.program_id] = (taken, booked)
    programs = {r.program_id: r.program for r in unreleased}
    programs.update({pid: sitting.program for pid, (_, sitting) in latest.items()})
    found = []
    for program_id in sorted(programs, key=lambda pid: (programs[pid].year, pid)):
        participation, sitting = latest.get(program_id, (None, None))
        found.append(
            PendingAssessment(
                program=programs[program_id],
                has_unreleased_result=any(r.program_id == program_id for r in unreleased),
                participation_status=participation.status.value if participation else None,
                session_status=sitting.status.value if sitting else None,
                session_ends_at=sitting.ends_at if sitting else None,
            )
        )
    return found


def _unit_chain() -> Select[int]:
    chain = (
        select(Unit.id, Unit.parent_id)
        .where(Unit.id == bindparam("unit_id"))
        .cte("chain", recursive=True)
    )
    # UNION (not UNION ALL) stops at a unit already reached, should the data hold a cycle.
    chain = chain.union(select(Unit.id, Unit.parent_id).join(chain, Unit.id == chain.c.parent_id))
    return select(chain.c.id)


_UNIT_CHAIN = _unit_chain()


async def unit_and_parents(session: AsyncSession, *, unit_id: int) -> frozenset[int]:
    """The unit and every unit above it (a course for an OPD reaches its sub-units),
    in one statement."""
    rows = await session.scalars(_UNIT_CHAIN, {"unit_id": unit_id})
    return frozenset(rows.all())
