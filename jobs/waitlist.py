"""Lapsed waitlist offers: each passes to the next person in line (or frees the seat),
and the person who let it lapse is told, in the same transaction.

The notice is planned here, not by the planner: only this job knows that an offer
lapsed (a declined offer ends in the same state and must not be reported as lapsed).
"""

from __future__ import annotations

import logging

from bot.context import BotContext
from bot.core.reminders import offer_expired_notice
from bot.usecases.enrolment import expire_offers as pass_on_lapsed_offers
from models.queries.outbox import plan

log = logging.getLogger(__name__)


async def expire_offers(context: BotContext) -> None:
    """Pass on every offer whose deadline has passed, by ``context.clock``."""
    now = context.clock.now()
    async with context.db.begin() as session:
        lapsed = await pass_on_lapsed_offers(
            session,
            now=now,
            offer_hours=context.settings.waitlist_offer_hours,
            today=now.astimezone(context.settings.tz).date(),
        )
        notices = [
            offer_expired_notice(
                {"course_id": o.course_id, "title": o.title, "until": o.until.isoformat()},
                o.employee_id,
                now=now,
            )
            for o in lapsed
        ]
        await plan(session, planned=notices)
    if lapsed:
        log.info("waitlist: %d lapsed offer(s) passed on", len(lapsed))
