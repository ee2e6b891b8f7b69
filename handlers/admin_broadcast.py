"""/umumkan: an admin composes an announcement and sends it through the outbox.

Steps: the text (Telegram HTML, validated by :mod:`bot.core.broadcast`; text
formatted in the Telegram app arrives as entities and is taken as such), an
optional document or photo, the audience (buttons, lists, or a file of NIPs), a
preview sent exactly as recipients will get it, the **Sudah dibaca** switch, and
**Kirim**. Until then the draft is a conversation step of the admin's (saved
before each question the bot asks, so any instance takes the answer; a day after
the last step it expires); nothing else is stored before **Kirim**. Sending,
pausing and the live progress are the outbox's and :mod:`jobs.broadcasts`' work.
"""

from __future__ import annotations

import asyncio
import html
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.constants import MessageEntityType
from telegram.ext import ApplicationHandlerStop

from bot.callbacks import int_part, parts
from bot.context import BotContext
from bot.core import broadcast as rules
from bot.core.errors import DomainError
from bot.core.jp import is_behind, jp_progress
from bot.core.steps import DRAFT
from bot.imports.limits import ImportLimits
from bot.imports.reader import check_file_size, normalise_header, open_table
from bot.notices.progress import refresh
from bot.notices.render import render, send_rendered
from bot.texts import t
from bot.texts.domain import describe
from handlers import admin_broadcast_views as views
from handlers.common import (
    admin_button,
    admin_language,
    edit_if_possible,
    require_link,
    user_language,
)
from handlers.steps import forget, recall, remember
from models.queries import broadcasts as bq
from models.queries import steps
from models.queries.audit import audit

TEXT, ATTACHMENT, NIP_FILE, READY = "text", "attachment", "nip", "ready"
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
    await _save(context, {"admin_id": update.effective_user.id, "step": TEXT, "ask_ack": False})
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
    pressed = await _draft_of(update, context)
    if pressed is None or pressed[2]["step"] != ATTACHMENT:
        return
    query, lang, draft = pressed
    await query.answer()
    await _ask_audience_in_place(query, context, draft, lang)


async def choose_audience(update: Update, context: BotContext) -> None:
    """An audience button: everyone and JP go straight to the preview; the others list."""
    pressed = await _draft_of(update, context)
    if pressed is None:
        return
    query, lang, draft = pressed
    kind = parts(query.data)[2]
    await query.answer()
    if kind in (rules.ALL, rules.JP_BEHIND):
        draft["audience"] = {"kind": kind}
        await _preview(update, context, draft, lang)
    elif kind == rules.POSITION:
        await edit_if_possible(
            query.edit_message_text(
                t("broadcast.pick.pos", lang), reply_markup=views.position_list(lang)
            )
        )
    elif kind == rules.NIP_FILE:
        draft["step"] = NIP_FILE
        await _save(context, draft)
        await edit_if_possible(query.edit_message_text(t("broadcast.ask_nip_file", lang)))
    else:
        await _list_page(update, context, kind, 0, lang)


async def list_page(update: Update, context: BotContext) -> None:
    """Sebelumnya / Berikutnya in a list of OPDs, programs, sessions or courses."""
    pressed = await _draft_of(update, context)
    if pressed is None:
        return
    query, lang, draft = pressed
    await query.answer()
    await _list_page(update, context, parts(query.data)[2], int_part(query.data, 3) or 0, lang)


async def choose_item(update: Update, context: BotContext) -> None:
    """An OPD, position type, program, session or course: that audience, then the preview."""
    pressed = await _draft_of(update, context)
    if pressed is None:
        return
    query, lang, draft = pressed
    kind, item = parts(query.data)[2], int_part(query.data, 3) or 0
    if kind == rules.POSITION:
        if item >= len(views.POSITION_TYPES):
            await query.answer()
            return
        draft["audience"] = {"kind": kind, "item": views.POSITION_TYPES[item].value}
    else:
        async with context.db() as session:
            name = await bq.choice_name(session, kind=kind, item=item)
        if name is None:
            await query.answer(t("broadcast.gone", lang), show_alert=True)
            return
        draft["audience"] = {"kind": kind, "item": item, "name": name}
    await query.answer()
    await _preview(update, context, draft, lang)


