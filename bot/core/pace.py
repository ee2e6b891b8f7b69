"""Pacing rules: how far apart new messages go, from the whole bot and to one chat.

Pure arithmetic; :mod:`bot.flood` applies it (the design, and why, are there).
Each pace is the generic cell rate algorithm (GCRA), which is a token bucket kept
as one number: ``next``, the moment the next message would be due if messages
came at exactly the pace. For a message asked for at ``now``:

    next' = max(next, now) + interval            (stored)
    goes at max(now, next' - interval - tolerance)

``tolerance`` = (burst - 1) x interval lets ``burst`` messages go at once after a
quiet spell; 0 makes the pace smooth. Times are integer microseconds since the
epoch, so two processes compare them exactly on every database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

SECOND = 1_000_000  # microseconds
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# A stored ``next`` further ahead than this means a clock was set back (or a flood
# wait longer than this was asked): start again from now instead of waiting that long.
MAX_AHEAD = 10 * 60 * SECOND

# Telegram: about one message a second to one chat, short bursts tolerated; at most
# 20 a minute to one group (so one every 3 s there, never a burst). A chat's pace
# keeps 0.1 s of room, as the bot's keeps one message (29 under 30): a message that
# left on time can reach Telegram up to about 50 ms earlier than the one before it
# relative to its departure (seen in the chaos benchmark: 4 x 429 at exactly 1 s).
PRIVATE_INTERVAL, PRIVATE_BURST = 11 * SECOND // 10, 3
GROUP_INTERVAL, GROUP_BURST = 3 * SECOND, 1

# Bot API methods that post a new message: these count against the limits. Edits,
# answers to button presses and chat actions do not.
_POSTING = frozenset({"copymessage", "copymessages", "forwardmessage", "forwardmessages"})


def microseconds(moment: datetime) -> int:
    """``moment`` as integer microseconds since the epoch (exact, unlike a float)."""
    return (moment - EPOCH) // timedelta(microseconds=1)


@dataclass(frozen=True)
class Pace:
    """One message every ``interval`` µs, ``burst`` at once after a pause."""

    interval: int
    burst: int = 1

    @property
    def tolerance(self) -> int:
        return (self.burst - 1) * self.interval


def overall(rate: float) -> Pace:
    """The whole bot's pace at ``rate`` messages a second: smooth, never a burst."""
    return Pace(max(1, math.ceil(SECOND / rate)))


def for_chat(chat_id: int | str) -> Pace:
    """A private chat's pace, or a group's or channel's (negative id or ``@name``)."""
    if isinstance(chat_id, str):
        chat_id = int(chat_id) if chat_id.lstrip("-").isdigit() else -1
    if chat_id < 0:
        return Pace(GROUP_INTERVAL, GROUP_BURST)
    return Pace(PRIVATE_INTERVAL, PRIVATE_BURST)


def advance(next_at: int, now: int, pace: Pace) -> int:
    """The stored ``next`` after one more message asked for at ``now``."""
    if next_at > now + MAX_AHEAD:
        next_at = now
    return max(next_at, now) + pace.interval


def goes_at(advanced: int, now: int, pace: Pace) -> int:
    """When the message that moved ``next`` to ``advanced`` may go."""
    return max(now, advanced - pace.interval - pace.tolerance)


def held_until(until: int, now: int, pace: Pace) -> int:
    """The ``next`` that keeps every message back until ``until`` (a flood wait)."""
    return min(until, now + MAX_AHEAD) + pace.tolerance


def counts(method: str) -> bool:
    """Whether a Bot API call posts a new message (and so is paced)."""
    name = method.lower()
    return (name.startswith("send") and name != "sendchataction") or name in _POSTING


def overall_key(bot_id: int) -> str:
    return f"bot:{bot_id}"


def chat_key(bot_id: int, chat_id: int | str) -> str:
    return f"bot:{bot_id}:chat:{chat_id}"
