"""The Gapura waitlist's reads and conditional writes: who waits, offers made, taken
up, answered or lapsed.

Every status change is conditional (``WHERE status = <what I saw>``) and says by its
row count whether it happened, so a place changes hands once even when two requests
race. The sequence (a freed seat passed on, lapsed offers) is
:mod:`bot.usecases.enrolment`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import waitlist
from bot.core.vocabulary import EnrollmentStatus
from models.gapura import Course, Enrollment
from models.queries.seats import rowcount


async def waiting_places(
    session: AsyncSession, *, course_id: int, lock: bool = False
) -> list[waitlist.Place]:
    """The course's waitlisted places (locked for update when ``lock``)."""
    query = select(
        Enrollment.id, Enrollment.status, Enrollment.registered_at, Enrollment.offered_until
    ).where(Enrollment.course_id == course_id, Enrollment.status == EnrollmentStatus.WAITLISTED)
    if lock:
        query = query.with_for_update()
    rows = await session.execute(query)
    return waitlist.places([(i, status, at, until) for i, status, at, until in rows.all()])


async def accept_offer(session: AsyncSession, *, enrollment_id: int, now: datetime) -> bool:
    """Take up an offered seat before its deadline; False when there is no live offer."""
    result = await session.execute(
        update(Enrollment)
        .where(
            Enrollment.id == enrollment_id,
            Enrollment.status == EnrollmentStatus.OFFERED,
            Enrollment.offered_until > now,
        )
        .values(status=EnrollmentStatus.REGISTERED, offered_until=None)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def change_status(
    session: AsyncSession, *, enrollment_id: int, before: str, after: EnrollmentStatus
) -> bool:
    """Move a place from ``before`` to ``after`` (ending any offer); False when its status
    is no longer ``before`` (someone else changed it first)."""
    result = await session.execute(
        update(Enrollment)
        .where(Enrollment.id == enrollment_id, Enrollment.status == before)
        .values(status=after, offered_until=None)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def make_offer(session: AsyncSession, *, offer: waitlist.Offer) -> bool:
    """Offer a freed seat to a waitlisted place; False when it is no longer waiting."""
    result = await session.execute(
        update(Enrollment)
        .where(
            Enrollment.id == offer.enrollment_id,
            Enrollment.status == EnrollmentStatus.WAITLISTED,
        )
        .values(status=EnrollmentStatus.OFFERED, offered_until=offer.until)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


@dataclass(frozen=True)
class OfferedPlace:
    """A place holding an offered seat, with its course's title."""

    place: waitlist.Place
    employee_id: int
    course_id: int
    title: str


async def offers_due(session: AsyncSession, *, now: datetime) -> list[OfferedPlace]:
    """Offered places whose deadline is ``now`` or earlier."""
    rows = await session.execute(
        select(
            Enrollment.id,
            Enrollment.course_id,
            Enrollment.employee_id,
            Enrollment.status,
            Enrollment.registered_at,
            Enrollment.offered_until,
            Course.title,
        )
        .join(Course, Course.id == Enrollment.course_id)
        .where(Enrollment.status == EnrollmentStatus.OFFERED, Enrollment.offered_until <= now)
    )
    return [
        OfferedPlace(waitlist.Place(eid, str(status), at, until), employee_id, course_id, title)
        for eid, course_id, employee_id, status, at, until, title in rows.all()
    ]


async def end_offer(
    session: AsyncSession, *, enrollment_id: int, now: datetime, status: EnrollmentStatus
) -> bool:
    """End a lapsed offer (its place becomes ``status``); False when it is no longer a
    lapsed offer (taken up or answered meanwhile)."""
    result = await session.execute(
        update(Enrollment)
        .where(
            Enrollment.id == enrollment_id,
            Enrollment.status == EnrollmentStatus.OFFERED,
            Enrollment.offered_until <= now,
        )
        .values(status=status, offered_until=None)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1
