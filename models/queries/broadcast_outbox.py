"""Writing a confirmed announcement into the outbox: one ``broadcasts`` row, one
``broadcast_deliveries`` row per recipient and one ``broadcast`` notification per
recipient (key ``broadcast:{id}:emp:{employee_id}``), in chunks, in the transaction
that confirms it. What happens to it next: :mod:`models.queries.broadcasts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.reminders import BROADCAST
from bot.core.vocabulary import BroadcastStatus, DeliveryStatus, NotificationStatus
from models.outbox import Broadcast, BroadcastDelivery, Notification

CHUNK = 500


def key(broadcast_id: int, employee_id: int) -> str:
    return f"broadcast:{broadcast_id}:emp:{employee_id}"


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
    start: datetime | None = None,
    send_now: bool = False,
) -> Broadcast:
    """The announcement, sending from ``start`` (now when None; later when it waits for
    quiet hours or a working day): its deliveries and one notice per recipient."""
    broadcast = Broadcast(
        created_by=created_by,
        text=text,
        attachment_kind=attachment_kind,
        attachment_file_id=attachment_file_id,
        audience=audience,
        ask_ack=ask_ack,
        send_now=send_now,
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
    await _address(session, broadcast.id, employee_ids, payload, start or now)
    return broadcast


async def _address(
    session: AsyncSession,
    broadcast_id: int,
    employee_ids: Sequence[int],
    payload: dict[str, Any],
    due: datetime,
) -> None:
    """A delivery and a notice due at ``due`` for each recipient, written in chunks."""
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
                    "due_at": due,
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
