"""Delete what is kept only for a while: messages whose time is up (revealed
results, when ``ASNBOT_RESULTS_AUTODELETE_MINUTES`` is set), failed link
attempts once the attempt limit no longer counts them, conversation steps a
day after they expired (``bot/core/steps.py``), and sending paces of chats
that have been quiet for a day (``bot/flood.py``).

A row is forgotten once Telegram has deleted its message or refused for good
(the user deleted it already, or it is older than Telegram allows); after a
network error it stays and the next run tries again. Two instances may both try
one message: the second gets "not found", which is also an answer.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram.error import BadRequest, Forbidden, TelegramError

from bot.context import BotContext
from bot.core import pace
from bot.core.attempts import WINDOW
from bot.core.steps import KEEP_EXPIRED
from models.queries import pace as pace_q
from models.queries.deletions import due_deletions, forget_deletions
from models.queries.links import forget_failures
from models.queries.steps import forget_expired

log = logging.getLogger(__name__)

BATCH = 100
# Failed attempts are kept a day, well past the limit's window, so a support question
# ("why was I refused this morning?") can still be answered from the audit log and them.
KEEP_FAILURES = WINDOW + timedelta(hours=24)
# A pace whose next turn is this far in the past says nothing any more.
KEEP_PACES = timedelta(days=1)


async def delete_due_messages(context: BotContext) -> None:
    """Delete up to :data:`BATCH` due messages, by ``context.clock``."""
    async with context.db() as session:
        due = await due_deletions(session, now=context.clock.now(), limit=BATCH)
    answered = []
    for row_id, chat_id, message_id in due:
        try:
            await context.bot.delete_message(chat_id, message_id)
        except (BadRequest, Forbidden) as err:  # gone already, too old, or bot blocked
            log.info("message not deleted, and will not be: %s", err)
        except TelegramError as err:
            log.warning("message not deleted, will try again: %s", err)
            continue
        answered.append(row_id)
    async with context.db.begin() as session:
        await forget_deletions(session, ids=answered)


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
