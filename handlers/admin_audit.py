"""/audit: the recent audit events, newest first, a page at a time: local time,
actor, action and the counts recorded with it (never a NIP or a phone number)."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import data, int_part
from bot.context import BotContext
from bot.texts import t
from handlers.common import admin_button, admin_language, edit_if_possible
from models.audit import AuditEvent
from models.queries.admin import audit_page

AREA = "aud"
PAGE = 15


async def audit_log(update: Update, context: BotContext) -> None:
    """/audit: the newest audit events."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    assert update.effective_message is not None
    text, keyboard = await _page(context, lang, offset=0)
    await update.effective_message.reply_html(text, reply_markup=keyboard)


async def older(update: Update, context: BotContext) -> None:
    """Lebih lama: the next page, in place."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    await query.answer()
    text, keyboard = await _page(context, lang, offset=int_part(query.data, 2) or 0)
    await edit_if_possible(query.edit_message_text(text, reply_markup=keyboard))


async def _page(
    context: BotContext, lang: str, *, offset: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    async with context.db() as session:
        events, total = await audit_page(session, offset=offset, limit=PAGE)
    if not events:
        return t("admin.audit.none", lang), None
    lines = [
        t("admin.audit.heading", lang, first=offset + 1, last=offset + len(events), total=total)
    ]
    lines += [_line(event, context) for event in events]
    buttons = []
    if offset > 0:
        buttons.append(
            InlineKeyboardButton(
                t("admin.audit.newer", lang), callback_data=data(AREA, "p", max(offset - PAGE, 0))
            )
        )
    if offset + len(events) < total:
        buttons.append(
            InlineKeyboardButton(
                t("admin.audit.older", lang), callback_data=data(AREA, "p", offset + PAGE)
            )
        )
    return "\n".join(lines), InlineKeyboardMarkup([buttons]) if buttons else None


def _line(event: AuditEvent, context: BotContext) -> str:
    when = event.at.astimezone(context.settings.tz).strftime("%Y-%m-%d %H:%M")
    actor = event.actor_kind + (f" {event.actor_telegram_id}" if event.actor_telegram_id else "")
    counts = ", ".join(
        f"{name}={value}"
        for name, value in sorted((event.detail or {}).items())
        if isinstance(value, int) and not isinstance(value, bool)
    )
    text = f"<code>{when}</code> {html.escape(actor)}: <b>{html.escape(event.action)}</b>"
    return f"{text} ({html.escape(counts)})" if counts else text
