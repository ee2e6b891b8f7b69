"""When an announcement goes out (bot.core.sending) and whom it reaches
(bot.core.broadcast): pure rules, no fixtures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core import broadcast, sending
from bot.core.vocabulary import LinkStatus, NotificationKind

WIB = ZoneInfo("Asia/Jakarta")
CALENDAR = sending.Calendar(tz=WIB, holidays=frozenset({date(2026, 12, 25)}))


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=WIB).astimezone(UTC)


@pytest.mark.parametrize(
    ("now", "at", "held_for"),
    [
        (wib(1, 2, 47), wib(1, 6), sending.QUIET),  # Tuesday night
        (wib(1, 21, 30), wib(2, 6), sending.QUIET),  # Tuesday evening
        (wib(1, 10), wib(1, 10), None),  # Tuesday morning: now
        (wib(4, 22), wib(7, 6), sending.DAY_OFF),  # Friday night: Monday, not Saturday
        (wib(5, 10), wib(7, 6), sending.DAY_OFF),  # Saturday
        (wib(24, 23), wib(28, 6), sending.DAY_OFF),  # Christmas Eve: after it and the weekend
    ],
)
def test_an_announcement_starts_after_quiet_hours_and_days_off(
    now: datetime, at: datetime, held_for: str | None
) -> None:
    assert sending.announcement_start(now, CALENDAR) == sending.Start(at, held_for)


def test_an_announcement_sent_now_goes_during_quiet_hours() -> None:
    common = {
        "kind": NotificationKind.BROADCAST, "due_at": wib(1, 2, 47), "stale_after": None,
        "payload": {}, "prefs": None, "calendar": CALENDAR, "now": wib(1, 2, 48),
    }  # fmt: skip
    assert sending.decide(**common).action == sending.DEFER  # type: ignore[arg-type]
    assert sending.decide(**common, anytime=True).action == sending.SEND  # type: ignore[arg-type]


def test_an_urgent_change_still_waits_for_the_quiet_hours_unless_it_would_be_too_late() -> None:
    change = NotificationKind.SESSION_CHANGE
    later = sending.send_time(
        wib(1, 2), kind=change, payload={}, calendar=CALENDAR, stale_after=wib(1, 9)
    )
    too_late = sending.send_time(
        wib(1, 2), kind=change, payload={}, calendar=CALENDAR, stale_after=wib(1, 5)
    )
    assert (later, too_late) == (wib(1, 6), wib(1, 2))


def test_reach_counts_linked_unlinked_and_blocked() -> None:
    statuses = [LinkStatus.ACTIVE, None, LinkStatus.BLOCKED, LinkStatus.PENDING, None]

    found = broadcast.reach([None if s is None else str(s) for s in statuses])

    assert (found.linked, found.unlinked, found.blocked) == (1, 3, 1)
    assert (found.total, found.unreached) == (5, 4)
