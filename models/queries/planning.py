"""What the planner (``jobs.planning``) reads to decide which notices should exist:
sessions and their participants, released results, courses opening, places on
courses and JP totals, each for employees with an active link."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.core.jpm import CompetencyScore
from bot.core.reminders import SessionFacts
from bot.core.vocabulary import CourseStatus, LinkStatus, SessionStatus
from models.assessment import (
    AssessmentProgram,
    AssessmentSession,
    Participation,
    Result,
    ResultScore,
)
from models.chat import ChatLink
from models.gapura import Course, Enrollment, JpEntry
from models.org import Employee, Position, Unit
from models.queries.outbox import IN_CHUNK


def _linked() -> Any:
    return select(ChatLink.employee_id).where(
        ChatLink.status == LinkStatus.ACTIVE, ChatLink.employee_id.is_not(None)
    )


def _scoped(column: Any, employee_ids: Collection[int] | None) -> Any:
    """Only employees with an active link (and among ``employee_ids`` when given)."""
    condition = column.in_(_linked())
    if employee_ids is not None:
        condition = condition & column.in_(list(employee_ids))
    return condition


async def session_facts(
    session: AsyncSession, *, since: datetime, employee_ids: Collection[int] | None = None
) -> list[SessionFacts]:
    """Every participation in a session starting after ``since``, with its session."""
    rows = await session.execute(
        select(
            Participation.session_id,
            Participation.employee_id,
            Participation.status,
            AssessmentSession.starts_at,
            AssessmentSession.venue_name,
            AssessmentSession.address,
            AssessmentSession.status,
        )
        .join(AssessmentSession, AssessmentSession.id == Participation.session_id)
        .where(
            AssessmentSession.starts_at >= since, _scoped(Participation.employee_id, employee_ids)
        )
    )
    return [
        SessionFacts(
            sid,
            eid,
            starts,
            venue or "",
            address or "",
            status == SessionStatus.CANCELLED,
            str(p_status),
        )
        for sid, eid, p_status, starts, venue, address, status in rows.all()
    ]


async def released_since(
    session: AsyncSession, *, since: datetime, employee_ids: Collection[int] | None = None
) -> list[tuple[int, int, str, datetime]]:
    """(result id, employee id, program name, released at) of recently released results."""
    rows = await session.execute(
        select(Result.id, Result.employee_id, AssessmentProgram.name, Result.released_at)
        .join(AssessmentProgram, AssessmentProgram.id == Result.program_id)
        .where(Result.released_at >= since, _scoped(Result.employee_id, employee_ids))
    )
    return [(r, e, n, at) for r, e, n, at in rows.all() if at is not None]


async def courses_opening(
    session: AsyncSession, *, now: datetime, ahead: timedelta
) -> list[Course]:
    """Open courses whose registration is open now or opens within ``ahead``."""
    rows = await session.scalars(
        select(Course)
        .where(
            Course.status == CourseStatus.OPEN,
            Course.registration_opens_at <= now + ahead,
            Course.registration_closes_at > now,
        )
        .options(selectinload(Course.competencies))
        .order_by(Course.id)
    )
    return list(rows.all())


@dataclass(frozen=True)
class Person:
    """A linked employee as course audiences and recommendations see them."""

    employee_id: int
    status: str
    position_type: str
    unit_ids: frozenset[int]
    scores: tuple[CompetencyScore, ...]


async def people_with_results(
    session: AsyncSession, *, employee_ids: Collection[int] | None = None
) -> list[Person]:
    """Linked employees with a released result: their audience and latest scores."""
    parents: dict[int, int | None] = {
        unit_id: parent_id
        for unit_id, parent_id in (await session.execute(select(Unit.id, Unit.parent_id))).all()
    }
    rows = await session.execute(
        select(Employee.id, Employee.status, Employee.unit_id, Position.position_type)
        .outerjoin(Position, Position.id == Employee.position_id)
        .where(_scoped(Employee.id, employee_ids))
    )
    people = {eid: (str(st), unit, str(pt or "")) for eid, st, unit, pt in rows.all()}
    latest: dict[int, tuple[Any, int]] = {}
    results = await session.execute(
        select(Result.employee_id, Result.assessed_on, Result.id).where(
            Result.released_at.is_not(None), _scoped(Result.employee_id, employee_ids)
        )
    )
    for eid, on, rid in results.all():
        if eid not in latest or (on, rid) > latest[eid]:
            latest[eid] = (on, rid)
    scores: dict[int, list[CompetencyScore]] = {}
    result_ids = [rid for _, rid in latest.values()]
    for start in range(0, len(result_ids), IN_CHUNK):
        found = await session.execute(
            select(
                Result.employee_id,
                ResultScore.competency_code,
                ResultScore.required_level,
                ResultScore.achieved_level,
            )
            .join(Result, Result.id == ResultScore.result_id)
            .where(ResultScore.result_id.in_(result_ids[start : start + IN_CHUNK]))
        )
        for eid, code, required, achieved in found.all():
            scores.setdefault(eid, []).append(CompetencyScore(code, required, achieved))
    found_people = []
    for eid, items in scores.items():
        if eid not in people:
            continue
        status, unit, position_type = people[eid]
        found_people.append(
            Person(eid, status, position_type, _with_parents(unit, parents), tuple(items))
        )
    return found_people


def _with_parents(unit_id: int | None, parents: dict[int, int | None]) -> frozenset[int]:
    seen: set[int] = set()
    while unit_id is not None and unit_id not in seen:
        seen.add(unit_id)
        unit_id = parents.get(unit_id)
    return frozenset(seen)


@dataclass(frozen=True)
class Place:
    """An enrollment with what the planner needs of its course."""

    enrollment_id: int
    course_id: int
    employee_id: int
    status: str
    offered_until: datetime | None
    title: str
    starts_on: Any


async def places(
    session: AsyncSession, *, today: Any, employee_ids: Collection[int] | None = None
) -> list[Place]:
    """Live enrollments (registered, waitlisted, offered) and recently ended offers on
    courses that have not started before ``today``."""
    rows = await session.execute(
        select(
            Enrollment.id,
            Enrollment.course_id,
            Enrollment.employee_id,
            Enrollment.status,
            Enrollment.offered_until,
            Course.title,
            Course.starts_on,
        )
        .join(Course, Course.id == Enrollment.course_id)
        .where(Course.starts_on >= today, _scoped(Enrollment.employee_id, employee_ids))
    )
    return [Place(i, c, e, str(s), o, t, d) for i, c, e, s, o, t, d in rows.all()]


async def jp_totals(
    session: AsyncSession, *, year: int, employee_ids: Collection[int] | None = None
) -> dict[int, tuple[str, Decimal]]:
    """Linked employee id -> (PNS/PPPK, JP earned in ``year``)."""
    rows = await session.execute(
        select(Employee.id, Employee.status, func.coalesce(func.sum(JpEntry.jp), 0))
        .outerjoin(JpEntry, (JpEntry.employee_id == Employee.id) & (JpEntry.year == year))
        .where(_scoped(Employee.id, employee_ids), Employee.active.is_(True))
        .group_by(Employee.id, Employee.status)
    )
    return {eid: (str(status), Decimal(str(total))) for eid, status, total in rows.all()}
