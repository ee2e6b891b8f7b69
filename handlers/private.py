"""Private chats only: what the bot does with an update from anywhere else.

Every command and button shows the user's own data (results, schedule, profile, JP,
the linking steps) or an admin's tools, and an answer goes to the chat the update came
from: in a group, supergroup or channel every member would read it. So the
registration table runs :func:`private_only` before every other handler. An update
from the user's own private chat with the bot passes untouched; any other update is
stopped after at most one short answer:

- a command addressed to this bot (``/hasil`` or ``/hasil@thisbot``) gets a pointer to
  the private chat: one per command, so nothing is remembered per group;
- a pressed button (say on an old message) gets an alert that only its presser sees;
- everything else (talk, a typed NIP, a shared contact, a document, edits, channel
  posts, commands for other bots) gets no answer and is never processed, so no link,
  consent or job can start from a group.

``my_chat_member`` passes: the bot being added to or removed from a group is for
``reminders.on_my_chat_member`` to ignore (it only acts on private chats).
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.texts import t
from handlers.common import render, user_language


async def private_only(update: Update, context: BotContext) -> None:
    """Let the user's private chat through; answer a command or a button elsewhere
    briefly, and stop the update."""
    if update.my_chat_member is not None or from_private_chat(update):
        return
    query = update.callback_query
    if query is not None:
        lang = await user_language(context, update)
        await query.answer(t("private.button_alert", lang), show_alert=True)
    elif (
        update.message is not None
        and update.effective_user is not None
        and addressed_to_bot(update.message, context.bot.username)
    ):
        lang = await user_language(context, update)
        link = f"https://t.me/{context.bot.username}"
        button = InlineKeyboardButton(t("private.open_button", lang), url=link)
        await update.message.reply_html(
            render("private.only", {"link": link}, lang, context),
            reply_markup=InlineKeyboardMarkup([[button]]),
            do_quote=True,
            allow_sending_without_reply=True,
        )
    raise ApplicationHandlerStop


def from_private_chat(update: Update) -> bool:
    """A message, an edit or a button press in a user's own private chat with the bot.

    Only these kinds: a business account's chats are private too, but with someone
    else, and the other kinds of update carry no chat of the user's.
    """
    if update.message is None and update.edited_message is None and update.callback_query is None:
        return False
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def addressed_to_bot(message: Message, username: str) -> bool:
    """Whether the message (or a document's caption) starts with a command for this bot:
    ``/cmd`` or ``/cmd@username``, as python-telegram-bot's CommandHandler reads it."""
    if message.text is not None:
        entities = message.parse_entities([MessageEntity.BOT_COMMAND])
    else:
        entities = message.parse_caption_entities([MessageEntity.BOT_COMMAND])
    command = next((text for entity, text in entities.items() if entity.offset == 0), None)
    if command is None:
        return False
    _, _, target = command.partition("@")
    return not target or target.lower() == username.lower()
