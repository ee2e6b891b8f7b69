"""Lapsed waitlist offers: each passes to the next person in line (or frees the seat)."""

from __future__ import annotations

import logging

from bot.context import BotContext
from models.queries.courses import expire_offers as pass_on_lapsed_offers

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
    if lapsed:
        log.info("waitlist: %d lapsed offer(s) passed on", lapsed)
