"""Closing survey periods: once a period (a calendar year) is closed
(``bot.core.survey.period_closes``), the invitations linking people to their answers
are deleted; the answers and comments stay, without anyone's name."""

from __future__ import annotations

import logging

from bot.context import BotContext
from bot.core.survey import latest_closed
from models.queries.surveys import close_periods

log = logging.getLogger(__name__)


async def close_survey_periods(context: BotContext) -> None:
    """Forget who answered in every closed period, by ``context.clock``."""
    up_to = latest_closed(context.clock.now(), context.settings.tz)
    async with context.db.begin() as session:
        count = await close_periods(session, up_to=up_to)
    if count:
        log.info("surveys: %d links to answers forgotten (periods up to %s)", count, up_to)
