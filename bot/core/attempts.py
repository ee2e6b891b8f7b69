"""How many failed verification attempts are allowed, and when the limit lifts.

Failures are counted per Telegram user and per NIP, so neither one account
trying many NIPs nor many accounts trying one NIP gets far.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class AttemptLimit:
    max_failures: int = MAX_FAILURES
    window: timedelta = WINDOW

    def locked_until(self, failures: Iterable[datetime], *, now: datetime) -> datetime | None:
        """When the oldest counted failure leaves the window, if the limit is reached."""
        recent = sorted(at for at in failures if now - at < self.window)
        if len(recent) < self.max_failures:
            return None
        # The lock lifts when enough failures have aged out to allow one more try.
        return recent[len(recent) - self.max_failures] + self.window
