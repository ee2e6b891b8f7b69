"""Flood limits like the real server's, at its defaults:

- overall, at most ``global_rate`` (30) new messages in any sliding one-second
  window: a burst of 30 then nothing for the rest of that second passes, 31
  within one second never does;
- each chat a token bucket (about 1 message a second, a burst of 3);
- each group or channel (negative id) also at most ``group_rate`` (20) in any
  sliding minute.

A refused call costs nothing, like on the real server. The clock is injectable
(a callable returning seconds) so tests can move time by hand instead of sleeping.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    """A bucket of `burst` tokens refilled at `rate` tokens per second."""

    rate: float
    burst: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        """Add the tokens earned since the last update."""
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait_time(self) -> float:
        """Seconds until one token is available (0 when one is available now)."""
        if self.tokens >= 1:
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass
class SlidingWindow:
    """At most `limit` events in any window of `seconds`."""

    limit: int
    seconds: float
    times: deque[float] = field(default_factory=deque)

    def wait_time(self, now: float) -> float:
        """Seconds until one more event fits (0 when it fits now)."""
        while self.times and self.times[0] <= now - self.seconds:
            self.times.popleft()
        if len(self.times) < self.limit:
            return 0.0
        return self.times[0] + self.seconds - now

    def add(self, now: float) -> None:
        self.times.append(now)


def busiest(times: Iterable[float], window: float = 1.0) -> int:
    """The most events within any window ``(t - window, t]``: how a bot paced itself,
    from the ``at`` of the calls the emulator accepted."""
    ordered = sorted(times)
    return max(
        (bisect_right(ordered, t) - bisect_right(ordered, t - window) for t in ordered), default=0
    )


class RateLimiter:
    """The overall window, per-chat buckets and per-group windows; `check` admits one
    message or says how long to wait."""

    def __init__(
        self,
        *,
        global_rate: int = 30,
        chat_rate: float = 1.0,
        chat_burst: float = 3.0,
        group_rate: int = 20,
        group_window: float = 60.0,
        enabled: bool = True,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.global_rate = global_rate
        self.chat_rate = chat_rate
        self.chat_burst = chat_burst
        self.group_rate = group_rate
        self.group_window = group_window
        self.enabled = enabled
        self.monotonic = monotonic
        self._global = SlidingWindow(global_rate, 1.0)
        self._chats: dict[int, TokenBucket] = {}
        self._groups: dict[int, SlidingWindow] = {}

    def check(self, chat_id: int) -> int | None:
        """Admit one message to chat_id: None if allowed, else retry_after in seconds."""
        if not self.enabled:
            return None
        now = self.monotonic()
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._chats[chat_id] = TokenBucket(
                self.chat_rate, self.chat_burst, self.chat_burst, now
            )
        chat.refill(now)
        windows = [self._global]
        if chat_id < 0:
            group = self._groups.get(chat_id)
            if group is None:
                group = self._groups[chat_id] = SlidingWindow(self.group_rate, self.group_window)
            windows.append(group)
        wait = max([chat.wait_time()] + [window.wait_time(now) for window in windows])
        if wait > 0:
            return max(1, math.ceil(wait))
        chat.tokens -= 1
        for window in windows:
            window.add(now)
        return None
