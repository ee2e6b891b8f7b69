"""Deleting revealed results (summary, chart, recommendations) from a chat: on their
timer (the deletions job, ``jobs/deletions.py``) and at once when the person leaves
(/putus, /lepas, /hapus). Both go through :func:`delete_rows`.

A row is forgotten once Telegram has deleted its message or refused for good (the
user deleted it already, or it is older than Telegram allows); after a network
error it stays, due, and the job tries again. Two instances may both try one
message: the second gets "not found", which is also an answer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram.error import BadRequest, Forbidden, TelegramError

from bot.context import BotContext
from models.queries.deletions import deletions_in_chat, forget_deletions, make_due

log = logging.getLogger(__name__)


async def delete_rows(context: BotContext, rows: Sequence[tuple[int, int, int]]) -> int:
    """Delete the messages of these (row id, chat id, message id) rows and forget the
    rows answered; how many messages Telegram deleted."""
    answered, deleted = [], 0
    for row_id, chat_id, message_id in rows:
        try:
            await context.bot.delete_message(chat_id, message_id)
            deleted += 1
        except (BadRequest, Forbidden) as err:  # gone already, too old, or bot blocked
            log.info("message not deleted, and will not be: %s", err)
        except TelegramError as err:
            log.warning("message not deleted, will try again: %s", err)
            continue
        answered.append(row_id)
    async with context.db.begin() as session:
        await forget_deletions(session, ids=answered)
    return deleted


async def delete_results_in_chat(context: BotContext, chat_id: int) -> int:
    """Delete every revealed result still in this (private) chat now; how many messages
    went. Any that fail stay due for the deletions job."""
    async with context.db.begin() as session:
        await make_due(session, chat_id=chat_id, now=context.clock.now())
        rows = await deletions_in_chat(session, chat_id=chat_id)
    return await delete_rows(context, rows) if rows else 0
