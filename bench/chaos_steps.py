"""The conversation step of the chaos benchmark, as a user takes it: "Tidak bisa hadir"
pressed on the session card through one instance, the reason typed after that
instance was killed, through the other.

The emulator answers one Bot API call in ten with a 5xx, so any of the bot's
answers can go missing (the card, the button's answer, the question). The user
then does what a person would: sends /jadwal again and presses again, until the
question comes. The reason is typed once; whether it was taken is read from the
database at the end (the participation is ``reschedule_requested``), not from the
reply, which can be swallowed by a 5xx too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.chaos_cluster import Balancer
from bot.core.vocabulary import ParticipationStatus
from models.assessment import Participation
from sandbox import SimulatedUser
from sandbox.views import MessageView

DECLINE = "Tidak bisa hadir"
ASKED = "alasan Anda tidak bisa hadir"
RECORDED = "BKPSDM akan meninjaunya"
REASON = "Dinas luar ke Surabaya pada tanggal itu."
TRIES = 6
WAIT = 5.0  # seconds a user waits for an answer before trying again


async def next_matching(
    user: SimulatedUser, wanted: Callable[[MessageView], bool], seconds: float
) -> MessageView | None:
    """The user's next message from the bot that is ``wanted`` (others, such as the
    announcement arriving meanwhile, are passed over); None after ``seconds``."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            message = await user.next_message(timeout=left)
        except AssertionError:
            return None
        if wanted(message):
            return message
    return None


async def start_step(user: SimulatedUser, balancer: Balancer, index: int) -> bool:
    """Through instance ``index``: /jadwal, then "Tidak bisa hadir" on the card, until
    the bot asks for the reason; False if it never did in :data:`TRIES` tries."""
    balancer.target = index
    for _ in range(TRIES):
        await user.send("/jadwal")
        card = await next_matching(user, lambda m: DECLINE in m.button_texts, WAIT)
        if card is None:
            continue
        await user.press(DECLINE, message=card, wait_answer=None)
        if await next_matching(user, lambda m: ASKED in (m.text or ""), WAIT) is not None:
            return True
    return False


async def finish_step(user: SimulatedUser, balancer: Balancer, index: int) -> bool:
    """Through instance ``index``: the reason, once; whether the bot's answer came."""
    balancer.target = index
    await user.send(REASON)
    return await next_matching(user, lambda m: RECORDED in (m.text or ""), WAIT * 2) is not None


async def rescheduled(engine: AsyncEngine, participation_ids: list[int]) -> int:
    """How many of these participations ended as ``reschedule_requested``."""
    if not participation_ids:
        return 0
    async with engine.connect() as conn:
        statuses = await conn.scalars(
            select(Participation.status).where(Participation.id.in_(participation_ids))
        )
        return sum(1 for s in statuses if s == ParticipationStatus.RESCHEDULE_REQUESTED)
