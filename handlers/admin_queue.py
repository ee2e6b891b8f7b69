"""/jadwalulang: the admins' queue of "Tidak bisa hadir" requests.

Each request is a card with **Setujui** (pick a new session of the same program
with a free seat; the seat moves atomically) and **Tolak** (back to invited, the
reason kept). The employee is told either way, in their language. Every button
re-reads the request: one already handled by another admin changes nothing.
"""

from __future__ import annotations

import html
import logging

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError

from bot.callbacks import data, int_part
from bot.context import BotContext
from bot.texts import sessions, t
from bot.texts.formatting import format_datetime
from bot.usecases import rsvp
from bot.usecases.rsvp import Rsvp, RsvpOutcome
from handlers.common import admin_button, admin_language, edit_if_possible
from models.assessment import AssessmentSession, Participation

log = logging.getLogger(__name__)

AREA = "rq"
# How an answered request is shown to the admin, and the notice the employee gets.
_ANSWERED = {
    Rsvp.APPROVED: ("admin.queue.approved", "admin.queue.notify_moved"),
    Rsvp.REJECTED: ("admin.queue.rejected", "admin.queue.notify_rejected"),
}
# Why nothing changed, in the alert on the admin's button.
_ALERTS = {
    Rsvp.HANDLED: "admin.queue.handled",
    Rsvp.NO_FREE_SESSION: "admin.queue.no_free_session",
    Rsvp.FULL: "admin.queue.full",
}
PAGE = 5
_LABEL = sessions.BUTTON_WIDTH  # the session part of a choice button; free seats follow


async def queue(update: Update, context: BotContext) -> None:
    """/jadwalulang: the first page of pending requests."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    await _send_page(update, context, lang, offset=0)


async def more(update: Update, context: BotContext) -> None:
    """Lainnya: the next page of requests."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    await query.answer()
    await _send_page(update, context, lang, offset=int_part(query.data, 2) or 0)


async def approve(update: Update, context: BotContext) -> None:
    """Setujui: show the sessions with a free seat to move the request to."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    async with context.db() as session:
        outcome = await rsvp.move_choices(
            session, participation_id=int_part(query.data, 2) or 0, now=context.clock.now()
        )
    request = outcome.participation
    if outcome.kind is not Rsvp.MOVE_CHOICES or request is None:
        await query.answer(t(_ALERTS[outcome.kind], lang), show_alert=True)
        return
    await query.answer()
    rows = [
        [
            InlineKeyboardButton(
                _choice_label(s, lang, context), callback_data=data(AREA, "to", request.id, s.id)
            )
        ]
        for s in outcome.sessions
    ]
    rows.append(
        [
            InlineKeyboardButton(
                t("admin.queue.back", lang), callback_data=data(AREA, "back", request.id)
            )
        ]
    )
    await edit_if_possible(
        query.edit_message_text(
            _card(request, lang, context) + "\n\n" + t("admin.queue.pick", lang),
            reply_markup=InlineKeyboardMarkup(rows),
        )
    )


async def back(update: Update, context: BotContext) -> None:
    """Kembali: the request card with its two buttons again."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    async with context.db() as session:
        outcome = await rsvp.pending(session, participation_id=int_part(query.data, 2) or 0)
    request = outcome.participation
    if request is None:
        await query.answer(t("admin.queue.handled", lang), show_alert=True)
        return
    await query.answer()
    await edit_if_possible(
        query.edit_message_text(
            _card(request, lang, context),
            reply_markup=_card_buttons(request, lang),
        )
    )


