"""Seat counters kept on the row (``seats_taken``) of a course or an assessment
session. A seat is taken with one conditional UPDATE, so two people racing for
the last seat cannot both get it: the database, not the reader, decides."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, CursorResult, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.assessment import AssessmentSession
from models.gapura import Course

Counted = type[Course] | type[AssessmentSession]


async def take_seat_where(
    session: AsyncSession, table: Counted, *where: ColumnElement[bool]
) -> bool:
    """One more seat taken in the row ``where`` picks; False when no row qualifies."""
    result = await session.execute(
        update(table)
        .where(*where)
        .values(seats_taken=table.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def release_seat_where(
    session: AsyncSession, table: Counted, *where: ColumnElement[bool]
) -> None:
    """One seat fewer taken in the row ``where`` picks, never below zero."""
    await session.execute(
        update(table)
        .where(*where, table.seats_taken > 0)
        .values(seats_taken=table.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )


def rowcount(result: Any) -> int:
    assert isinstance(result, CursorResult)
    return int(result.rowcount)
