"""The Emulator: a local Telegram Bot API server with simulated users, in this event loop."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from sandbox.api import add_api_routes
from sandbox.faults import Faults
from sandbox.groups import SimulatedGroup
from sandbox.limits import RateLimiter
from sandbox.methods import BotMethods
from sandbox.server import EMULATOR_KEY, MAX_BODY, add_bot_routes
from sandbox.state import CallbackQueryRecord, CallRecord, State
from sandbox.users import SimulatedUser
from sandbox.webhook import deliver_webhooks

Clock = Callable[[], "dtm.datetime | float | int"]


class Emulator:
    """Serves the Bot API for one bot token and simulates the users talking to it."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        *,
        bot_first_name: str = "ASN Bot",
        bot_username: str = "asn_test_bot",
        rate_limits: bool = True,
        global_rate: int = 30,
        chat_rate: float = 1.0,
        chat_burst: float = 3.0,
        group_rate: int = 20,
        monotonic: Callable[[], float] = time.monotonic,
        clock: Clock | None = None,
        webhook_retry_delay: float = 0.1,
        webhook_timeout: float = 10.0,
        max_long_poll: float = 50.0,
    ) -> None:
        self.token = token
        bot_id = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(bot_id) if bot_id.isdigit() else 1,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.clock = clock
        self.limiter = RateLimiter(
            global_rate=global_rate,
            chat_rate=chat_rate,
            chat_burst=chat_burst,
            group_rate=group_rate,
            enabled=rate_limits,
            monotonic=monotonic,
        )
        self.webhook_retry_delay = webhook_retry_delay
        self.webhook_timeout = webhook_timeout
        self.max_long_poll = max_long_poll
        self.state = State()
        self.faults = Faults()
        self.users: dict[int, SimulatedUser] = {}
        self.groups: dict[int, SimulatedGroup] = {}
        self.methods = BotMethods(self)
        self.closing = False
        self.app = self.build_app()
        self._runner: web.AppRunner | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._call_cursors: dict[str, int] = {}
        self.host = "127.0.0.1"
        self.port = 0

    # ------------------------------------------------------------ lifecycle

    def build_app(self) -> web.Application:
        """The aiohttp application with the Bot API, JSON API and web page routes."""
        app = web.Application(client_max_size=MAX_BODY)
        app[EMULATOR_KEY] = self
        add_bot_routes(app)
        add_api_routes(app)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on host:port (0 picks a free port) in the running event loop."""
        self.closing = False
        # A short shutdown timeout: long polls end on stop() anyway.
        self._runner = web.AppRunner(self.app, shutdown_timeout=2.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        address = self._runner.addresses[0]
        self.host, self.port = host, int(address[1])
        self._webhook_task = asyncio.create_task(deliver_webhooks(self))

    async def stop(self) -> None:
        """End long polls and webhook delivery, then close the server."""
        self.closing = True
        self.state.updates_signal.notify()
        self.state.chat_signal.notify()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """http://host:port of the running server."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """For Application.builder().base_url(); the client appends the token."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For Application.builder().base_file_url()."""
        return f"{self.url}/file/bot"

    # ------------------------------------------------------------ users and time

    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        phone_number: str | None = None,
    ) -> SimulatedUser:
        """The simulated user with that id; created on first call, updated by later ones."""
        existing = self.users.get(user_id)
        if existing is None:
            existing = SimulatedUser(
                self,
                user_id,
                first_name or f"User{user_id}",
                last_name,
                username,
                language_code,
                phone_number,
            )
            self.users[user_id] = existing
            self.state.chat(user_id)
            return existing
        for key, value in (
            ("first_name", first_name),
            ("last_name", last_name),
            ("username", username),
            ("language_code", language_code),
            ("phone_number", phone_number),
        ):
            if value is not None:
                setattr(existing, key, value)
        return existing

    def group(
        self,
        chat_id: int,
        title: str | None = None,
        chat_type: str = "supergroup",
        username: str | None = None,
    ) -> SimulatedGroup:
        """The group (negative id) with the bot already in it; created on first call.

        ``chat_type`` is group, supergroup or channel. Users post with
        ``group.send(user, text)``; see sandbox.groups.
        """
        existing = self.groups.get(chat_id)
        if existing is None:
            existing = SimulatedGroup(
                self, chat_id, title or f"Grup {chat_id}", chat_type, username
            )
            self.groups[chat_id] = existing
            self.state.chat(chat_id)
        elif title is not None:
            existing.title = title
        return existing

    def chat_object(self, chat_id: int) -> dict[str, Any]:
        """The Chat object of a user's private chat or of a group."""
        group = self.groups.get(chat_id)
        return group.chat_object() if group is not None else self.users[chat_id].chat_object()

    def now(self) -> int:
        """Unix time for message dates, from the injected clock if any."""
        if self.clock is None:
            return int(time.time())
        value = self.clock()
        if isinstance(value, dtm.datetime):
            return int(value.timestamp())
        return int(value)

    # ------------------------------------------------------------ calls

    @property
    def calls(self) -> list[CallRecord]:
        """Every Bot API call received, in order."""
        return self.state.calls

    def calls_to(self, method: str) -> list[CallRecord]:
        """Recorded calls of one method (case-insensitive)."""
        return [c for c in self.state.calls if c.method.lower() == method.lower()]

    async def wait_for_call(
        self,
        method: str,
        timeout: float = 5.0,  # noqa: ASYNC109 (the agreed test API)
        predicate: Callable[[CallRecord], bool] | None = None,
    ) -> CallRecord:
        """The next call of `method` not yet returned by wait_for_call (per method cursor)."""
        key = method.lower()
        found: list[CallRecord] = []

        def ready() -> bool:
            calls = self.state.calls
            for index in range(self._call_cursors.get(key, 0), len(calls)):
                call = calls[index]
                if call.method.lower() == key and (predicate is None or predicate(call)):
                    self._call_cursors[key] = index + 1
                    found.append(call)
                    return True
            return False

        if not await self.state.calls_signal.wait_until(ready, timeout):
            seen = sorted({c.method for c in self.state.calls})
            raise AssertionError(f"no call of {method} within {timeout}s; methods seen: {seen}")
        return found[0]

    def register_callback_query(
        self, query_id: str, user_id: int, message_id: int, data: str, chat_id: int | None = None
    ) -> CallbackQueryRecord:
        """Remember a pressed button so answerCallbackQuery can find it (in the user's
        private chat unless ``chat_id`` names a group)."""
        record = CallbackQueryRecord(
            query_id, user_id, message_id, data, user_id if chat_id is None else chat_id
        )
        self.state.callback_queries[query_id] = record
        return record