async def move_to(update: Update, context: BotContext) -> None:
    """A chosen session: move the seat there and tell the employee."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    assert update.effective_user is not None
    async with context.db.begin() as session:
        outcome = await rsvp.approve(
            session,
            admin_id=update.effective_user.id,
            participation_id=int_part(query.data, 2) or 0,
            target_id=int_part(query.data, 3) or 0,
            now=context.clock.now(),
        )
    await _answered(query, context, outcome, lang)


async def reject(update: Update, context: BotContext) -> None:
    """Tolak: the request goes back to invited in its session; tell the employee."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    assert update.effective_user is not None
    async with context.db.begin() as session:
        outcome = await rsvp.reject(
            session,
            admin_id=update.effective_user.id,
            participation_id=int_part(query.data, 2) or 0,
            now=context.clock.now(),
        )
    await _answered(query, context, outcome, lang)


async def _answered(
    query: CallbackQuery, context: BotContext, outcome: RsvpOutcome, lang: str
) -> None:
    """The card says how the request was answered, and the employee is told; or the
    alert says why nothing changed."""
    request = outcome.participation
    if outcome.kind not in _ANSWERED or request is None:
        await query.answer(t(_ALERTS[outcome.kind], lang), show_alert=True)
        return
    heading, notice = _ANSWERED[outcome.kind]
    await query.answer()
    await edit_if_possible(query.edit_message_text(_card(request, lang, context, heading=heading)))
    await _notify(context, outcome, notice)


# ---------------------------------------------------------------- helpers


async def _send_page(update: Update, context: BotContext, lang: str, *, offset: int) -> None:
    assert update.effective_message is not None
    message = update.effective_message
    async with context.db() as session:
        page = await rsvp.queue(session, offset=offset, limit=PAGE)
    total, requests = page.total, page.requests
    if not requests:
        await message.reply_html(t("admin.queue.empty", lang))
        return
    if offset == 0:
        await message.reply_html(t("admin.queue.heading", lang, count=total))
    for request in requests:
        await message.reply_html(
            _card(request, lang, context), reply_markup=_card_buttons(request, lang)
        )
    shown = offset + len(requests)
    if shown < total:
        button = InlineKeyboardButton(
            t("admin.queue.more", lang), callback_data=data(AREA, "p", shown)
        )
        await message.reply_html(
            t("admin.queue.remaining", lang, count=total - shown),
            reply_markup=InlineKeyboardMarkup([[button]]),
        )


def _card(
    request: Participation, lang: str, context: BotContext, heading: str = "admin.queue.card"
) -> str:
    seat = request.session
    return t(
        heading,
        lang,
        name=html.escape(request.employee.name),
        unit=html.escape(request.employee.unit.name),
        program=html.escape(seat.program.name),
        when=format_datetime(seat.starts_at, lang, context.settings.tz),
        venue=html.escape(seat.venue_name),
        reason=html.escape(request.reason or "-"),
    )


def _card_buttons(request: Participation, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t("admin.queue.approve", lang), callback_data=data(AREA, "ok", request.id)
                ),
                InlineKeyboardButton(
                    t("admin.queue.reject", lang), callback_data=data(AREA, "no", request.id)
                ),
            ]
        ]
    )


def _choice_label(seat: AssessmentSession, lang: str, context: BotContext) -> str:
    """One line on a phone: "Sen 12 Jan 09.00 · Gedung BKPSDM Gresik (sisa 5)"."""
    return t(
        "admin.queue.choice",
        lang,
        session=sessions.label(seat, lang, context.settings.tz, width=_LABEL),
        free=seat.capacity - seat.seats_taken,
    )


async def _notify(context: BotContext, outcome: RsvpOutcome, key: str) -> None:
    """Tell the employee in their language; one who blocked the bot is skipped quietly."""
    chat, request = outcome.tell, outcome.participation
    if chat is None or request is None:
        return
    seat, lang = request.session, chat.language
    text = t(
        key,
        lang,
        program=html.escape(seat.program.name),
        when=format_datetime(seat.starts_at, lang, context.settings.tz),
        venue=html.escape(seat.venue_name),
    )
    try:
        await context.bot.send_message(chat.telegram_user_id, text)
    except Forbidden:
        log.info("reschedule answer not delivered: the employee blocked the bot")
    except TelegramError as err:
        log.warning("reschedule answer not delivered: %s", err)
