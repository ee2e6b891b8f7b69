"""The bot's HTTP server (/healthz, /metrics), its settings, and how database
failures are recognised; the bot polls a real emulator throughout."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from sqlalchemy import exc as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.error import NetworkError

from bot.application import BotApplication, build_application, running
from bot.clock import FakeClock
from bot.core.vocabulary import BroadcastStatus, DeliveryStatus, NotificationStatus
from bot.logs import configure_logging
from bot.metrics import count_notification, mark_dispatcher_run
from bot.settings import ConfigError, Settings
from bot.web import WebServer, webhook_from
from handlers.errors import is_database_unavailable
from models import Broadcast, BroadcastDelivery, Notification
from models.db import create_engine, create_sessionmaker
from sandbox import Emulator
from tests.factories import NIP_SITI, add_employee
from tests.narrow import present
from tests.ports import free_port

TOKEN = "123456:TEST-TOKEN"
UNREACHABLE_DB = "postgresql+asyncpg://postgres@127.0.0.1:1/x"


def make_settings(emulator: Emulator, database_url: str, **extra: object) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        token=SecretStr(TOKEN),
        api_base_url=emulator.base_url,
        api_base_file_url=emulator.base_file_url,
        database_url=database_url,
        **extra,  # type: ignore[arg-type]
    )


@dataclass
class Served:
    application: BotApplication
    server: WebServer
    emulator: Emulator
    db: async_sessionmaker[AsyncSession]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.port}{path}"

    async def get(self, path: str) -> tuple[int, str]:
        async with aiohttp.ClientSession() as http, http.get(self.url(path)) as resp:
            return resp.status, await resp.text()

    async def metrics(self) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        status, body = await self.get("/metrics")
        assert status == 200
        return {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(body)
            for sample in family.samples
        }


@pytest.fixture
async def emulator(clock: FakeClock) -> AsyncIterator[Emulator]:
    emu = Emulator(token=TOKEN, monotonic=clock.seconds)
    await emu.start(host="127.0.0.1", port=0)
    yield emu
    await emu.stop()


async def serve(emulator: Emulator, url: str, clock: FakeClock) -> AsyncIterator[Served]:
    settings = make_settings(emulator, url, listen_port=free_port())
    engine = create_engine(url)
    application = build_application(settings, engine=engine, clock=clock)
    async with running(application, settings) as server:
        assert server is not None
        # The tests run what they need themselves; the JobQueue's timers must not fire.
        assert application.job_queue is not None
        for job in application.job_queue.jobs():
            job.enabled = False
        yield Served(application, server, emulator, create_sessionmaker(engine))
    await engine.dispose()


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """A stream for configure_logging; the previous logging setup is restored after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield io.StringIO()
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
async def served(emulator: Emulator, database_url: str, clock: FakeClock) -> AsyncIterator[Served]:
    """The bot polling the emulator, with its HTTP server on in polling mode."""
    async for value in serve(emulator, database_url, clock):
        yield value


@pytest.fixture
async def served_without_db(served: Served) -> AsyncIterator[Served]:
    """The same, once started, losing its database: nobody listens there."""
    engine = create_engine(UNREACHABLE_DB)
    served.application.bot_data.db = create_sessionmaker(engine)
    yield served
    await engine.dispose()


async def test_healthz_is_ok_with_no_dispatcher_run_yet(served: Served) -> None:
    async with aiohttp.ClientSession() as http, http.get(served.url("/healthz")) as resp:
        status, body = resp.status, await resp.json()

    assert status == 200
    assert body == {
        "status": "ok",
        "database": True,
        "job_queue": True,
        "last_dispatcher_run": None,
    }


async def test_healthz_shows_the_last_dispatcher_run(served: Served) -> None:
    mark_dispatcher_run(served.application, datetime(2025, 3, 3, 2, 0, 5, tzinfo=UTC))

    async with aiohttp.ClientSession() as http, http.get(served.url("/healthz")) as resp:
        body = await resp.json()

    assert body["last_dispatcher_run"] == "2025-03-03T02:00:05+00:00"
    metrics = await served.metrics()
    assert metrics[("asnbot_dispatcher_last_run_timestamp_seconds", ())] == 1740967205.0


async def test_healthz_is_503_and_errors_are_counted_when_the_database_is_down(
    served_without_db: Served,
) -> None:
    async with aiohttp.ClientSession() as http, http.get(served_without_db.url("/healthz")) as r:
        status, body = r.status, await r.json()

    assert status == 503
    assert body["status"] == "unavailable"
    assert body["database"] is False
    assert body["job_queue"] is True
    metrics = await served_without_db.metrics()  # the scrape itself fails to read the db too
    assert metrics[("asnbot_database_errors_total", ())] == 2


