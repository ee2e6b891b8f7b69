"""The shared sending pace (``send_pace``): take a turn, hold back after a 429, forget.

Each turn is one ``UPDATE`` computed in the database, so any number of instances
can take turns on one row at once: the row lock orders them, and each reads back
the value its own update wrote. Commit right after: the row stays locked until
then.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, case, delete, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.pace import SendPace
from models.queries.seats import rowcount
from models.upserts import table_of


def _int(value: int) -> Any:
    # Microseconds since the epoch overflow a 32-bit parameter: say BIGINT.
    return literal(value, BigInteger)


async def advance(
    session: AsyncSession, *, key: str, now: int, interval: int, max_ahead: int
) -> int | None:
    """Move the pace ``key`` on by one message asked for at ``now``; its new ``next``,
    or None when the pace has no row yet (:func:`create` it, in its own transaction).

    ``next`` becomes ``max(next, now) + interval`` (``bot.core.pace.advance``); a
    ``next`` more than ``max_ahead`` ahead of ``now`` counts as ``now``.
    """
    column = SendPace.next_at
    start = case(
        (column > _int(now + max_ahead), _int(now)), (column > _int(now), column), else_=_int(now)
    )
    statement = (
        update(SendPace)
        .where(SendPace.key == key)
        .values(next_at=start + _int(interval))
        .execution_options(synchronize_session=False)
    )
    if session.get_bind().dialect.name in ("postgresql", "sqlite"):
        found = await session.scalar(statement.returning(column))
        return None if found is None else int(found)
    # MariaDB has no UPDATE ... RETURNING: read back what this transaction wrote.
    if rowcount(await session.execute(statement)) == 0:
        return None
    return int(await session.scalar(select(column).where(SendPace.key == key)) or 0)


async def hold(session: AsyncSession, *, key: str, until: int) -> None:
    """No turn of ``key`` before ``until`` (only ever moves ``next`` later; the row
    must exist: :func:`create` it first)."""
    await session.execute(
        update(SendPace)
        .where(SendPace.key == key, SendPace.next_at < _int(until))
        .values(next_at=_int(until))
        .execution_options(synchronize_session=False)
    )


async def forget(session: AsyncSession, *, before: int) -> int:
    """Delete paces whose next turn is long past (they say nothing any more)."""
    result = await session.execute(
        delete(SendPace)
        .where(SendPace.next_at < _int(before))
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)


async def create(session: AsyncSession, *, key: str, next_at: int) -> None:
    """Insert the pace's row unless it exists (another instance may just have made it).

    In a transaction of its own: on MariaDB an ``UPDATE`` that found no row holds a
    gap lock, and two such transactions inserting next would deadlock.
    """
    table = table_of(SendPace)
    dialect = session.get_bind().dialect.name
    values = {"key": key, "next_at": next_at}
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        await session.execute(pg_insert(table).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        await session.execute(sqlite_insert(table).values(values).on_conflict_do_nothing())
    else:
        await session.execute(insert(table).values(values).prefix_with("IGNORE"))
