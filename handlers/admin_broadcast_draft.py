"""The admin's draft of an announcement (/umumkan): kept as a conversation step of
theirs, read back when they press one of its buttons, and previewed exactly as the
recipients will get it.

The draft is saved before each question the bot asks, so any instance takes the
answer; a day after the last step it expires.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update

from bot.context import BotContext
from bot.core.reminders import BROADCAST
from bot.core.steps import DRAFT
from bot.notices.progress import quiet_calendar, short_moment, start_words
from bot.notices.render import render, send_rendered
from bot.texts import t
from bot.usecases import announcements
from bot.usecases.audiences import reach
from handlers import admin_broadcast_views as views
from handlers.common import admin_button, edit_if_possible
from handlers.steps import recall, remember
from models.queries import broadcast_outbox as outbox

TEXT, ATTACHMENT, NIP_FILE, READY = "text", "attachment", "nip", "ready"


async def save(context: BotContext, draft: dict[str, Any]) -> None:
    """Store the draft as it is now: before the bot asks the next question, so that
    whichever instance gets the answer finds it."""
    await remember(context, draft["admin_id"], DRAFT, draft)


async def draft_of(
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


async def ask_audience(
    message: Message, context: BotContext, draft: dict[str, Any], lang: str
) -> None:
    draft["step"] = READY
    await save(context, draft)
    await message.reply_html(
        t("broadcast.ask_audience", lang), reply_markup=views.audience_menu(lang)
    )


async def ask_audience_in_place(
    query: CallbackQuery, context: BotContext, draft: dict[str, Any], lang: str
) -> None:
    """:func:`ask_audience` for a button: the menu replaces the button's message."""
    draft["step"] = READY
    await save(context, draft)
    await edit_if_possible(
        query.edit_message_text(
            t("broadcast.ask_audience", lang), reply_markup=views.audience_menu(lang)
        )
    )


async def preview(
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
    now = context.clock.now()
    async with context.db() as session:
        found = await reach(
            session, audience=draft["audience"], today=today(context),
            jp_target=context.settings.jp_target,
        )  # fmt: skip
        begins = await announcements.start(session, now=now, calendar=quiet_calendar(context))
    count = found.linked
    draft["count"], draft["label"] = count, label(draft["audience"], lang)
    draft["reach"] = [found.linked, found.unlinked, found.blocked]
    draft["held"] = start_words(context, begins, now, lang)
    draft["start_time"] = (
        None if begins.held_for is None else short_moment(begins.at, now, lang, context.settings.tz)
    )
    draft["step"] = READY
    await message.reply_html(t("broadcast.preview_heading", lang, count=count))
    text, keyboard = rendered(context, draft, lang)
    preview = await send_rendered(context.bot, message.chat_id, text, keyboard, payload(draft, 0))
    draft["preview_id"] = preview.message_id
    await save(context, draft)
    await message.reply_html(
        views.confirm_text(draft, lang), reply_markup=views.confirm_buttons(draft, lang)
    )


def rendered(
    context: BotContext, draft: dict[str, Any], lang: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The announcement of the draft as a recipient will see it (with its buttons)."""
    return render(
        notification_id=0, kind=BROADCAST, payload=payload(draft, 0), due_at=context.clock.now(),
        late=False, lang=lang, tz=context.settings.tz,
    )  # fmt: skip


def payload(draft: dict[str, Any], broadcast_id: int) -> dict[str, Any]:
    return outbox.notice_payload(
        broadcast_id=broadcast_id,
        text=draft["text"],
        ask_ack=draft["ask_ack"],
        attachment_kind=draft.get("attachment_kind"),
        attachment_file_id=draft.get("attachment_file_id"),
    )


def label(audience: dict[str, Any], lang: str) -> str:
    label = t(f"broadcast.audience.{audience['kind']}", lang)
    detail = audience.get("name") or audience.get("file") or audience.get("item")
    return f"{label}: {detail}" if detail else label


def today(context: BotContext) -> date:
    return context.clock.now().astimezone(context.settings.tz).date()
