"""Releasing a program's results: imported results stay hidden until then.

The notification planner notices newly released results by itself, so this
module only sets the timestamps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.assessment import AssessmentProgram, Result
from models.queries.seats import rowcount


@dataclass(frozen=True)
class Unreleased:
    program_id: int
    name: str
    year: int
    count: int


async def unreleased_programs(session: AsyncSession, *, limit: int = 20) -> list[Unreleased]:
    """Programs with results not yet released, and how many."""
    rows = await session.execute(
        select(
            AssessmentProgram.id,
            AssessmentProgram.name,
            AssessmentProgram.year,
            func.count(Result.id),
        )
        .join(Result, Result.program_id == AssessmentProgram.id)
        .where(Result.released_at.is_(None))
        .group_by(AssessmentProgram.id, AssessmentProgram.name, AssessmentProgram.year)
        .order_by(AssessmentProgram.year.desc(), AssessmentProgram.id)
        .limit(limit)
    )
    return [Unreleased(i, n, y, int(c)) for i, n, y, c in rows.all()]


async def unreleased_count(session: AsyncSession, *, program_id: int) -> int:
    found = await session.scalar(
        select(func.count(Result.id)).where(
            Result.program_id == program_id, Result.released_at.is_(None)
        )
    )
    return int(found or 0)


async def release_results(session: AsyncSession, *, program_id: int, now: datetime) -> int:
    """Release every hidden result of the program; the number released (0: nothing to do)."""
    done = await session.execute(
        update(Result)
        .where(Result.program_id == program_id, Result.released_at.is_(None))
        .values(released_at=now)
        .execution_options(synchronize_session=False)
    )
    count = rowcount(done)
    if count:
        await session.execute(
            update(AssessmentProgram)
            .where(AssessmentProgram.id == program_id)
            .values(results_released_at=now)
            .execution_options(synchronize_session=False)
        )
    return count
