"""/umumkan: an admin composes an announcement and sends it through the outbox.

This module takes the composing steps: the text (Telegram HTML, validated by
:mod:`bot.core.broadcast`; text formatted in the Telegram app arrives as entities
and is taken as such), an optional document or photo, and a file of NIPs as the
audience. The draft is a conversation step of the admin's
(:mod:`handlers.admin_broadcast_draft`); nothing else is stored before **Kirim**.
The audience menu: :mod:`handlers.admin_broadcast_audience`; the preview's
**Sudah dibaca** switch, **Kirim** and the controls: :mod:`handlers.admin_broadcast_send`.
Sending, pausing and the live progress are the outbox's and :mod:`jobs.broadcasts`' work.
"""

from __future__ import annotations

import asyncio
import html
import tempfile
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.constants import MessageEntityType
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.core import broadcast as rules
from bot.core.errors import DomainError
from bot.core.steps import DRAFT
from bot.imports.limits import ImportLimits
from bot.imports.reader import check_file_size
from bot.texts import t
from bot.texts.domain import describe
from bot.usecases.audiences import match_nip_file, nips_in
from handlers import admin_broadcast_views as views
from handlers.admin_broadcast_draft import (
    ATTACHMENT,
    READY,
    TEXT,
    ask_audience,
    ask_audience_in_place,
    draft_of,
    preview,
    save,
)
from handlers.common import admin_language, edit_if_possible
from handlers.steps import forget, recall

FORMATTING = {
    MessageEntityType.BOLD, MessageEntityType.ITALIC, MessageEntityType.UNDERLINE,
    MessageEntityType.STRIKETHROUGH, MessageEntityType.SPOILER, MessageEntityType.CODE,
    MessageEntityType.PRE, MessageEntityType.TEXT_LINK, MessageEntityType.BLOCKQUOTE,
    MessageEntityType.EXPANDABLE_BLOCKQUOTE, MessageEntityType.TEXT_MENTION,
    MessageEntityType.CUSTOM_EMOJI,
}  # fmt: skip
_UNKNOWN_SHOWN = 30


async def announce(update: Update, context: BotContext) -> None:
    """/umumkan: start a new announcement: ask for its text."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    assert update.effective_message is not None and update.effective_user is not None
    await save(context, {"admin_id": update.effective_user.id, "step": TEXT, "ask_ack": False})
    await update.effective_message.reply_html(
        t("broadcast.ask_text", lang), reply_markup=InlineKeyboardMarkup([views.cancel_row(lang)])
    )


async def on_input(update: Update, context: BotContext) -> None:
    """Text, a document or a photo while an admin composes: the step's answer."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    held = await recall(context, user.id, DRAFT)
    if held is None or held.payload["step"] == READY:
        return
    if (message.caption or "").lower().startswith("/impor"):
        return  # an import (handlers.admin_data) while composing
    lang = await admin_language(update, context)
    if lang is None:
        return
    if held.expired:
        await forget(context, user.id, DRAFT)
        await message.reply_html(t("broadcast.draft_expired", lang))
        raise ApplicationHandlerStop
    draft = held.payload
    attachment = _attachment(message)
    try:
        if draft["step"] == TEXT:
            await _take_text(message, context, draft, attachment, lang)
        elif draft["step"] == ATTACHMENT:
            await _take_attachment(message, context, draft, attachment, lang)
        elif message.document is not None:
            await _take_nip_file(message, context, draft, lang)
        else:
            await message.reply_html(t("broadcast.ask_nip_file", lang))
    except DomainError as err:
        await message.reply_html(describe(err, lang))
    raise ApplicationHandlerStop


async def no_attachment(update: Update, context: BotContext) -> None:
    """Tanpa lampiran: go on to the audience."""
    pressed = await draft_of(update, context)
    if pressed is None or pressed[2]["step"] != ATTACHMENT:
        return
    query, lang, draft = pressed
    await query.answer()
    await ask_audience_in_place(query, context, draft, lang)


