"""Announcements once composed: sending a draft into the outbox, an admin's pause,
resume or cancel, and a recipient's "Sudah dibaca".

The draft is a conversation step of the admin's (``bot.core.steps.DRAFT``); it is
taken in the transaction that writes the announcement, so of two **Kirim** pressed at
once (on two instances) one sends and the other finds no draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum, auto

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.steps import DRAFT
from bot.core.vocabulary import BroadcastStatus, NotificationStatus
from bot.usecases.audiences import recipients
from models.queries import broadcast_outbox as outbox
from models.queries import broadcasts as q
from models.queries import steps
from models.queries.audit import audit


class Control(StrEnum):
    """An admin's button on the progress message (the names end ``broadcast.*`` keys)."""

    PAUSED = auto()
    RESUMED = auto()
    CANCELLED = auto()


class Read(StrEnum):
    """What a recipient's "Sudah dibaca" did."""

    READ = auto()  # counted now
    AGAIN = auto()  # counted before
    UNKNOWN = auto()  # not an announcement to them


@dataclass(frozen=True)
class Sent:
    """The announcement written into the outbox."""

    broadcast_id: int
    recipients: int


async def send(
    session: AsyncSession,
    *,
    admin_id: int,
    now: datetime,
    today: date,
    jp_target: Callable[[str], int],
) -> Sent | None:
    """Write the admin's draft into the outbox, for its audience as it is now; None when
    the draft is gone (sent or cancelled meanwhile)."""
    taken = await steps.take(session, telegram_user_id=admin_id, step=DRAFT, now=now)
    if taken is None:
        return None
    draft = taken.payload
    audience = draft["audience"]
    employee_ids = await recipients(session, audience=audience, today=today, jp_target=jp_target)
    broadcast = await outbox.create(
        session,
        created_by=admin_id,
        text=draft["text"],
        attachment_kind=draft.get("attachment_kind"),
        attachment_file_id=draft.get("attachment_file_id"),
        audience={k: v for k, v in audience.items() if k != "employee_ids"},
        ask_ack=draft["ask_ack"],
        employee_ids=employee_ids,
        now=now,
    )
    await audit(
        session, now=now, action="broadcast.created", actor_kind="admin",
        actor_telegram_id=admin_id, broadcast_id=broadcast.id, audience=audience["kind"],
        recipients=len(employee_ids), ask_ack=draft["ask_ack"],
        attachment=draft.get("attachment_kind"),
    )  # fmt: skip
    return Sent(broadcast.id, len(employee_ids))


async def control(
    session: AsyncSession, *, admin_id: int, broadcast_id: int, action: Control, now: datetime
) -> bool:
    """Pause, resume or cancel an announcement, audited; False when it was not in a state
    to change (already paused, done...)."""
    changed = await _change(session, broadcast_id, action, now)
    if changed:
        await audit(
            session, now=now, action=f"broadcast.{action}", actor_kind="admin",
            actor_telegram_id=admin_id, broadcast_id=broadcast_id,
        )  # fmt: skip
    return changed


async def _change(session: AsyncSession, broadcast_id: int, action: Control, now: datetime) -> bool:
    """Pausing parks the notices not yet sent far in the future (the dispatcher never
    claims them), resuming makes them due now, cancelling withdraws them (their
    deliveries stay pending: never sent)."""
    if action is Control.PAUSED:
        before = [BroadcastStatus.SENDING]
        after: dict[str, object] = {"status": BroadcastStatus.PAUSED}
        notices: dict[str, object] = {"due_at": now + q.PARKED}
    elif action is Control.RESUMED:
        before, after = [BroadcastStatus.PAUSED], {"status": BroadcastStatus.SENDING}
        notices = {"due_at": now}
    else:
        before = [BroadcastStatus.SENDING, BroadcastStatus.PAUSED]
        after = {"status": BroadcastStatus.CANCELLED, "finished_at": now}
        notices = {"status": NotificationStatus.CANCELLED}
    if not await q.change_status(session, broadcast_id=broadcast_id, before=before, **after):
        return False
    await q.change_pending_notices(session, broadcast_id=broadcast_id, **notices)
    return True


async def mark_read(
    session: AsyncSession, *, broadcast_id: int, employee_id: int, now: datetime
) -> Read:
    """Count a recipient's "Sudah dibaca" once."""
    return Read(
        await q.mark_read(session, broadcast_id=broadcast_id, employee_id=employee_id, now=now)
    )
