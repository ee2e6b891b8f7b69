"""Booking, moving and cancelling a seat (bot.usecases.seats), against a real database:
the outcome and the rows written, refusals included."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.usecases import seats
from bot.usecases.seats import Seat
from models import AssessmentSession, Participation
from tests.factories import NIP_SITI, add_assessment_session, add_employee, add_program

DAY = timedelta(days=1)


async def _program(
    session: AsyncSession,
    clock: FakeClock,
    *,
    capacity: int = 2,
    deadline: timedelta = 5 * DAY,
) -> dict[str, int]:
    """A self-booking program (its deadline ``deadline`` from now) with two sessions next
    week; Budi and Siti, no seats."""
    now = clock.now()
    program = await add_program(session, self_booking=True, booking_deadline=now + deadline)
    first = await add_assessment_session(
        session, program=program, code="S1", starts_at=now + 7 * DAY, capacity=capacity
    )
    second = await add_assessment_session(
        session, program=program, code="S2", starts_at=now + 8 * DAY
    )
    budi = await add_employee(session)
    siti = await add_employee(session, nip=NIP_SITI, name="Siti Aminah")
    return {
        "program": program.id, "first": first.id, "second": second.id,
        "budi": budi.id, "siti": siti.id,
    }  # fmt: skip


async def _book(
    session: AsyncSession, clock: FakeClock, employee_id: int, session_id: int
) -> seats.SeatOutcome:
    return await seats.book(
        session, employee_id=employee_id, position_type=None, session_id=session_id,
        now=clock.now(),
    )  # fmt: skip


async def _seats(db: async_sessionmaker[AsyncSession], session_id: int) -> tuple[int, int]:
    """(seats_taken, participation rows) of a session."""
    async with db() as session:
        taken = await session.scalar(
            select(AssessmentSession.seats_taken).where(AssessmentSession.id == session_id)
        )
        rows = await session.scalar(
            select(func.count(Participation.id)).where(Participation.session_id == session_id)
        )
    return int(taken or 0), int(rows or 0)


async def test_booking_takes_a_free_seat(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _program(session, clock)
        outcome = await _book(session, clock, ids["budi"], ids["first"])

    assert outcome.kind is Seat.BOOKED
    assert outcome.participation is not None and outcome.participation.status == "confirmed"
    assert await _seats(db, ids["first"]) == (1, 1)


async def test_booking_a_full_session_is_refused_and_writes_nothing(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _program(session, clock, capacity=1)
        await _book(session, clock, ids["siti"], ids["first"])
        outcome = await _book(session, clock, ids["budi"], ids["first"])

    assert outcome.kind is Seat.REFUSED
    assert outcome.refusal is not None and outcome.refusal.key == "schedule.slot_unavailable"
    assert await _seats(db, ids["first"]) == (1, 1)


async def test_booking_after_the_deadline_is_refused(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _program(session, clock, deadline=-DAY)
        outcome = await _book(session, clock, ids["budi"], ids["first"])

    assert outcome.refusal is not None and outcome.refusal.key == "schedule.booking_closed"
    assert await _seats(db, ids["first"]) == (0, 0)


async def test_a_second_seat_in_the_same_program_is_refused(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _program(session, clock)
        await _book(session, clock, ids["budi"], ids["first"])
        outcome = await _book(session, clock, ids["budi"], ids["second"])
        choices = await seats.choices(
            session, employee_id=ids["budi"], position_type=None, program_id=ids["program"],
            now=clock.now(),
        )  # fmt: skip

    assert outcome.refusal is not None and outcome.refusal.key == "schedule.already_booked"
    assert choices.refusal is not None and choices.refusal.key == "schedule.already_booked"
    assert await _seats(db, ids["second"]) == (0, 0)


async def test_choices_list_the_sessions_with_a_seat(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _program(session, clock, capacity=1)
        await _book(session, clock, ids["siti"], ids["first"])
        outcome = await seats.choices(
            session, employee_id=ids["budi"], position_type=None, program_id=ids["program"],
            now=clock.now(),
        )  # fmt: skip

    assert outcome.kind is Seat.CHOICES
    assert [slot.id for slot in outcome.slots] == [ids["second"]]


async def test_moving_takes_the_new_seat_and_frees_the_old(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _program(session, clock)
        booked = await _book(session, clock, ids["budi"], ids["first"])
        assert booked.participation is not None
        outcome = await seats.move(
            session, employee_id=ids["budi"], position_type=None,
            participation_id=booked.participation.id, target_id=ids["second"], now=clock.now(),
        )  # fmt: skip

    assert outcome.kind is Seat.MOVED
    assert await _seats(db, ids["first"]) == (0, 0)
    assert await _seats(db, ids["second"]) == (1, 1)


async def test_moving_someone_elses_seat_is_refused(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _program(session, clock)
        booked = await _book(session, clock, ids["siti"], ids["first"])
        assert booked.participation is not None
        outcome = await seats.move(
            session, employee_id=ids["budi"], position_type=None,
            participation_id=booked.participation.id, target_id=ids["second"], now=clock.now(),
        )  # fmt: skip
        cancelled = await seats.cancel(
            session, employee_id=ids["budi"], participation_id=booked.participation.id,
            now=clock.now(),
        )  # fmt: skip

    assert outcome.refusal is not None and outcome.refusal.key == "schedule.not_yours"
    assert cancelled.refusal is not None and cancelled.refusal.key == "schedule.not_yours"
    assert await _seats(db, ids["first"]) == (1, 1)
    assert await _seats(db, ids["second"]) == (0, 0)


async def test_cancelling_gives_the_seat_back(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _program(session, clock)
        booked = await _book(session, clock, ids["budi"], ids["first"])
        assert booked.participation is not None
        outcome = await seats.cancel(
            session, employee_id=ids["budi"], participation_id=booked.participation.id,
            now=clock.now(),
        )  # fmt: skip

    assert outcome.kind is Seat.CANCELLED
    assert await _seats(db, ids["first"]) == (0, 0)
