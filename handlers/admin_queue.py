"""/jadwalulang: the admins' queue of "Tidak bisa hadir" requests.

Each request is a card with **Setujui** (pick a new session of the same program
with a free seat; the seat moves atomically) and **Tolak** (back to invited, the
reason kept). The employee is told either way, in their language. Every button
re-reads the request: one already handled by another admin changes nothing.
"""

from __future__ import annotations

import html
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError

from bot.callbacks import data, int_part
from bot.context import BotContext
from bot.core.vocabulary import LinkStatus, SessionStatus
from bot.texts import t
from bot.texts.formatting import format_datetime
from bot.texts.paging import shorten
from handlers.common import admin_button, admin_language, edit_if_possible
from models.assessment import AssessmentSession, Participation
from models.queries import reschedule as q
from models.queries.audit import audit
from models.queries.links import link_of_employee
from models.queries.schedule import session_by_id

log = logging.getLogger(__name__)

AREA = "rq"
PAGE = 5
_LABEL = 60


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
    participation_id = int_part(query.data, 2) or 0
    async with context.db() as session:
        request = await q.pending_request(session, participation_id=participation_id)
        choices = (
            await q.free_sessions_for(session, participation=request, now=context.clock.now())
            if request is not None
            else []
        )
    if request is None:
        await query.answer(t("admin.queue.handled", lang), show_alert=True)
        return
    if not choices:
        await query.answer(t("admin.queue.no_free_session", lang), show_alert=True)
        return
    await query.answer()
    rows = [
        [
            InlineKeyboardButton(
                _choice_label(s, lang, context), callback_data=data(AREA, "to", request.id, s.id)
            )
        ]
        for s in choices
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
        request = await q.pending_request(session, participation_id=int_part(query.data, 2) or 0)
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
    participation_id, target_id = int_part(query.data, 2) or 0, int_part(query.data, 3) or 0
    now = context.clock.now()
    async with context.db.begin() as session:
        request = await q.pending_request(session, participation_id=participation_id)
        target = await session_by_id(session, session_id=target_id)
        if request is None:
            outcome = "admin.queue.handled"
        elif not _valid_target(request, target, context):
            outcome = "admin.queue.full"
        else:
            assert target is not None
            old_session_id = request.session_id
            moved = await q.approve_move(session, participation=request, target=target, now=now)
            outcome = "" if moved else "admin.queue.full"
            if moved:
                await audit(
                    session,
                    now=now,
                    action="reschedule.approved",
                    actor_kind="admin",
                    actor_telegram_id=update.effective_user.id,
                    employee_id=request.employee_id,
                    participation_id=request.id,
                    from_session=old_session_id,
                    to_session=target.id,
                )
    if outcome:
        await query.answer(t(outcome, lang), show_alert=True)
        return
    assert request is not None and target is not None
    await query.answer()
    await edit_if_possible(
        query.edit_message_text(_card(request, lang, context, heading="admin.queue.approved"))
    )
    await _notify(context, request, "admin.queue.notify_moved")


async def reject(update: Update, context: BotContext) -> None:
    """Tolak: the request goes back to invited in its session; tell the employee."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    assert update.effective_user is not None
    now = context.clock.now()
    async with context.db.begin() as session:
        request = await q.pending_request(session, participation_id=int_part(query.data, 2) or 0)
        if request is not None:
            await q.reject_request(session, participation=request)
            await audit(
                session,
                now=now,
                action="reschedule.rejected",
                actor_kind="admin",
                actor_telegram_id=update.effective_user.id,
                employee_id=request.employee_id,
                participation_id=request.id,
            )
    if request is None:
        await query.answer(t("admin.queue.handled", lang), show_alert=True)
        return
    await query.answer()
    await edit_if_possible(
        query.edit_message_text(_card(request, lang, context, heading="admin.queue.rejected"))
    )
    await _notify(context, request, "admin.queue.notify_rejected")


# ---------------------------------------------------------------- helpers


async def _send_page(update: Update, context: BotContext, lang: str, *, offset: int) -> None:
    assert update.effective_message is not None
    message = update.effective_message
    async with context.db() as session:
        total = await q.pending_count(session)
        requests = await q.pending_requests(session, offset=offset, limit=PAGE)
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
    label = t(
        "admin.queue.choice",
        lang,
        when=format_datetime(seat.starts_at, lang, context.settings.tz),
        venue=seat.venue_name,
        free=seat.capacity - seat.seats_taken,
    )
    return shorten(label, _LABEL)


def _valid_target(
    request: Participation, target: AssessmentSession | None, context: BotContext
) -> bool:
    return (
        target is not None
        and target.id != request.session_id
        and target.program_id == request.session.program_id
        and target.status == SessionStatus.SCHEDULED
        and target.starts_at > context.clock.now()
    )


async def _notify(context: BotContext, request: Participation, key: str) -> None:
    """Tell the employee in their language; one who blocked the bot is skipped quietly."""
    async with context.db() as session:
        link = await link_of_employee(session, employee_id=request.employee_id)
    if link is None or link.status != LinkStatus.ACTIVE:
        return
    seat = request.session
    text = t(
        key,
        link.language,
        program=html.escape(seat.program.name),
        when=format_datetime(seat.starts_at, link.language, context.settings.tz),
        venue=html.escape(seat.venue_name),
    )
    try:
        await context.bot.send_message(link.telegram_user_id, text)
    except Forbidden:
        log.info("reschedule answer not delivered: the employee blocked the bot")
    except TelegramError as err:
        log.warning("reschedule answer not delivered: %s", err)
