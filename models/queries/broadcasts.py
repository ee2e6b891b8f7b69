"""Admin announcements: writing one into the outbox, its progress, pause / resume /
cancel, and the recipients' "Sudah dibaca" (who receives one:
:mod:`models.queries.audiences`).

An announcement is one ``broadcasts`` row, one ``broadcast_deliveries`` row per
recipient and one ``broadcast`` notification per recipient (key
``broadcast:{id}:emp:{employee_id}``), written in chunks in the transaction that
confirms it. The dispatcher sends the notifications and records each outcome on
the delivery in the same transaction, so counting deliveries is the progress.
Pausing parks the pending notifications far in the future (the dispatcher then
never claims them); resuming makes them due again.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import broadcast as rules
from bot.core.reminders import BROADCAST
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


def key(broadcast_id: int, employee_id: int) -> str:
    return f"broadcast:{broadcast_id}:emp:{employee_id}"


# ------------------------------------------------------------------ writing


async def create(
    session: AsyncSession,
    *,
    created_by: int,
    text: str,
    attachment_kind: str | None,
    attachment_file_id: str | None,
    audience: dict[str, Any],
    ask_ack: bool,
    employee_ids: Sequence[int],
    now: datetime,
) -> Broadcast:
    """The announcement, sending now: its deliveries and one notice per recipient."""
    broadcast = Broadcast(
        created_by=created_by,
        text=text,
        attachment_kind=attachment_kind,
        attachment_file_id=attachment_file_id,
        audience=audience,
        ask_ack=ask_ack,
        status=BroadcastStatus.SENDING,
        created_at=now,
        started_at=now,
    )
    session.add(broadcast)
    await session.flush()
    payload = notice_payload(
        broadcast_id=broadcast.id,
        text=text,
        ask_ack=ask_ack,
        attachment_kind=attachment_kind,
        attachment_file_id=attachment_file_id,
    )
    await _address(session, broadcast.id, employee_ids, payload, now)
    return broadcast


async def _address(
    session: AsyncSession,
    broadcast_id: int,
    employee_ids: Sequence[int],
    payload: dict[str, Any],
    now: datetime,
) -> None:
    """A delivery and a notice due now for each recipient, written in chunks."""
    for start in range(0, len(employee_ids), CHUNK):
        chunk = employee_ids[start : start + CHUNK]
        await session.execute(
            insert(BroadcastDelivery),
            [
                {"broadcast_id": broadcast_id, "employee_id": e, "status": DeliveryStatus.PENDING}
                for e in chunk
            ],
        )
        await session.execute(
            insert(Notification),
            [
                {
                    "key": key(broadcast_id, e),
                    "employee_id": e,
                    "kind": BROADCAST,
                    "due_at": now,
                    "stale_after": None,
                    "status": NotificationStatus.PENDING,
                    "payload": payload,
                    "broadcast_id": broadcast_id,
                    "attempts": 0,
                }
                for e in chunk
            ],
        )


def notice_payload(
    *,
    broadcast_id: int,
    text: str,
    ask_ack: bool,
    attachment_kind: str | None,
    attachment_file_id: str | None,
) -> dict[str, Any]:
    """What ``jobs.render`` needs to show the announcement (the preview uses it too)."""
    payload: dict[str, Any] = {"text": text, "broadcast_id": broadcast_id, "ack": ask_ack}
    if attachment_kind and attachment_file_id:
        payload.update(attachment_kind=attachment_kind, attachment_file_id=attachment_file_id)
    return payload


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


async def _move(
    session: AsyncSession, broadcast_id: int, old: Sequence[BroadcastStatus], **values: Any
) -> bool:
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status.in_(list(old)))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def _notices(session: AsyncSession, broadcast_id: int, **values: Any) -> None:
    await session.execute(
        update(Notification)
        .where(
            Notification.broadcast_id == broadcast_id,
            Notification.status == NotificationStatus.PENDING,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def pause(session: AsyncSession, *, broadcast_id: int, now: datetime) -> bool:
    """Stop sending (what is in flight still goes); False if it was not sending."""
    if not await _move(
        session, broadcast_id, [BroadcastStatus.SENDING], status=BroadcastStatus.PAUSED
    ):
        return False
    await _notices(session, broadcast_id, due_at=now + PARKED)
    return True


async def resume(session: AsyncSession, *, broadcast_id: int, now: datetime) -> bool:
    if not await _move(
        session, broadcast_id, [BroadcastStatus.PAUSED], status=BroadcastStatus.SENDING
    ):
        return False
    await _notices(session, broadcast_id, due_at=now)
    return True


async def cancel(session: AsyncSession, *, broadcast_id: int, now: datetime) -> bool:
    """Withdraw what has not been sent; the deliveries of those stay pending."""
    old = [BroadcastStatus.SENDING, BroadcastStatus.PAUSED]
    if not await _move(
        session, broadcast_id, old, status=BroadcastStatus.CANCELLED, finished_at=now
    ):
        return False
    await _notices(session, broadcast_id, status=NotificationStatus.CANCELLED)
    return True


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
