"""/umumkan once previewed: the **Sudah dibaca** switch, **Kirim** (the announcement
goes into the outbox: :mod:`bot.usecases.announcements`), the admin's Jeda /
Lanjutkan / Batalkan on the live progress, and a recipient's **Sudah dibaca**."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import int_part, parts
from bot.context import BotContext
from bot.notices.progress import quiet_calendar, refresh, start_words
from bot.texts import t
from bot.usecases import announcements
from bot.usecases.announcements import Control, Read
from handlers import admin_broadcast_views as views
from handlers.admin_broadcast_draft import draft_of, rendered, save
from handlers.common import admin_language, edit_if_possible, require_link, user_language

_CONTROLS = {"p": Control.PAUSED, "r": Control.RESUMED, "c": Control.CANCELLED}


async def toggle_ack(update: Update, context: BotContext) -> None:
    """Sudah dibaca on/off: the preview's button and the confirm step follow."""
    pressed = await draft_of(update, context)
    if pressed is None or "count" not in pressed[2]:
        return
    query, lang, draft = pressed
    await query.answer()
    draft["ask_ack"] = not draft["ask_ack"]
    await save(context, draft)
    _, keyboard = rendered(context, draft, lang)
    assert update.effective_chat is not None
    await edit_if_possible(
        context.bot.edit_message_reply_markup(
            update.effective_chat.id, draft["preview_id"], reply_markup=keyboard
        )
    )
    await edit_if_possible(
        query.edit_message_text(
            views.confirm_text(draft, lang), reply_markup=views.confirm_buttons(draft, lang)
        )
    )


async def send(update: Update, context: BotContext) -> None:
    """Kirim: write the announcement into the outbox (due when quiet hours and days off
    let it go) and show its live progress."""
    await _send(update, context, send_now=False)


async def send_now(update: Update, context: BotContext) -> None:
    """Kirim sekarang juga: the same, going out at once, past quiet hours."""
    await _send(update, context, send_now=True)


async def _send(update: Update, context: BotContext, *, send_now: bool) -> None:
    pressed, user = await draft_of(update, context), update.effective_user
    if pressed is None or user is None or "count" not in pressed[2]:
        return
    query, lang, _ = pressed
    now = context.clock.now()
    async with context.db.begin() as session:
        sent = await announcements.send(
            session, admin_id=user.id, now=now, today=now.astimezone(context.settings.tz).date(),
            jp_target=context.settings.jp_target, calendar=quiet_calendar(context),
            send_now=send_now,
        )  # fmt: skip
    if sent is None:
        await query.answer(t("broadcast.no_draft", lang), show_alert=True)
        return
    await query.answer()
    text = t("broadcast.queued", lang, id=sent.broadcast_id, count=sent.recipients)
    if sent.start.held_for is not None:
        text += "\n" + start_words(context, sent.start, now, lang)
    await edit_if_possible(query.edit_message_text(text))
    await refresh(context, sent.broadcast_id, force=True)


async def send_waiting_now(update: Update, context: BotContext) -> None:
    """Kirim sekarang on the progress of a waiting announcement: it goes now."""
    lang = await admin_language(update, context)
    query, user = update.callback_query, update.effective_user
    if lang is None or query is None or user is None:
        return
    broadcast_id = int_part(query.data, 2) or 0
    now = context.clock.now()
    async with context.db.begin() as session:
        changed = await announcements.send_now(
            session, admin_id=user.id, broadcast_id=broadcast_id, now=now
        )
    await query.answer(t("broadcast.sent_now" if changed else "broadcast.unchanged", lang))
    await refresh(context, broadcast_id, force=True)


async def control(update: Update, context: BotContext) -> None:
    """Jeda / Lanjutkan / Batalkan on the progress message."""
    lang = await admin_language(update, context)
    query, user = update.callback_query, update.effective_user
    if lang is None or query is None or user is None:
        return
    action = _CONTROLS[parts(query.data)[1]]
    broadcast_id = int_part(query.data, 2) or 0
    async with context.db.begin() as session:
        changed = await announcements.control(
            session, admin_id=user.id, broadcast_id=broadcast_id, action=action,
            now=context.clock.now(),
        )  # fmt: skip
    await query.answer(t(f"broadcast.{action}" if changed else "broadcast.unchanged", lang))
    await refresh(context, broadcast_id, force=True)


async def mark_read(update: Update, context: BotContext) -> None:
    """Sudah dibaca on an announcement: counted once; the admin's count follows."""
    query = update.callback_query
    assert query is not None
    broadcast_id = int_part(query.data, 1)
    if not broadcast_id:  # the admin's preview
        await query.answer(t("broadcast.preview_only", await user_language(context, update)))
        return
    link = await require_link(update, context)
    if link is None or link.employee_id is None:
        await query.answer()
        return
    async with context.db.begin() as session:
        outcome = await announcements.mark_read(
            session, broadcast_id=broadcast_id, employee_id=link.employee_id,
            now=context.clock.now(),
        )  # fmt: skip
    if outcome is Read.UNKNOWN:
        await query.answer()
        return
    await query.answer(
        t("notify.acked" if outcome is Read.READ else "broadcast.read_again", link.language)
    )
    if outcome is Read.READ:
        await refresh(context, broadcast_id)
