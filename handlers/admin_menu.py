"""The admins' home and command menu.

``ADMIN_TASKS`` is the one list of admin commands: each with its line in the command
menu and in /bantuan, its button on the admin home, and the handler the command is
registered with in ``handlers/__init__.py``. A button (``adm:<command>``) runs that
handler, so it starts the task exactly as typing the command does; the private-chat
gate (group -3) covers it like any update.

The menu (``BotCommandScopeChat`` per admin) is only a hint: each admin handler
checks the role itself with :func:`handlers.common.admin_language` (or
:func:`handlers.common.admin_button` for a button). The menu is set at startup
for ASNBOT_ADMIN_IDS and the admins granted in the database; someone granted
with ``asnbot admin add`` while the bot runs gets it at the next start (the CLI
has no bot to call), and can use the commands at once anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, NamedTuple

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import Application

from bot.callbacks import data, parts
from bot.context import BotContext
from bot.texts import t
from handlers import (
    admin,
    admin_audit,
    admin_broadcast,
    admin_checkin,
    admin_data,
    admin_exports,
    admin_queue,
    admin_release,
    admin_stats,
)
from handlers.common import admin_button
from models.queries.admin import granted_admin_ids

log = logging.getLogger(__name__)

AREA = "adm"  # adm:<command>


class AdminTask(NamedTuple):
    command: str
    description: str  # catalogue key: the command menu's and /bantuan's line
    button: str  # catalogue key: the admin home's button
    handler: Callable[[Update, BotContext], Awaitable[None]]


# In the order an admin reads them on the home and in the menus.
ADMIN_TASKS = [
    AdminTask("umumkan", "command.umumkan", "admin.home.umumkan", admin_broadcast.announce),
    AdminTask("impor", "command.impor", "admin.home.impor", admin_data.impor),
    AdminTask("ekspor", "command.ekspor", "admin.home.ekspor", admin_exports.exports),
    AdminTask("statistik", "command.statistik", "admin.home.statistik", admin_stats.statistics),
    AdminTask("rilis", "command.rilis", "admin.home.rilis", admin_release.release_list),
    AdminTask("jadwalulang", "command.jadwalulang", "admin.home.jadwalulang", admin_queue.queue),
    AdminTask("presensi", "command.presensi", "admin.home.presensi", admin_checkin.presensi),
    AdminTask("audit", "command.audit", "admin.home.audit", admin_audit.audit_log),
    AdminTask("cek", "command.cek", "admin.home.cek", admin.link_status),
    AdminTask("lepas", "command.lepas", "admin.home.lepas", admin.admin_unlink),
]
# (command, description key), as the command menus are listed.
ADMIN_COMMANDS = [(task.command, task.description) for task in ADMIN_TASKS]


def admin_keyboard(lang: str) -> list[list[InlineKeyboardButton]]:
    """The admin tasks as buttons, two to a row."""
    buttons = [
        InlineKeyboardButton(t(task.button, lang), callback_data=data(AREA, task.command))
        for task in ADMIN_TASKS
    ]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def admin_home(
    lang: str,
    *,
    employee_name: str | None,
    employee_rows: Sequence[Sequence[InlineKeyboardButton]],
    linked: bool,
) -> tuple[str, InlineKeyboardMarkup]:
    """The admin home: the admin tasks, then the employee part: the main menu when the
    admin is linked (``employee_name``, escaped), else a button to link."""
    text = t("admin.home.title", lang) + "\n\n"
    if linked:
        text += t("admin.home.employee", lang, name=employee_name)
    else:
        text += t("admin.home.not_employee", lang)
    rows = admin_keyboard(lang) + [list(row) for row in employee_rows]
    return text, InlineKeyboardMarkup(rows)


def admin_help(lang: str) -> str:
    """The admin commands for /bantuan, one line each."""
    lines = [t("admin.home.help_heading", lang)]
    lines += [f"/{task.command}: {t(task.description, lang)}" for task in ADMIN_TASKS]
    return "\n".join(lines)


async def task_pressed(update: Update, context: BotContext) -> None:
    """An admin-home button: start the task as its command does."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, _ = gate
    await query.answer()
    command = parts(query.data)[-1]
    for task in ADMIN_TASKS:
        if task.command == command:
            await task.handler(update, context)
            return


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
