"""What several journeys share: the user's language, their link, the admin check,
and replies that turn an outcome into words."""

from __future__ import annotations

import html
from collections.abc import Awaitable
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.core.steps import LANGUAGE
from bot.texts import normalise_language, t
from bot.texts.formatting import format_short_date, format_time
from bot.usecases.linking import is_linked
from models.chat import ChatLink
from models.queries import steps
from models.queries.admins import is_granted_admin
from models.queries.links import chat_link

LINK_START = "link:start"


async def load_link(
    context: BotContext, update: Update, session: AsyncSession | None = None
) -> ChatLink | None:
    """The user's link (any status), read in ``session`` if given, else in its own."""
    assert update.effective_user is not None
    if session is not None:
        return await chat_link(session, telegram_user_id=update.effective_user.id)
    async with context.db() as own:
        return await chat_link(own, telegram_user_id=update.effective_user.id)


async def language_for(
    link: ChatLink | None,
    update: Update,
    context: BotContext,
    session: AsyncSession | None = None,
) -> str:
    """The language this user chose (/bahasa: on the link, or before there is one as a
    step), else their Telegram client's. Read in ``session`` if given, else in its own."""
    if link is not None:
        return link.language
    user = update.effective_user
    if user is not None:
        now = context.clock.now()
        if session is not None:
            chosen = await steps.peek(session, telegram_user_id=user.id, step=LANGUAGE, now=now)
        else:
            async with context.db() as own:
                chosen = await steps.peek(own, telegram_user_id=user.id, step=LANGUAGE, now=now)
        if chosen is not None and not chosen.expired:
            return normalise_language(str(chosen.payload.get("language")))
    return client_language(update)


def client_language(update: Update) -> str:
    """The language of the user's Telegram app (Indonesian unless it is English)."""
    user = update.effective_user
    return normalise_language(user.language_code if user else None)


async def user_language(context: BotContext, update: Update) -> str:
    return await language_for(await load_link(context, update), update, context)


async def require_link(
    update: Update, context: BotContext, session: AsyncSession | None = None
) -> ChatLink | None:
    """The user's active link, or None after telling them how to link.

    A command that reads more goes on in the same ``session`` (one checkout, not two)."""
    link = await load_link(context, update, session)
    if is_linked(link):
        return link
    lang = await language_for(link, update, context, session)
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(t("link.link_button", lang), callback_data=LINK_START)]]
    )
    await update.effective_message.reply_html(t("link.not_linked", lang), reply_markup=keyboard)
    return None


# Edits Telegram refuses where there is nothing left to do (see edit_if_possible).
_NOTHING_TO_EDIT = (
    "message is not modified",
    "there is no text in the message to edit",
    "message to edit not found",  # deleted by the user meanwhile
)


async def edit_if_possible(edit: Awaitable[object]) -> None:
    """Make the edit a button asks for, unless there is nothing to edit.

    A second tap on the same button, sent before the first edit reached the phone,
    asks again for what the message now shows: Telegram refuses that edit as "not
    modified". A forged button on a photo or a file (the bot puts none there that
    edit text) asks to edit a message without text."""
    try:
        await edit
    except BadRequest as error:
        if not error.message.lower().startswith(_NOTHING_TO_EDIT):
            raise


async def is_admin(context: BotContext, telegram_user_id: int) -> bool:
    """Admins are named in ASNBOT_ADMIN_IDS or granted with `asnbot admin add`."""
    if telegram_user_id in context.settings.admin_ids:
        return True
    async with context.db() as session:
        return await is_granted_admin(session, telegram_user_id=telegram_user_id)


async def unknown_command(update: Update, context: BotContext) -> None:
    """Any command nobody handles (and admin commands sent by non-admins)."""
    assert update.effective_message is not None
    lang = await user_language(context, update)
    await update.effective_message.reply_html(render("command.unknown", {}, lang, context))


async def unknown_button(update: Update, context: BotContext) -> None:
    """A button nobody handles (from an older version of the bot, or forged): answer it,
    so the user's app stops waiting, and say what to do instead."""
    assert update.callback_query is not None
    lang = await user_language(context, update)
    await update.callback_query.answer(t("command.stale_button", lang), show_alert=True)


async def admin_language(update: Update, context: BotContext) -> str | None:
    """The admin's language; None for anyone else, after the unknown-command answer
    (an alert for a button, and nothing changes)."""
    user = update.effective_user
    if user is not None and await is_admin(context, user.id):
        return await user_language(context, update)
    query = update.callback_query
    if query is not None:
        lang = await user_language(context, update)
        await query.answer(t("command.unknown", lang), show_alert=True)
    else:
        await unknown_command(update, context)
    return None


async def admin_button(update: Update, context: BotContext) -> tuple[CallbackQuery, str] | None:
    """An admin's button press and their language; None for anyone else (see
    :func:`admin_language`)."""
    query = update.callback_query
    assert query is not None
    lang = await admin_language(update, context)
    return None if lang is None else (query, lang)


def render(key: str, params: dict[str, object], lang: str, context: BotContext) -> str:
    """A catalogue message with its parameters escaped and dates formatted."""
    shown: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, datetime):
            shown[name] = format_time(value, lang, context.settings.tz)
            shown[name + "_date"] = format_short_date(value, lang, context.settings.tz)
        elif isinstance(value, date):
            shown[name] = format_short_date(value, lang)
        elif isinstance(value, str):
            shown[name] = html.escape(value)
        else:
            shown[name] = value
    return t(key, lang, **shown)