async def test_metrics_count_commands_by_name_and_time_them(served: Served) -> None:
    user = served.emulator.user(1001, first_name="Budi", language_code="id")
    await user.send("/start")
    await user.next_message()
    await user.send("/rahasia_1985")
    await user.next_message()

    metrics = await served.metrics()

    assert metrics[("asnbot_updates_total", (("command", "start"),))] == 1
    assert metrics[("asnbot_handler_seconds_count", (("command", "start"),))] == 1
    assert metrics[("asnbot_updates_total", (("command", "unknown_command"),))] == 1
    # Labels never carry what a user typed, nor who they are.
    assert not any("rahasia" in str(key) or "1001" in str(key) for key in metrics)


async def test_metrics_read_pending_notifications_and_announcement_progress(
    served: Served,
) -> None:
    now = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
    async with served.db.begin() as session:
        budi = await add_employee(session)
        siti = await add_employee(session, nip=NIP_SITI, name="Siti")
        for index, status in enumerate(
            [NotificationStatus.PENDING, NotificationStatus.PENDING, NotificationStatus.SENT]
        ):
            session.add(
                Notification(
                    key=f"test:{index}",
                    employee_id=budi.id,
                    kind="test",
                    due_at=now + timedelta(hours=index),
                    status=status,
                )
            )
        broadcast = Broadcast(
            created_by=1, text="Rapat", audience={}, status=BroadcastStatus.SENDING, created_at=now
        )
        session.add(broadcast)
        await session.flush()
        session.add_all(
            [
                BroadcastDelivery(
                    broadcast_id=broadcast.id,
                    employee_id=budi.id,
                    status=DeliveryStatus.DELIVERED,
                ),
                BroadcastDelivery(
                    broadcast_id=broadcast.id, employee_id=siti.id, status=DeliveryStatus.PENDING
                ),
            ]
        )
    count_notification(served.application, NotificationStatus.SENT, 3)
    count_notification(served.application, NotificationStatus.FAILED)

    metrics = await served.metrics()

    assert metrics[("asnbot_notifications_pending", ())] == 2
    assert metrics[("asnbot_notifications_sent_total", ())] == 3
    assert metrics[("asnbot_notifications_failed_total", ())] == 1
    assert metrics[("asnbot_broadcasts", (("status", "sending"),))] == 1
    assert metrics[("asnbot_broadcasts", (("status", "done"),))] == 0
    assert metrics[("asnbot_broadcast_deliveries", (("status", "delivered"),))] == 1
    assert metrics[("asnbot_broadcast_deliveries", (("status", "pending"),))] == 1
    assert metrics[("asnbot_database_errors_total", ())] == 0


async def test_polling_without_a_listen_port_starts_no_server(
    emulator: Emulator, database_url: str
) -> None:
    settings = make_settings(emulator, database_url)
    application = build_application(settings)

    async with running(application, settings) as server:
        assert server is None
        assert application.updater is not None and application.updater.running


def test_two_applications_keep_separate_metrics(emulator: Emulator) -> None:
    settings = make_settings(emulator, UNREACHABLE_DB)
    first, second = build_application(settings), build_application(settings)

    count_notification(first, NotificationStatus.SENT)

    assert first.bot_data.metrics.registry.get_sample_value("asnbot_notifications_sent_total") == 1
    assert second.bot_data.metrics.registry.get_sample_value("asnbot_notifications_sent_total") == 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"webhook_secret": "s3cret", "listen_port": 8443}, "ASNBOT_WEBHOOK_URL is not set"),
        (
            {"webhook_url": "https://bot.example.id/telegram", "listen_port": 8443},
            "ASNBOT_WEBHOOK_SECRET is not set",
        ),
        (
            {
                "webhook_url": "https://bot.example.id/telegram",
                "webhook_secret": "not allowed!",
                "listen_port": 8443,
            },
            "ASNBOT_WEBHOOK_SECRET may hold only",
        ),
        (
            {"webhook_url": "https://bot.example.id/telegram", "webhook_secret": "s3cret"},
            "ASNBOT_LISTEN_PORT is not set",
        ),
    ],
)
def test_webhook_mode_without_its_settings_is_a_one_line_error(
    settings: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as raised:
        webhook_from(Settings(_env_file=None, **settings))  # type: ignore[call-arg, arg-type]
    assert "\n" not in str(raised.value)


def test_webhook_settings_are_read() -> None:
    hook = webhook_from(
        Settings(
            _env_file=None,  # type: ignore[call-arg]
            webhook_url="https://bot.example.id/hook",
            webhook_secret="s3cret_-X",  # type: ignore[arg-type]
            webhook_path="hook",
            listen_port=8443,
        )
    )
    assert (hook.url, hook.secret, hook.path) == (
        "https://bot.example.id/hook",
        "s3cret_-X",
        "/hook",
    )


def _invalidated() -> sa.DBAPIError:
    return sa.DBAPIError("SELECT 1", None, Exception("gone"), connection_invalidated=True)


@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (sa.OperationalError("SELECT 1", None, Exception("connection refused")), True),
        (sa.InterfaceError("SELECT 1", None, Exception("connection is closed")), True),
        (_invalidated(), True),
        (ConnectionRefusedError(111, "Connect call failed"), True),
        (OSError("Multiple exceptions: [Errno 111] Connect call failed"), True),
        (TimeoutError(), True),
        (sa.IntegrityError("INSERT", None, Exception("duplicate key")), False),
        (ValueError("a bug"), False),
        (NetworkError("Bot API unreachable"), False),
        (None, False),
    ],
)
def test_database_failures_are_told_from_bugs(
    error: BaseException | None, unavailable: bool
) -> None:
    assert is_database_unavailable(error) is unavailable


