"""Conversation steps (``bot/core/steps.py``): one row per Telegram user and kind.

Writing a step replaces the user's earlier one of that kind in one statement (an
upsert on the unique key), and taking one deletes it in one statement that says
whether it was there: of two instances taking the same step at once, exactly one
gets it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.steps import Held, Step
from models.chat import ConversationStep
from models.queries.seats import rowcount
from models.upserts import table_of

_STEPS = table_of(ConversationStep)
_KEY = ("telegram_user_id", "name")


async def put(
    session: AsyncSession,
    *,
    telegram_user_id: int,
    step: Step,
    payload: dict[str, Any],
    now: datetime,
) -> None:
    """Start ``step`` for this user, or replace the one there; it lasts from ``now``."""
    values = {"payload": payload, "expires_at": now + step.lasts, "updated_at": now}
    await session.execute(
        _upsert(
            session, {"telegram_user_id": telegram_user_id, "name": step.name, **values}, values
        )
    )


async def peek(
    session: AsyncSession, *, telegram_user_id: int, step: Step, now: datetime
) -> Held | None:
    """The user's ``step``, expired or not, left where it is; None when there is none."""
    row = (
        await session.execute(
            select(ConversationStep.payload, ConversationStep.expires_at).where(
                ConversationStep.telegram_user_id == telegram_user_id,
                ConversationStep.name == step.name,
            )
        )
    ).first()
    return None if row is None else Held.found(row.payload, expires_at=row.expires_at, now=now)


async def take(
    session: AsyncSession, *, telegram_user_id: int, step: Step, now: datetime
) -> Held | None:
    """Delete the user's ``step`` and return it (expired or not); None when another
    instance took it first, or there was none."""
    mine = (
        ConversationStep.telegram_user_id == telegram_user_id,
        ConversationStep.name == step.name,
    )
    if session.get_bind().dialect.delete_returning:
        row = (
            await session.execute(
                delete(ConversationStep)
                .where(*mine)
                .returning(ConversationStep.payload, ConversationStep.expires_at)
            )
        ).first()
        return None if row is None else Held.found(row.payload, expires_at=row.expires_at, now=now)
    # No DELETE ... RETURNING (MySQL, SQLite before 3.35): read, then delete that row;
    # only the delete that removed it counts.
    found = (
        await session.execute(
            select(ConversationStep.id, ConversationStep.payload, ConversationStep.expires_at)
            .where(*mine)
            .with_for_update()
        )
    ).first()
    if found is None:
        return None
    gone = await session.execute(delete(ConversationStep).where(ConversationStep.id == found.id))
    if rowcount(gone) != 1:
        return None
    return Held.found(found.payload, expires_at=found.expires_at, now=now)


async def forget(
    session: AsyncSession, *, telegram_user_id: int, steps: Collection[Step] | None = None
) -> None:
    """Delete the user's ``steps`` (every step of theirs when None)."""
    query = delete(ConversationStep).where(ConversationStep.telegram_user_id == telegram_user_id)
    if steps is not None:
        query = query.where(ConversationStep.name.in_([s.name for s in steps]))
    await session.execute(query)


async def has_any(session: AsyncSession, *, telegram_user_id: int, steps: Collection[Step]) -> bool:
    """Whether the user has any of ``steps``: a read to skip a write that would do nothing."""
    found = await session.scalar(
        select(ConversationStep.id)
        .where(
            ConversationStep.telegram_user_id == telegram_user_id,
            ConversationStep.name.in_([s.name for s in steps]),
        )
        .limit(1)
    )
    return found is not None


async def forget_expired(session: AsyncSession, *, before: datetime) -> int:
    """Delete the steps that expired before ``before``; how many went."""
    result = await session.execute(
        delete(ConversationStep).where(ConversationStep.expires_at < before)
    )
    return rowcount(result)


def _upsert(session: AsyncSession, row: dict[str, Any], values: dict[str, Any]) -> Any:
    """INSERT ``row``, or UPDATE it with ``values`` when the user has that step already."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(_STEPS).values(row).on_conflict_do_update(index_elements=_KEY, set_=values)
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return (
            sqlite_insert(_STEPS)
            .values(row)
            .on_conflict_do_update(index_elements=_KEY, set_=values)
        )
    from sqlalchemy.dialects.mysql import insert as mysql_insert

    return mysql_insert(_STEPS).values(row).on_duplicate_key_update(**values)