async def change_audience(update: Update, context: BotContext) -> None:
    """Ubah penerima / Kembali: the audience menu again."""
    pressed = await _draft_of(update, context)
    if pressed is None:
        return
    query, lang, draft = pressed
    await query.answer()
    await _ask_audience_in_place(query, context, draft, lang)


async def toggle_ack(update: Update, context: BotContext) -> None:
    """Sudah dibaca on/off: the preview's button and the confirm step follow."""
    pressed = await _draft_of(update, context)
    if pressed is None or "count" not in pressed[2]:
        return
    query, lang, draft = pressed
    await query.answer()
    draft["ask_ack"] = not draft["ask_ack"]
    await _save(context, draft)
    _, keyboard = render(
        notification_id=0, kind="broadcast", payload=_payload(draft, 0), due_at=context.clock.now(),
        late=False, lang=lang, tz=context.settings.tz,
    )  # fmt: skip
    assert update.effective_chat is not None
    await edit_if_possible(
        context.bot.edit_message_reply_markup(
            update.effective_chat.id, draft["preview_id"], reply_markup=keyboard
        )
    )
    await edit_if_possible(
        query.edit_message_text(
            views.confirm_text(draft["count"], html.escape(draft["label"]), draft["ask_ack"], lang),
            reply_markup=views.confirm_buttons(draft["count"], draft["ask_ack"], lang),
        )
    )


async def send(update: Update, context: BotContext) -> None:
    """Kirim: write the announcement into the outbox and show its live progress."""
    pressed, user = await _draft_of(update, context), update.effective_user
    if pressed is None or user is None or "count" not in pressed[2]:
        return
    query, lang, _ = pressed
    async with context.db.begin() as session:
        written = await _write(session, context, user.id)
    if written is None:
        await query.answer(t("broadcast.no_draft", lang), show_alert=True)
        return
    broadcast_id, count = written
    await query.answer()
    await edit_if_possible(
        query.edit_message_text(t("broadcast.queued", lang, id=broadcast_id, count=count))
    )
    await refresh(context, broadcast_id, force=True)


async def cancel_draft(update: Update, context: BotContext) -> None:
    """Batal: forget the draft; nothing was sent or stored."""
    lang = await admin_language(update, context)
    query = update.callback_query
    if lang is None or query is None:
        return
    await forget(context, query.from_user.id, DRAFT)
    await query.answer()
    await edit_if_possible(query.edit_message_text(t("broadcast.cancelled_draft", lang)))


async def control(update: Update, context: BotContext) -> None:
    """Jeda / Lanjutkan / Batalkan on the progress message."""
    lang = await admin_language(update, context)
    query, user = update.callback_query, update.effective_user
    if lang is None or query is None or user is None:
        return
    action, broadcast_id = parts(query.data)[1], int_part(query.data, 2) or 0
    change = {"p": bq.pause, "r": bq.resume, "c": bq.cancel}[action]
    name = {"p": "paused", "r": "resumed", "c": "cancelled"}[action]
    now = context.clock.now()
    async with context.db.begin() as session:
        changed = await change(session, broadcast_id=broadcast_id, now=now)
        if changed:
            await audit(
                session, now=now, action=f"broadcast.{name}", actor_kind="admin",
                actor_telegram_id=user.id, broadcast_id=broadcast_id,
            )  # fmt: skip
    await query.answer(t(f"broadcast.{name}" if changed else "broadcast.unchanged", lang))
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
        outcome = await bq.mark_read(
            session, broadcast_id=broadcast_id, employee_id=link.employee_id,
            now=context.clock.now(),
        )  # fmt: skip
    if outcome == "unknown":
        await query.answer()
        return
    await query.answer(
        t("notify.acked" if outcome == "read" else "broadcast.read_again", link.language)
    )
    if outcome == "read":
        await refresh(context, broadcast_id)


