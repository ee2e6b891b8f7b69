"""Enrolling, the waitlist and its offers (bot.usecases.enrolment), against a real
database: the outcome and the places written, refusals included."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from bot.clock import FakeClock
from bot.usecases import enrolment
from bot.usecases.enrolment import Enrolment
from models import Course, Employee, Enrollment
from tests.factories import NIP_SITI, add_course, add_employee, add_enrollment

HOURS = 24


async def _people(session: AsyncSession) -> tuple[Employee, Employee]:
    """Budi and Siti, with their positions loaded (as a chat link loads them)."""
    created = [
        await add_employee(session),
        await add_employee(session, nip=NIP_SITI, name="Siti Aminah"),
    ]
    found = await session.scalars(
        select(Employee)
        .where(Employee.id.in_([e.id for e in created]))
        .options(selectinload(Employee.position))
        .order_by(Employee.id)
        .execution_options(populate_existing=True)
    )
    budi, siti = found.all()
    return budi, siti


async def _enrol(
    session: AsyncSession,
    clock: FakeClock,
    employee: Employee,
    course: Course,
    *,
    wait: bool = False,
) -> Enrolment:
    outcome = await enrolment.enrol(
        session, employee=employee, course_id=course.id, join_waitlist=wait, now=clock.now(),
        today=clock.now().date(),
    )  # fmt: skip
    return outcome.kind


async def _places(db: async_sessionmaker[AsyncSession], course_id: int) -> list[tuple[int, str]]:
    """(employee id, status) of the course's places, and its seats taken last."""
    async with db() as session:
        rows = await session.execute(
            select(Enrollment.employee_id, Enrollment.status)
            .where(Enrollment.course_id == course_id)
            .order_by(Enrollment.id)
        )
        taken = await session.scalar(select(Course.seats_taken).where(Course.id == course_id))
    return [(e, str(s)) for e, s in rows.all()] + [(-1, f"seats {taken}")]


