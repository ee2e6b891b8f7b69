"""When a planned notice may go out, and whether it goes at all: quiet hours,
weekends and holidays, staleness and lateness, the kinds a person switched off.

The dispatcher (``jobs.dispatch``) asks :func:`decide` right before it sends a
notice. Times are aware datetimes in UTC; "local" means the calendar's ``tz``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.vocabulary import NotificationKind

# Kinds a person can switch off in /pengingat, in the order shown. Change notices,
# offers (a seat held for me) and announcements always go out.
OPTIONAL_KINDS = (
    NotificationKind.SESSION_REMINDER,
    NotificationKind.RSVP_NUDGE,
    NotificationKind.RESULT_RELEASED,
    NotificationKind.COURSE_OPEN,
    NotificationKind.COURSE_TOMORROW,
    NotificationKind.JP_BEHIND,
    NotificationKind.SURVEY,
    NotificationKind.MISSED_SESSION,
    NotificationKind.COURSE_EVALUATION,
)
# Kinds that do not wait for a working day (they are bound to a near time).
URGENT_KINDS = frozenset(
    {
        NotificationKind.SESSION_CHANGE,
        NotificationKind.COURSE_TOMORROW,
        NotificationKind.WAITLIST_OFFER,
        NotificationKind.WAITLIST_EXPIRED,
    }
)

# A notice sent more than this after its due time says it is late.
LATE_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Calendar:
    """Quiet hours (local, the end exclusive) and the days off."""

    tz: ZoneInfo
    quiet_start: time = time(21, 0)
    quiet_end: time = time(6, 0)
    holidays: frozenset[date] = frozenset()

    def is_quiet(self, moment: datetime) -> bool:
        local = moment.astimezone(self.tz).time()
        if self.quiet_start == self.quiet_end:
            return False
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= local < self.quiet_end
        return local >= self.quiet_start or local < self.quiet_end

    def is_day_off(self, day: date) -> bool:
        return day.weekday() >= 5 or day in self.holidays

    def quiet_over(self, moment: datetime) -> datetime:
        """The end of the quiet hours ``moment`` falls in (``moment`` itself if none)."""
        if not self.is_quiet(moment):
            return moment
        local = moment.astimezone(self.tz)
        day = local.date()
        if local.time() >= self.quiet_end:
            day += timedelta(days=1)
        return at_local(day, self.quiet_end, self.tz)

    def working_day(self, moment: datetime) -> datetime:
        """``moment`` if on a working day, else the next working day's start."""
        day = moment.astimezone(self.tz).date()
        if not self.is_day_off(day):
            return moment
        while self.is_day_off(day):
            day += timedelta(days=1)
        return at_local(day, self.quiet_end, self.tz)


def is_urgent(kind: str, payload: Mapping[str, Any]) -> bool:
    """Whether a notice goes out on a weekend or holiday too."""
    return kind in URGENT_KINDS or bool(payload.get("urgent"))


def send_time(
    due: datetime,
    *,
    kind: str,
    payload: Mapping[str, Any],
    calendar: Calendar,
    stale_after: datetime | None,
) -> datetime:
    """The first moment at or after ``due`` a notice may go out.

    Non-urgent kinds wait for a working day, every kind for the end of the quiet
    hours, unless waiting would take it past ``stale_after``: then it goes now
    (late at night beats never).
    """
    moment = due
    if not is_urgent(kind, payload):
        # Quiet hours first: the night before a day off ends on the day off.
        later = calendar.working_day(calendar.quiet_over(moment))
        if stale_after is None or later < stale_after:
            moment = later
    later = calendar.quiet_over(moment)
    if stale_after is None or later < stale_after:
        moment = later
    return moment


# Why an announcement confirmed now waits: the quiet hours, or a weekend or holiday.
QUIET = "quiet"
DAY_OFF = "day_off"


@dataclass(frozen=True)
class Start:
    """When an announcement confirmed now starts going out, and why it waits (None: now)."""

    at: datetime
    held_for: str | None


def announcement_start(now: datetime, calendar: Calendar) -> Start:
    """The rules of every announcement (a non-urgent kind): wait for the quiet hours'
    end and for a working day."""
    at = send_time(
        now, kind=NotificationKind.BROADCAST, payload={}, calendar=calendar, stale_after=None
    )
    if at <= now:
        return Start(now, None)
    return Start(at, DAY_OFF if at > calendar.quiet_over(now) else QUIET)


SEND = "send"
DEFER = "defer"
STALE = "stale"
OPTED_OUT = "opted_out"


@dataclass(frozen=True)
class Decision:
    """What the dispatcher does with a due notice: send (``late`` or not), defer
    until ``until``, or skip it as stale or opted out."""

    action: str
    until: datetime | None = None
    late: bool = False


def opted_out(prefs: Mapping[str, Any] | None, kind: str) -> bool:
    """Whether the person switched ``kind`` off in /pengingat."""
    return kind in OPTIONAL_KINDS and prefs is not None and prefs.get(kind) is False


def toggled(prefs: Mapping[str, Any] | None, kind: str) -> dict[str, Any]:
    """The preferences with ``kind`` switched the other way."""
    updated = dict(prefs or {})
    if updated.get(kind) is False:
        updated.pop(kind)
    else:
        updated[kind] = False
    return updated


def decide(
    *,
    kind: str,
    due_at: datetime,
    stale_after: datetime | None,
    payload: Mapping[str, Any],
    prefs: Mapping[str, Any] | None,
    calendar: Calendar,
    now: datetime,
    anytime: bool = False,
) -> Decision:
    """Send, defer or skip a notice that is due at ``now``; ``anytime``: an announcement
    its admin chose to send now, past quiet hours and days off."""
    if stale_after is not None and stale_after <= now:
        return Decision(STALE)
    if opted_out(prefs, kind):
        return Decision(OPTED_OUT)
    if anytime:
        return Decision(SEND, late=now - due_at > LATE_AFTER)
    moment = send_time(now, kind=kind, payload=payload, calendar=calendar, stale_after=stale_after)
    if moment > now:
        return Decision(DEFER, until=moment)
    return Decision(SEND, late=now - due_at > LATE_AFTER)


def at_local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """``at`` o'clock on ``day`` in ``tz``, in UTC."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)
