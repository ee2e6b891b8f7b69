"""The job that keeps every live check-in count up to date: arrivals that came while
the count waited for its turn (:data:`bot.core.checkin.BOARD_EVERY`) are shown here."""

from __future__ import annotations

from bot.context import BotContext
from bot.core.checkin import BOARD_AFTER
from bot.notices.checkin_board import refresh_board
from models.queries import checkin as q


async def refresh_boards(context: BotContext) -> None:
    """Bring every live check-in count whose window is open (or just closed) up to date."""
    async with context.db() as session:
        ids = await q.watched_codes(session, since=context.clock.now() - BOARD_AFTER)
    for code_id in ids:
        await refresh_board(context, code_id)
