"""Assessment results: only released ones, only one employee's."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from models.assessment import Result


async def released_results(session: AsyncSession, *, employee_id: int) -> Sequence[Result]:
    rows = await session.scalars(
        select(Result)
        .where(Result.employee_id == employee_id, Result.released_at.is_not(None))
        .options(selectinload(Result.scores), selectinload(Result.program))
        .order_by(Result.assessed_on.desc())
    )
    return rows.all()
