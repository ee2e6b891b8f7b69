"""Which notifications an employee gets, and when.

Pure rules for the outbox (``models.outbox.Notification``): the kinds and their
unique keys, reminder offsets ("7d", "1d@07:00"), the RSVP nudge, quiet hours,
weekend and holiday deferral, staleness and lateness. The planner
(``jobs.planning``) turns database rows into :class:`Planned` notices with these
rules; the dispatcher (``jobs.dispatch``) asks :func:`decide` right before it
sends one.

Times are aware datetimes in UTC; "local" means the ``tz`` passed in.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.jp import is_behind, jp_progress
from bot.core.sending import at_local
from bot.core.vocabulary import NotificationKind, ParticipationStatus, SessionStatus

# Kept for models/queries/broadcasts.py, rewritten by the use-case branch of issue 14.
BROADCAST = NotificationKind.BROADCAST

RSVP_NUDGE_DAYS = 3
RSVP_NUDGE_AT = time(9, 0)
COURSE_REMINDER_AT = time(7, 0)
# An offset whose moment had passed this long before it was first planned is left
# out (the next offset covers it), so a late invitation does not get a "7 days" notice.
PLAN_GRACE = timedelta(hours=1)
# Results released longer ago than this are not announced (e.g. on first deployment).
RESULT_NOTICE_DAYS = 14
_OFFSET = re.compile(r"^(\d{1,2})d(?:@([01]\d|2[0-3]):([0-5]\d))?$")


class InvalidOffset(ValueError):
    """A reminder offset that is not ``<days>d`` or ``<days>d@HH:MM``."""


@dataclass(frozen=True)
class Offset:
    """A reminder's place before a session: ``days`` before, at ``at`` local time
    (``None``: the session's own time of day, so "7d" is exactly a week before)."""

    days: int
    at: time | None = None

    @property
    def label(self) -> str:
        """ "7d", "1d@0700": the offset as it appears in keys."""
        return f"{self.days}d" + (f"@{self.at:%H%M}" if self.at else "")

    def due(self, starts_at: datetime, tz: ZoneInfo) -> datetime:
        """When this reminder of a session starting at ``starts_at`` is due."""
        if self.at is None:
            return starts_at - timedelta(days=self.days)
        day = starts_at.astimezone(tz).date() - timedelta(days=self.days)
        return at_local(day, self.at, tz)

    @property
    def urgent(self) -> bool:
        """The day before and the day itself do not wait for a working day."""
        return self.days <= 1


def parse_offset(text: str) -> Offset:
    """``"7d"``, ``"1d@07:00"``, ``"0d@06:00"``; raises :class:`InvalidOffset`."""
    match = _OFFSET.match(text.strip())
    if not match:
        raise InvalidOffset(f"reminder offset {text!r} is not like 7d or 1d@07:00")
    days, hour, minute = match.groups()
    at = time(int(hour), int(minute)) if hour is not None else None
    return Offset(int(days), at)


def parse_offsets(texts: Collection[str]) -> list[Offset]:
    """Every offset, furthest first, without repeats."""
    return sorted({parse_offset(text) for text in texts}, key=lambda o: (-o.days, o.at or time()))


@dataclass(frozen=True)
class Planned:
    """A notification the planner wants to exist (one row per ``key``)."""

    key: str
    employee_id: int
    kind: str
    due_at: datetime
    stale_after: datetime | None
    payload: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------ keys


def version(*parts: object) -> str:
    """A short fingerprint of what a notice was planned for (time, venue...)."""
    text = "|".join(str(part) for part in parts)
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def session_version(starts_at: datetime, venue: str, address: str) -> str:
    return version(starts_at.isoformat(), venue, address)


def session_key(session_id: int, employee_id: int, what: str, ver: str) -> str:
    """``session:42:emp:7:remind:7d:<ver>``, ``...:rsvp:<ver>``, ``...:change:<ver>``."""
    return f"session:{session_id}:emp:{employee_id}:{what}:{ver}"


# ------------------------------------------------------------------ sessions


@dataclass(frozen=True)
class SessionFacts:
    """One session as one participant sees it."""

    session_id: int
    employee_id: int
    starts_at: datetime
    venue: str
    address: str
    cancelled: bool
    participation: str  # ParticipationStatus value

    @property
    def ver(self) -> str:
        return (
            SessionStatus.CANCELLED
            if self.cancelled
            else session_version(self.starts_at, self.venue, self.address)
        )

    def snapshot(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "starts_at": self.starts_at.isoformat(),
            "venue": self.venue,
            "address": self.address,
            "ver": self.ver,
        }


# Participation statuses that still expect the person at the session.
ATTENDING = frozenset({ParticipationStatus.INVITED, ParticipationStatus.CONFIRMED})


def session_notices(
    facts: SessionFacts, *, offsets: Collection[Offset], tz: ZoneInfo, now: datetime
) -> list[Planned]:
    """The reminders (and the RSVP nudge) a participant of a session should get."""
    if facts.cancelled or facts.participation not in ATTENDING or facts.starts_at <= now:
        return []
    snap = facts.snapshot()
    found: list[Planned] = []
    for offset in offsets:
        due = offset.due(facts.starts_at, tz)
        if due >= facts.starts_at or due < now - PLAN_GRACE:
            continue
        key = session_key(facts.session_id, facts.employee_id, f"remind:{offset.label}", facts.ver)
        payload = {**snap, "offset": offset.label, "urgent": offset.urgent}
        found.append(
            Planned(
                key,
                facts.employee_id,
                NotificationKind.SESSION_REMINDER,
                due,
                facts.starts_at,
                payload,
            )
        )
    if facts.participation == ParticipationStatus.INVITED:
        day = facts.starts_at.astimezone(tz).date() - timedelta(days=RSVP_NUDGE_DAYS)
        due = at_local(day, RSVP_NUDGE_AT, tz)
        if due >= now - PLAN_GRACE:
            key = session_key(facts.session_id, facts.employee_id, "rsvp", facts.ver)
            found.append(
                Planned(
                    key, facts.employee_id, NotificationKind.RSVP_NUDGE, due, facts.starts_at, snap
                )
            )
    return found


def change_notice(facts: SessionFacts, old: Mapping[str, Any], *, now: datetime) -> Planned | None:
    """The notice for a session that moved or was cancelled since ``old`` (a snapshot
    kept in an earlier notice's payload); None when nothing changed or it is over."""
    if old.get("ver") == facts.ver:
        return None
    old_start = datetime.fromisoformat(str(old["starts_at"]))
    stale = max(old_start, facts.starts_at)
    if stale <= now:
        return None
    key = session_key(facts.session_id, facts.employee_id, "change", facts.ver)
    payload = {
        **facts.snapshot(),
        "cancelled": facts.cancelled,
        "old_starts_at": old["starts_at"],
        "old_venue": old.get("venue", ""),
        "old_address": old.get("address", ""),
    }
    return Planned(key, facts.employee_id, NotificationKind.SESSION_CHANGE, now, stale, payload)


# ------------------------------------------------------------------ results, courses, JP


def result_notice(
    result_id: int, employee_id: int, program: str, released_at: datetime, *, now: datetime
) -> Planned | None:
    """ "Your result is out", for results released in the last two weeks."""
    if released_at > now or released_at < now - timedelta(days=RESULT_NOTICE_DAYS):
        return None
    key = f"result:{result_id}:emp:{employee_id}:released"
    payload = {"result_id": result_id, "program": program}
    return Planned(key, employee_id, NotificationKind.RESULT_RELEASED, released_at, None, payload)


def course_open_notice(
    course_id: int,
    employee_id: int,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    *,
    now: datetime,
    reason: Mapping[str, Any],
) -> Planned | None:
    """ "Registration is open for a course for your gaps", until registration closes."""
    if closes_at <= now:
        return None
    key = f"course:{course_id}:emp:{employee_id}:open"
    payload = {
        "course_id": course_id,
        "title": title,
        "closes_at": closes_at.isoformat(),
        **{f"reason_{name}": value for name, value in reason.items()},
    }
    return Planned(
        key, employee_id, NotificationKind.COURSE_OPEN, max(opens_at, now), closes_at, payload
    )


def course_tomorrow_notice(
    course_id: int, employee_id: int, title: str, starts_on: date, *, tz: ZoneInfo, now: datetime
) -> Planned | None:
    """ "Your course starts tomorrow", the day before at 07.00."""
    start = at_local(starts_on, time(0, 0), tz)
    if start <= now:
        return None
    due = at_local(starts_on - timedelta(days=1), COURSE_REMINDER_AT, tz)
    key = f"course:{course_id}:emp:{employee_id}:tomorrow:{starts_on:%Y%m%d}"
    payload = {"course_id": course_id, "title": title, "starts_on": starts_on.isoformat()}
    return Planned(key, employee_id, NotificationKind.COURSE_TOMORROW, due, start, payload)


def offer_notice(
    enrollment_id: int,
    course_id: int,
    employee_id: int,
    title: str,
    until: datetime,
    *,
    now: datetime,
) -> Planned | None:
    """ "A seat is yours, accept before ..." (a live waitlist offer)."""
    if until <= now:
        return None
    key = f"course:{course_id}:emp:{employee_id}:offer:{int(until.timestamp())}"
    payload = {
        "course_id": course_id,
        "enrollment_id": enrollment_id,
        "title": title,
        "until": until.isoformat(),
    }
    return Planned(key, employee_id, NotificationKind.WAITLIST_OFFER, now, until, payload)


def offer_expired_notice(offer: Mapping[str, Any], employee_id: int, *, now: datetime) -> Planned:
    """ "The seat offered to you has passed on", from the offer notice's payload."""
    until = datetime.fromisoformat(str(offer["until"]))
    key = f"course:{offer['course_id']}:emp:{employee_id}:expired:{int(until.timestamp())}"
    payload = {k: offer[k] for k in ("course_id", "title", "until")}
    return Planned(
        key, employee_id, NotificationKind.WAITLIST_EXPIRED, now, now + timedelta(days=3), payload
    )


def jp_behind_notice(
    employee_id: int, earned: Decimal, target: Decimal, *, tz: ZoneInfo, now: datetime
) -> Planned | None:
    """A monthly nudge (from October) while this year's JP is under half the target."""
    today = now.astimezone(tz).date()
    progress = jp_progress(earned, target)
    if not is_behind(progress, today=today):
        return None
    key = f"jp:{today:%Y-%m}:emp:{employee_id}:behind"
    end_of_year = at_local(date(today.year + 1, 1, 1), time(0, 0), tz)
    payload = {"year": today.year, "earned": str(earned), "target": str(target)}
    return Planned(key, employee_id, NotificationKind.JP_BEHIND, now, end_of_year, payload)
