"""Which notifications, when: offsets, the RSVP nudge, quiet hours, days off, staleness."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from bot.core import reminders as r
from bot.core import sending
from bot.core.vocabulary import NotificationKind

WIB = ZoneInfo("Asia/Jakarta")
# Monday 5 May 2025, 08:00 WIB.
MAY_5_0800 = datetime(2025, 5, 5, 1, 0, tzinfo=UTC)
CAL = sending.Calendar(tz=WIB, quiet_start=time(21), quiet_end=time(6))


def local(moment: datetime) -> str:
    return moment.astimezone(WIB).strftime("%a %d %H:%M")


def facts(**changes: object) -> r.SessionFacts:
    values: dict[str, object] = {
        "session_id": 42,
        "employee_id": 7,
        "starts_at": MAY_5_0800,
        "venue": "UPT BKPSDM",
        "address": "Jl. Wahidin",
        "cancelled": False,
        "participation": "invited",
    }
    values.update(changes)
    return r.SessionFacts(**values)  # type: ignore[arg-type]


def test_offsets_parse_with_and_without_a_time() -> None:
    assert r.parse_offset("7d") == r.Offset(7)
    assert r.parse_offset("1d@07:00") == r.Offset(1, time(7))
    assert r.parse_offsets(["0d@06:00", "7d", "1d@07:00"])[0] == r.Offset(7)
    for bad in ("7", "d", "1d@25:00", "1d@7", "-1d"):
        with pytest.raises(r.InvalidOffset):
            r.parse_offset(bad)


def test_default_offsets_fall_a_week_before_the_day_before_at_seven_and_that_morning() -> None:
    offsets = r.parse_offsets(["7d", "1d@07:00", "0d@06:00"])
    notices = r.session_notices(
        facts(), offsets=offsets, tz=WIB, now=MAY_5_0800 - timedelta(days=30)
    )
    times = {n.payload.get("offset", "rsvp"): local(n.due_at) for n in notices}
    assert times == {
        "7d": "Mon 28 08:00",
        "1d@0700": "Sun 04 07:00",
        "0d@0600": "Mon 05 06:00",
        "rsvp": "Fri 02 09:00",
    }
    key = notices[0].key
    assert key.startswith("session:42:emp:7:remind:7d:")
    assert all(n.stale_after == MAY_5_0800 for n in notices)


def test_no_nudge_once_answered_and_nothing_for_a_declined_session() -> None:
    offsets = r.parse_offsets(["7d"])
    early = MAY_5_0800 - timedelta(days=30)
    confirmed = r.session_notices(
        facts(participation="confirmed"), offsets=offsets, tz=WIB, now=early
    )
    assert [n.kind for n in confirmed] == [NotificationKind.SESSION_REMINDER]
    assert (
        r.session_notices(facts(participation="excused"), offsets=offsets, tz=WIB, now=early) == []
    )


def test_a_late_invitation_gets_no_reminder_whose_time_has_long_passed() -> None:
    offsets = r.parse_offsets(["7d", "1d@07:00"])
    notices = r.session_notices(
        facts(), offsets=offsets, tz=WIB, now=MAY_5_0800 - timedelta(days=2)
    )
    assert [
        n.payload["offset"] for n in notices if n.kind == NotificationKind.SESSION_REMINDER
    ] == ["1d@0700"]


def test_a_moved_session_has_a_new_version_and_a_change_notice_with_old_and_new() -> None:
    before, after = facts(), facts(starts_at=MAY_5_0800 + timedelta(days=2), venue="Aula")
    assert before.ver != after.ver
    notice = r.change_notice(after, before.snapshot(), now=MAY_5_0800 - timedelta(days=5))
    assert notice is not None and notice.kind == NotificationKind.SESSION_CHANGE
    assert notice.payload["old_venue"] == "UPT BKPSDM" and notice.payload["venue"] == "Aula"
    assert r.change_notice(after, after.snapshot(), now=MAY_5_0800) is None
    cancelled = r.change_notice(
        facts(cancelled=True), before.snapshot(), now=MAY_5_0800 - timedelta(days=1)
    )
    assert cancelled is not None and cancelled.payload["cancelled"] is True


def test_quiet_hours_defer_to_their_end_never_drop() -> None:
    at_2200 = datetime(2025, 5, 6, 15, 0, tzinfo=UTC)  # Tuesday 22:00 WIB
    assert CAL.is_quiet(at_2200)
    assert local(CAL.quiet_over(at_2200)) == "Wed 07 06:00"
    after_midnight = datetime(2025, 5, 6, 19, 0, tzinfo=UTC)  # Wednesday 02:00 WIB
    assert local(CAL.quiet_over(after_midnight)) == "Wed 07 06:00"
    decision = sending.decide(
        kind=NotificationKind.RESULT_RELEASED,
        due_at=at_2200,
        stale_after=None,
        payload={},
        prefs=None,
        calendar=CAL,
        now=at_2200,
    )
    assert decision.action == sending.DEFER and decision.until is not None
    assert local(decision.until) == "Wed 07 06:00"


def test_weekends_and_holidays_defer_non_urgent_kinds_only() -> None:
    saturday = datetime(2025, 5, 10, 3, 0, tzinfo=UTC)  # Saturday 10:00 WIB
    holidays = sending.Calendar(tz=WIB, holidays=frozenset({date(2025, 5, 12)}))
    later = sending.send_time(
        saturday,
        kind=NotificationKind.RESULT_RELEASED,
        payload={},
        calendar=holidays,
        stale_after=None,
    )
    assert local(later) == "Tue 13 06:00"
    urgent = sending.send_time(
        saturday,
        kind=NotificationKind.SESSION_CHANGE,
        payload={},
        calendar=holidays,
        stale_after=None,
    )
    assert urgent == saturday
    day_before = sending.send_time(
        saturday,
        kind=NotificationKind.SESSION_REMINDER,
        payload={"urgent": True},
        calendar=holidays,
        stale_after=None,
    )
    assert day_before == saturday


def test_deferral_never_goes_past_the_event() -> None:
    saturday = datetime(2025, 5, 10, 3, 0, tzinfo=UTC)
    event = saturday + timedelta(hours=30)  # Sunday afternoon
    moment = sending.send_time(
        saturday,
        kind=NotificationKind.SESSION_REMINDER,
        payload={},
        calendar=CAL,
        stale_after=event,
    )
    assert moment == saturday


def test_stale_notices_are_skipped_late_ones_say_so() -> None:
    due = datetime(2025, 5, 6, 3, 0, tzinfo=UTC)  # Tuesday 10:00 WIB
    decide = partial(
        sending.decide, kind=NotificationKind.SESSION_REMINDER, payload={}, prefs=None, calendar=CAL
    )
    stale = decide(due_at=due, stale_after=due + timedelta(hours=1), now=due + timedelta(hours=2))
    assert stale.action == sending.STALE
    late = decide(due_at=due, stale_after=None, now=due + timedelta(hours=2))
    assert late == sending.Decision(sending.SEND, late=True)
    on_time = decide(due_at=due, stale_after=None, now=due + timedelta(minutes=5))
    assert on_time == sending.Decision(sending.SEND, late=False)


def test_opting_out_stops_optional_kinds_but_not_change_notices() -> None:
    prefs = sending.toggled({}, NotificationKind.SESSION_REMINDER)
    assert prefs == {NotificationKind.SESSION_REMINDER: False}
    assert sending.opted_out(prefs, NotificationKind.SESSION_REMINDER)
    assert not sending.opted_out(
        {NotificationKind.SESSION_CHANGE: False}, NotificationKind.SESSION_CHANGE
    )
    assert sending.toggled(prefs, NotificationKind.SESSION_REMINDER) == {}


def test_jp_behind_only_after_september_with_less_than_half() -> None:
    october = datetime(2025, 10, 6, 3, 0, tzinfo=UTC)
    notice = r.jp_behind_notice(7, Decimal("8"), Decimal("20"), tz=WIB, now=october)
    assert notice is not None and notice.key == "jp:2025-10:emp:7:behind"
    assert r.jp_behind_notice(7, Decimal("10"), Decimal("20"), tz=WIB, now=october) is None
    august = datetime(2025, 8, 6, 3, 0, tzinfo=UTC)
    assert r.jp_behind_notice(7, Decimal("0"), Decimal("20"), tz=WIB, now=august) is None


def test_course_and_offer_notices_have_their_deadlines() -> None:
    now = datetime(2025, 5, 6, 3, 0, tzinfo=UTC)
    tomorrow = r.course_tomorrow_notice(3, 7, "Excel", date(2025, 5, 9), tz=WIB, now=now)
    assert tomorrow is not None and local(tomorrow.due_at) == "Thu 08 07:00"
    assert local(tomorrow.stale_after) == "Fri 09 00:00"  # type: ignore[arg-type]
    offer = r.offer_notice(11, 3, 7, "Excel", now + timedelta(hours=24), now=now)
    assert offer is not None and offer.stale_after == now + timedelta(hours=24)
    assert r.offer_notice(11, 3, 7, "Excel", now, now=now) is None
    old = r.result_notice(5, 7, "PK 2024", now - timedelta(days=30), now=now)
    assert old is None
