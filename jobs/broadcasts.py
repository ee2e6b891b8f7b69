"""The admin's live progress message of an announcement, and its final report.

The dispatcher sends the announcement; this job (every couple of seconds) edits
the progress message of each running one at most every few seconds
(:data:`bot.core.broadcast.EDIT_EVERY`), and once nothing is left to send marks
it done and sends the final report (delivered, blocked, failed). Only the one
process whose conditional update marks it done reports, so two bot processes
never report twice. Which message shows the progress, its words and the time of
its last change are on the announcement's row: every instance edits that one
message, after a conditional update that gives the turn to one of them.
"""

from __future__ import annotations

import logging
from datetime import datetime

from telegram.error import TelegramError

from bot.context import BotContext
from bot.core import broadcast as rules
from bot.core.vocabulary import BroadcastStatus
from handlers.admin_broadcast_views import final_report, progress_buttons, progress_text
from models.outbox import Broadcast
from models.queries import broadcasts as bq
from models.queries.audit import audit
from models.queries.links import chat_link

log = logging.getLogger(__name__)


async def report_progress(context: BotContext) -> None:
    """Bring every running announcement's progress message up to date."""
    async with context.db() as session:
        ids = [b.id for b in await bq.watched(session, now=context.clock.now())]
    for broadcast_id in ids:
        await refresh(context, broadcast_id)


async def refresh(context: BotContext, broadcast_id: int, *, force: bool = False) -> None:
    """Show this announcement's progress (throttled unless ``force``); report the end."""
    now = context.clock.now()
    async with context.db.begin() as session:
        broadcast = await bq.by_id(session, broadcast_id=broadcast_id)
        if broadcast is None:
            return
        progress = await bq.progress(session, broadcast_id=broadcast_id)
        ended = False
        if broadcast.status == BroadcastStatus.SENDING and progress.finished:
            ended = await bq.finish_if_done(session, broadcast_id=broadcast_id, now=now)
            if ended:
                await audit(
                    session,
                    now=now,
                    action="broadcast.sent",
                    actor_kind="system",
                    broadcast_id=broadcast_id,
                    recipients=progress.total,
                    delivered=progress.delivered,
                    blocked=progress.blocked,
                    failed=progress.failed,
                )
        status = BroadcastStatus.DONE if ended else BroadcastStatus(broadcast.status)
        ask_ack, admin_id = broadcast.ask_ack, broadcast.created_by
        link = await chat_link(session, telegram_user_id=admin_id)
        lang = link.language if link is not None else "id"
        text = progress_text(broadcast_id, status, progress, ask_ack, lang)
        message_id = broadcast.progress_message_id
        mine = _wants_to_show(broadcast, text, status, now, ended=ended, force=force)
        if mine:
            mine = await bq.claim_progress(
                session,
                broadcast_id=broadcast_id,
                seen_at=broadcast.progress_at,
                seen_text=broadcast.progress_text,
                text=text,
                now=now,
            )
    markup = progress_buttons(broadcast_id, status, lang)
    try:
        if mine and message_id is None:
            sent = await context.bot.send_message(admin_id, text, reply_markup=markup)
            async with context.db.begin() as session:
                await bq.progress_sent(
                    session, broadcast_id=broadcast_id, message_id=sent.message_id
                )
        elif mine:
            await context.bot.edit_message_text(
                text,
                chat_id=admin_id,
                message_id=message_id,
                reply_markup=markup,
            )
        if ended:
            await context.bot.send_message(
                admin_id, final_report(broadcast_id, progress, ask_ack, lang)
            )
    except TelegramError as err:  # the admin blocked the bot, the message is gone...
        log.warning("announcement %d: progress not shown: %s", broadcast_id, err)


def _wants_to_show(
    broadcast: Broadcast,
    text: str,
    status: BroadcastStatus,
    now: datetime,
    *,
    ended: bool,
    force: bool,
) -> bool:
    """Whether the progress message should be sent or edited now (before taking the turn)."""
    if broadcast.progress_message_id is None:
        if status == BroadcastStatus.DONE and not ended:
            return False  # an old announcement whose progress was never shown
        # A first message another instance took the turn for may be on its way: give it
        # time (and send again if it failed).
        last = broadcast.progress_at
        return last is None or last + rules.EDIT_EVERY <= now
    return rules.should_edit(
        shown=broadcast.progress_text,
        wanted=text,
        last_edit=broadcast.progress_at,
        now=now,
        final=force or ended,
    )