async def test_enrolling_takes_a_seat(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        budi, _ = await _people(session)
        course = await add_course(session, title="Komunikasi Publik", now=clock.now())
        kind = await _enrol(session, clock, budi, course)

    assert kind is Enrolment.REGISTERED
    assert await _places(db, course.id) == [(budi.id, "registered"), (-1, "seats 1")]


async def test_a_full_course_refuses_a_seat_and_takes_a_place_on_the_waitlist(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        budi, _ = await _people(session)
        course = await add_course(session, title="Penuh", now=clock.now(), quota=1, seats_taken=1)
        full = await _enrol(session, clock, budi, course)
        waiting = await _enrol(session, clock, budi, course, wait=True)
        again = await _enrol(session, clock, budi, course, wait=True)

    assert (full, waiting) == (Enrolment.FULL, Enrolment.WAITLISTED)
    assert again is Enrolment.STALE  # already waitlisted: nothing more to enrol in
    assert await _places(db, course.id) == [(budi.id, "waitlisted"), (-1, "seats 1")]


async def test_a_closed_registration_is_not_offered(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        budi, _ = await _people(session)
        course = await add_course(
            session, title="Tutup", now=clock.now(),
            registration_closes_at=clock.now() - timedelta(hours=1),
        )  # fmt: skip
        kind = await _enrol(session, clock, budi, course)

    assert kind is Enrolment.UNAVAILABLE
    assert await _places(db, course.id) == [(-1, "seats 0")]


async def test_cancelling_passes_the_seat_to_the_first_in_line(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    now = clock.now()
    async with db.begin() as session:
        budi, siti = await _people(session)
        course = await add_course(session, title="Antre", now=now, quota=1)
        await add_enrollment(session, course=course, employee=budi, status="registered", at=now)
        await add_enrollment(session, course=course, employee=siti, status="waitlisted", at=now)
        outcome = await enrolment.cancel(
            session, employee=budi, course_id=course.id, now=now, today=now.date(),
            offer_hours=HOURS,
        )  # fmt: skip

    assert outcome.kind is Enrolment.CANCELLED
    assert await _places(db, course.id) == [
        (budi.id, "withdrawn"), (siti.id, "offered"), (-1, "seats 1"),
    ]  # fmt: skip


async def test_leaving_the_waitlist_keeps_the_seats_and_is_not_a_cancellation(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    now = clock.now()
    async with db.begin() as session:
        budi, siti = await _people(session)
        course = await add_course(session, title="Antre", now=now, quota=1, seats_taken=1)
        await add_enrollment(session, course=course, employee=budi, status="waitlisted", at=now)
        await add_enrollment(session, course=course, employee=siti, status="registered", at=now)
        as_cancel = await enrolment.cancel(
            session, employee=budi, course_id=course.id, now=now, today=now.date(),
            offer_hours=HOURS,
        )  # fmt: skip
        left = await enrolment.leave_waitlist(
            session, employee=budi, course_id=course.id, now=now, today=now.date(),
            offer_hours=HOURS,
        )  # fmt: skip
        registered = await enrolment.leave_waitlist(
            session, employee=siti, course_id=course.id, now=now, today=now.date(),
            offer_hours=HOURS,
        )  # fmt: skip

    assert (as_cancel.kind, left.kind, registered.kind) == (
        Enrolment.STALE, Enrolment.LEFT_WAITLIST, Enrolment.STALE,
    )  # fmt: skip
    assert await _places(db, course.id) == [
        (budi.id, "withdrawn"), (siti.id, "registered"), (-1, "seats 2"),
    ]  # fmt: skip


async def test_a_lapsed_offer_is_stale_and_the_job_passes_it_on(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    now = clock.now()
    async with db.begin() as session:
        budi, siti = await _people(session)
        course = await add_course(session, title="Tawaran", now=now, quota=1)
        await add_enrollment(
            session, course=course, employee=budi, status="offered", at=now,
            offered_until=now + timedelta(hours=2),
        )  # fmt: skip
        await add_enrollment(session, course=course, employee=siti, status="waitlisted", at=now)
    clock.advance(timedelta(hours=3))
    later = clock.now()
    async with db.begin() as session:
        accepted = await enrolment.accept_offer(
            session, employee=budi, course_id=course.id, now=later, today=later.date()
        )
        lapsed = await enrolment.expire_offers(
            session, now=later, offer_hours=HOURS, today=later.date()
        )

    assert accepted.kind is Enrolment.STALE
    assert [(o.employee_id, o.course_id) for o in lapsed] == [(budi.id, course.id)]
    assert await _places(db, course.id) == [
        (budi.id, "withdrawn"), (siti.id, "offered"), (-1, "seats 1"),
    ]  # fmt: skip


async def test_accepting_a_live_offer_registers_and_declining_passes_it_on(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    now = clock.now()
    until = now + timedelta(hours=5)
    async with db.begin() as session:
        budi, siti = await _people(session)
        taken = await add_course(session, title="Terima", now=now, quota=1)
        await add_enrollment(
            session, course=taken, employee=budi, status="offered", at=now, offered_until=until
        )
        passed = await add_course(session, title="Tolak", now=now, quota=1)
        await add_enrollment(
            session, course=passed, employee=budi, status="offered", at=now, offered_until=until
        )
        await add_enrollment(session, course=passed, employee=siti, status="waitlisted", at=now)
        accepted = await enrolment.accept_offer(
            session, employee=budi, course_id=taken.id, now=now, today=now.date()
        )
        declined = await enrolment.decline_offer(
            session, employee=budi, course_id=passed.id, now=now, today=now.date(),
            offer_hours=HOURS,
        )  # fmt: skip

    assert (accepted.kind, declined.kind) == (Enrolment.ACCEPTED, Enrolment.DECLINED)
    assert await _places(db, taken.id) == [(budi.id, "registered"), (-1, "seats 1")]
    assert await _places(db, passed.id) == [
        (budi.id, "withdrawn"), (siti.id, "offered"), (-1, "seats 1"),
    ]  # fmt: skip


async def test_details_show_my_turn_in_the_waitlist_and_what_i_may_do(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    now = clock.now()
    async with db.begin() as session:
        budi, siti = await _people(session)
        course = await add_course(session, title="Antre", now=now, quota=1, seats_taken=1)
        await add_enrollment(session, course=course, employee=siti, status="waitlisted", at=now)
        await add_enrollment(session, course=course, employee=budi, status="waitlisted", at=now)
        closed = await add_course(
            session, title="Tutup", now=now, registration_closes_at=now - timedelta(hours=1)
        )
        mine = await enrolment.details(
            session, employee=budi, course_id=course.id, now=now, today=now.date()
        )
        not_mine = await enrolment.details(
            session, employee=budi, course_id=closed.id, now=now, today=now.date()
        )

    assert mine is not None
    assert (mine.seats_left, mine.position, mine.actions) == (0, 2, ("leave",))
    assert not_mine is None
