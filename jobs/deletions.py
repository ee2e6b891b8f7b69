"""Delete what is kept only for a while: messages whose time is up (revealed
results, when ``ASNBOT_RESULTS_AUTODELETE_MINUTES`` is set; how in
``bot/notices/deletions.py``), the notes of revealed results Telegram no longer
lets the bot delete, failed link attempts once the attempt limit no longer counts
them, conversation steps a day after they expired (``bot/core/steps.py``), and
sending paces of chats that have been quiet for a day (``bot/flood.py``).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.context import BotContext
from bot.core import pace
from bot.core.attempts import WINDOW
from bot.core.steps import KEEP_EXPIRED
from bot.notices.deletions import delete_rows
from models.queries import pace as pace_q
from models.queries.deletions import due_deletions, forget_undeletable
from models.queries.links import forget_failures
from models.queries.steps import forget_expired

log = logging.getLogger(__name__)

BATCH = 100
# Failed attempts are kept a day, well past the limit's window, so a support question
# ("why was I refused this morning?") can still be answered from the audit log and them.
KEEP_FAILURES = WINDOW + timedelta(hours=24)
# Telegram lets a bot delete its messages for 48 hours after sending them.
DELETABLE_FOR = timedelta(hours=48)
# A pace whose next turn is this far in the past says nothing any more.
KEEP_PACES = timedelta(days=1)


async def delete_due_messages(context: BotContext) -> None:
    """Delete up to :data:`BATCH` due messages, by ``context.clock``; forget those without
    a timer that Telegram no longer lets the bot delete."""
    now = context.clock.now()
    async with context.db() as session:
        due = await due_deletions(session, now=now, limit=BATCH)
    await delete_rows(context, due)
    async with context.db.begin() as session:
        await forget_undeletable(session, sent_before=now - DELETABLE_FOR)


async def forget_old_failures(context: BotContext) -> None:
    """Delete failed link attempts older than :data:`KEEP_FAILURES`."""
    async with context.db.begin() as session:
        gone = await forget_failures(session, before=context.clock.now() - KEEP_FAILURES)
    if gone:
        log.info("forgot %d failed link attempt(s)", gone)


async def forget_expired_steps(context: BotContext) -> None:
    """Delete conversation steps that expired more than :data:`KEEP_EXPIRED` ago."""
    async with context.db.begin() as session:
        gone = await forget_expired(session, before=context.clock.now() - KEEP_EXPIRED)
    if gone:
        log.info("forgot %d expired conversation step(s)", gone)


async def forget_idle_paces(context: BotContext) -> None:
    """Delete the paces (mostly one per chat) idle for :data:`KEEP_PACES`."""
    before = pace.microseconds(context.clock.now() - KEEP_PACES)
    async with context.db.begin() as session:
        gone = await pace_q.forget(session, before=before)
    if gone:
        log.info("forgot %d idle sending pace(s)", gone)