async def cancel_draft(update: Update, context: BotContext) -> None:
    """Batal: forget the draft; nothing was sent or stored."""
    lang = await admin_language(update, context)
    query = update.callback_query
    if lang is None or query is None:
        return
    await forget(context, query.from_user.id, DRAFT)
    await query.answer()
    await edit_if_possible(query.edit_message_text(t("broadcast.cancelled_draft", lang)))


def _attachment(message: Message) -> tuple[str, str] | None:
    if message.photo:
        return "photo", message.photo[-1].file_id
    if message.document is not None:
        return "document", message.document.file_id
    return None


def _html(text: str | None, entities: tuple[MessageEntity, ...], as_html: str | None) -> str:
    """Formatting from the app (entities) as HTML; otherwise the text is HTML typed."""
    if any(e.type in FORMATTING for e in entities) and as_html is not None:
        return as_html
    return text or ""


async def _take_text(
    message: Message,
    context: BotContext,
    draft: dict[str, Any],
    attachment: tuple[str, str] | None,
    lang: str,
) -> None:
    if attachment is None and message.text is None:
        await message.reply_html(t("broadcast.ask_text", lang))
        return
    if attachment is not None:
        if not message.caption:
            await message.reply_html(t("broadcast.ask_text", lang))
            return
        source = _html(message.caption, message.caption_entities, message.caption_html)
    else:
        source = _html(message.text, message.entities, message.text_html)
    draft["text"] = rules.check_text(source, with_attachment=attachment is not None)
    if attachment is None:
        draft["step"] = ATTACHMENT
        await save(context, draft)
        await message.reply_html(
            t("broadcast.ask_attachment", lang), reply_markup=views.attachment_buttons(lang)
        )
        return
    draft["attachment_kind"], draft["attachment_file_id"] = attachment
    await ask_audience(message, context, draft, lang)


async def _take_attachment(
    message: Message,
    context: BotContext,
    draft: dict[str, Any],
    attachment: tuple[str, str] | None,
    lang: str,
) -> None:
    if attachment is None:
        await message.reply_html(
            t("broadcast.ask_attachment", lang), reply_markup=views.attachment_buttons(lang)
        )
        return
    rules.check_text(draft["text"], with_attachment=True)
    draft["attachment_kind"], draft["attachment_file_id"] = attachment
    await ask_audience(message, context, draft, lang)


async def _take_nip_file(
    message: Message, context: BotContext, draft: dict[str, Any], lang: str
) -> None:
    """A CSV or XLSX of NIPs: its employees are the audience; unknown NIPs are named.

    The file gets the import's limits, and is read in a thread: a big or hostile file
    must not hold other users' answers (the import's worker process is for kinds)."""
    assert message.document is not None
    name = Path(message.document.file_name or "nip.csv").name
    limits = ImportLimits.from_settings(context.settings)
    try:
        check_file_size(name, message.document.file_size or 0, limits)
        with tempfile.TemporaryDirectory(prefix="asnbot-nip-") as folder:
            path = Path(folder) / f"nip{Path(name).suffix.lower() or '.csv'}"
            await (await message.document.get_file()).download_to_drive(path)
            rows = await asyncio.to_thread(nips_in, path, limits)
    except DomainError as err:
        if "name" in err.params:
            err.params["name"] = name  # the admin's file name, not the one on disk
        await message.reply_html(html.escape(describe(err, lang)))
        return
    async with context.db() as session:
        found = await match_nip_file(session, rows=rows)
    unknown = [
        f"{row}: {t('broadcast.nip_as_number', lang) if nip is None else nip or '-'}"
        for row, nip in found.unknown
    ]
    if unknown:
        lines = unknown[:_UNKNOWN_SHOWN]
        more = len(unknown) - len(lines)
        await message.reply_html(
            t("broadcast.nip_unknown", lang, count=len(unknown), rows="\n".join(lines))
            + (("\n" + t("broadcast.nip_more", lang, count=more)) if more else "")
        )
    draft["step"] = READY
    draft["audience"] = {
        "kind": rules.NIP_FILE, "file": name, "nips": found.rows, "unknown": len(unknown),
        "employee_ids": found.employee_ids,
    }  # fmt: skip
    await preview(None, context, draft, lang, message=message)
