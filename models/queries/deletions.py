"""Revealed results the bot deletes later: on a timer (``due_at``), or when the person
leaves. Planned here, done by a job or by the leaving itself."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.outbox import ScheduledDeletion
from models.queries.seats import rowcount


async def schedule_deletion(
    session: AsyncSession,
    *,
    chat_id: int,
    message_ids: Sequence[int],
    sent_at: datetime,
    due_at: datetime | None,
) -> None:
    """Note messages to delete: at ``due_at``, or (None) only when the person leaves."""
    if message_ids:
        await session.execute(
            insert(ScheduledDeletion),
            [
                {"chat_id": chat_id, "message_id": m, "sent_at": sent_at, "due_at": due_at}
                for m in message_ids
            ],
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


async def make_due(session: AsyncSession, *, chat_id: int, now: datetime) -> int:
    """Make every deletion planned in this chat due at once (the person leaves), so the
    deletions job retries any that fail now; how many there are."""
    result = await session.execute(
        update(ScheduledDeletion).where(ScheduledDeletion.chat_id == chat_id).values(due_at=now)
    )
    return rowcount(result)


async def deletions_in_chat(session: AsyncSession, *, chat_id: int) -> list[tuple[int, int, int]]:
    """(row id, chat id, message id) of every deletion planned in this chat."""
    rows = await session.execute(
        select(ScheduledDeletion.id, ScheduledDeletion.chat_id, ScheduledDeletion.message_id)
        .where(ScheduledDeletion.chat_id == chat_id)
        .order_by(ScheduledDeletion.id)
    )
    return [(row_id, chat, message_id) for row_id, chat, message_id in rows.all()]


async def forget_deletions(session: AsyncSession, *, ids: Sequence[int]) -> None:
    if ids:
        await session.execute(delete(ScheduledDeletion).where(ScheduledDeletion.id.in_(ids)))


async def forget_undeletable(session: AsyncSession, *, sent_before: datetime) -> int:
    """Forget the messages without a timer sent before ``sent_before``: Telegram no longer
    lets a bot delete them. How many went."""
    result = await session.execute(
        delete(ScheduledDeletion).where(
            ScheduledDeletion.due_at.is_(None), ScheduledDeletion.sent_at < sent_before
        )
    )
    return rowcount(result)
