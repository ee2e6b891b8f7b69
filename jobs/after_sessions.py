"""The planner's notices after a session: the satisfaction survey for those who
attended, and the reschedule offer for those invited who did not check in (a session
that used check-in); and after a Gapura course, its evaluation for those who took
part. Called by :func:`jobs.planning.replan` with its lists."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.checkin import MISSED_DELAY, MISSED_STALE, missed_notice
from bot.core.reminders import Planned
from bot.core.survey import (
    AFTER_SESSION,
    OPEN_FOR,
    REMINDER_AFTER,
    SKM,
    course_evaluation_notices,
    survey_notices,
)
from bot.core.vocabulary import NotificationKind, NotificationStatus
from bot.settings import Settings
from models.queries import checkin as checkins
from models.queries import course_evaluations as evaluations
from models.queries import outbox as q
from models.queries import surveys as survey_queries


async def surveys(
    session: AsyncSession,
    now: datetime,
    settings: Settings,
    ids: list[int] | None,
    wanted: list[Planned],
    withdraw: set[int],
) -> None:
    """The satisfaction survey after an attended session, and its one reminder; a
    pending one no longer wanted (finished, stopped, attendance undone) is withdrawn."""
    found: list[Planned] = []
    for seat in await survey_queries.attended_since(
        session, kind=SKM.kind, since=now - OPEN_FOR - AFTER_SESSION, employee_ids=ids
    ):
        found.extend(
            survey_notices(
                kind=SKM.kind,
                session_id=seat.session_id,
                employee_id=seat.employee_id,
                starts_at=seat.starts_at,
                ends_at=seat.ends_at,
                venue=seat.venue,
                finished=seat.finished,
                tz=settings.tz,
                now=now,
            )
        )
    await _plan(session, NotificationKind.SURVEY, found, now, ids, wanted, withdraw)


async def course_evaluations(
    session: AsyncSession,
    now: datetime,
    settings: Settings,
    ids: list[int] | None,
    wanted: list[Planned],
    withdraw: set[int],
) -> None:
    """A Gapura course's evaluation after it ends, to each person who took part, and its
    one reminder; a pending one no longer wanted (finished, stopped, place withdrawn)
    is withdrawn."""
    since = (now - OPEN_FOR - REMINDER_AFTER).astimezone(settings.tz).date()
    found: list[Planned] = []
    for place in await evaluations.took_part_since(session, since=since, employee_ids=ids):
        found.extend(
            course_evaluation_notices(
                course_id=place.course_id,
                employee_id=place.employee_id,
                title=place.title,
                starts_on=place.starts_on,
                ends_on=place.ends_on,
                finished=place.finished,
                tz=settings.tz,
                now=now,
            )
        )
    await _plan(session, NotificationKind.COURSE_EVALUATION, found, now, ids, wanted, withdraw)


async def missed(
    session: AsyncSession,
    now: datetime,
    lookback: timedelta,
    ids: list[int] | None,
    wanted: list[Planned],
    withdraw: set[int],
) -> None:
    """The follow-up to those invited who did not check in (a session that used
    check-in), withdrawn while pending if they are recorded as attended meanwhile."""
    found: list[Planned] = []
    for m in await checkins.missed(
        session, since=now - MISSED_DELAY - MISSED_STALE, employee_ids=ids
    ):
        notice = missed_notice(
            m.session_id,
            m.employee_id,
            m.participation_id,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            venue=m.venue,
            now=now,
        )
        if notice is not None:
            found.append(notice)
    kind = NotificationKind.MISSED_SESSION
    await _plan(session, kind, found, now - lookback, ids, wanted, withdraw)


async def _plan(
    session: AsyncSession,
    kind: NotificationKind,
    found: list[Planned],
    since: datetime,
    ids: list[int] | None,
    wanted: list[Planned],
    withdraw: set[int],
) -> None:
    """Plan ``found``, and withdraw each pending notice of ``kind`` (live since ``since``)
    that is no longer among them."""
    keys = {p.key for p in found}
    for row in await q.live_rows(session, kinds=(kind,), since=since, employee_ids=ids):
        if row.status == NotificationStatus.PENDING and row.key not in keys:
            withdraw.add(row.id)
    wanted.extend(found)
