"""Conversation steps in the database: one per user and kind, replaced in place, and
taken by exactly one of two instances that try at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.core.steps import DRAFT, LANGUAGE, REASON, Held
from models import ConversationStep
from models.queries import steps

USER = 4101


async def count(db: async_sessionmaker[AsyncSession]) -> int:
    async with db() as session:
        return int(await session.scalar(select(func.count(ConversationStep.id))) or 0)


async def test_a_step_put_again_replaces_the_first_and_lasts_from_then(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        await steps.put(
            session, telegram_user_id=USER, step=DRAFT, payload={"step": "text"}, now=clock.now()
        )
    clock.advance(DRAFT.lasts - timedelta(minutes=1))
    async with db.begin() as session:
        await steps.put(
            session, telegram_user_id=USER, step=DRAFT, payload={"step": "ready"}, now=clock.now()
        )
    clock.advance(timedelta(minutes=2))

    async with db() as session:
        found = await steps.peek(session, telegram_user_id=USER, step=DRAFT, now=clock.now())
        other = await steps.peek(session, telegram_user_id=USER, step=REASON, now=clock.now())
    assert found == Held(payload={"step": "ready"}, expired=False)
    assert other is None
    assert await count(db) == 1


async def test_a_step_past_its_time_is_found_expired(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        await steps.put(
            session, telegram_user_id=USER, step=REASON, payload={"participation_id": 7},
            now=clock.now(),
        )  # fmt: skip
    clock.advance(REASON.lasts)

    async with db.begin() as session:
        taken = await steps.take(session, telegram_user_id=USER, step=REASON, now=clock.now())
    assert taken == Held(payload={"participation_id": 7}, expired=True)
    assert await count(db) == 0


@pytest.mark.parametrize("returning", [True, False], ids=["delete_returning", "select_delete"])
async def test_of_two_takes_at_once_exactly_one_gets_the_step(
    db: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    returning: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with db.begin() as session:
        await steps.put(
            session, telegram_user_id=USER, step=REASON, payload={"participation_id": 7},
            now=clock.now(),
        )  # fmt: skip
        dialect = session.get_bind().dialect
    # Without DELETE ... RETURNING (MySQL, old SQLite) the take reads, then deletes.
    monkeypatch.setattr(dialect, "delete_returning", returning and dialect.delete_returning)

    async def take() -> Held | None:
        async with db.begin() as session:
            return await steps.take(session, telegram_user_id=USER, step=REASON, now=clock.now())

    results = await asyncio.gather(take(), take())

    assert sorted(results, key=lambda held: held is None) == [
        Held(payload={"participation_id": 7}, expired=False),
        None,
    ]
    assert await count(db) == 0


async def test_forgetting_takes_the_steps_named_or_all_of_a_users(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        for user in (USER, USER + 1):
            for step in (REASON, LANGUAGE, DRAFT):
                await steps.put(
                    session, telegram_user_id=user, step=step, payload={}, now=clock.now()
                )
        await steps.forget(session, telegram_user_id=USER, steps=[REASON, LANGUAGE])
        left = await steps.has_any(session, telegram_user_id=USER, steps=[REASON, LANGUAGE])
        await steps.forget(session, telegram_user_id=USER + 1)

    async with db() as session:
        names = (await session.scalars(select(ConversationStep.name))).all()
    assert left is False
    assert names == [DRAFT.name]


async def test_steps_expired_before_the_cutoff_are_deleted(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        await steps.put(session, telegram_user_id=USER, step=REASON, payload={}, now=clock.now())
        await steps.put(session, telegram_user_id=USER, step=DRAFT, payload={}, now=clock.now())

    async with db.begin() as session:
        gone = await steps.forget_expired(
            session, before=clock.now() + REASON.lasts + timedelta(seconds=1)
        )

    assert gone == 1
    async with db() as session:
        names = (await session.scalars(select(ConversationStep.name))).all()
    assert names == [DRAFT.name]
