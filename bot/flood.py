"""Flood control, in one place: how every new message keeps under Telegram's limits,
whatever the number of instances.

Telegram takes about 30 new messages a second from one bot, about one a second
in one chat (a short burst passes) and 20 a minute in one group; beyond that it
answers 429 with a ``retry_after``. The design:

- **One budget, in the database.** Each message that posts something new
  (``sendMessage``, ``sendPhoto``, ...; not edits, button answers or chat
  actions) first takes a turn on two paces: the whole bot's
  (``ASNBOT_BROADCAST_RATE`` a second, smooth: one every 1/rate s, never a
  burst) and its chat's (one every 1.1 s after a burst of 3; a group one every
  3 s). So no one-second window holds more than the rate as messages leave (one
  a few ms late on the network can meet the next second's as Telegram counts:
  hence the default of 29 under Telegram's 30). A pace is one row of
  ``send_pace``, moved on by one ``UPDATE`` computed in the database
  (:mod:`bot.core.pace`, :mod:`models.queries.pace`), so the instances on one
  database take turns from the same rows: together they keep the one rate the
  operator set. A turn in the future is waited for on the injected clock
  (``clock.sleep``; in tests a FakeClock moves instead of anyone sleeping).
- **Replies and notices share it.** python-telegram-bot hands every request to
  :class:`FloodControl` (it is the application's rate limiter), so a handler's
  reply takes its turns like a notice. The dispatcher takes one turn at a time,
  just before each send (:meth:`FloodControl.take_turn`, proving its claim in
  the same transaction, then the send marked :data:`TAKEN`), so there is never
  a queue of reserved turns: a reply waits at most about one turn per instance
  that is sending an announcement (1/rate s each), and the announcement gives
  up that share.
- **A 429 anyway** (another program using the token, Telegram tightening its
  limits): the whole bot's pace and the chat's are held back by ``retry_after``
  in the database, so every instance pauses, not only the one that was told.
  Then a reply is sent once more (after taking a new turn); a notice is not: the
  dispatcher puts it back in the outbox, due after the wait and not counted as
  an attempt (:mod:`bot.core.outbox`).

Nothing else paces or retries (no python-telegram-bot ``AIORateLimiter``, no
pacer in a job). Paces are kept in this process's memory in two cases: when the
database cannot be reached (replies are then paced by this process alone, so
"service disturbed" still reaches users; the outbox cannot run meanwhile), and
on SQLite, which is for one process: there is no other instance to share with,
and SQLite has one writer, so a write per message would make every reply wait
behind a long write such as an import (a restart forgets the paces: at most one
second's rate goes at once after it).
The instances' clocks must agree (NTP), as the claim lease already requires.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.core import pace
from models.queries import pace as q

if TYPE_CHECKING:
    from bot.context import BotData

log = logging.getLogger(__name__)

# ``rate_limit_args`` of a send whose caller took its turn already (the outbox):
# it is not paced again, and a 429 goes back to the caller instead of a retry.
TAKEN = "taken"
Answer = bool | dict[str, Any] | list[dict[str, Any]]
Request = Callable[..., Coroutine[Any, Any, Answer]]
Paces = list[tuple[str, pace.Pace]]
Then = Callable[[AsyncSession], Awaitable[object]]


class FloodControl(BaseRateLimiter[str]):
    """The application's rate limiter: the paces above, shared through the database.

    Built before the application (python-telegram-bot wants it then) and bound to
    the application's shared resources after (:meth:`bind`); ``enabled=False``
    lets everything through at once (benchmarks of the bot's own speed only).
    """

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self._data: BotData | None = None
        self._bot_id = 0
        self._alone: dict[str, int] = {}  # paces kept in this process (see the module)
        self._shared = True

    def bind(self, data: BotData, *, bot_id: int, shared: bool = True) -> None:
        """Use ``data``'s database, clock and settings (read at each call: tests swap them);
        ``shared=False`` keeps the paces in this process (SQLite: see the module)."""
        self._data, self._bot_id, self._shared = data, bot_id, shared

    async def initialize(self) -> None:
        """Nothing to set up: the paces live in the database."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    @property
    def data(self) -> BotData:
        if self._data is None:
            raise RuntimeError("FloodControl.bind() was not called")
        return self._data

    async def take_turn(self, chat_id: int | str | None, *, then: Then | None = None) -> None:
        """Wait until one more new message to ``chat_id`` may go, and count it.

        The chat's turn first, then the whole bot's: taken in one transaction when
        the chat's is due now (the usual case), else the bot's after the wait, so
        that a message never holds a turn of the whole bot it cannot use yet.
        ``then(session)`` runs once the turn is this message's, in the transaction
        that took the last turn when no wait follows, else in its own after the
        wait: what must still be true when the message goes (the outbox proves its
        claim there).
        """
        paces = [(pace.overall_key(self._bot_id), self._overall())] if self.enabled else []
        if chat_id is not None and self.enabled:
            paces.insert(0, (pace.chat_key(self._bot_id, chat_id), pace.for_chat(chat_id)))
        clock = self.data.clock
        while paces:
            now = pace.microseconds(clock.now())
            if not self._shared:
                goes, paces = self._advance_alone(paces, now)
            else:
                try:
                    goes, paces, then = await self._advance(paces, now, then)
                except (SQLAlchemyError, OSError) as exc:
                    log.warning(
                        "flood control: database unreachable (%s), pacing alone",
                        type(exc).__name__,
                    )
                    goes, paces = self._advance_alone(paces, now)
            # Even a turn due now goes through the clock: a test's FakeClock then keeps
            # other waiters from jumping past this message while it is on its way.
            await clock.sleep((goes - now) / pace.SECOND)
        if then is not None:
            async with self.data.db.begin() as session:
                await then(session)

    async def hold_back(self, chat_id: int | str | None, seconds: float) -> None:
        """Telegram said 429: no new message from anyone for ``seconds``."""
        now = pace.microseconds(self.data.clock.now())
        until = now + int(seconds * pace.SECOND)
        holds = [(pace.overall_key(self._bot_id), self._overall())]
        if chat_id is not None:
            holds.append((pace.chat_key(self._bot_id, chat_id), pace.for_chat(chat_id)))
        log.warning("flood control: Telegram asked to wait %.0f s; every instance waits", seconds)
        for key, which in holds:
            held = pace.held_until(until, now, which)
            if not self._shared:
                self._alone[key] = max(self._alone.get(key, 0), held)
                continue
            try:
                async with self.data.db.begin() as session:
                    await q.create(session, key=key, next_at=held)
                async with self.data.db.begin() as session:
                    await q.hold(session, key=key, until=held)
            except (SQLAlchemyError, OSError):
                self._alone[key] = max(self._alone.get(key, 0), held)

    async def process_request(
        self,
        callback: Request,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> Answer:
        """Every Bot API request: a new message takes its turn first (see the module)."""
        if not self.enabled or not pace.counts(endpoint):
            return await callback(*args, **kwargs)
        chat_id = data.get("chat_id")
        if rate_limit_args == TAKEN:
            return await self._send(callback, args, kwargs, chat_id)
        await self.take_turn(chat_id)
        try:
            return await self._send(callback, args, kwargs, chat_id)
        except RetryAfter:
            await self.take_turn(chat_id)  # after the wait, in turn with everyone else
            return await self._send(callback, args, kwargs, chat_id)

    async def _send(
        self,
        callback: Request,
        args: Any,
        kwargs: dict[str, Any],
        chat_id: int | str | None,
    ) -> Answer:
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            await self.hold_back(chat_id, _seconds(exc.retry_after))
            raise

    def _advance_alone(self, paces: Paces, now: int) -> tuple[int, Paces]:
        """Take the first of ``paces`` in this process: when the message may go, and the
        paces still to take."""
        (key, which), rest = paces[0], paces[1:]
        advanced = self._alone[key] = pace.advance(self._alone.get(key, 0), now, which)
        return pace.goes_at(advanced, now, which), rest

    def _overall(self) -> pace.Pace:
        return pace.overall(self.data.settings.broadcast_rate)

    async def _advance(
        self, paces: Paces, now: int, then: Then | None
    ) -> tuple[int, Paces, Then | None]:
        """Take turns on ``paces`` in order, in one transaction, while each is due now,
        and ``then`` with them when all are; when the message may go, the paces still
        to take, and ``then`` unless it ran."""
        goes, missing = now, None
        async with self.data.db.begin() as session:
            while paces:
                key, which = paces[0]
                advanced = await q.advance(
                    session, key=key, now=now, interval=which.interval, max_ahead=pace.MAX_AHEAD
                )
                if advanced is None:
                    missing = key
                    break
                paces = paces[1:]
                goes = pace.goes_at(advanced, now, which)
                if goes > now:
                    break
            if not paces and goes <= now and then is not None:
                await then(session)
                then = None
        if missing is not None:  # the pace's first message: its row, in a transaction of its own
            async with self.data.db.begin() as session:
                await q.create(session, key=missing, next_at=now)
        return goes, paces, then


def _seconds(retry_after: float | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)
