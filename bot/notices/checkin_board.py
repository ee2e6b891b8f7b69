"""The admin's live count of a session's check-ins ("Hadir 35 dari 40"), in one place
for the check-in handlers (after each arrival) and the job that catches up
(jobs/checkins.py).

One message per check-in code, its id, words and last change on the code's row
(``checkin_codes``): an instance edits it only after a conditional update gave it the
turn, at most every :data:`bot.core.checkin.BOARD_EVERY`, and only when the words
change; arrivals in between are shown by the next edit (the job's, at the latest).
The edit goes through python-telegram-bot's request path, paced by ``bot/flood.py``.
"""

from __future__ import annotations

import html
import logging

from telegram.error import TelegramError

from bot.context import BotContext
from bot.core.checkin import should_show
from bot.texts import sessions, t
from models.assessment import AssessmentSession
from models.queries import checkin as q
from models.queries.links import chat_link

log = logging.getLogger(__name__)


def board_text(sitting: AssessmentSession, counted: q.Count, lang: str, context: BotContext) -> str:
    """``Presensi: <session>`` and ``Hadir 35 dari 40``."""
    named = sessions.title(sitting, lang, context.settings.tz, code=False)
    return t(
        "checkin.board",
        lang,
        session=html.escape(named),
        present=counted.present,
        expected=counted.expected,
    )


async def refresh_board(context: BotContext, code_id: int) -> None:
    """Edit the live count of ``code_id`` if its words changed and its turn has come."""
    now = context.clock.now()
    async with context.db.begin() as session:
        code = await q.code_by_id(session, code_id=code_id)
        if code is None or code.board_message_id is None:
            return
        counted = await q.count(session, session_id=code.session_id)
        link = await chat_link(session, telegram_user_id=code.created_by)
        lang = link.language if link is not None else "id"
        text = board_text(code.session, counted, lang, context)
        if not should_show(shown=code.board_text, wanted=text, last=code.board_at, now=now):
            return
        mine = await q.claim_board(
            session,
            code_id=code.id,
            seen_at=code.board_at,
            seen_text=code.board_text,
            text=text,
            now=now,
        )
        chat_id, message_id = code.created_by, code.board_message_id
    if not mine:
        return
    try:
        await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
    except TelegramError as err:  # the admin deleted the message, blocked the bot...
        log.warning("check-in code %d: live count not shown: %s", code_id, err)
