"""The end-to-end harness: the Bot API emulator and the real application,
polling it over HTTP, on a migrated database, with a clock the test controls.

Tests read like a conversation::

    user = bot.user(1001)
    await user.send("/start")
    reply = await user.next_message()
    await user.press("Setuju")

and in a group, several users post where everyone reads::

    group = bot.group(-100123, title="ASN Gresik")
    await group.send(user, f"/hasil@{bot.username}")
    pointer = await group.next_message()
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.application import BotApplication, build_application
from bot.clock import FakeClock
from bot.context import BotContext
from bot.settings import Settings
from models import Employee, Notification
from models.db import create_engine, create_sessionmaker
from sandbox import Emulator, SimulatedGroup, SimulatedUser
from tests.factories import add_employee, add_linked_user
from tests.journeys.markup import literal_markup

TOKEN = "123456:TEST-TOKEN"
ADMIN_ID = 900001
# The employee's /menu (handlers/menu.py), one task a row, as a linked person reads it.
EMPLOYEE_MENU = [
    "Lihat jadwal penilaian",
    "Lihat hasil penilaian",
    "Cari pelatihan Gapura",
    "Lihat capaian JP",
    "Atur pengingat",
    "Lihat profil dan data Anda",
    "Bantuan dan daftar perintah",
]
BUDI_CHAT = 3101  # Budi's Telegram id unless a test says otherwise


async def run_job(application: BotApplication, name: str) -> None:
    """Run one of ``application``'s recurring jobs now, with the context the JobQueue
    would give it (for a second application besides the ``bot`` fixture's too)."""
    assert application.job_queue is not None
    job = application.job_queue.get_jobs_by_name(name)[0]
    await job.callback(BotContext.from_job(job, application))


@asynccontextmanager
async def another_instance(bot: RunningBot, **settings: Any) -> AsyncIterator[BotApplication]:
    """Another bot process on the same database and emulator, with the same clock; its
    jobs run when the test says so (``run_job(app, name)``); ``settings`` override."""
    engine = create_engine(bot.settings.effective_database_url)
    application = build_application(
        bot.settings.model_copy(update=settings), engine=engine, clock=bot.clock
    )
    async with application:
        yield application
    await engine.dispose()


@dataclass
class RunningBot:
    """What a journey test works with."""

    application: BotApplication
    emulator: Emulator
    db: async_sessionmaker[AsyncSession]
    clock: FakeClock
    settings: Settings

    async def run_job(self, name: str) -> None:
        """Run a recurring job's callback now, with the context the JobQueue would give it."""
        await run_job(self.application, name)

    def user(self, user_id: int, **profile: object) -> SimulatedUser:
        profile.setdefault("first_name", f"Pengguna {user_id}")
        return self.emulator.user(user_id, **profile)  # type: ignore[arg-type]

    def group(
        self, chat_id: int, title: str | None = None, chat_type: str = "supergroup"
    ) -> SimulatedGroup:
        """A group (negative id) with the bot in it; users post with group.send(user, text)."""
        return self.emulator.group(chat_id, title, chat_type)

    @property
    def username(self) -> str:
        """The bot's username, as in ``/hasil@username`` and ``https://t.me/username``."""
        return str(self.emulator.bot_user["username"])


@pytest.fixture
async def emulator(request: pytest.FixtureRequest, clock: FakeClock) -> AsyncIterator[Emulator]:
    # Telegram's limits at their defaults, on the test's clock: the bot paces itself
    # on that clock too (bot/flood.py), so a quick conversation moves the clock
    # instead of meeting a 429, and nobody sleeps.
    emu = Emulator(token=TOKEN, monotonic=clock.seconds)
    await emu.start(host="127.0.0.1", port=0)
    yield emu
    await emu.stop()
    # No raw markup in anything the bot showed (tests/journeys/markup.py), unless the
    # test feeds markup-like data on purpose (a name typed as "<b>", fuzzed input).
    if request.node.get_closest_marker("literal_markup") is None:
        assert not literal_markup(emu), "\n".join(literal_markup(emu))


def test_settings(emulator: Emulator, database_url: str, **overrides: Any) -> Settings:
    settings: dict[str, Any] = {
        "token": TOKEN,
        "api_base_url": emulator.base_url,
        "api_base_file_url": emulator.base_file_url,
        "database_url": database_url,
        "admin_ids": [ADMIN_ID],
        **overrides,
    }
    return Settings(_env_file=None, **settings)  # type: ignore[call-arg]


async def linked(
    bot: RunningBot, user_id: int = BUDI_CHAT, *, language: str = "id", **employee: Any
) -> tuple[SimulatedUser, Employee]:
    """An employee (Budi unless told) with an active link for ``user_id``."""
    async with bot.db.begin() as session:
        person = await add_employee(session, **employee)
        await add_linked_user(
            session,
            employee=person,
            telegram_user_id=user_id,
            now=bot.clock.now(),
            language=language,
        )
    return bot.user(user_id), person


async def due_announcements(
    bot: RunningBot,
    user_ids: Iterable[int],
    *,
    broadcast_id: int,
    nip_stem: str,
    text: str,
    numbered: bool = False,
) -> list[int]:
    """A linked employee for each of ``user_ids`` (NIP ``nip_stem`` + two digits), each
    with announcement ``broadcast_id`` due now (``text``; with ``numbered``, ``text`` and
    the person's number: "Pengumuman 0", ...); the user ids."""
    users = list(user_ids)
    async with bot.db.begin() as session:
        for n, user_id in enumerate(users):
            person = await add_employee(session, nip=f"{nip_stem}{n:02d}", name=f"P {n}")
            await add_linked_user(
                session, employee=person, telegram_user_id=user_id, now=bot.clock.now()
            )
            session.add(
                Notification(
                    key=f"broadcast:{broadcast_id}:emp:{person.id}",
                    employee_id=person.id,
                    kind="broadcast",
                    due_at=bot.clock.now(),
                    payload={"text": f"{text} {n}" if numbered else text},
                )
            )
            bot.user(user_id)
    return users


@pytest.fixture
async def bot(emulator: Emulator, database_url: str, clock: FakeClock) -> AsyncIterator[RunningBot]:
    """The real application, started and polling the emulator."""
    async with running_bot(emulator, database_url, clock) as running:
        yield running


@asynccontextmanager
async def running_bot(
    emulator: Emulator, database_url: str, clock: FakeClock, **overrides: Any
) -> AsyncIterator[RunningBot]:
    """The real application polling ``emulator``; ``overrides`` change the test settings
    (``concurrent_updates=1``: one update after the other, in the order they came)."""
    settings = test_settings(emulator, database_url, **overrides)
    engine = create_engine(database_url)
    application = build_application(settings, engine=engine, clock=clock)
    async with application:
        # post_init runs only under run_polling(); call it as run_polling would.
        assert application.post_init is not None
        await application.post_init(application)
        await application.start()
        # Recurring jobs run when a test says so (bot.run_job), never on the wall clock.
        assert application.job_queue is not None
        for job in application.job_queue.jobs():
            job.enabled = False
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield RunningBot(application, emulator, create_sessionmaker(engine), clock, settings)
        finally:
            await application.updater.stop()
            await application.stop()
    await engine.dispose()
