"""Operations: the health check's ping and the figures ``/metrics`` reads at scrape time."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.vocabulary import BroadcastStatus, NotificationStatus
from models.outbox import Broadcast, BroadcastDelivery, Notification


async def ping(session: AsyncSession) -> None:
    """Raise unless the database answers."""
    await session.execute(text("SELECT 1"))


async def pending_notifications(session: AsyncSession) -> int:
    """Notifications not yet sent; counted on the (status, due_at) index."""
    count = await session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.status == NotificationStatus.PENDING)
    )
    return int(count or 0)


async def broadcasts_by_status(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(select(Broadcast.status, func.count()).group_by(Broadcast.status))
    return {str(status): int(count) for status, count in rows.all()}


async def active_deliveries_by_status(session: AsyncSession) -> dict[str, int]:
    """Recipients of announcements still going out (sending or paused), by status."""
    rows = await session.execute(
        select(BroadcastDelivery.status, func.count())
        .join(Broadcast, Broadcast.id == BroadcastDelivery.broadcast_id)
        .where(Broadcast.status.in_([BroadcastStatus.SENDING, BroadcastStatus.PAUSED]))
        .group_by(BroadcastDelivery.status)
    )
    return {str(status): int(count) for status, count in rows.all()}
