"""The admins' reschedule queue: "Tidak bisa hadir" requests, approved by moving
the seat to another session or rejected.

A move releases the old seat and takes the new one with the conditional UPDATE
of ``models.queries.schedule`` in the caller's transaction, so a full session is
refused and nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.core.vocabulary import ParticipationStatus, SessionStatus
from models.assessment import AssessmentSession, Participation
from models.org import Employee
from models.queries.schedule import release_seat, take_seat

_FULL = (
    selectinload(Participation.session).selectinload(AssessmentSession.program),
    selectinload(Participation.employee).selectinload(Employee.unit),
    selectinload(Participation.employee).selectinload(Employee.position),
)


async def pending_count(session: AsyncSession) -> int:
    found = await session.scalar(
        select(func.count(Participation.id)).where(
            Participation.status == ParticipationStatus.RESCHEDULE_REQUESTED
        )
    )
    return int(found or 0)


async def pending_requests(
    session: AsyncSession, *, offset: int = 0, limit: int = 5
) -> Sequence[Participation]:
    """Requests waiting for an admin, oldest answer first."""
    rows = await session.scalars(
        select(Participation)
        .where(Participation.status == ParticipationStatus.RESCHEDULE_REQUESTED)
        .options(*_FULL)
        .order_by(Participation.responded_at, Participation.id)
        .offset(offset)
        .limit(limit)
    )
    return rows.all()


async def pending_request(session: AsyncSession, *, participation_id: int) -> Participation | None:
    """The participation if it still waits for an admin, else None."""
    found: Participation | None = await session.scalar(
        select(Participation)
        .where(
            Participation.id == participation_id,
            Participation.status == ParticipationStatus.RESCHEDULE_REQUESTED,
        )
        .options(*_FULL)
    )
    return found


async def free_sessions_for(
    session: AsyncSession, *, participation: Participation, now: datetime
) -> Sequence[AssessmentSession]:
    """Scheduled future sessions of the same program with a free seat, where the
    employee has no place yet (whom each is open to, the caller's rule decides)."""
    already = select(Participation.session_id).where(
        Participation.employee_id == participation.employee_id
    )
    rows = await session.scalars(
        select(AssessmentSession)
        .where(
            AssessmentSession.program_id == participation.session.program_id,
            AssessmentSession.status == SessionStatus.SCHEDULED,
            AssessmentSession.starts_at > now,
            AssessmentSession.seats_taken < AssessmentSession.capacity,
            AssessmentSession.id.not_in(already),
        )
        .options(selectinload(AssessmentSession.program))
        .order_by(AssessmentSession.starts_at, AssessmentSession.id)
    )
    return rows.all()


async def approve_move(
    session: AsyncSession,
    *,
    participation: Participation,
    target: AssessmentSession,
    now: datetime,
) -> bool:
    """Move the seat to ``target`` (status back to invited, so the employee answers
    again); False, with nothing changed, when ``target`` is full."""
    if not await take_seat(session, session_id=target.id):
        return False
    await release_seat(session, session_id=participation.session_id)
    participation.session = target
    participation.status = ParticipationStatus.INVITED
    participation.responded_at = now
    await session.flush()
    return True


async def reject_request(session: AsyncSession, *, participation: Participation) -> None:
    """Back to invited in the same session; the employee's reason stays on record."""
    participation.status = ParticipationStatus.INVITED
    await session.flush()
