"""The planner: derive the notifications everyone should get from the database.

Sessions, participations, results, courses, enrollments, the JP ledger and the
holidays go in; rows in the outbox come out, one per unique key (recipient,
subject, kind), so running it again changes nothing. It also withdraws what no
longer applies: reminders of a session that moved (and plans one change notice
with the old and the new), a nudge after the person answered, an offer taken up.

Imports, bookings and admin actions can call :func:`replan` for the employees
they touched, inside their own transaction::

    await replan(session, now=context.clock.now(), settings=context.settings,
                 employee_ids=[link.employee_id])

The periodic job :func:`plan_notifications` covers them anyway within minutes.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import BotContext
from bot.core import reminders as r
from bot.core import sending
from bot.core.jp import DEFAULT_BEHIND_AFTER_MONTH
from bot.core.recommend import REASON_MARGIN, recommend
from bot.core.vocabulary import (
    EnrollmentStatus,
    NotificationKind,
    NotificationStatus,
    ParticipationStatus,
)
from bot.settings import Settings
from jobs import after_sessions
from models.queries import outbox as q
from models.queries import planning as inputs
from models.queries.courses import facts

log = logging.getLogger(__name__)

# How far back planning looks at sessions and sent notices (a moved session's
# old reminders, an offer that just lapsed).
LOOKBACK = timedelta(days=7)
# Courses whose registration opens within this are announced ahead (at the opening).
COURSE_AHEAD = timedelta(days=1)
SESSION_KINDS = (
    NotificationKind.SESSION_REMINDER,
    NotificationKind.RSVP_NUDGE,
    NotificationKind.SESSION_CHANGE,
)


def calendar_for(settings: Settings, holidays: frozenset[object]) -> sending.Calendar:
    return sending.Calendar(
        tz=settings.tz,
        quiet_start=settings.quiet_hours_start,
        quiet_end=settings.quiet_hours_end,
        holidays=frozenset(holidays),  # type: ignore[arg-type]
    )


async def replan(
    session: AsyncSession,
    *,
    now: datetime,
    settings: Settings,
    employee_ids: Collection[int] | None = None,
) -> q.PlanCount:
    """Bring the outbox up to date for ``employee_ids`` (everyone linked when None)."""
    ids = None if employee_ids is None else sorted(set(employee_ids))
    calendar = calendar_for(settings, await q.holidays(session, since=now - LOOKBACK))
    wanted: list[r.Planned] = []
    withdraw: set[int] = set()
    await _sessions(session, now, settings, ids, wanted, withdraw)
    for result_id, employee_id, program, released_at in await inputs.released_since(
        session, since=now - timedelta(days=r.RESULT_NOTICE_DAYS), employee_ids=ids
    ):
        notice = r.result_notice(result_id, employee_id, program, released_at, now=now)
        if notice is not None:
            wanted.append(notice)
    await _courses(session, now, settings, ids, wanted, withdraw)
    await after_sessions.surveys(session, now, settings, ids, wanted, withdraw)
    await after_sessions.course_evaluations(session, now, settings, ids, wanted, withdraw)
    await after_sessions.missed(session, now, LOOKBACK, ids, wanted, withdraw)
    if now.astimezone(settings.tz).month > DEFAULT_BEHIND_AFTER_MONTH:  # is_behind's rule
        year = now.astimezone(settings.tz).year
        for employee_id, (status, earned) in (
            await inputs.jp_totals(session, year=year, employee_ids=ids)
        ).items():
            target = settings.jp_target(status)
            notice = r.jp_behind_notice(employee_id, earned, target, tz=settings.tz, now=now)  # type: ignore[arg-type]
            if notice is not None:
                wanted.append(notice)
    timed = [
        r.Planned(
            p.key,
            p.employee_id,
            p.kind,
            sending.send_time(
                p.due_at,
                kind=p.kind,
                payload=p.payload,
                calendar=calendar,
                stale_after=p.stale_after,
            ),
            p.stale_after,
            p.payload,
        )
        for p in wanted
    ]
    cancelled = await q.cancel(session, ids=withdraw)
    created, revived = await q.plan(session, planned=timed)
    return q.PlanCount(created, revived, cancelled)


async def _sessions(
    session: AsyncSession,
    now: datetime,
    settings: Settings,
    ids: list[int] | None,
    wanted: list[r.Planned],
    withdraw: set[int],
) -> None:
    offsets = r.parse_offsets(settings.reminder_offsets)
    current = {
        (f.session_id, f.employee_id): f
        for f in await inputs.session_facts(session, since=now - LOOKBACK, employee_ids=ids)
    }
    planned: dict[tuple[int, int], list[q.Row]] = defaultdict(list)
    for row in await q.live_rows(
        session, kinds=SESSION_KINDS, since=now - LOOKBACK, employee_ids=ids
    ):
        planned[(int(row.payload.get("session_id", 0)), row.employee_id)].append(row)
    for pair, facts_now in current.items():
        wanted.extend(r.session_notices(facts_now, offsets=offsets, tz=settings.tz, now=now))
        rows = planned.pop(pair, [])
        older = [row for row in rows if row.payload.get("ver") != facts_now.ver]
        withdraw.update(row.id for row in older if row.status == NotificationStatus.PENDING)
        if facts_now.participation != ParticipationStatus.INVITED:
            withdraw.update(
                row.id
                for row in rows
                if row.kind == NotificationKind.RSVP_NUDGE
                and row.status == NotificationStatus.PENDING
            )
        if facts_now.participation not in r.ATTENDING and not facts_now.cancelled:
            withdraw.update(row.id for row in rows if row.status == NotificationStatus.PENDING)
            continue
        if older:
            notice = r.change_notice(facts_now, older[-1].payload, now=now)
            if notice is not None:
                wanted.append(notice)
    # Planned for a participation that is gone (a booking moved or cancelled).
    for rows in planned.values():
        withdraw.update(row.id for row in rows if row.status == NotificationStatus.PENDING)


async def _courses(
    session: AsyncSession,
    now: datetime,
    settings: Settings,
    ids: list[int] | None,
    wanted: list[r.Planned],
    withdraw: set[int],
) -> None:
    today = now.astimezone(settings.tz).date()
    places = await inputs.places(session, today=today, employee_ids=ids)
    live = {
        (p.course_id, p.employee_id): p for p in places if p.status != EnrollmentStatus.WITHDRAWN
    }
    wanted.extend(_place_notices(places, settings, now))
    wanted_keys = {p.key for p in wanted}
    rows = await q.live_rows(
        session,
        kinds=(
            NotificationKind.COURSE_OPEN,
            NotificationKind.COURSE_TOMORROW,
            NotificationKind.WAITLIST_OFFER,
        ),
        since=now - LOOKBACK,
        employee_ids=ids,
    )
    for row in rows:
        current = live.get((int(row.payload.get("course_id", 0)), row.employee_id))
        if row.kind == NotificationKind.COURSE_OPEN:
            if current is not None and row.status == NotificationStatus.PENDING:
                withdraw.add(row.id)  # already registered or waiting: no need to tell
        elif row.kind == NotificationKind.COURSE_TOMORROW:
            if row.status == NotificationStatus.PENDING and row.key not in wanted_keys:
                withdraw.add(row.id)  # withdrawn, or the course moved
        # An offer answered meanwhile is withdrawn; one that lapsed is told by the
        # expire_offers job, which alone knows it lapsed (a declined one ends the same way).
        elif row.status == NotificationStatus.PENDING and row.key not in wanted_keys:
            withdraw.add(row.id)
    wanted.extend(await _openings(session, now, ids, set(live)))


def _place_notices(
    places: list[inputs.Place], settings: Settings, now: datetime
) -> list[r.Planned]:
    """ "Your course starts tomorrow" for a registered place, the offer for an offered one."""
    found: list[r.Planned | None] = []
    for place in places:
        if place.status == EnrollmentStatus.REGISTERED:
            found.append(
                r.course_tomorrow_notice(
                    place.course_id,
                    place.employee_id,
                    place.title,
                    place.starts_on,
                    tz=settings.tz,
                    now=now,
                )
            )
        elif place.status == EnrollmentStatus.OFFERED and place.offered_until is not None:
            found.append(
                r.offer_notice(
                    place.enrollment_id,
                    place.course_id,
                    place.employee_id,
                    place.title,
                    place.offered_until,
                    now=now,
                )
            )
    return [notice for notice in found if notice is not None]


async def _openings(
    session: AsyncSession, now: datetime, ids: list[int] | None, placed: set[tuple[int, int]]
) -> list[r.Planned]:
    """Courses opening that close one of a person's gaps, for people not on them yet."""
    courses = await inputs.courses_opening(session, now=now, ahead=COURSE_AHEAD)
    if not courses:
        return []
    opening = [(course, facts(course)) for course in courses]
    found: list[r.Planned] = []
    for person in await inputs.people_with_results(session, employee_ids=ids):
        for course, course_facts in opening:
            if (course.id, person.employee_id) in placed:
                continue
            best = recommend(
                person.scores,
                [course_facts],
                position_type=person.position_type,
                status=person.status,
                unit_ids=person.unit_ids,
            )
            if not best or best[0].reason_key == REASON_MARGIN:
                continue  # only courses that close one of my gaps
            notice = r.course_open_notice(
                course.id,
                person.employee_id,
                course.title,
                course.registration_opens_at,
                course.registration_closes_at,
                now=now,
                reason={"key": best[0].reason_key, **best[0].reason_params},
            )
            if notice is not None:
                found.append(notice)
    return found


async def plan_notifications(context: BotContext) -> None:
    """The periodic planner: everyone linked, by ``context.clock``."""
    async with context.db.begin() as session:
        count = await replan(session, now=context.clock.now(), settings=context.settings)
    if count.created or count.cancelled or count.revived:
        log.info(
            "planner: %d planned, %d withdrawn, %d brought back",
            count.created,
            count.cancelled,
            count.revived,
        )
