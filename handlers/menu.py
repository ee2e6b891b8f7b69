"""The main menu (inline buttons) and the command menu Telegram shows.

The main menu holds every employee task (schedule, results, courses, JP,
reminders, profile, help), one button a row with a label that says what it does;
it is the one menu shown wherever a menu is (``/menu``, an admin's home). Each
button opens the same handler as its command, so ``/hasil`` and "Lihat hasil
penilaian" behave alike. To add an entry: one line in ``MENU`` (and in
``COMMANDS`` for the command menu) and its words in the catalogue.
"""

from __future__ import annotations

import html
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.ext import Application

from bot.callbacks import data, parts
from bot.context import BotContext
from bot.texts import t
from bot.usecases.linking import is_linked
from handlers import courses, jp, linking, reminders, results, schedule
from handlers.admin_menu import admin_help, admin_home, publish_admin_commands
from handlers.common import (
    LINK_START,
    is_admin,
    language_for,
    load_link,
    require_link,
    user_language,
)

# The command menu, in order: (command, description key). Admin commands are not here.
COMMANDS = [
    ("start", "command.start"),
    ("menu", "command.menu"),
    ("jadwal", "command.jadwal"),
    ("hasil", "command.hasil"),
    ("gapura", "command.gapura"),
    ("jp", "command.jp"),
    ("pengingat", "command.pengingat"),
    ("profil", "command.profil"),
    ("bahasa", "command.bahasa"),
    ("privasi", "command.privasi"),
    ("putus", "command.putus"),
    ("hapus", "command.hapus"),
    ("bantuan", "command.bantuan"),
]


def help_text(lang: str, *, minutes_per_jp: int) -> str:
    """The command menu as a message, one line per command, then a short FAQ (an
    admin's /bantuan adds the admin commands: handlers/start.py)."""
    lines = [t("help.heading", lang)]
    lines += [f"/{name}: {t(key, lang)}" for name, key in COMMANDS]
    text = "\n".join(lines) + "\n\n" + t("help.faq", lang, minutes=minutes_per_jp)
    return text


async def help_command(update: Update, context: BotContext) -> None:
    """List what the bot can do; for an admin, the admin commands too."""
    assert update.effective_message is not None and update.effective_user is not None
    lang = await user_language(context, update)
    admin = await is_admin(context, update.effective_user.id)
    # What the bot does, when its messages go out (handlers/reminders.py), and for an
    # admin the admin commands last.
    text = help_text(lang, minutes_per_jp=context.settings.minutes_per_jp)
    text += "\n\n" + reminders.rules_text(lang, context.settings)
    if admin:
        text += "\n\n" + admin_help(lang)
    await update.effective_message.reply_html(text)


# Menu entries in order: (command, label key, handler).
MENU = [
    ("jadwal", "menu.schedule", schedule.schedule),
    ("hasil", "menu.results", results.results),
    ("gapura", "menu.gapura", courses.gapura),
    ("jp", "menu.jp", jp.jp_command),
    ("pengingat", "menu.reminders", reminders.reminders),
    ("profil", "menu.profile", linking.profile),
    ("bantuan", "menu.help", help_command),
]


def main_menu(lang: str) -> InlineKeyboardMarkup:
    """Every employee task, one a row: the labels are whole phrases, too long for two
    side by side on a phone."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t(label, lang), callback_data=data("menu", command))]
            for command, label, _ in MENU
        ]
    )


async def show_admin_home(update: Update, context: BotContext) -> bool:
    """For an admin, the admin home (with the main menu when they are linked too) and
    True; False for anyone else."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not await is_admin(context, user.id):
        return False
    link = await load_link(context, update)
    lang = await language_for(link, update, context)
    if is_linked(link):
        assert link is not None and link.employee is not None
        name: str | None = html.escape(link.employee.name)
        rows = main_menu(lang).inline_keyboard
    else:  # linking as an employee is a choice, never asked of an admin
        name = None
        rows = (
            (InlineKeyboardButton(t("admin.home.link_button", lang), callback_data=LINK_START),),
        )
    text, keyboard = admin_home(
        lang, employee_name=name, employee_rows=rows, linked=name is not None
    )
    await message.reply_html(text, reply_markup=keyboard)
    return True


async def menu(update: Update, context: BotContext) -> None:
    """Show the main menu to a linked user, the admin home to an admin."""
    if await show_admin_home(update, context):
        return
    link = await require_link(update, context)
    if link is None:
        return
    assert update.effective_message is not None
    await update.effective_message.reply_html(
        t("menu.title", link.language), reply_markup=main_menu(link.language)
    )


async def menu_pressed(update: Update, context: BotContext) -> None:
    """A main-menu button: run the command it stands for."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    command = parts(update.callback_query.data)[-1]
    for name, _, handler in MENU:
        if name == command:
            await handler(update, context)
            return


async def publish_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Set the command menu in Indonesian (default) and English; admins get their own.

    Private chats only: a menu shown in groups would invite /hasil where everyone reads."""
    for lang in ("id", "en"):
        commands = [BotCommand(name, t(key, lang)) for name, key in COMMANDS]
        await application.bot.set_my_commands(
            commands,
            scope=BotCommandScopeAllPrivateChats(),
            language_code=None if lang == "id" else lang,
        )
    await publish_admin_commands(application, COMMANDS)
