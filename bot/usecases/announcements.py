"""Announcements once composed: sending a draft into the outbox, an admin's pause,
resume or cancel, and a recipient's "Sudah dibaca".

The draft is a conversation step of the admin's (``bot.core.steps.DRAFT``); it is
taken in the transaction that writes the announcement, so of two **Kirim** pressed at
once (on two instances) one sends and the other finds no draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum, auto

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.sending import Calendar, Start, announcement_start
from bot.core.steps import DRAFT
from bot.core.vocabulary import BroadcastStatus, NotificationStatus
from bot.usecases.audiences import recipients
from models.queries import broadcast_outbox as outbox
from models.queries import broadcasts as q
from models.queries import outbox as notices
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
    start: Start


async def start(session: AsyncSession, *, now: datetime, calendar: Calendar) -> Start:
    """When an announcement confirmed ``now`` would start going out (``calendar``
    without its holidays: they are read here)."""
    days = await notices.holidays(session, since=now - timedelta(days=1))
    return announcement_start(now, replace(calendar, holidays=days))


async def send(
    session: AsyncSession,
    *,
    admin_id: int,
    now: datetime,
    today: date,
    jp_target: Callable[[str], int],
    calendar: Calendar,
    send_now: bool = False,
) -> Sent | None:
    """Write the admin's draft into the outbox, for its audience as it is now, due when
    the rules let it go (``send_now``: at once, past quiet hours and days off); None
    when the draft is gone (sent or cancelled meanwhile)."""
    taken = await steps.take(session, telegram_user_id=admin_id, step=DRAFT, now=now)
    if taken is None:
        return None
    draft = taken.payload
    audience = draft["audience"]
    employee_ids = await recipients(session, audience=audience, today=today, jp_target=jp_target)
    begins = Start(now, None) if send_now else await start(session, now=now, calendar=calendar)
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
        start=begins.at,
        send_now=send_now,
    )
    await audit(
        session, now=now, action="broadcast.created", actor_kind="admin",
        actor_telegram_id=admin_id, broadcast_id=broadcast.id, audience=audience["kind"],
        recipients=len(employee_ids), ask_ack=draft["ask_ack"],
        attachment=draft.get("attachment_kind"), send_now=send_now,
        starts_at=begins.at.isoformat(),
    )  # fmt: skip
    return Sent(broadcast.id, len(employee_ids), begins)


async def send_now(
    session: AsyncSession, *, admin_id: int, broadcast_id: int, now: datetime
) -> bool:
    """ "Kirim sekarang" on a waiting announcement: its notices are due now and go past
    quiet hours and days off; audited. False when it is no longer sending."""
    changed = await q.change_status(
        session, broadcast_id=broadcast_id, before=[BroadcastStatus.SENDING], send_now=True
    )
    if changed:
        await q.change_pending_notices(session, broadcast_id=broadcast_id, due_at=now)
        await audit(
            session, now=now, action="broadcast.send_now", actor_kind="admin",
            actor_telegram_id=admin_id, broadcast_id=broadcast_id,
        )  # fmt: skip
    return changed


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