# ---------------------------------------------------------------- helpers


async def _write(
    session: AsyncSession, context: BotContext, admin_id: int
) -> tuple[int, int] | None:
    """Take the admin's draft and write its announcement into the outbox: (its id, how
    many recipients); None when the draft is gone. Taken in the transaction that writes:
    of two Kirim pressed at once (on two instances), one sends, the other finds none."""
    now = context.clock.now()
    taken = await steps.take(session, telegram_user_id=admin_id, step=DRAFT, now=now)
    if taken is None:
        return None
    draft = taken.payload
    audience = draft["audience"]
    recipients = await _recipients(session, context, draft)
    broadcast = await bq.create(
        session,
        created_by=admin_id,
        text=draft["text"],
        attachment_kind=draft.get("attachment_kind"),
        attachment_file_id=draft.get("attachment_file_id"),
        audience={k: v for k, v in audience.items() if k != "employee_ids"},
        ask_ack=draft["ask_ack"],
        employee_ids=recipients,
        now=now,
    )
    await audit(
        session, now=now, action="broadcast.created", actor_kind="admin",
        actor_telegram_id=admin_id, broadcast_id=broadcast.id, audience=audience["kind"],
        recipients=len(recipients), ask_ack=draft["ask_ack"],
        attachment=draft.get("attachment_kind"),
    )  # fmt: skip
    return broadcast.id, len(recipients)


async def _save(context: BotContext, draft: dict[str, Any]) -> None:
    """Store the draft as it is now: before the bot asks the next question, so that
    whichever instance gets the answer finds it."""
    await remember(context, draft["admin_id"], DRAFT, draft)


async def _draft_of(
    update: Update, context: BotContext
) -> tuple[CallbackQuery, str, dict[str, Any]] | None:
    """A draft's button pressed by an admin: the press, their language and the draft;
    None for anyone else, or after saying that the draft is gone."""
    pressed = await admin_button(update, context)
    if pressed is None:
        return None
    query, lang = pressed
    held = await recall(context, query.from_user.id, DRAFT)
    if held is None or held.expired:
        key = "broadcast.no_draft" if held is None else "broadcast.draft_expired"
        await query.answer(t(key, lang), show_alert=True)
        return None
    return query, lang, held.payload


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
        await _save(context, draft)
        await message.reply_html(
            t("broadcast.ask_attachment", lang), reply_markup=views.attachment_buttons(lang)
        )
        return
    draft["attachment_kind"], draft["attachment_file_id"] = attachment
    await _ask_audience(message, context, draft, lang)


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
    await _ask_audience(message, context, draft, lang)


async def _ask_audience(
    message: Message, context: BotContext, draft: dict[str, Any], lang: str
) -> None:
    draft["step"] = READY
    await _save(context, draft)
    await message.reply_html(
        t("broadcast.ask_audience", lang), reply_markup=views.audience_menu(lang)
    )


async def _ask_audience_in_place(
    query: CallbackQuery, context: BotContext, draft: dict[str, Any], lang: str
) -> None:
    """:func:`_ask_audience` for a button: the menu replaces the button's message."""
    draft["step"] = READY
    await _save(context, draft)
    await edit_if_possible(
        query.edit_message_text(
            t("broadcast.ask_audience", lang), reply_markup=views.audience_menu(lang)
        )
    )


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
            rows = await asyncio.to_thread(_nips_in, path, limits)
    except DomainError as err:
        if "name" in err.params:
            err.params["name"] = name  # the admin's file name, not the one on disk
        await message.reply_html(html.escape(describe(err, lang)))
        return
    async with context.db() as session:
        known = await bq.employees_by_nip(session, nips=[nip for _, nip in rows if nip])
    unknown = [
        f"{row}: {t('broadcast.nip_as_number', lang) if nip is None else nip or '-'}"
        for row, nip in rows
        if nip not in known
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
        "kind": rules.NIP_FILE, "file": name, "nips": len(rows), "unknown": len(unknown),
        "employee_ids": sorted(set(known.values())),
    }  # fmt: skip
    await _preview(None, context, draft, lang, message=message)


