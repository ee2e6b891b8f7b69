"""The one error handler: log the failure, apologise to the user, tell the admins."""

from __future__ import annotations

import html
import logging

from telegram import Update

from bot.context import BotContext
from bot.texts import t

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Log an unexpected failure with its traceback; never with personal data."""
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    log.error("unhandled error (telegram user %s)", user_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, t("error.generic"))
    admin_chat = context.settings.admin_chat_id
    if admin_chat is not None:
        name = html.escape(type(context.error).__name__)
        await context.bot.send_message(admin_chat, t("error.admin_report", name=name))
