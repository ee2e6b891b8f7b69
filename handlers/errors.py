"""The one error handler: log the failure, apologise to the user, tell the admins.

A database that cannot be reached gets its own short "service disturbed" reply
and is counted in the metrics; nothing else is needed to recover, because the
engine checks each pooled connection before use (``pool_pre_ping``) and opens
new ones once the database is back.
"""

from __future__ import annotations

import errno
import html
import logging
import socket
from collections.abc import Iterator

from sqlalchemy import exc as sa
from telegram import Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.texts import t
from handlers.common import client_language

log = logging.getLogger(__name__)

CONNECTION_ERRNOS = {
    errno.ECONNREFUSED,
    errno.ECONNRESET,
    errno.ECONNABORTED,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.ETIMEDOUT,
    errno.EPIPE,
}


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` means the database cannot be reached (rather than a bug)."""
    if error is None or isinstance(error, TelegramError):
        return False  # the Bot API's own network trouble is not the database's
    for exc in _chain(error):
        if isinstance(exc, sa.OperationalError | sa.InterfaceError | sa.TimeoutError):
            return True
        if isinstance(exc, sa.DBAPIError) and exc.connection_invalidated:
            return True
        if isinstance(exc, ConnectionError | socket.gaierror | TimeoutError):
            return True
        # asyncio reports a refused connection to several addresses as a bare OSError.
        if isinstance(exc, OSError) and (
            exc.errno in CONNECTION_ERRNOS or str(exc).startswith("Multiple exceptions")
        ):
            return True
    return False


async def on_error(update: object, context: BotContext) -> None:
    """Log an unexpected failure with its traceback; never with personal data."""
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    chat = update.effective_chat if isinstance(update, Update) else None
    # The database may be down: the language comes from the Telegram app, not the link.
    lang = client_language(update) if isinstance(update, Update) else "id"
    if is_database_unavailable(context.error):
        context.bot_data.metrics.database_errors.inc()
        log.warning(
            "database unavailable (telegram user %s): %s", user_id, type(context.error).__name__
        )
        if chat is not None:
            await context.bot.send_message(chat.id, t("error.db_unavailable", lang))
        return
    log.error("unhandled error (telegram user %s)", user_id, exc_info=context.error)
    if chat is not None:
        await context.bot.send_message(chat.id, t("error.generic", lang))
    admin_chat = context.settings.admin_chat_id
    if admin_chat is not None:
        name = html.escape(type(context.error).__name__)
        await context.bot.send_message(admin_chat, t("error.admin_report", name=name))