def test_a_wrapped_connection_failure_is_recognised() -> None:
    try:
        try:
            raise ConnectionResetError(104, "Connection reset by peer")
        except ConnectionResetError as inner:
            raise RuntimeError("while loading the link") from inner
    except RuntimeError as outer:
        assert is_database_unavailable(outer)


async def test_a_user_is_told_the_service_is_disturbed_and_served_again_after(
    served: Served,
) -> None:
    working = served.application.bot_data.db
    engine = create_engine(UNREACHABLE_DB)
    served.application.bot_data.db = create_sessionmaker(engine)
    user = served.emulator.user(1001, first_name="Budi", language_code="id")
    english = served.emulator.user(1002, first_name="Ann", language_code="en")

    await user.send("/start")
    disturbed = await user.next_message()
    await english.send("/start")
    disturbed_en = await english.next_message()
    served.application.bot_data.db = working  # the database is back
    await user.send("/start")
    greeting = await user.next_message()

    assert disturbed.text == "Layanan sedang terganggu. Silakan coba lagi beberapa menit lagi."
    assert disturbed_en.text == "The service is disrupted. Please try again in a few minutes."
    assert "Selamat datang" in present(greeting.text)
    metrics = await served.metrics()
    assert metrics[("asnbot_database_errors_total", ())] == 2
    await engine.dispose()


async def test_logs_of_an_update_carry_its_id_and_the_telegram_user(
    served: Served, log_output: io.StringIO
) -> None:
    configure_logging("INFO", json_lines=True, stream=log_output)
    engine = create_engine(UNREACHABLE_DB)
    served.application.bot_data.db = create_sessionmaker(engine)
    user = served.emulator.user(1001, first_name="Budi")

    await user.send("/start")
    await user.next_message()

    lines = [json.loads(line) for line in log_output.getvalue().splitlines()]
    warning = next(line for line in lines if line["logger"] == "handlers.errors")
    assert warning["telegram_user_id"] == 1001
    assert isinstance(warning["update_id"], int)
    await engine.dispose()


class Gate:
    """A TCP forwarder to the database server that a test can cut and restore."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self.server: asyncio.Server | None = None
        self.writers: list[asyncio.StreamWriter] = []

    async def open(self) -> None:
        self.server = await asyncio.start_server(self._forward, "127.0.0.1", self.port)
        self.port = int(self.server.sockets[0].getsockname()[1])

    async def cut(self) -> None:
        """Refuse new connections and break the open ones, as a database outage does."""
        assert self.server is not None
        self.server.close()
        for writer in self.writers:
            writer.transport.abort()
        self.writers.clear()

    async def _forward(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.writers += [writer, up_writer]

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


async def test_the_bot_recovers_by_itself_when_the_database_returns(
    emulator: Emulator, database_url: str, clock: FakeClock
) -> None:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        pytest.skip("a database server is needed to cut the connection to")
    gate = Gate(url.host or "127.0.0.1", url.port or 5432)
    await gate.open()
    gated = url.set(host="127.0.0.1", port=gate.port).render_as_string(hide_password=False)
    settings = make_settings(emulator, gated)
    application = build_application(settings, clock=clock)
    user = emulator.user(1001, first_name="Budi", language_code="id")

    async with running(application, settings):
        await user.send("/start")
        before = await user.next_message()
        await gate.cut()
        await user.send("/start")
        during = await user.next_message()
        await gate.open()
        await user.send("/start")
        after = await user.next_message()
    await gate.cut()

    assert "Selamat datang" in present(before.text)
    assert during.text == "Layanan sedang terganggu. Silakan coba lagi beberapa menit lagi."
    assert "Selamat datang" in present(after.text)


async def test_stopping_lets_the_job_in_flight_finish(served: Served) -> None:
    application = served.application
    started, release, finished = asyncio.Event(), asyncio.Event(), []

    async def batch(_context: object) -> None:
        started.set()
        await release.wait()
        await asyncio.sleep(0.05)  # the rest of the batch, after the stop began
        finished.append(True)

    assert application.job_queue is not None
    application.job_queue.run_once(batch, 0)
    await started.wait()

    # What running() does on SIGTERM, before it closes the database.
    stopping = asyncio.create_task(application.stop())
    await asyncio.sleep(0)
    assert not application.running
    release.set()
    await stopping

    assert finished == [True]
