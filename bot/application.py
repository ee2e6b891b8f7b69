"""Build and run the Telegram application: handlers, jobs, shared resources."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, CommandHandler, ContextTypes, Defaults, ExtBot

from bot.clock import Clock, SystemClock
from bot.context import BotContext, BotData
from bot.flood import FloodControl
from bot.imports.worker import ImportWorker, ProcessWorker
from bot.keys import hash_key
from bot.logs import update_context
from bot.metrics import Metrics
from bot.settings import Settings
from bot.updates import PerUserUpdateProcessor
from bot.web import WebServer, webhook_from
from handlers import HANDLERS, on_error
from handlers.menu import publish_commands
from jobs import schedule_jobs
from models.db import create_engine, create_sessionmaker

log = logging.getLogger(__name__)

BotApplication = Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]


class MeteredApplication(BotApplication):
    """Tags the logs of each update with its ids, and counts and times it."""

    async def process_update(self, update: object) -> None:
        user = update.effective_user if isinstance(update, Update) else None
        update_id = update.update_id if isinstance(update, Update) else None
        with (
            update_context(update_id, user.id if user else None),
            self.bot_data.metrics.measure(update),
        ):
            await super().process_update(update)


def build_application(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    clock: Clock | None = None,
    import_worker: ImportWorker | None = None,
    rate_limiter: bool = True,
) -> BotApplication:
    """The bot, wired to ``settings``; the engine is created here unless given.

    An engine created here is disposed when the application shuts down.
    ``rate_limiter=False`` paces nothing (:mod:`bot.flood`): for benchmarks of the
    bot's own speed against an emulator without limits, never in production.
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
        # Every text is HTML (escaped by bot.texts' callers); dates in jobs are local.
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .application_class(MeteredApplication)
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .post_init(publish_commands)
        .post_shutdown(post_shutdown)
        .concurrent_updates(PerUserUpdateProcessor(settings.concurrent_updates))
    )
    # The one owner of flood control, for every request (bot/flood.py).
    flood = FloodControl(enabled=rate_limiter)
    builder = builder.rate_limiter(flood)  # type: ignore[arg-type]
    application: BotApplication = builder.build()

    _fill(application.bot_data, settings, engine, clock, flood)
    application.bot_data.import_worker = import_worker or ProcessWorker()
    application.add_handlers(HANDLERS)  # type: ignore[arg-type]
    application.add_error_handler(on_error)
    if application.job_queue is not None:
        schedule_jobs(application.job_queue)
    return application


def _fill(
    data: BotData, settings: Settings, engine: AsyncEngine, clock: Clock | None, flood: FloodControl
) -> None:
    """What every handler and job reads from ``context.bot_data``."""
    data.settings = settings
    data.db = create_sessionmaker(engine)
    data.clock = clock or SystemClock()
    data.hash_key = hash_key(settings)
    data.flood = flood
    flood.bind(
        data,
        bot_id=int(settings.require_token().split(":", 1)[0]),
        shared=engine.dialect.name != "sqlite",  # SQLite is for one process (bot/flood.py)
    )
    data.metrics = Metrics(commands=_command_names())


def _command_names() -> set[str]:
    """Every command the handlers answer: the only command labels metrics use."""
    return {
        name
        for handlers in HANDLERS.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }


@asynccontextmanager
async def running(
    application: BotApplication, settings: Settings, *, webhook: bool = False
) -> AsyncIterator[WebServer | None]:
    """Run the bot inside the block: polling, or the webhook; the HTTP server if any.

    On leaving, updates stop coming first; then the update and the job in flight
    finish (``Application.stop`` waits for both); then the engine is disposed.
    """
    hook = webhook_from(settings) if webhook else None
    server: WebServer | None = None
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        if hook is not None or settings.listen_port:
            server = WebServer(application, hook)
            await server.start(settings.listen_host, settings.listen_port)
        if hook is not None:
            await application.bot.set_webhook(
                hook.url, secret_token=hook.secret, allowed_updates=Update.ALL_TYPES
            )
        else:
            assert application.updater is not None
            await application.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        yield server
    finally:
        # The webhook stays set: other instances behind the same URL keep receiving.
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if server is not None:
            await server.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def serve(settings: Settings, *, webhook: bool = False) -> None:
    """Run until SIGINT or SIGTERM, then shut down gracefully."""
    application = build_application(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with running(application, settings, webhook=webhook):
        log.info(
            "bot running (%s) against %s",
            "webhook" if webhook else "polling",
            settings.api_base_url.split("/bot")[0],
        )
        await stop.wait()
        log.info("stopping: finishing the update and the jobs in flight")
    log.info("bot stopped")


def run_bot(settings: Settings, *, webhook: bool = False) -> None:
    """Run the bot (polling, or webhook with ``webhook=True``) until interrupted."""
    if webhook:
        webhook_from(settings)  # a missing setting stops us before anything starts
    asyncio.run(serve(settings, webhook=webhook))
