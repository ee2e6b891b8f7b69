"""/impor: admins send a CSV or XLSX in the chat, checked and written exactly as
``asnbot import`` does (same formats, all rows or none, an audit event in the same
transaction). ``/impor`` alone lists the kinds with their templates.

The file may come with the caption ``/impor <kind>``, or after ``/impor <kind>``
(the kind waits as a conversation step). The document handler runs before group 0 and
lets every other document pass, so an announcement can still carry one.

The file is parsed in a worker process within the limits of the settings
(``ASNBOT_IMPORT_*``), so other users are answered meanwhile. The admin gets one
message, plus a file of every error when they do not all fit in it.
"""

from __future__ import annotations

import asyncio
import html
import tempfile
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ApplicationHandlerStop

from bot.callbacks import data, parts
from bot.context import BotContext
from bot.core import steps
from bot.core.errors import DomainError
from bot.imports import ImportLimits, ImportRejected, import_file
from bot.imports.format import chat_rejection, chat_summary
from bot.imports.kinds import KINDS, NAMES, listed, resolve
from bot.imports.reader import check_file_size
from bot.imports.report import errors_file_name, errors_workbook
from bot.imports.template_files import template_files
from bot.imports.types import RowError
from bot.texts import t
from bot.texts.domain import describe
from handlers.common import admin_button, admin_language
from handlers.steps import remember, take
from models.queries.audit import audit

TEMPLATE = "imp:tpl"  # + kind
COMMAND = "/impor"


async def impor(update: Update, context: BotContext) -> None:
    """/impor [kind]: list the kinds with templates, or wait for the file of that kind."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    assert update.effective_message is not None
    if not context.args:
        await update.effective_message.reply_html(
            _kinds_text(lang), reply_markup=_template_buttons(lang)
        )
        return
    kind = resolve(context.args[0])
    if kind is None:
        await update.effective_message.reply_html(_unknown_kind(context.args[0], lang))
        return
    assert update.effective_user is not None
    await remember(context, update.effective_user.id, steps.IMPORT_KIND, {"kind": kind})
    await update.effective_message.reply_html(
        t("admin.import.send_file", lang, kind=t(f"import.kind.{kind}", lang))
    )


async def on_document(update: Update, context: BotContext) -> None:
    """A document captioned ``/impor <kind>`` or sent after it: import it."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    caption = (message.caption or "").split()
    from_caption = bool(caption) and caption[0].split("@")[0].lower() == COMMAND
    assert message.from_user is not None
    pending = await take(context, message.from_user.id, steps.IMPORT_KIND)
    if not from_caption and pending is None:
        return  # not an import: other handlers may want it
    lang = await admin_language(update, context)
    if lang is None:
        raise ApplicationHandlerStop
    if not from_caption and pending is not None and pending.expired:
        await message.reply_html(t("admin.import.kind_expired", lang))
        raise ApplicationHandlerStop
    waiting = pending.payload["kind"] if pending is not None and not pending.expired else None
    typed = caption[1] if from_caption and len(caption) > 1 else waiting
    kind = resolve(typed) if typed is not None else None
    if typed is None:
        await message.reply_html(_kinds_text(lang), reply_markup=_template_buttons(lang))
    elif kind is None:
        await message.reply_html(_unknown_kind(typed, lang))
    else:
        await _import(message, context, kind, lang)
    raise ApplicationHandlerStop


async def send_template(update: Update, context: BotContext) -> None:
    """A template button: send that kind's XLSX and CSV templates."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    assert update.effective_chat is not None
    kind = resolve(parts(query.data)[-1])
    await query.answer()
    if kind is None:
        return
    for name, content in template_files(kind):
        await context.bot.send_document(update.effective_chat.id, document=content, filename=name)


async def _import(message: Message, context: BotContext, kind: str, lang: str) -> None:
    assert message.document is not None and message.from_user is not None
    name = Path(message.document.file_name or f"{NAMES[kind]}.csv").name
    now = context.clock.now()
    limits = ImportLimits.from_settings(context.settings)
    with tempfile.TemporaryDirectory(prefix="asnbot-import-") as folder:
        path = Path(folder) / f"{NAMES[kind]}{Path(name).suffix.lower() or '.csv'}"
        try:
            check_file_size(name, message.document.file_size or 0, limits)
            file = await message.document.get_file()
            await file.download_to_drive(path)
            async with context.db.begin() as session:
                summary = await import_file(
                    session,
                    kind,
                    path,
                    tz=context.settings.tz,
                    now=now,
                    limits=limits,
                    worker=context.bot_data.import_worker,
                )
                await audit(
                    session,
                    now=now,
                    action=f"import.{kind}",
                    actor_kind="admin",
                    actor_telegram_id=message.from_user.id,
                    rows=summary.rows,
                    created=summary.created,
                    updated=summary.updated,
                    warnings=len(summary.warnings),
                    **summary.details,
                )
        except ImportRejected as rejected:
            text, complete = chat_rejection(rejected.errors, rejected.total, lang)
            await message.reply_html(text)
            if not complete:
                await _send_list(message, name, rejected.errors, rejected.total, lang)
            return
        except DomainError as err:
            if "name" in err.params:
                err.params["name"] = name  # the admin's file name, not the one on disk
            await message.reply_html(html.escape(describe(err, lang)))
            return
    text, complete = chat_summary(summary, lang)
    await message.reply_html(text)
    if not complete:
        await _send_list(message, name, summary.warnings, len(summary.warnings), lang)


async def _send_list(
    message: Message, name: str, errors: list[RowError], total: int, lang: str
) -> None:
    """Every error (or warning) as an XLSX, written off the event loop."""
    data = await asyncio.to_thread(errors_workbook, errors, total, lang)
    await message.reply_document(document=data, filename=errors_file_name(name, lang))


def _kinds_text(lang: str) -> str:
    lines = [t("admin.import.kinds", lang)]
    lines += [
        t(
            "admin.import.kind_line",
            lang,
            kind=NAMES[kind],
            about=t(f"import.kind_about.{kind}", lang),
        )
        for kind in KINDS
    ]
    return "\n".join(lines)


def _template_buttons(lang: str) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            t("admin.import.template_button", lang, name=t(f"import.kind.{kind}", lang)),
            callback_data=data(TEMPLATE, kind),
        )
        for kind in KINDS
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def _unknown_kind(kind: str, lang: str) -> str:
    return html.escape(t("import.unknown_kind", lang, kind=kind, kinds=listed()))
