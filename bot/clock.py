"""Where "now" comes from, and how code waits. Code asks a clock; tests hand in one
they move.

Waiting goes through the clock too (``await clock.sleep(seconds)``), so pacing can be
tested without sleeping: :class:`FakeClock` moves itself forward instead.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of this clock's time."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(seconds, 0.0))


class FakeClock:
    """A clock that stands still until a test moves it, or until code waits on it.

    ``sleep(s)`` moves the clock to the end of the wait instead of waiting. Two
    rules keep that as faithful as real time when several tasks wait side by side
    (two instances pacing their sends): waits end in order, the earliest first;
    and a wait does not end while a task woken from an earlier one is still busy
    (it has neither waited again nor finished), so what that task sends happens at
    its own moment, not after a later sleeper's jump. A busy task that goes on
    with something else entirely stops counting after :data:`GRACE` real seconds.
    """

    GRACE = 0.5

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._waiting: dict[asyncio.Task[object], datetime] = {}  # task -> end of its wait
        self._busy: dict[asyncio.Task[object], float] = {}  # woken task -> when (real time)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def seconds(self) -> float:
        """Now as seconds since the epoch (for an emulator's rate limits)."""
        return self._now.timestamp()

    async def sleep(self, seconds: float) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._busy.pop(task, None)
        end = self._now + timedelta(seconds=max(seconds, 0.0))
        self._waiting[task] = end
        try:
            await asyncio.sleep(0)  # others run meanwhile, as they would during a real wait
            while not self._turn_of(task, end):  # noqa: ASYNC110 (a task's end sends no event)
                await asyncio.sleep(0.001)
        finally:
            del self._waiting[task]
        self._now = max(self._now, end)
        self._busy[task] = time.monotonic()

    def _turn_of(self, task: asyncio.Task[object], end: datetime) -> bool:
        if any(other_end < end for other, other_end in self._waiting.items() if other is not task):
            return False
        cutoff = time.monotonic() - self.GRACE
        for other, woke in list(self._busy.items()):
            if other.done() or woke < cutoff:
                del self._busy[other]
        return not self._busy
