"""A bot in its own process, polling the benchmark's emulator: asnbot, or the echo bot.

``python -m bench.botproc asnbot API_BASE DB_URL`` runs the real application as
``asnbot run`` builds it, with its recurring jobs paused (the benchmark measures
answers to users, and the planner would otherwise start on its own clock);
``python -m bench.botproc echo API_BASE`` runs the smallest python-telegram-bot
bot that answers each text with the same text: the framework's ceiling. Both
print ``ready`` once polling, and stop on SIGTERM.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bench.common import TOKEN


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the text with itself."""
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


async def run(kind: str, api_base: str, database_url: str | None) -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    if kind == "echo":
        app = Application.builder().token(TOKEN).base_url(api_base).build()
        app.add_handler(MessageHandler(filters.TEXT, echo))
    else:
        from bot.application import build_application
        from bot.settings import Settings

        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            token=SecretStr(TOKEN),
            api_base_url=api_base,
            database_url=database_url or "",
            log_level="WARNING",
        )
        # Telegram's 30/s is measured by the announcement benchmark; here the
        # emulator's limits are off and so is the client-side limiter.
        app = build_application(settings, rate_limiter=False)  # type: ignore[assignment]
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        if app.job_queue is not None:
            for job in app.job_queue.jobs():
                job.enabled = False
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=10)
        print("ready", flush=True)
        await stop.wait()
        await app.updater.stop()
        await app.stop()
        if kind != "echo" and app.post_shutdown is not None:
            await app.post_shutdown(app)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    kind, api_base = sys.argv[1], sys.argv[2]
    asyncio.run(run(kind, api_base, sys.argv[3] if len(sys.argv) > 3 else None))


if __name__ == "__main__":
    main()
