"""How many failed verifications are allowed, and when the limit lifts.

A link is proved by one of two second factors, limited differently because
only one of them can be guessed:

- an activation code is typed, so it can be guessed: its failures count per
  Telegram account and per NIP, so neither one account trying many NIPs nor
  many accounts taking turns at one NIP gets far;
- a shared contact cannot be guessed: Telegram vouches that a contact whose
  ``user_id`` is the sender's carries the sender's own number, and any other
  contact is refused before a record is read. Its failures count per account
  only; counted per NIP too, a stranger who knows a NIP (it is public) could
  lock its owner out of their own verified phone, again every 15 minutes.

Each factor counts only its own failures: mistyped codes do not stop the
owner's phone, nor failed contacts the owner's code.

The NIP is stored as :func:`nip_digest`, never as itself.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class Failure:
    """A failed verification, as seen from the try being made now."""

    at: datetime
    method: str  # the second factor that failed
    by_account: bool  # made by the Telegram account trying now
    on_nip: bool  # made on the NIP claimed now


@dataclass(frozen=True)
class AttemptLimit:
    max_failures: int = MAX_FAILURES
    window: timedelta = WINDOW

    def lock(
        self, method: str, failures: Iterable[Failure], *, guessable: bool, now: datetime
    ) -> datetime | None:
        """When a try of ``method`` may be made, or None when it may be made now.

        ``guessable``: whether the factor can be guessed (a typed code), so that its
        failures on the NIP count too, whoever made them.
        """
        same = [failure for failure in failures if failure.method == method]
        counted = [[failure.at for failure in same if failure.by_account]]
        if guessable:
            counted.append([failure.at for failure in same if failure.on_nip])
        moments = [self.locked_until(times, now=now) for times in counted]
        return max((moment for moment in moments if moment), default=None)

    def locked_until(self, failures: Iterable[datetime], *, now: datetime) -> datetime | None:
        """When the oldest counted failure leaves the window, if the limit is reached."""
        recent = sorted(at for at in failures if now - at < self.window)
        if len(recent) < self.max_failures:
            return None
        # The lock lifts when enough failures have aged out to allow one more try.
        return recent[len(recent) - self.max_failures] + self.window


def nip_digest(nip: str, *, key: bytes) -> str:
    """What the attempts table stores for a NIP: its HMAC-SHA256 under the server's key.

    A plain hash of a NIP hides nothing: NIPs are few and structured (birth date,
    appointment month, sex, serial), so whoever reads the table could hash every
    plausible NIP and see which were tried. Without the key they cannot.
    """
    return hmac.new(key, nip.encode("ascii"), hashlib.sha256).hexdigest()
