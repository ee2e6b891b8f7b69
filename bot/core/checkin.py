"""Check-in at the venue: the code in a session's QR link, and when it is accepted.

A code is ``ci_`` and 24 random URL-safe characters (144 bits from :mod:`secrets`):
a valid Telegram deep-link parameter (at most 64 of ``A-Z a-z 0-9 _ -``) that
nobody can guess. It is bound to one session in the database and lapses when the
session's check-in window closes.

A participant is checked in only inside the window around the session's start:
from ``opens_before`` before it to ``closes_after`` after it (the settings
``ASNBOT_CHECKIN_OPENS_MINUTES_BEFORE`` and ``ASNBOT_CHECKIN_CLOSES_MINUTES_AFTER``).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.broadcast import EDIT_EVERY, should_edit
from bot.core.reminders import Planned
from bot.core.vocabulary import CheckinTiming as Timing
from bot.core.vocabulary import NotificationKind

PREFIX = "ci_"
_RANDOM_BYTES = 18  # 24 characters once encoded
_PAYLOAD = re.compile(r"^ci_[A-Za-z0-9_-]{20,60}$")
# The admin's live count is edited at most this often, as an announcement's progress.
BOARD_EVERY = EDIT_EVERY
# A live count is kept up to date this long after the check-in window closes.
BOARD_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class Window:
    """The check-in window of one session: ``opens <= moment < closes``."""

    opens: datetime
    closes: datetime

    def timing(self, now: datetime) -> Timing:
        if now < self.opens:
            return Timing.EARLY
        if now >= self.closes:
            return Timing.LATE
        return Timing.OPEN


def window(starts_at: datetime, *, opens_before: timedelta, closes_after: timedelta) -> Window:
    """The window around a session starting at ``starts_at``."""
    return Window(starts_at - opens_before, starts_at + closes_after)


def new_payload() -> str:
    """A fresh random code for a check-in link."""
    return PREFIX + secrets.token_urlsafe(_RANDOM_BYTES)


def is_payload(text: str) -> bool:
    """Whether a ``/start`` parameter is meant as a check-in code (not an activation code)."""
    return bool(_PAYLOAD.match(text))


def deep_link(username: str, payload: str) -> str:
    """``https://t.me/<bot>?start=<payload>``: what the QR code holds."""
    return f"https://t.me/{username}?start={payload}"


def should_show(*, shown: str | None, wanted: str, last: datetime | None, now: datetime) -> bool:
    """Edit the live count now? Only when its words change, and at most every
    :data:`BOARD_EVERY`, so a crowd arriving at once costs one edit, not one each."""
    return should_edit(shown=shown, wanted=wanted, last_edit=last, now=now, final=False)


# ------------------------------------------------------------------ missed sessions

# The follow-up to someone invited who did not check in goes this long after the
# session's end, and not when it is found more than a week later (first deployment).
MISSED_DELAY = timedelta(hours=1)
MISSED_STALE = timedelta(days=7)


def missed_notice(
    session_id: int,
    employee_id: int,
    participation_id: int,
    *,
    starts_at: datetime,
    ends_at: datetime,
    venue: str,
    now: datetime,
) -> Planned | None:
    """ "You were not recorded at the session: ask for another date", after a session
    that used check-in, for an invited participant who did not check in."""
    due = ends_at + MISSED_DELAY
    if now < due or now >= due + MISSED_STALE:
        return None
    key = f"session:{session_id}:emp:{employee_id}:missed"
    payload = {
        "session_id": session_id,
        "participation_id": participation_id,
        "starts_at": starts_at.isoformat(),
        "venue": venue,
    }
    return Planned(
        key, employee_id, NotificationKind.MISSED_SESSION, due, due + MISSED_STALE, payload
    )
