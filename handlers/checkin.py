"""A participant scans a session's check-in QR code: ``/start ci_...``.

Linked: checked in at once (or told why not). Not linked yet: the code waits as a
conversation step (:data:`bot.core.steps.CHECKIN`) while they consent and link, and
they are checked in the moment linking succeeds (:func:`after_link`).
"""

from __future__ import annotations

import html

from telegram import Update

from bot.context import BotContext
from bot.core.steps import CHECKIN
from bot.core.vocabulary import CheckinAnswer
from bot.notices.checkin_board import refresh_board
from bot.texts import sessions, t
from bot.texts.formatting import format_datetime, format_time
from bot.usecases import checkin
from bot.usecases.linking import is_linked
from handlers import steps
from handlers.common import language_for, load_link

PREFIX = "checkin.scan."  # + CheckinAnswer: what the participant reads


async def scan(update: Update, context: BotContext, payload: str) -> bool:
    """Check the linked user in; False when they must link first (the code is kept)."""
    assert update.effective_user is not None and update.effective_message is not None
    link = await load_link(context, update)
    if not is_linked(link):
        await steps.remember(context, update.effective_user.id, CHECKIN, {"payload": payload})
        return False
    assert link is not None and link.employee_id is not None
    await _check_in(update, context, link.employee_id, link.language, payload)
    return True


async def after_link(update: Update, context: BotContext) -> None:
    """Linking just succeeded: check in with the code scanned before, if any."""
    assert update.effective_user is not None
    held = await steps.take(context, update.effective_user.id, CHECKIN)
    if held is None or held.expired:
        return
    link = await load_link(context, update)
    if not is_linked(link):
        return
    assert link is not None and link.employee_id is not None
    await _check_in(update, context, link.employee_id, link.language, str(held.payload["payload"]))


async def link_first(update: Update, context: BotContext) -> str:
    """The line that tells an unlinked scanner they are checked in after linking."""
    lang = await language_for(await load_link(context, update), update, context)
    return t("checkin.scan.link_first", lang)


async def _check_in(
    update: Update, context: BotContext, employee_id: int, lang: str, payload: str
) -> None:
    assert update.effective_message is not None
    async with context.db.begin() as session:
        found = await checkin.check_in(
            session,
            employee_id=employee_id,
            payload=payload,
            now=context.clock.now(),
            span=checkin.span_from(context.settings),
        )
    await update.effective_message.reply_html(_words(found, lang, context))
    if found.answer == CheckinAnswer.CHECKED_IN and found.code_id is not None:
        await refresh_board(context, found.code_id)


def _words(found: checkin.Scan, lang: str, context: BotContext) -> str:
    tz = context.settings.tz
    params: dict[str, object] = {}
    if found.sitting is not None:
        named = sessions.title(found.sitting, lang, tz, code=False)
        params["session"] = html.escape(named)
    if found.at is not None:
        params["at"] = format_time(found.at, lang, tz)
    if found.window is not None:
        params["opens"] = format_datetime(found.window.opens, lang, tz)
        params["closes"] = format_datetime(found.window.closes, lang, tz)
    return t(PREFIX + found.answer, lang, **params)
