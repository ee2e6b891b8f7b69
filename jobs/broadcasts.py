"""The job that keeps every running announcement's progress message up to date.

The dispatcher sends the announcement; this job (every couple of seconds) asks
:func:`bot.notices.progress.refresh` to edit each one's progress message and, once
nothing is left to send, to report the end.
"""

from __future__ import annotations

from bot.context import BotContext
from bot.notices.progress import refresh
from models.queries import broadcasts as bq


async def report_progress(context: BotContext) -> None:
    """Bring every running announcement's progress message up to date."""
    async with context.db() as session:
        ids = [b.id for b in await bq.watched(session, now=context.clock.now())]
    for broadcast_id in ids:
        await refresh(context, broadcast_id)
