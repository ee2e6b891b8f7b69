"""The assessment schedule: my participations, open sessions, and seats.

A participation row holds a seat, and ``seats_taken`` counts them. A seat is
taken with one conditional UPDATE (``seats_taken < capacity``) whose row count
says whether it worked, so two people can never both take the last seat on any
database. The caller's transaction covers the UPDATE and the participation row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from bot.core.vocabulary import ParticipationStatus, SessionStatus
from models.assessment import AssessmentProgram, AssessmentSession, Participation
from models.queries.seats import release_seat_where, take_seat_where

_WITH_SESSION = joinedload(Participation.session).joinedload(AssessmentSession.program)


# /jadwal runs these on every call: each statement is built once (building it anew
# costs more than the lookup) and takes its values as parameters.
_MY_PARTICIPATIONS = (
    select(Participation)
    .join(Participation.session)
    .where(Participation.employee_id == bindparam("employee_id"))
    .options(_WITH_SESSION)
    .order_by(AssessmentSession.starts_at, Participation.id)
)
_SELF_BOOKING_PROGRAMS = (
    select(AssessmentProgram)
    .where(AssessmentProgram.self_booking.is_(True))
    .order_by(AssessmentProgram.id)
)
_FUTURE_SESSIONS = (
    select(AssessmentSession)
    .where(
        AssessmentSession.program_id == bindparam("program_id"),
        AssessmentSession.status == SessionStatus.SCHEDULED,
        AssessmentSession.starts_at > bindparam("now"),
    )
    .options(selectinload(AssessmentSession.program))
    .order_by(AssessmentSession.starts_at, AssessmentSession.id)
)


async def my_participations(session: AsyncSession, *, employee_id: int) -> Sequence[Participation]:
    """Every participation of the employee, with its session and program, by start."""
    rows = await session.scalars(_MY_PARTICIPATIONS, {"employee_id": employee_id})
    return rows.all()


async def my_participation(
    session: AsyncSession, *, participation_id: int, employee_id: int
) -> Participation | None:
    """The participation if it is this employee's, else None (never trust callback ids)."""
    found: Participation | None = await session.scalar(
        select(Participation)
        .where(Participation.id == participation_id, Participation.employee_id == employee_id)
        .options(_WITH_SESSION)
    )
    return found


async def self_booking_programs(session: AsyncSession) -> Sequence[AssessmentProgram]:
    rows = await session.scalars(_SELF_BOOKING_PROGRAMS)
    return rows.all()


async def future_sessions(
    session: AsyncSession, *, program_id: int, now: datetime
) -> Sequence[AssessmentSession]:
    """Scheduled sessions of a program that have not started, earliest first."""
    rows = await session.scalars(_FUTURE_SESSIONS, {"program_id": program_id, "now": now})
    return rows.all()


async def session_by_id(session: AsyncSession, *, session_id: int) -> AssessmentSession | None:
    found: AssessmentSession | None = await session.scalar(
        select(AssessmentSession)
        .where(AssessmentSession.id == session_id)
        .options(selectinload(AssessmentSession.program))
    )
    return found


async def program_by_id(session: AsyncSession, *, program_id: int) -> AssessmentProgram | None:
    return await session.get(AssessmentProgram, program_id)


async def has_seat_in_program(session: AsyncSession, *, employee_id: int, program_id: int) -> bool:
    found = await session.scalar(
        select(Participation.id)
        .join(Participation.session)
        .where(
            Participation.employee_id == employee_id,
            AssessmentSession.program_id == program_id,
        )
        .limit(1)
    )
    return found is not None


async def take_seat(session: AsyncSession, *, session_id: int) -> bool:
    """Take one seat if one is free; False when the session is full."""
    return await take_seat_where(
        session,
        AssessmentSession,
        AssessmentSession.id == session_id,
        AssessmentSession.seats_taken < AssessmentSession.capacity,
    )


async def release_seat(session: AsyncSession, *, session_id: int) -> None:
    await release_seat_where(session, AssessmentSession, AssessmentSession.id == session_id)


async def book_seat(
    session: AsyncSession, *, target: AssessmentSession, employee_id: int, now: datetime
) -> Participation | None:
    """Take a seat in ``target`` and write my participation (confirmed: I chose it).

    None, with nothing written, when the session is full.
    """
    if not await take_seat(session, session_id=target.id):
        return None
    participation = Participation(
        session=target,
        employee_id=employee_id,
        status=ParticipationStatus.CONFIRMED,
        responded_at=now,
    )
    session.add(participation)
    await session.flush()
    return participation


async def seat_in(
    session: AsyncSession, *, participation: Participation, target: AssessmentSession, now: datetime
) -> None:
    """My participation now sits in ``target``, confirmed (the seats are the caller's:
    :func:`take_seat` there, :func:`release_seat` here)."""
    participation.session = target
    participation.status = ParticipationStatus.CONFIRMED
    participation.reason = None
    participation.responded_at = now
    await session.flush()


async def remove_participation(session: AsyncSession, *, participation: Participation) -> None:
    """The participation row goes (its seat is released by the caller)."""
    await session.delete(participation)
    await session.flush()


async def answer_invitation(
    session: AsyncSession,
    *,
    participation: Participation,
    status: ParticipationStatus,
    now: datetime,
    reason: str | None = None,
) -> None:
    """Record "Hadir" (confirmed) or "Tidak bisa hadir" (reschedule requested, with reason)."""
    participation.status = status
    participation.reason = reason
    participation.responded_at = now
    await session.flush()
