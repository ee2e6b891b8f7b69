"""/umumkan's audience: the menu (everyone, an OPD, a position type, a program's or a
session's participants, a course, those behind on JP, a file of NIPs), its paged lists,
and the choice that leads to the preview."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import int_part, parts
from bot.context import BotContext
from bot.core import broadcast as rules
from bot.texts import t
from handlers import admin_broadcast_views as views
from handlers.admin_broadcast_draft import NIP_FILE, ask_audience_in_place, draft_of, preview, save
from handlers.common import edit_if_possible
from models.queries import audiences


async def choose_audience(update: Update, context: BotContext) -> None:
    """An audience button: everyone and JP go straight to the preview; the others list."""
    pressed = await draft_of(update, context)
    if pressed is None:
        return
    query, lang, draft = pressed
    kind = parts(query.data)[2]
    await query.answer()
    if kind in (rules.ALL, rules.JP_BEHIND):
        draft["audience"] = {"kind": kind}
        await preview(update, context, draft, lang)
    elif kind == rules.POSITION:
        await edit_if_possible(
            query.edit_message_text(
                t("broadcast.pick.pos", lang), reply_markup=views.position_list(lang)
            )
        )
    elif kind == rules.NIP_FILE:
        draft["step"] = NIP_FILE
        await save(context, draft)
        await edit_if_possible(query.edit_message_text(t("broadcast.ask_nip_file", lang)))
    else:
        await _list_page(update, context, kind, 0, lang)


async def list_page(update: Update, context: BotContext) -> None:
    """Sebelumnya / Berikutnya in a list of OPDs, programs, sessions or courses."""
    pressed = await draft_of(update, context)
    if pressed is None:
        return
    query, lang, draft = pressed
    await query.answer()
    await _list_page(update, context, parts(query.data)[2], int_part(query.data, 3) or 0, lang)


async def choose_item(update: Update, context: BotContext) -> None:
    """An OPD, position type, program, session or course: that audience, then the preview."""
    pressed = await draft_of(update, context)
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
            name = await audiences.choice_name(
                session, kind=kind, item=item, lang=lang, tz=context.settings.tz
            )
        if name is None:
            await query.answer(t("broadcast.gone", lang), show_alert=True)
            return
        draft["audience"] = {"kind": kind, "item": item, "name": name}
    await query.answer()
    await preview(update, context, draft, lang)


async def change_audience(update: Update, context: BotContext) -> None:
    """Ubah penerima / Kembali: the audience menu again."""
    pressed = await draft_of(update, context)
    if pressed is None:
        return
    query, lang, draft = pressed
    await query.answer()
    await ask_audience_in_place(query, context, draft, lang)


async def _list_page(
    update: Update, context: BotContext, kind: str, offset: int, lang: str
) -> None:
    assert update.callback_query is not None
    if kind not in rules.PICKED_FROM_LIST or kind == rules.POSITION:
        return
    async with context.db() as session:
        total, items = await audiences.choices(
            session,
            kind=kind,
            now=context.clock.now(),
            offset=offset,
            limit=views.PAGE,
            lang=lang,
            tz=context.settings.tz,
        )
    key = f"broadcast.pick.{kind}" if total else "broadcast.pick.empty"
    await edit_if_possible(
        update.callback_query.edit_message_text(
            t(key, lang), reply_markup=views.choice_list(kind, items, total, offset, lang)
        )
    )
