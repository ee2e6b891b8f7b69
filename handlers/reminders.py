"""/pengingat: which notifications I want; the "Sudah dibaca" button of a change
notice; and noticing when a user blocks or unblocks the bot (``my_chat_member``)."""

from __future__ import annotations

from telegram import ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import data, int_part
from bot.context import BotContext
from bot.core.sending import OPTIONAL_KINDS, opted_out, toggled
from bot.settings import Settings
from bot.texts import t
from handlers.common import edit_if_possible, require_link
from models.chat import ChatLink
from models.queries.outbox import acknowledge as record_ack
from models.queries.outbox import set_blocked, set_prefs

TOGGLE = "rem"  # rem:t:<index in OPTIONAL_KINDS>


async def reminders(update: Update, context: BotContext) -> None:
    """Show my notification switches."""
    link = await require_link(update, context)
    if link is None:
        return
    assert update.effective_message is not None
    text, keyboard = _view(link, context)
    await update.effective_message.reply_html(text, reply_markup=keyboard)


async def toggle(update: Update, context: BotContext) -> None:
    """Switch one kind of notification on or off."""
    query = update.callback_query
    assert query is not None
    link = await require_link(update, context)
    index = int_part(query.data, 2)
    if link is None or index is None or index >= len(OPTIONAL_KINDS):
        await query.answer()
        return
    prefs = toggled(link.notification_prefs, OPTIONAL_KINDS[index])
    async with context.db.begin() as session:
        await set_prefs(session, link_id=link.id, prefs=prefs)
    link.notification_prefs = prefs
    await query.answer()
    text, keyboard = _view(link, context)
    await edit_if_possible(query.edit_message_text(text, reply_markup=keyboard))


async def acknowledge(update: Update, context: BotContext) -> None:
    """Mark a change notice as read and take its button away."""
    query = update.callback_query
    assert query is not None
    link = await require_link(update, context)
    notification_id = int_part(query.data, 2)
    if link is None or link.employee_id is None or notification_id is None:
        await query.answer()
        return
    async with context.db.begin() as session:
        mine = await record_ack(
            session,
            notification_id=notification_id,
            employee_id=link.employee_id,
            now=context.clock.now(),
        )
    await query.answer(t("notify.acked", link.language) if mine else None)
    if mine:
        await edit_if_possible(query.edit_message_reply_markup(None))


async def on_my_chat_member(update: Update, context: BotContext) -> None:
    """The user blocked the bot (send nothing more) or came back."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    blocked = change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT)
    async with context.db.begin() as session:
        await set_blocked(
            session, telegram_user_id=change.chat.id, blocked=blocked, now=context.clock.now()
        )


def _view(link: ChatLink, context: BotContext) -> tuple[str, InlineKeyboardMarkup]:
    lang, settings = link.language, context.settings
    rows = []
    for index, kind in enumerate(OPTIONAL_KINDS):
        state = "reminders.off" if opted_out(link.notification_prefs, kind) else "reminders.on"
        label = t(state, lang, name=t(f"reminders.kind.{kind}", lang))
        rows.append([InlineKeyboardButton(label, callback_data=data(TOGGLE, "t", index))])
    text = t("reminders.title", lang) + "\n\n" + rules_text(lang, settings)
    return text, InlineKeyboardMarkup(rows)


def rules_text(lang: str, settings: Settings) -> str:
    """When messages go out (``bot.core.sending``: quiet hours from the settings, days
    off, the kinds that do not wait), for /pengingat and /bantuan."""
    return t(
        "reminders.rules",
        lang,
        quiet_start=f"{settings.quiet_hours_start:%H.%M}",
        quiet_end=f"{settings.quiet_hours_end:%H.%M}",
    )
