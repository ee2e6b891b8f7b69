"""Check-in at the venue: an admin makes a session's check-in code (``/presensi``); a
participant who scans it (``/start <payload>``) is checked in, inside the window
around the session's start (:mod:`bot.core.checkin`), once, and only for their own
participation in that session. A check-in marks the participation attended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import checkin as rules
from bot.core.checkin import Window
from bot.core.vocabulary import CheckinAnswer, CheckinTiming, SessionStatus
from bot.settings import Settings
from models.assessment import AssessmentSession
from models.checkin import CheckinCode
from models.queries import checkin as q
from models.queries.audit import audit
from models.queries.schedule import session_by_id


@dataclass(frozen=True)
class Span:
    """The check-in window as the settings set it."""

    opens_before: timedelta
    closes_after: timedelta

    def of(self, sitting: AssessmentSession) -> Window:
        return rules.window(
            sitting.starts_at, opens_before=self.opens_before, closes_after=self.closes_after
        )


def span_from(settings: Settings) -> Span:
    """The check-in window the settings set."""
    return Span(
        opens_before=timedelta(minutes=settings.checkin_opens_minutes_before),
        closes_after=timedelta(minutes=settings.checkin_closes_minutes_after),
    )


@dataclass(frozen=True)
class NewCode:
    """A check-in code made for a session (None: the session is gone or over)."""

    code: CheckinCode | None
    sitting: AssessmentSession | None


@dataclass(frozen=True)
class Scan:
    """What a scan came to, with what its message needs."""

    answer: CheckinAnswer
    sitting: AssessmentSession | None = None
    at: datetime | None = None  # checked in at (CHECKED_IN, ALREADY)
    window: Window | None = None
    code_id: int | None = None  # whose live count to bring up to date


async def sessions_to_choose(
    session: AsyncSession, *, now: datetime, span: Span
) -> list[AssessmentSession]:
    """Scheduled sessions whose check-in window has not closed yet, soonest first."""
    return list(await q.sessions_to_check_in(session, since=now - span.closes_after))


async def make_code(
    session: AsyncSession, *, session_id: int, admin_id: int, now: datetime, span: Span
) -> NewCode:
    """A new random code for the session, valid until its window closes; audited."""
    sitting = await session_by_id(session, session_id=session_id)
    if sitting is None or sitting.status != SessionStatus.SCHEDULED:
        return NewCode(None, sitting)
    closes = span.of(sitting).closes
    if closes <= now:
        return NewCode(None, sitting)
    code = await q.add_code(
        session,
        payload=rules.new_payload(),
        session_id=sitting.id,
        admin_id=admin_id,
        now=now,
        expires_at=closes,
    )
    await audit(
        session,
        now=now,
        action="checkin.code",
        actor_kind="admin",
        actor_telegram_id=admin_id,
        session_id=sitting.id,
    )
    return NewCode(code, sitting)


async def check_in(
    session: AsyncSession, *, employee_id: int, payload: str, now: datetime, span: Span
) -> Scan:
    """Check the employee in for the session of ``payload``, or say why not."""
    code = await q.code_by_payload(session, payload=payload)
    if code is None:
        return Scan(CheckinAnswer.UNKNOWN)
    sitting = code.session
    window = span.of(sitting)
    found = await q.participation_in(session, session_id=sitting.id, employee_id=employee_id)
    if found is None:
        return Scan(CheckinAnswer.NOT_PARTICIPANT, sitting, window=window)
    if found.checked_in_at is not None:
        return Scan(CheckinAnswer.ALREADY, sitting, at=found.checked_in_at, window=window)
    if sitting.status == SessionStatus.CANCELLED:
        return Scan(CheckinAnswer.CANCELLED, sitting, window=window)
    timing = window.timing(now)
    if timing == CheckinTiming.EARLY:
        return Scan(CheckinAnswer.TOO_EARLY, sitting, window=window)
    if timing == CheckinTiming.LATE or code.expires_at <= now:
        return Scan(CheckinAnswer.CLOSED, sitting, window=window)
    if not await q.mark_checked_in(session, participation_id=found.id, now=now):
        at = await q.checked_in_at(session, participation_id=found.id)
        return Scan(CheckinAnswer.ALREADY, sitting, at=at, window=window)
    return Scan(CheckinAnswer.CHECKED_IN, sitting, at=now, window=window, code_id=code.id)
