"""Messages the bot deletes later (revealed results): planned here, done by a job."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.outbox import ScheduledDeletion


async def schedule_deletion(
    session: AsyncSession, *, chat_id: int, message_ids: Sequence[int], due_at: datetime
) -> None:
    if message_ids:
        await session.execute(
            insert(ScheduledDeletion),
            [{"chat_id": chat_id, "message_id": m, "due_at": due_at} for m in message_ids],
        )


async def due_deletions(
    session: AsyncSession, *, now: datetime, limit: int
) -> list[tuple[int, int, int]]:
    """(row id, chat id, message id) of the deletions due by ``now``, oldest first."""
    rows = await session.execute(
        select(ScheduledDeletion.id, ScheduledDeletion.chat_id, ScheduledDeletion.message_id)
        .where(ScheduledDeletion.due_at <= now)
        .order_by(ScheduledDeletion.due_at, ScheduledDeletion.id)
        .limit(limit)
    )
    return [(row_id, chat_id, message_id) for row_id, chat_id, message_id in rows.all()]


async def forget_deletions(session: AsyncSession, *, ids: Sequence[int]) -> None:
    if ids:
        await session.execute(delete(ScheduledDeletion).where(ScheduledDeletion.id.in_(ids)))
