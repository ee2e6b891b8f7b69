"""Counts for the admins' /statistik: every number is a SQL aggregate (GROUP BY),
never a loop over employees (9,000 in Gresik, a million in the benchmarks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.vocabulary import (
    CourseStatus,
    EnrollmentStatus,
    LinkStatus,
    ParticipationStatus,
    SessionStatus,
)
from models.assessment import AssessmentProgram, AssessmentSession, Participation, Result
from models.chat import ChatLink
from models.gapura import Course, Enrollment
from models.org import Employee, Unit
from models.outbox import Broadcast, BroadcastDelivery


@dataclass(frozen=True)
class RoundRsvp:
    """The answers to the invitations of the next round's upcoming sessions."""

    program: str
    invited: int  # every participation in those sessions
    confirmed: int
    unanswered: int
    reschedule: int


@dataclass(frozen=True)
class CourseFill:
    course_id: int
    title: str
    quota: int
    seats_taken: int
    waitlisted: int


@dataclass(frozen=True)
class BroadcastReads:
    broadcast_id: int
    created_at: datetime
    text: str
    delivered: int
    read: int


async def active_employees(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Employee.id)).where(Employee.active)) or 0)


async def linked_employees(session: AsyncSession) -> int:
    """Active employees with an active chat link."""
    found = await session.scalar(
        select(func.count(ChatLink.id))
        .join(Employee, Employee.id == ChatLink.employee_id)
        .where(ChatLink.status == LinkStatus.ACTIVE, Employee.active)
    )
    return int(found or 0)


async def units(session: AsyncSession) -> tuple[dict[int, int | None], dict[int, str]]:
    """Every unit's parent and name (a few hundred rows at most)."""
    rows = await session.execute(select(Unit.id, Unit.parent_id, Unit.name))
    parents: dict[int, int | None] = {}
    names: dict[int, str] = {}
    for unit_id, parent_id, name in rows.all():
        parents[unit_id] = parent_id
        names[unit_id] = name
    return parents, names


async def employees_per_unit(session: AsyncSession) -> dict[int, int]:
    rows = await session.execute(
        select(Employee.unit_id, func.count(Employee.id))
        .where(Employee.active)
        .group_by(Employee.unit_id)
    )
    return {unit: int(count) for unit, count in rows.all()}


async def assessed_per_unit(session: AsyncSession) -> dict[int, int]:
    """Active employees with at least one result, per unit."""
    rows = await session.execute(
        select(Employee.unit_id, func.count(func.distinct(Result.employee_id)))
        .join(Employee, Employee.id == Result.employee_id)
        .where(Employee.active)
        .group_by(Employee.unit_id)
    )
    return {unit: int(count) for unit, count in rows.all()}


async def first_assessed_per_year(session: AsyncSession) -> dict[int, int]:
    """Active employees counted once, in the year of their first assessment program."""
    first = (
        select(Result.employee_id, func.min(AssessmentProgram.year).label("year"))
        .join(AssessmentProgram, AssessmentProgram.id == Result.program_id)
        .join(Employee, Employee.id == Result.employee_id)
        .where(Employee.active)
        .group_by(Result.employee_id)
        .subquery()
    )
    rows = await session.execute(
        select(first.c.year, func.count(first.c.employee_id)).group_by(first.c.year)
    )
    return {int(year): int(count) for year, count in rows.all()}


def _count_status(status: ParticipationStatus) -> ColumnElement[int]:
    return func.sum(case((Participation.status == status, 1), else_=0))


async def round_rsvp(session: AsyncSession, *, now: datetime) -> RoundRsvp | None:
    """The program of the next scheduled session, and the answers in its sessions that
    have not started; None when no session is coming."""
    upcoming = (
        AssessmentSession.status == SessionStatus.SCHEDULED,
        AssessmentSession.starts_at > now,
    )
    program_id = await session.scalar(
        select(AssessmentSession.program_id)
        .where(*upcoming)
        .order_by(AssessmentSession.starts_at, AssessmentSession.id)
        .limit(1)
    )
    if program_id is None:
        return None
    row = (
        await session.execute(
            select(
                AssessmentProgram.name,
                func.count(Participation.id),
                _count_status(ParticipationStatus.CONFIRMED),
                _count_status(ParticipationStatus.INVITED),
                _count_status(ParticipationStatus.RESCHEDULE_REQUESTED),
            )
            .select_from(AssessmentProgram)
            .join(AssessmentSession, AssessmentSession.program_id == AssessmentProgram.id)
            .outerjoin(Participation, Participation.session_id == AssessmentSession.id)
            .where(AssessmentProgram.id == program_id, *upcoming)
            .group_by(AssessmentProgram.name)
        )
    ).one()
    name, invited, confirmed, unanswered, reschedule = row
    return RoundRsvp(
        name, int(invited or 0), int(confirmed or 0), int(unanswered or 0), int(reschedule or 0)
    )


_OPEN_COURSES = Course.status.in_([CourseStatus.OPEN, CourseStatus.CLOSED])


async def course_count(session: AsyncSession) -> int:
    """Courses /statistik lists (open or closed, not yet done)."""
    return int(await session.scalar(select(func.count(Course.id)).where(_OPEN_COURSES)) or 0)


async def course_fill(
    session: AsyncSession, *, offset: int = 0, limit: int = 30
) -> list[CourseFill]:
    """Open and closed (not yet done) courses: seats taken against quota, and waitlists."""
    waiting = func.sum(case((Enrollment.status == EnrollmentStatus.WAITLISTED, 1), else_=0))
    rows = await session.execute(
        select(Course.id, Course.title, Course.quota, Course.seats_taken, waiting)
        .outerjoin(Enrollment, Enrollment.course_id == Course.id)
        .where(_OPEN_COURSES)
        .group_by(Course.id, Course.title, Course.quota, Course.seats_taken, Course.starts_on)
        .order_by(Course.starts_on, Course.id)
        .offset(offset)
        .limit(limit)
    )
    return [CourseFill(i, t, q, s, int(w or 0)) for i, t, q, s, w in rows.all()]


async def broadcast_count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Broadcast.id))) or 0)


async def read_totals(session: AsyncSession) -> tuple[int, int]:
    """Announcement messages delivered, and of those read, over every announcement."""
    delivered, read = (
        await session.execute(
            select(
                func.count(BroadcastDelivery.delivered_at),
                func.count(BroadcastDelivery.read_at),
            )
        )
    ).one()
    return int(delivered or 0), int(read or 0)


async def broadcast_reads(
    session: AsyncSession, *, offset: int = 0, limit: int = 10
) -> list[BroadcastReads]:
    """The latest announcements: deliveries and reads counted."""
    counts = (
        select(
            BroadcastDelivery.broadcast_id.label("broadcast_id"),
            func.sum(case((BroadcastDelivery.delivered_at.is_not(None), 1), else_=0)).label("d"),
            func.sum(case((BroadcastDelivery.read_at.is_not(None), 1), else_=0)).label("r"),
        )
        .group_by(BroadcastDelivery.broadcast_id)
        .subquery()
    )
    rows = await session.execute(
        select(Broadcast.id, Broadcast.created_at, Broadcast.text, counts.c.d, counts.c.r)
        .outerjoin(counts, counts.c.broadcast_id == Broadcast.id)
        .order_by(Broadcast.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [BroadcastReads(i, c, t, int(d or 0), int(r or 0)) for i, c, t, d, r in rows.all()]
