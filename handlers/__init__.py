"""The registration table: every handler, in order, by group.

``Application.add_handlers(HANDLERS)`` installs it. Within a group the first
matching handler wins, so specific patterns come before general ones.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from handlers import start
from handlers.errors import on_error

HANDLERS: dict[int, list[BaseHandler[Any, Any, Any]]] = {
    0: [
        CommandHandler("start", start.start),
        CommandHandler(["bantuan", "help"], start.help_command),
        CallbackQueryHandler(start.agree, pattern=f"^{start.CONSENT_YES}$"),
    ],
}

__all__ = ["HANDLERS", "on_error"]
