"""The admins' command menu.

The menu (``BotCommandScopeChat`` per admin) is only a hint: each admin handler
checks the role itself with :func:`handlers.common.admin_language` (or
:func:`handlers.common.admin_button` for a button). The menu is set at startup
for ASNBOT_ADMIN_IDS and the admins granted in the database; someone granted
with ``asnbot admin add`` while the bot runs gets it at the next start (the CLI
has no bot to call), and can use the commands at once anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import Application

from bot.texts import t
from models.queries.admin import granted_admin_ids

log = logging.getLogger(__name__)

# Admin commands shown after the user commands in an admin's menu: (command, key).
ADMIN_COMMANDS = [
    ("statistik", "command.statistik"),
    ("impor", "command.impor"),
    ("jadwalulang", "command.jadwalulang"),
    ("rilis", "command.rilis"),
    ("ekspor", "command.ekspor"),
    ("audit", "command.audit"),
    ("umumkan", "command.umumkan"),
    ("cek", "command.cek"),
    ("lepas", "command.lepas"),
]


def admin_commands(user_commands: Sequence[tuple[str, str]], lang: str) -> list[BotCommand]:
    """The user commands followed by the admin ones."""
    entries = [*user_commands, *ADMIN_COMMANDS]
    return [BotCommand(name, t(key, lang)) for name, key in entries]


async def publish_admin_commands(
    application: Application[Any, Any, Any, Any, Any, Any],
    user_commands: Sequence[tuple[str, str]],
) -> None:
    """Give every known admin their own command menu (Indonesian and English)."""
    settings = application.bot_data.settings
    ids = list(dict.fromkeys(settings.admin_ids))
    async with application.bot_data.db() as session:
        ids += [i for i in await granted_admin_ids(session) if i not in ids]
    for admin_id in ids:
        for lang in ("id", "en"):
            try:
                await application.bot.set_my_commands(
                    admin_commands(user_commands, lang),
                    scope=BotCommandScopeChat(chat_id=admin_id),
                    language_code=None if lang == "id" else lang,
                )
            except TelegramError as err:  # e.g. an admin who never opened the chat
                log.warning("admin command menu not set for telegram user %s: %s", admin_id, err)
                break
