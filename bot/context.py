"""The typed callback context: handlers and jobs reach shared resources as
``context.db``, ``context.settings``, ``context.clock``, ``context.hash_key`` and
``context.flood``."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application, CallbackContext, ExtBot

from bot.clock import Clock
from bot.flood import FloodControl
from bot.imports.worker import ImportWorker
from bot.metrics import Metrics
from bot.settings import Settings


class BotData:
    """What the application shares with every handler and job; set by the factory."""

    settings: Settings
    db: async_sessionmaker[AsyncSession]
    clock: Clock
    metrics: Metrics
    hash_key: bytes  # of the keyed hashes (bot/keys.py)
    flood: FloodControl  # every new message takes its turn here (bot/flood.py)
    import_worker: ImportWorker


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """``CallbackContext`` with typed access to the shared resources."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def db(self) -> async_sessionmaker[AsyncSession]:
        return self.bot_data.db

    @property
    def settings(self) -> Settings:
        return self.bot_data.settings

    @property
    def clock(self) -> Clock:
        return self.bot_data.clock

    @property
    def hash_key(self) -> bytes:
        return self.bot_data.hash_key

    @property
    def flood(self) -> FloodControl:
        return self.bot_data.flood
