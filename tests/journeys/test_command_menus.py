"""The command menus match the registration table (handlers/__init__.py): the main
menu's buttons, /bantuan and the menus published with setMyCommands name only
commands a CommandHandler answers, and every command a user can use is published
where that user sees it.

"User-facing" here: every registered command but the admin ones (the handlers that
check the role themselves, listed in ``handlers.admin_menu.ADMIN_COMMANDS``). Each
goes in the private chats' menu by its first name (``/bantuan``; ``/help`` is its
alias); each admin command goes in every admin's own menu, after the user commands.
"""

from __future__ import annotations

import json
import re
from typing import Any

from telegram.ext import CommandHandler

from bot.callbacks import parts
from handlers import HANDLERS
from handlers.admin_menu import ADMIN_COMMANDS, ADMIN_TASKS
from tests.journeys.conftest import ADMIN_ID, RunningBot, linked
from tests.narrow import present

COMMAND_HANDLERS = [
    handler
    for handlers in HANDLERS.values()
    for handler in handlers
    if isinstance(handler, CommandHandler)
]
REGISTERED = {name for handler in COMMAND_HANDLERS for name in handler.commands}
ADMIN = {name for name, _ in ADMIN_COMMANDS}
ALIASES = {"help"}  # /help answers like /bantuan and is not listed twice


def _primary(handler: CommandHandler[Any, Any]) -> str:
    """The name a handler is published under: not its alias (``/help`` of ``/bantuan``)."""
    return min(handler.commands, key=lambda name: (name in ALIASES, name))


def _published(bot: RunningBot, scope: dict[str, Any]) -> dict[str | None, list[str]]:
    """The command names set for ``scope``, by language code (None: the default)."""
    found: dict[str | None, list[str]] = {}
    for call in bot.emulator.calls_to("setMyCommands"):
        params = call.params
        if _json(params.get("scope")) == scope:
            commands = _json(params["commands"])
            found[params.get("language_code")] = [c["command"] for c in commands]
    return found


def _json(raw: Any) -> Any:
    return json.loads(raw) if isinstance(raw, str) else raw


def test_the_admin_commands_and_the_aliases_are_registered_commands() -> None:
    assert ADMIN <= REGISTERED
    assert ALIASES <= REGISTERED


async def test_the_private_chat_menu_lists_exactly_the_user_commands(bot: RunningBot) -> None:
    user_facing = {_primary(h) for h in COMMAND_HANDLERS} - ADMIN

    menus = _published(bot, {"type": "all_private_chats"})

    assert set(menus) == {None, "en"}
    for names in menus.values():
        assert sorted(names) == sorted(user_facing)


async def test_an_admins_menu_adds_every_admin_command_to_the_user_commands(
    bot: RunningBot,
) -> None:
    user_menu = _published(bot, {"type": "all_private_chats"})[None]

    menus = _published(bot, {"type": "chat", "chat_id": ADMIN_ID})

    assert set(menus) == {None, "en"}
    for names in menus.values():
        assert names == user_menu + [name for name, _ in ADMIN_COMMANDS]
        assert set(names) <= REGISTERED


async def test_help_names_only_registered_commands_and_every_user_command(
    bot: RunningBot,
) -> None:
    user = bot.user(1005, language_code="id")

    await user.send("/bantuan")
    text = present((await user.next_message()).text)

    named = set(re.findall(r"(?<![\w/.])/([a-z_]+)\b", text))
    assert named <= REGISTERED
    assert named >= set(_published(bot, {"type": "all_private_chats"})[None])


async def test_every_main_menu_button_opens_a_registered_user_command(bot: RunningBot) -> None:
    user, _ = await linked(bot)

    await user.send("/menu")
    buttons = [b for row in (await user.next_message()).buttons for b in row]

    commands = [parts(button.callback_data)[-1] for button in buttons]
    assert commands and set(commands) <= REGISTERED - ADMIN


def test_every_admin_home_button_runs_the_handler_its_command_is_registered_with() -> None:
    registered = {
        name: handler.callback for handler in COMMAND_HANDLERS for name in handler.commands
    }

    for task in ADMIN_TASKS:
        assert registered[task.command] is task.handler, task.command
        assert len(f"adm:{task.command}".encode()) <= 64


async def test_an_admins_home_offers_every_admin_command(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    await admin.send("/start")
    buttons = [b for row in (await admin.next_message()).buttons for b in row]

    commands = [
        parts(b.callback_data)[-1] for b in buttons if str(b.callback_data).startswith("adm:")
    ]
    assert commands == [name for name, _ in ADMIN_COMMANDS]
