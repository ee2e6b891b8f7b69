"""Build and run the Telegram application: handlers, jobs, shared resources."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import AIORateLimiter, Application, ContextTypes, ExtBot

from bot.clock import Clock, SystemClock
from bot.context import BotContext, BotData
from bot.settings import Settings
from handlers import HANDLERS, on_error
from handlers.menu import publish_commands
from jobs import schedule_jobs
from models.db import create_engine, create_sessionmaker

log = logging.getLogger(__name__)

BotApplication = Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]


def build_application(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    clock: Clock | None = None,
    rate_limiter: bool = True,
) -> BotApplication:
    """The bot, wired to ``settings``; the engine is created here unless given.

    An engine created here is disposed when the application shuts down.
    """
    own_engine = engine is None
    engine = engine or create_engine(settings.effective_database_url)

    async def post_shutdown(_app: BotApplication) -> None:
        if own_engine:
            await engine.dispose()

    builder = (
        Application.builder()
        .token(settings.require_token())
        .base_url(settings.api_base_url)
        .base_file_url(settings.effective_file_url)
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .post_init(publish_commands)
        .post_shutdown(post_shutdown)
    )
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    application: BotApplication = builder.build()  # type: ignore[assignment]

    application.bot_data.settings = settings
    application.bot_data.db = create_sessionmaker(engine)
    application.bot_data.clock = clock or SystemClock()
    application.add_handlers(HANDLERS)
    application.add_error_handler(on_error)
    if application.job_queue is not None:
        schedule_jobs(application.job_queue)
    return application


def run_bot(settings: Settings, *, webhook: bool = False) -> None:
    """Run until interrupted (polling; the webhook mode comes with the production issue)."""
    if webhook:
        raise SystemExit("asnbot: webhook mode is not available yet; run without --webhook.")
    application = build_application(settings)
    log.info("bot starting (polling) against %s", settings.api_base_url.split("/bot")[0])
    application.run_polling(allowed_updates=Update.ALL_TYPES)
