"""Gapura courses: open offerings, my places on them, seats and the waitlist.

A seat is taken with one conditional UPDATE (``seats_taken < quota``) whose row
count says whether it worked, so two people can never get the last seat, on
any database. Enrollment status changes are conditional too (``WHERE status =
<what I saw>``), so a place changes hands once even when two requests race.
The waitlist's reads and writes are :mod:`models.queries.waitlist`'s; the workflow
(a freed seat passed on, lapsed offers) is sequenced by :mod:`bot.usecases.enrolment`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from bot.core import waitlist
from bot.core.recommend import CourseFacts, is_open_to
from bot.core.vocabulary import CourseMode, CourseStatus, EnrollmentStatus
from models.gapura import Course, CourseCompetency, Enrollment
from models.org import Employee
from models.queries.results import unit_and_parents
from models.queries.seats import release_seat_where, take_seat_where

# enroll() outcomes besides the enrollment statuses themselves.
FULL = "full"
ALREADY = "already"


@dataclass(frozen=True)
class Audience:
    """Who an employee is, for course audiences."""

    position_type: str
    status: str
    unit_ids: frozenset[int]


async def audience_of(session: AsyncSession, *, employee: Employee) -> Audience:
    """The employee's position type, PNS/PPPK, and their unit with its parents.

    ``employee.position`` must be loaded (:func:`models.queries.links.chat_link` does)."""
    unit_ids = frozenset[int]()
    if employee.unit_id is not None:
        unit_ids = await unit_and_parents(session, unit_id=employee.unit_id)
    position_type = str(employee.position.position_type) if employee.position else ""
    return Audience(position_type, str(employee.status), unit_ids)


def facts(course: Course, *, with_competencies: bool = True) -> CourseFacts:
    """The course as the recommendation rules see it (competencies must be loaded,
    unless ``with_competencies`` is False: for its audience alone)."""
    competencies = (
        {c.competency_code: c.target_level for c in course.competencies}
        if with_competencies
        else {}
    )
    return CourseFacts(
        course_id=course.id,
        title=course.title,
        competencies=competencies,
        position_types=_csv(course.audience_position_types),
        statuses=_csv(course.audience_statuses),
        unit_id=course.audience_unit_id,
        jp=course.jp,
        seats_left=waitlist.seats_left(course.quota, course.seats_taken),
    )


def is_for(course: Course, audience: Audience) -> bool:
    """Whether the course's audience includes this employee."""
    return is_open_to(
        facts(course, with_competencies=False),  # an audience has no competencies
        position_type=audience.position_type,
        status=audience.status,
        unit_ids=audience.unit_ids,
    )


def is_offered(course: Course, now: datetime) -> bool:
    """Open for registration right now."""
    return course.status == CourseStatus.OPEN and waitlist.in_window(
        course.registration_opens_at, course.registration_closes_at, now
    )


async def open_courses(
    session: AsyncSession,
    *,
    now: datetime,
    audience: Audience,
    competency: str | None = None,
    mode: str | None = None,
    with_competencies: bool = True,
) -> list[Course]:
    """Courses open for registration now whose audience includes me, soonest first;
    optionally only those developing ``competency`` or held in ``mode``. A list that
    shows no competencies asks for none (``with_competencies=False``: a statement less)."""
    query = (
        select(Course)
        .where(
            Course.status == CourseStatus.OPEN,
            Course.registration_opens_at <= now,
            Course.registration_closes_at > now,
        )
        .order_by(Course.starts_on, Course.id)
    )
    if with_competencies:
        query = query.options(selectinload(Course.competencies))
    if competency is not None:
        query = query.where(Course.competencies.any(CourseCompetency.competency_code == competency))
    if mode is not None:
        query = query.where(Course.mode == CourseMode(mode))
    rows = await session.scalars(query)
    # Audiences are comma-separated lists: matched here, by the same rule as recommend().
    return [course for course in rows.all() if is_for(course, audience)]


async def course_by_id(session: AsyncSession, *, course_id: int) -> Course | None:
    found: Course | None = await session.scalar(
        select(Course).where(Course.id == course_id).options(selectinload(Course.competencies))
    )
    return found


async def my_enrollment(
    session: AsyncSession, *, course_id: int, employee_id: int
) -> Enrollment | None:
    found: Enrollment | None = await session.scalar(
        select(Enrollment).where(
            Enrollment.course_id == course_id, Enrollment.employee_id == employee_id
        )
    )
    return found


# Read on every /gapura page: built once (see models/queries/schedule.py).
_MY_PLACES = (
    select(Enrollment)
    .where(
        Enrollment.employee_id == bindparam("employee_id"),
        Enrollment.status.in_(waitlist.ACTIVE),
    )
    .options(joinedload(Enrollment.course))
)


async def my_places(session: AsyncSession, *, employee_id: int) -> dict[int, Enrollment]:
    """Course id -> my live place (registered, waitlisted or offered), with its course."""
    rows = await session.scalars(_MY_PLACES, {"employee_id": employee_id})
    return {row.course_id: row for row in rows.all()}


async def take_seat(session: AsyncSession, *, course_id: int) -> bool:
    """Take one seat if one is left; False when the course is full (or not open)."""
    return await take_seat_where(
        session,
        Course,
        Course.id == course_id,
        Course.status == CourseStatus.OPEN,
        Course.seats_taken < Course.quota,
    )


async def release_seat(session: AsyncSession, *, course_id: int) -> None:
    await release_seat_where(session, Course, Course.id == course_id)


async def enroll(
    session: AsyncSession,
    *,
    course_id: int,
    employee_id: int,
    now: datetime,
    waitlist_when_full: bool,
) -> str:
    """Register me (taking a seat), or put me on the waitlist when full and asked to.

    Returns ``registered``, ``waitlisted``, :data:`FULL` (full and not asked to
    wait: nothing written) or :data:`ALREADY` (I already have a live place).
    The caller checks that the course is open to me.
    """
    existing = await my_enrollment(session, course_id=course_id, employee_id=employee_id)
    if existing is not None and existing.status in waitlist.ACTIVE:
        return ALREADY
    if existing is not None and existing.status == EnrollmentStatus.COMPLETED:
        return ALREADY
    if await take_seat(session, course_id=course_id):
        status = EnrollmentStatus.REGISTERED
    elif waitlist_when_full:
        status = EnrollmentStatus.WAITLISTED
    else:
        return FULL
    if existing is None:
        session.add(
            Enrollment(
                course_id=course_id, employee_id=employee_id, status=status, registered_at=now
            )
        )
    else:  # withdrawn earlier: back again, at the end of the line
        existing.status, existing.registered_at, existing.offered_until = status, now, None
    await session.flush()
    return str(status)


async def course_start(session: AsyncSession, *, course_id: int) -> date | None:
    """The day the course starts (None when there is no such course)."""
    starts_on: date | None = await session.scalar(
        select(Course.starts_on).where(Course.id == course_id)
    )
    return starts_on


def _csv(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split(",") if part.strip())
