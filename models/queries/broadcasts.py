"""Admin announcements once written into the outbox: their deliveries, progress,
pause / resume / cancel, and the recipients' "Sudah dibaca". Who receives one:
:mod:`models.queries.audiences`; writing it: :mod:`models.queries.broadcast_outbox`.

An announcement is one ``broadcasts`` row, one ``broadcast_deliveries`` row per
recipient and one ``broadcast`` notification per recipient. The dispatcher sends
the notifications and records each outcome on the delivery in the same
transaction, so counting deliveries is the progress.
Pausing parks the pending notifications far in the future (the dispatcher then
never claims them); resuming makes them due again (sequenced by
:mod:`bot.usecases.announcements`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import broadcast as rules
from bot.core.vocabulary import (
    BroadcastStatus,
    DeliveryStatus,
    NotificationStatus,
)
from models.outbox import Broadcast, BroadcastDelivery, Notification
from models.queries.seats import rowcount

CHUNK = 500
PARKED = timedelta(days=3650)  # a paused announcement's notices wait "forever"
WAITING = (NotificationStatus.PENDING, NotificationStatus.CLAIMED)
# Done announcements asking for a read keep their live read count this long.
READ_WATCH = timedelta(days=7)


async def record_delivery(
    session: AsyncSession, *, broadcast_id: int, employee_id: int, status: str, now: datetime
) -> None:
    """The dispatcher's outcome for one recipient: delivered, blocked or failed."""
    values: dict[str, Any] = {"status": DeliveryStatus(status)}
    if status == DeliveryStatus.DELIVERED:
        values["delivered_at"] = now
    await session.execute(
        update(BroadcastDelivery)
        .where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.employee_id == employee_id,
            BroadcastDelivery.status == DeliveryStatus.PENDING,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def statuses(session: AsyncSession, *, ids: Collection[int]) -> dict[int, str]:
    """Broadcast id -> status, for the announcements of a dispatcher batch."""
    if not ids:
        return {}
    rows = await session.execute(
        select(Broadcast.id, Broadcast.status).where(Broadcast.id.in_(list(ids)))
    )
    return {i: str(status) for i, status in rows.all()}


async def sent_now(session: AsyncSession, *, ids: Collection[int]) -> set[int]:
    """The announcements among ``ids`` their admin chose to send now (past quiet hours)."""
    if not ids:
        return set()
    rows = await session.scalars(
        select(Broadcast.id).where(Broadcast.id.in_(list(ids)), Broadcast.send_now.is_(True))
    )
    return set(rows.all())


async def next_due(session: AsyncSession, *, broadcast_id: int) -> datetime | None:
    """When the announcement's next notice not yet taken is due (None: none left)."""
    due: datetime | None = await session.scalar(
        select(func.min(Notification.due_at)).where(
            Notification.broadcast_id == broadcast_id,
            Notification.status == NotificationStatus.PENDING,
        )
    )
    return due


async def mark_read(
    session: AsyncSession, *, broadcast_id: int, employee_id: int, now: datetime
) -> str:
    """ "read" (counted now), "again" (counted before) or "unknown" (not theirs)."""
    result = await session.execute(
        update(BroadcastDelivery)
        .where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.employee_id == employee_id,
            BroadcastDelivery.read_at.is_(None),
        )
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result):
        return "read"
    found = await session.scalar(
        select(BroadcastDelivery.id).where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.employee_id == employee_id,
        )
    )
    return "unknown" if found is None else "again"


# ------------------------------------------------------------------ progress and control


async def by_id(session: AsyncSession, *, broadcast_id: int) -> Broadcast | None:
    return await session.get(Broadcast, broadcast_id)


async def progress(session: AsyncSession, *, broadcast_id: int) -> rules.Progress:
    """Recipients by outcome, reads, and notices still waiting to be sent."""
    row = (
        await session.execute(
            select(
                func.count(BroadcastDelivery.id),
                _sum(BroadcastDelivery.status == DeliveryStatus.DELIVERED),
                _sum(BroadcastDelivery.status == DeliveryStatus.BLOCKED),
                _sum(BroadcastDelivery.status == DeliveryStatus.FAILED),
                _sum(BroadcastDelivery.read_at.is_not(None)),
            ).where(BroadcastDelivery.broadcast_id == broadcast_id)
        )
    ).one()
    waiting = await session.scalar(
        select(func.count(Notification.id)).where(
            Notification.broadcast_id == broadcast_id, Notification.status.in_(WAITING)
        )
    )
    total, delivered, blocked, failed, read = (int(v or 0) for v in row)
    return rules.Progress(total, delivered, blocked, failed, read, int(waiting or 0))


def _sum(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


async def watched(session: AsyncSession, *, now: datetime) -> Sequence[Broadcast]:
    """Announcements whose live message may change: sending, paused, or done lately
    and counting reads."""
    rows = await session.scalars(
        select(Broadcast)
        .where(
            Broadcast.status.in_([BroadcastStatus.SENDING, BroadcastStatus.PAUSED])
            | (
                (Broadcast.status == BroadcastStatus.DONE)
                & Broadcast.ask_ack.is_(True)
                & (Broadcast.finished_at >= now - READ_WATCH)
            )
        )
        .order_by(Broadcast.id)
    )
    return rows.all()


async def claim_progress(
    session: AsyncSession,
    *,
    broadcast_id: int,
    seen_at: datetime | None,
    seen_text: str | None,
    text: str,
    now: datetime,
) -> bool:
    """Take the turn to show ``text`` on the admin's progress message (send it, or edit
    it): only while nobody did since ``seen_at`` / ``seen_text`` were read, so that two
    instances never both send or edit it."""
    result = await session.execute(
        update(Broadcast)
        .where(
            Broadcast.id == broadcast_id,
            _is(Broadcast.progress_at, seen_at),
            _is(Broadcast.progress_text, seen_text),
        )
        .values(progress_at=now, progress_text=text)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def progress_sent(session: AsyncSession, *, broadcast_id: int, message_id: int) -> None:
    """Remember the admin's progress message, for every instance to edit."""
    await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id)
        .values(progress_message_id=message_id)
        .execution_options(synchronize_session=False)
    )


def _is(column: Any, value: object) -> Any:
    return column.is_(None) if value is None else column == value


async def change_status(
    session: AsyncSession,
    *,
    broadcast_id: int,
    before: Sequence[BroadcastStatus],
    **values: Any,
) -> bool:
    """Set ``values`` on the announcement if its status is one of ``before``; False when
    it is not (another admin, or the dispatcher, changed it first)."""
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status.in_(list(before)))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def change_pending_notices(
    session: AsyncSession, *, broadcast_id: int, **values: Any
) -> None:
    """Set ``values`` on the announcement's notices not yet claimed for sending."""
    await session.execute(
        update(Notification)
        .where(
            Notification.broadcast_id == broadcast_id,
            Notification.status == NotificationStatus.PENDING,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def finish_if_done(session: AsyncSession, *, broadcast_id: int, now: datetime) -> bool:
    """Mark a sending announcement done once nothing waits; True for the one caller
    that did (it sends the final report)."""
    waiting = exists(
        select(Notification.id).where(
            Notification.broadcast_id == broadcast_id, Notification.status.in_(WAITING)
        )
    )
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.SENDING, ~waiting)
        .values(status=BroadcastStatus.DONE, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1