def _nips_in(path: Path, limits: ImportLimits) -> list[tuple[int, str | None]]:
    """(row number, NIP digits) of every non-blank row: the column headed NIP, else the
    first (then the first row is a NIP too).

    A NIP Excel stored as a number has lost its last digits: its row gets None and is
    named as such, never matched to whoever the rounded number points at."""
    with open_table(path, limits) as table:
        headers = [normalise_header(h) for h in table.headers]
        column = next((i for i, h in enumerate(headers) if "nip" in h), 0)
        first = _digits(table.headers[column])
        found: list[tuple[int, str | None]] = (
            [] if "nip" in headers[column] or not first else [(1, first)]
        )
        for number, cells in table.rows:
            cell = cells[column] if column < len(cells) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            found.append((number, _digits(cell)))
    return found


def _digits(cell: object) -> str | None:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return None
    return re.sub(r"\D", "", str(cell))[:40]


async def _list_page(
    update: Update, context: BotContext, kind: str, offset: int, lang: str
) -> None:
    assert update.callback_query is not None
    if kind not in rules.PICKED_FROM_LIST or kind == rules.POSITION:
        return
    async with context.db() as session:
        total, items = await bq.choices(
            session, kind=kind, now=context.clock.now(), offset=offset, limit=views.PAGE
        )
    key = f"broadcast.pick.{kind}" if total else "broadcast.pick.empty"
    await edit_if_possible(
        update.callback_query.edit_message_text(
            t(key, lang), reply_markup=views.choice_list(kind, items, total, offset, lang)
        )
    )


def _payload(draft: dict[str, Any], broadcast_id: int) -> dict[str, Any]:
    return bq.notice_payload(
        broadcast_id=broadcast_id,
        text=draft["text"],
        ask_ack=draft["ask_ack"],
        attachment_kind=draft.get("attachment_kind"),
        attachment_file_id=draft.get("attachment_file_id"),
    )


async def _recipients(session: Any, context: BotContext, draft: dict[str, Any]) -> list[int]:
    audience = draft["audience"]
    today = context.clock.now().astimezone(context.settings.tz).date()

    def behind(status: str, earned: Decimal) -> bool:
        target = context.settings.jp_target(status)
        return is_behind(jp_progress(earned, target), today=today)

    return await bq.recipient_ids(
        session,
        kind=audience["kind"],
        item=audience.get("item"),
        employee_ids=audience.get("employee_ids", ()),
        jp_year=today.year,
        behind=behind,
    )


def _label(audience: dict[str, Any], lang: str) -> str:
    label = t(f"broadcast.audience.{audience['kind']}", lang)
    detail = audience.get("name") or audience.get("file") or audience.get("item")
    return f"{label}: {detail}" if detail else label


async def _preview(
    update: Update | None,
    context: BotContext,
    draft: dict[str, Any],
    lang: str,
    *,
    message: Message | None = None,
) -> None:
    """The recipient count, then the announcement exactly as they will get it, then
    the confirm step with its buttons."""
    if message is None:
        assert update is not None and update.effective_message is not None
        message = update.effective_message
    async with context.db() as session:
        count = len(await _recipients(session, context, draft))
    draft["count"], draft["label"] = count, _label(draft["audience"], lang)
    draft["step"] = READY
    await message.reply_html(t("broadcast.preview_heading", lang, count=count))
    text, keyboard = render(
        notification_id=0, kind="broadcast", payload=_payload(draft, 0), due_at=context.clock.now(),
        late=False, lang=lang, tz=context.settings.tz,
    )  # fmt: skip
    preview = await send_rendered(context.bot, message.chat_id, text, keyboard, _payload(draft, 0))
    draft["preview_id"] = preview.message_id
    await _save(context, draft)
    await message.reply_html(
        views.confirm_text(count, html.escape(draft["label"]), draft["ask_ack"], lang),
        reply_markup=views.confirm_buttons(count, draft["ask_ack"], lang),
    )
