"""An announcement sent from an admin's draft, paused, resumed and cancelled
(bot.usecases.announcements), against a real database: the rows written."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.core import broadcast as rules
from bot.core.sending import Calendar
from bot.core.steps import DRAFT
from bot.usecases import announcements
from bot.usecases.announcements import Control
from models.audit import AuditEvent
from models.outbox import Broadcast, Notification
from models.queries import steps
from tests.factories import add_employee, add_linked_user

ADMIN = 900000001
CALENDAR = Calendar(tz=ZoneInfo("Asia/Jakarta"))


async def _sent(session: AsyncSession, clock: FakeClock) -> int:
    """An announcement to everyone (Budi, linked), sent from a draft."""
    budi = await add_employee(session)
    await add_linked_user(session, employee=budi, telegram_user_id=7001, now=clock.now())
    draft = {"admin_id": ADMIN, "text": "Rapat", "ask_ack": False, "audience": {"kind": rules.ALL}}
    await steps.put(session, telegram_user_id=ADMIN, step=DRAFT, payload=draft, now=clock.now())
    sent = await announcements.send(
        session, admin_id=ADMIN, now=clock.now(), today=clock.now().date(),
        jp_target=lambda status: 20, calendar=CALENDAR,
    )  # fmt: skip
    assert sent is not None and sent.recipients == 1
    return sent.broadcast_id


async def _control(
    session: AsyncSession, clock: FakeClock, broadcast_id: int, action: Control
) -> bool:
    return await announcements.control(
        session, admin_id=ADMIN, broadcast_id=broadcast_id, action=action, now=clock.now()
    )


async def _state(session: AsyncSession, broadcast_id: int) -> tuple[str, str, datetime]:
    """(the announcement's status, its notice's status and due time)."""
    status = await session.scalar(select(Broadcast.status).where(Broadcast.id == broadcast_id))
    notice = (await session.execute(select(Notification.status, Notification.due_at))).one()
    return str(status), str(notice[0]), notice[1]


async def test_a_draft_is_sent_once(db: async_sessionmaker[AsyncSession], clock: FakeClock) -> None:
    async with db.begin() as session:
        broadcast_id = await _sent(session, clock)
        again = await announcements.send(
            session, admin_id=ADMIN, now=clock.now(), today=clock.now().date(),
            jp_target=lambda status: 20, calendar=CALENDAR,
        )  # fmt: skip
        state = await _state(session, broadcast_id)

    assert again is None  # the draft was taken by the first Kirim
    assert state[:2] == ("sending", "pending")


async def test_pausing_parks_the_notices_and_resuming_makes_them_due(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        broadcast_id = await _sent(session, clock)
        paused = await _control(session, clock, broadcast_id, Control.PAUSED)
        twice = await _control(session, clock, broadcast_id, Control.PAUSED)
        parked = await _state(session, broadcast_id)
        resumed = await _control(session, clock, broadcast_id, Control.RESUMED)
        due = await _state(session, broadcast_id)
        actions = (await session.scalars(select(AuditEvent.action).order_by(AuditEvent.id))).all()

    assert (paused, twice, resumed) == (True, False, True)
    assert parked[0] == "paused" and parked[2].year > clock.now().year + 5
    assert due[0] == "sending" and due[2] == clock.now()
    assert actions == ["broadcast.created", "broadcast.paused", "broadcast.resumed"]


async def test_cancelling_withdraws_what_was_not_sent(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        broadcast_id = await _sent(session, clock)
        cancelled = await _control(session, clock, broadcast_id, Control.CANCELLED)
        resumed = await _control(session, clock, broadcast_id, Control.RESUMED)
        state = await _state(session, broadcast_id)

    assert (cancelled, resumed) == (True, False)
    assert state[:2] == ("cancelled", "cancelled")
