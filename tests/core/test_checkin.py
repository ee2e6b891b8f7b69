"""Check-in rules: the window around a session's start, the codes in the QR link, the
live count's pace, the follow-up to those who missed a session, and who may still ask
for another date after it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.checkin import (
    BOARD_EVERY,
    MISSED_DELAY,
    MISSED_STALE,
    deep_link,
    is_payload,
    missed_notice,
    new_payload,
    should_show,
    window,
)
from bot.core.codes import is_well_formed
from bot.core.reminders import Planned
from bot.core.schedule import MISSED_ANSWERABLE, can_ask_again
from bot.core.vocabulary import CheckinTiming, NotificationKind

START = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)  # 09.00 WIB
HOUR, MINUTE = timedelta(hours=1), timedelta(minutes=1)
DEFAULT = window(START, opens_before=60 * MINUTE, closes_after=120 * MINUTE)


@pytest.mark.parametrize(
    ("moment", "timing"),
    [
        (START - 61 * MINUTE, CheckinTiming.EARLY),
        (START - 60 * MINUTE - timedelta(seconds=1), CheckinTiming.EARLY),
        (START - 60 * MINUTE, CheckinTiming.OPEN),  # the opening minute counts
        (START, CheckinTiming.OPEN),
        (START + 119 * MINUTE, CheckinTiming.OPEN),
        (START + 120 * MINUTE - timedelta(seconds=1), CheckinTiming.OPEN),
        (START + 120 * MINUTE, CheckinTiming.LATE),  # the closing moment does not
        (START + 1 * timedelta(days=1), CheckinTiming.LATE),
    ],
)
def test_the_window_runs_from_an_hour_before_to_two_hours_after_the_start(
    moment: datetime, timing: CheckinTiming
) -> None:
    assert DEFAULT.timing(moment) == timing


def test_the_window_follows_the_settings() -> None:
    tight = window(START, opens_before=timedelta(0), closes_after=15 * MINUTE)
    assert (tight.opens, tight.closes) == (START, START + 15 * MINUTE)
    assert tight.timing(START - MINUTE) == CheckinTiming.EARLY
    assert tight.timing(START + 14 * MINUTE) == CheckinTiming.OPEN
    assert tight.timing(START + 15 * MINUTE) == CheckinTiming.LATE


def test_codes_are_valid_start_parameters_random_and_never_activation_codes() -> None:
    codes = {new_payload() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", code)  # Telegram's start parameter
        assert is_payload(code)
        assert not is_well_formed(code)
    assert not is_payload("GRSKADMN")  # an activation code
    assert not is_payload("ci_short")
    assert not is_payload("ci_" + "a" * 24 + " x")
    assert deep_link("asnbot", "ci_abc") == "https://t.me/asnbot?start=ci_abc"


def test_the_live_count_changes_at_most_every_few_seconds() -> None:
    last = START
    assert not should_show(shown="Hadir 1", wanted="Hadir 1", last=None, now=START)
    assert should_show(shown=None, wanted="Hadir 1", last=None, now=START)
    assert not should_show(shown="Hadir 1", wanted="Hadir 2", last=last, now=last + BOARD_EVERY / 2)
    assert should_show(shown="Hadir 1", wanted="Hadir 2", last=last, now=last + BOARD_EVERY)


def test_the_missed_session_follow_up_comes_an_hour_after_the_end_for_a_week() -> None:
    ends = START + 8 * HOUR
    due = ends + MISSED_DELAY

    def notice(now: datetime) -> Planned | None:
        return missed_notice(7, 42, 99, starts_at=START, ends_at=ends, venue="Aula", now=now)

    assert notice(due - MINUTE) is None
    planned = notice(due)
    assert planned is not None
    assert planned.key == "session:7:emp:42:missed"
    assert planned.kind == NotificationKind.MISSED_SESSION
    assert (planned.due_at, planned.stale_after) == (due, due + MISSED_STALE)
    assert planned.payload["participation_id"] == 99
    assert notice(due + MISSED_STALE - MINUTE) is not None
    assert notice(due + MISSED_STALE) is None  # found too late (a first deployment)


@pytest.mark.parametrize(
    ("status", "session_status", "after", "allowed"),
    [
        ("invited", "scheduled", HOUR, True),
        ("confirmed", "done", HOUR, True),
        ("no_show", "scheduled", HOUR, True),
        ("attended", "scheduled", HOUR, False),  # checked in
        ("excused", "scheduled", HOUR, False),
        ("reschedule_requested", "scheduled", HOUR, False),  # asked already
        ("invited", "cancelled", HOUR, False),
        ("invited", "scheduled", -HOUR, False),  # not begun: the card's buttons answer
        ("invited", "scheduled", MISSED_ANSWERABLE, False),  # too long ago
    ],
)
def test_who_missed_a_session_may_ask_for_another_date(
    status: str, session_status: str, after: timedelta, allowed: bool
) -> None:
    assert (
        can_ask_again(
            participation_status=status,
            session_status=session_status,
            starts_at=START,
            now=START + after,
        )
        is allowed
    )
