"""Rows for the admins' XLSX exports (attendance sheets, enrollments, announcement
deliveries, JP per OPD) and the short lists the export buttons choose from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.core.vocabulary import CourseStatus, EmployeeStatus
from models.assessment import AssessmentSession, Participation
from models.gapura import Course, Enrollment, JpEntry
from models.org import Employee, Unit
from models.outbox import Broadcast, BroadcastDelivery

RECENT = timedelta(days=30)


@dataclass(frozen=True)
class PersonRow:
    """One employee in an export: NIP, name, unit, status and up to two dates."""

    nip: str
    name: str
    unit: str
    status: str
    first: datetime | None = None
    second: datetime | None = None


@dataclass(frozen=True)
class UnitJp:
    unit_id: int
    employees: int
    jp: Decimal
    met: int


async def export_sessions(
    session: AsyncSession, *, now: datetime, limit: int = 20
) -> Sequence[AssessmentSession]:
    """Sessions from the last 30 days on, earliest first (the attendance-sheet picker)."""
    rows = await session.scalars(
        select(AssessmentSession)
        .where(AssessmentSession.starts_at > now - RECENT)
        .options(selectinload(AssessmentSession.program))
        .order_by(AssessmentSession.starts_at, AssessmentSession.id)
        .limit(limit)
    )
    return rows.all()


async def export_courses(session: AsyncSession, *, limit: int = 20) -> Sequence[Course]:
    rows = await session.scalars(
        select(Course)
        .where(Course.status.not_in([CourseStatus.DRAFT, CourseStatus.CANCELLED]))
        .order_by(Course.starts_on.desc(), Course.id.desc())
        .limit(limit)
    )
    return rows.all()


async def export_broadcasts(session: AsyncSession, *, limit: int = 10) -> Sequence[Broadcast]:
    rows = await session.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(limit))
    return rows.all()


async def course_title(session: AsyncSession, *, course_id: int) -> str | None:
    title: str | None = await session.scalar(select(Course.title).where(Course.id == course_id))
    return title


async def broadcast_by_id(session: AsyncSession, *, broadcast_id: int) -> Broadcast | None:
    return await session.get(Broadcast, broadcast_id)


async def session_participants(session: AsyncSession, *, session_id: int) -> list[PersonRow]:
    """Everyone in a session, by unit then name: the attendance sheet (``first`` the
    answer to the invitation, ``second`` the check-in at the venue)."""
    rows = await session.execute(
        select(
            Employee.nip,
            Employee.name,
            Unit.name,
            Participation.status,
            Participation.responded_at,
            Participation.checked_in_at,
        )
        .join(Employee, Employee.id == Participation.employee_id)
        .join(Unit, Unit.id == Employee.unit_id)
        .where(Participation.session_id == session_id)
        .order_by(Unit.name, Employee.name, Employee.id)
    )
    return [PersonRow(n, e, u, str(s), r, c) for n, e, u, s, r, c in rows.all()]


async def course_enrollments(session: AsyncSession, *, course_id: int) -> list[PersonRow]:
    rows = await session.execute(
        select(
            Employee.nip,
            Employee.name,
            Unit.name,
            Enrollment.status,
            Enrollment.registered_at,
            Enrollment.completed_at,
        )
        .join(Employee, Employee.id == Enrollment.employee_id)
        .join(Unit, Unit.id == Employee.unit_id)
        .where(Enrollment.course_id == course_id)
        .order_by(Enrollment.registered_at, Enrollment.id)
    )
    return [PersonRow(n, e, u, str(s), r, c) for n, e, u, s, r, c in rows.all()]


async def broadcast_deliveries(session: AsyncSession, *, broadcast_id: int) -> list[PersonRow]:
    rows = await session.execute(
        select(
            Employee.nip,
            Employee.name,
            Unit.name,
            BroadcastDelivery.status,
            BroadcastDelivery.delivered_at,
            BroadcastDelivery.read_at,
        )
        .join(Employee, Employee.id == BroadcastDelivery.employee_id)
        .join(Unit, Unit.id == Employee.unit_id)
        .where(BroadcastDelivery.broadcast_id == broadcast_id)
        .order_by(Unit.name, Employee.name, Employee.id)
    )
    return [PersonRow(n, e, u, str(s), d, r) for n, e, u, s, d, r in rows.all()]


async def jp_per_unit(
    session: AsyncSession, *, year: int, target_pns: int, target_pppk: int
) -> list[UnitJp]:
    """Per unit: active employees, their JP in ``year`` added up, and how many met
    their target. Employees without any JP count with 0."""
    earned = (
        select(JpEntry.employee_id.label("employee_id"), func.sum(JpEntry.jp).label("jp"))
        .where(JpEntry.year == year)
        .group_by(JpEntry.employee_id)
        .subquery()
    )
    jp = func.coalesce(earned.c.jp, 0)
    target = case((Employee.status == EmployeeStatus.PPPK, target_pppk), else_=target_pns)
    rows = await session.execute(
        select(
            Employee.unit_id,
            func.count(Employee.id),
            func.sum(jp),
            func.sum(case((jp >= target, 1), else_=0)),
        )
        .outerjoin(earned, earned.c.employee_id == Employee.id)
        .where(Employee.active)
        .group_by(Employee.unit_id)
    )
    return [
        UnitJp(unit, int(count), Decimal(str(total or 0)), int(met or 0))
        for unit, count, total, met in rows.all()
    ]
