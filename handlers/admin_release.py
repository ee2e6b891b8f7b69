"""/rilis: release a program's results. Imported results stay hidden until an admin
releases them here (with a confirmation step); the notification planner then tells
the employees by itself."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import data, int_part
from bot.context import BotContext
from bot.texts import t
from bot.texts.paging import shorten
from handlers.common import admin_button, admin_language, edit_if_possible
from models.queries import release as q
from models.queries.audit import audit
from models.queries.schedule import program_by_id

AREA = "rel"


async def release_list(update: Update, context: BotContext) -> None:
    """/rilis: programs with unreleased results, each with a Rilis button."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    assert update.effective_message is not None
    async with context.db() as session:
        programs = await q.unreleased_programs(session)
    if not programs:
        await update.effective_message.reply_html(t("admin.release.none", lang))
        return
    lines = [t("admin.release.heading", lang)]
    buttons = []
    for item in programs:
        name = html.escape(item.name)
        lines.append(t("admin.release.line", lang, name=name, year=item.year, count=item.count))
        buttons.append(
            [
                InlineKeyboardButton(
                    t("admin.release.button", lang, name=shorten(item.name, 40)),
                    callback_data=data(AREA, "ask", item.program_id),
                )
            ]
        )
    await update.effective_message.reply_html(
        "\n".join(lines), reply_markup=InlineKeyboardMarkup(buttons)
    )


async def ask(update: Update, context: BotContext) -> None:
    """Rilis: ask to confirm, with the number of results that will become visible."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    program_id = int_part(query.data, 2) or 0
    async with context.db() as session:
        program = await program_by_id(session, program_id=program_id)
        count = await q.unreleased_count(session, program_id=program_id)
    if program is None or count == 0:
        await query.answer(t("admin.release.nothing", lang), show_alert=True)
        return
    await query.answer()
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t("admin.release.confirm", lang), callback_data=data(AREA, "yes", program.id)
                ),
                InlineKeyboardButton(
                    t("admin.release.cancel", lang), callback_data=data(AREA, "no")
                ),
            ]
        ]
    )
    await edit_if_possible(
        query.edit_message_text(
            t("admin.release.ask", lang, name=html.escape(program.name), count=count),
            reply_markup=keyboard,
        )
    )


async def confirm(update: Update, context: BotContext) -> None:
    """Ya, rilis: release every hidden result of the program; audit it."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    assert update.effective_user is not None
    program_id = int_part(query.data, 2) or 0
    now = context.clock.now()
    async with context.db.begin() as session:
        program = await program_by_id(session, program_id=program_id)
        count = await q.release_results(session, program_id=program_id, now=now)
        if count:
            await audit(
                session,
                now=now,
                action="results.released",
                actor_kind="admin",
                actor_telegram_id=update.effective_user.id,
                program_id=program_id,
                results=count,
            )
    if program is None or count == 0:
        await query.answer(t("admin.release.nothing", lang), show_alert=True)
        return
    await query.answer()
    await edit_if_possible(
        query.edit_message_text(
            t("admin.release.done", lang, name=html.escape(program.name), count=count),
        )
    )


async def cancel(update: Update, context: BotContext) -> None:
    """Batal: release nothing."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    await query.answer()
    await edit_if_possible(query.edit_message_text(t("admin.release.cancelled", lang)))
