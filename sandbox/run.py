"""``asnbot sandbox``: the emulator, the real bot polling it, a demo database,
and the web chat page, all in one process on localhost."""

from __future__ import annotations

import asyncio
import contextlib
import signal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.application import build_application
from bot.clock import SystemClock
from bot.settings import Settings
from models import Employee
from models.db import create_engine, create_sessionmaker, upgrade
from sandbox.emulator import Emulator

SANDBOX_TOKEN = "1000000001:SANDBOX-not-a-real-token"
# Telegram ids of the simulated demo users; the i-th demo employee gets FIRST_USER_ID + i.
FIRST_USER_ID = 7000001


async def run_sandbox(
    settings: Settings, *, host: str, port: int, stop: asyncio.Event | None = None
) -> int:
    """Serve until interrupted (or until ``stop`` is set); returns an exit code."""
    from bot.demo import DEMO_ADMIN_ID

    database_url = f"sqlite+aiosqlite:///{settings.data_dir / 'sandbox' / 'sandbox.db'}"
    # The port first: a busy one fails at once, before the demo database is built.
    emulator = await _emulator_with_demo_users(host, port)
    engine = create_engine(database_url)
    try:
        await _demo_data(engine)
    except BaseException:
        await emulator.stop()
        await engine.dispose()
        raise
    bot_settings = settings.model_copy(
        update={
            "token": settings.token.__class__(SANDBOX_TOKEN),
            "api_base_url": emulator.base_url,
            "api_base_file_url": emulator.base_file_url,
            "database_url": database_url,
            # The sandbox keeps its files (the hash key too) apart from a real bot's.
            "data_dir": settings.data_dir / "sandbox",
            "admin_ids": [*settings.admin_ids, DEMO_ADMIN_ID],
        }
    )
    application = build_application(bot_settings, engine=engine)
    stop = stop or _stop_on_signals()
    try:
        async with application:
            assert application.post_init is not None
            await application.post_init(application)  # run_polling would call it
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0, timeout=10)
            print(f"Sandbox ready: open {emulator.url}/ in a browser (Ctrl+C stops).", flush=True)
            await stop.wait()
            await application.updater.stop()
            await application.stop()
    finally:
        await emulator.stop()
        await engine.dispose()
    return 0


async def _demo_data(engine: AsyncEngine) -> None:
    """The schema, and the demo's data on the first start."""
    from bot.demo import build_demo

    db = create_sessionmaker(engine)
    await upgrade(engine)
    async with db() as session:
        employees = await session.scalar(select(func.count()).select_from(Employee))
    if not employees:
        print("Building the demo database (first start only)...", flush=True)
        await build_demo(db, now=SystemClock().now())


async def _emulator_with_demo_users(host: str, port: int) -> Emulator:
    """The emulator, serving, with a user for each demo employee and the demo admin."""
    from bot.demo import DEMO_ADMIN_ID, DEMO_EMPLOYEES

    emulator = Emulator(token=SANDBOX_TOKEN, bot_first_name="ASN Gresik (sandbox)")
    try:
        await emulator.start(host=host, port=port)
    except OSError:  # the port is taken: close what was set up, the caller says so
        await emulator.stop()
        raise
    for index, person in enumerate(DEMO_EMPLOYEES):
        emulator.user(
            FIRST_USER_ID + index,
            first_name=person.name,
            language_code="id",
            phone_number=person.phone,
        )
    emulator.user(DEMO_ADMIN_ID, first_name="Admin BKPSDM", language_code="id")
    return emulator


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows
            loop.add_signal_handler(signum, stop.set)
    return stop
