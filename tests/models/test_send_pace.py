"""The shared sending pace on every database: instances taking turns at the same
moment each get their own, a flood wait holds every instance back."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core import pace as p
from models.db import create_engine, create_sessionmaker
from models.queries import pace as q

NOW = 1_740_967_200 * p.SECOND  # 3 March 2025, 02:00 UTC
STEP = 34_483  # 29 messages a second


async def turn(db: async_sessionmaker[AsyncSession], now: int = NOW) -> int:
    async with db.begin() as session:
        taken = await q.advance(session, key="bot:1", now=now, interval=STEP, max_ahead=p.MAX_AHEAD)
    assert taken is not None
    return taken


async def pace_row(db: async_sessionmaker[AsyncSession]) -> None:
    async with db.begin() as session:
        assert await q.advance(session, key="bot:1", now=0, interval=1, max_ahead=0) is None
        await q.create(session, key="bot:1", next_at=0)
        await q.create(session, key="bot:1", next_at=0)  # made already: nothing happens


async def test_two_instances_taking_turns_at_once_never_share_one(
    db: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    await pace_row(db)
    other_engine = create_engine(database_url)
    other = create_sessionmaker(other_engine)

    got = await asyncio.gather(*(turn(db if n % 2 else other) for n in range(40)))

    assert sorted(got) == [NOW + k * STEP for k in range(1, 41)]
    await other_engine.dispose()


async def test_a_flood_wait_holds_back_every_turn_and_a_quiet_pace_starts_from_now(
    db: async_sessionmaker[AsyncSession],
) -> None:
    await pace_row(db)
    assert await turn(db) == NOW + STEP
    async with db.begin() as session:
        await q.hold(session, key="bot:1", until=NOW + 5 * p.SECOND)
        await q.hold(session, key="bot:1", until=NOW + p.SECOND)  # never earlier again
    assert await turn(db) == NOW + 5 * p.SECOND + STEP
    later = NOW + 60 * p.SECOND
    assert await turn(db, later) == later + STEP
    async with db.begin() as session:
        assert await q.forget(session, before=later) == 0
        assert await q.forget(session, before=later + p.SECOND) == 1
