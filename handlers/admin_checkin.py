"""/presensi: an admin chooses a session (by date, time and place) and gets its
check-in QR code, the same link as text, a printable A4 poster, and the live count
of arrivals ("Hadir 0 dari 40"), kept up to date by bot/notices/checkin_board.py."""

from __future__ import annotations

import asyncio
import html

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Update,
)

from bot.callbacks import data, int_part
from bot.checkin_images import PosterWords, poster_png, qr_png
from bot.context import BotContext
from bot.core.checkin import deep_link
from bot.notices.checkin_board import board_text
from bot.texts import sessions, t
from bot.texts.formatting import format_time
from bot.usecases import checkin
from handlers.common import admin_button, admin_language, edit_if_possible
from models.queries import checkin as q

AREA = "ci"  # ci:s:<session id>
PATTERN = rf"^{AREA}:s:\d+$"
_STEPS = ("checkin.poster.step1", "checkin.poster.step2", "checkin.poster.step3")


async def presensi(update: Update, context: BotContext) -> None:
    """/presensi: the sessions whose check-in has not closed, one button each."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    assert update.effective_message is not None
    tz = context.settings.tz
    async with context.db() as session:
        found = await checkin.sessions_to_choose(
            session, now=context.clock.now(), span=checkin.span_from(context.settings)
        )
    if not found:
        await update.effective_message.reply_html(t("checkin.admin.none", lang))
        return
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(sessions.label(s, lang, tz), callback_data=data(AREA, "s", s.id))]
            for s in found
        ]
    )
    await update.effective_message.reply_html(t("checkin.admin.pick", lang), reply_markup=keyboard)


async def chosen(update: Update, context: BotContext) -> None:
    """A session: a new code; the QR code, the link, the poster and the live count."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    assert update.effective_user is not None and update.effective_chat is not None
    admin_id, chat_id, now = update.effective_user.id, update.effective_chat.id, context.clock.now()
    tz = context.settings.tz
    async with context.db.begin() as session:
        made = await checkin.make_code(
            session,
            session_id=int_part(query.data, 2) or 0,
            admin_id=admin_id,
            now=now,
            span=checkin.span_from(context.settings),
        )
        code, sitting = made.code, made.sitting
        counted = None if code is None else await q.count(session, session_id=code.session_id)
    if code is None or sitting is None or counted is None:
        await query.answer(t("checkin.admin.gone", lang), show_alert=True)
        return
    await query.answer()
    named = sessions.title(sitting, lang, tz, code=False)
    await edit_if_possible(
        query.edit_message_text(t("checkin.admin.chosen", lang, session=html.escape(named)))
    )
    link = deep_link(context.bot.username, code.payload)
    window = checkin.span_from(context.settings).of(sitting)
    times = {
        "opens": format_time(window.opens, lang, tz),
        "closes": format_time(window.closes, lang, tz),
    }
    png = await asyncio.to_thread(qr_png, link)
    await context.bot.send_photo(
        chat_id,
        InputFile(png, filename="qr-presensi.png"),
        caption=t("checkin.admin.qr_caption", lang, session=html.escape(named)),
    )
    await context.bot.send_message(
        chat_id,
        t("checkin.admin.link", lang, link=html.escape(link), **times),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    words = PosterWords(
        heading=t("checkin.poster.heading", lang),
        session=named,
        steps=[t(key, lang, **times) for key in _STEPS],
        footer=link,
    )
    poster = await asyncio.to_thread(poster_png, link, words)
    slug = sessions.slug(sitting, tz)
    await context.bot.send_document(
        chat_id,
        InputFile(poster, filename=f"poster-presensi-{slug}.png"),
        caption=t("checkin.admin.poster_caption", lang),
    )
    text = board_text(sitting, counted, lang, context)
    sent = await context.bot.send_message(chat_id, text)
    async with context.db.begin() as session:
        await q.board_sent(
            session, code_id=code.id, message_id=sent.message_id, text=text, now=context.clock.now()
        )
