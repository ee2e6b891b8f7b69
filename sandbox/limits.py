"""Token-bucket rate limits like the real server: ~30 messages/s overall, ~1/s per chat.

The clock is injectable (a callable returning monotonic seconds) so tests can move time
forward by hand instead of sleeping.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


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


class RateLimiter:
    """Global and per-chat buckets; `check` consumes a token or says how long to wait."""

    def __init__(
        self,
        *,
        global_rate: float = 30.0,
        global_burst: float = 30.0,
        chat_rate: float = 1.0,
        chat_burst: float = 3.0,
        enabled: bool = True,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.global_rate = global_rate
        self.global_burst = global_burst
        self.chat_rate = chat_rate
        self.chat_burst = chat_burst
        self.enabled = enabled
        self.monotonic = monotonic
        now = monotonic()
        self._global = TokenBucket(global_rate, global_burst, global_burst, now)
        self._chats: dict[int, TokenBucket] = {}

    def check(self, chat_id: int) -> int | None:
        """Consume one token for chat_id; None if allowed, else retry_after in seconds."""
        if not self.enabled:
            return None
        now = self.monotonic()
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._chats[chat_id] = TokenBucket(
                self.chat_rate, self.chat_burst, self.chat_burst, now
            )
        chat.refill(now)
        self._global.refill(now)
        # Consume from neither bucket unless both have a token, so a refused call costs
        # nothing, like on the real server.
        wait = max(chat.wait_time(), self._global.wait_time())
        if wait > 0:
            return max(1, math.ceil(wait))
        chat.tokens -= 1
        self._global.tokens -= 1
        return None
