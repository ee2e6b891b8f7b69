"""Self-booking an assessment seat: the sessions I may choose, booking one, moving my
seat to another session of the program, and giving it back.

Each use case loads, checks with :mod:`bot.core.schedule`, writes through
:mod:`models.queries.schedule` (a seat is taken with a conditional UPDATE, so the last
seat goes once) and returns a :class:`SeatOutcome`. Ids come from buttons and are never
trusted: a participation must be the caller's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum, auto

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.schedule import (
    ScheduleRefused,
    Slot,
    bookable_slots,
    check_booking_open,
    check_can_book,
    check_can_change,
    check_can_move,
    is_open_to,
    programs_to_offer,
)
from models.assessment import AssessmentProgram, AssessmentSession, Participation
from models.org import Employee
from models.queries import schedule as q

MAX_CHOICES = 15


class Seat(StrEnum):
    """What happened to the seat."""

    CHOICES = auto()  # the sessions I may take a seat in
    BOOKED = auto()
    MOVED = auto()
    CANCELLED = auto()
    REFUSED = auto()  # nothing changed: ``refusal`` says why


@dataclass(frozen=True)
class SeatOutcome:
    """What happened, with what a message about it needs."""

    kind: Seat
    participation: Participation | None = None  # my seat, booked, moved or given back
    program: AssessmentProgram | None = None  # with CHOICES
    slots: Sequence[Slot] = ()  # with CHOICES: bookable, soonest first
    sessions: Sequence[AssessmentSession] = ()  # with CHOICES: the slots' rows
    refusal: ScheduleRefused | None = None


def refused(err: ScheduleRefused) -> SeatOutcome:
    return SeatOutcome(Seat.REFUSED, refusal=err)


def slot_of(sitting: AssessmentSession) -> Slot:
    """The session as the booking rules see it."""
    return Slot(
        id=sitting.id,
        starts_at=sitting.starts_at,
        capacity=sitting.capacity,
        seats_taken=sitting.seats_taken,
        status=sitting.status,
        open_to=sitting.open_to,
    )


def position_type_of(employee: Employee | None) -> str | None:
    """The employee's position type, for sessions open to some types only."""
    if employee is None or employee.position is None:
        return None
    return str(employee.position.position_type.value)


async def programs_to_choose(
    session: AsyncSession,
    *,
    mine: Sequence[Participation],
    position_type: str | None,
    now: datetime,
) -> list[tuple[AssessmentProgram, int]]:
    """Self-booking programs where I hold no seat yet (``mine``: all my participations):
    (program, how many of its sessions I could book)."""
    programs = {p.id: p for p in await q.self_booking_programs(session)}
    wanted = programs_to_offer(
        [(p.id, p.self_booking, p.booking_deadline) for p in programs.values()],
        booked_program_ids={p.session.program_id for p in mine},
        now=now,
    )
    offers = []
    for program_id in wanted:
        sessions = await q.future_sessions(session, program_id=program_id, now=now)
        if not any(is_open_to(s.open_to, position_type) for s in sessions):
            continue  # nothing in this program is meant for me
        free = bookable_slots([slot_of(s) for s in sessions], position_type=position_type, now=now)
        offers.append((programs[program_id], len(free)))
    return offers


async def choices(
    session: AsyncSession,
    *,
    employee_id: int,
    position_type: str | None,
    program_id: int,
    now: datetime,
) -> SeatOutcome:
    """Pilih sesi: the sessions of a program that still have a seat for me."""
    try:
        program = await q.program_by_id(session, program_id=program_id)
        if program is None:
            raise ScheduleRefused("schedule.slot_unavailable")
        check_booking_open(
            self_booking=program.self_booking, deadline=program.booking_deadline, now=now
        )
        if await q.has_seat_in_program(session, employee_id=employee_id, program_id=program.id):
            raise ScheduleRefused("schedule.already_booked")
    except ScheduleRefused as err:
        return refused(err)
    sessions = await q.future_sessions(session, program_id=program.id, now=now)
    return _choices(program, sessions, position_type=position_type, now=now, exclude=None)


async def move_choices(
    session: AsyncSession,
    *,
    employee_id: int,
    position_type: str | None,
    participation_id: int,
    now: datetime,
) -> SeatOutcome:
    """Pindah sesi: the other sessions of my seat's program that have a seat for me."""
    try:
        found = await changeable(
            session, employee_id=employee_id, participation_id=participation_id, now=now
        )
    except ScheduleRefused as err:
        return refused(err)
    program_id = found.session.program_id
    sessions = await q.future_sessions(session, program_id=program_id, now=now)
    return _choices(
        found.session.program, sessions, position_type=position_type, now=now, exclude=found
    )


async def book(
    session: AsyncSession,
    *,
    employee_id: int,
    position_type: str | None,
    session_id: int,
    now: datetime,
) -> SeatOutcome:
    """Take a seat in a session of a self-booking program, if one is still free for me."""
    target = await q.session_by_id(session, session_id=session_id)
    if target is None:
        return refused(ScheduleRefused("schedule.slot_unavailable"))
    try:
        check_can_book(
            slot_of(target),
            self_booking=target.program.self_booking,
            deadline=target.program.booking_deadline,
            has_seat_in_program=await q.has_seat_in_program(
                session, employee_id=employee_id, program_id=target.program_id
            ),
            position_type=position_type,
            now=now,
        )
    except ScheduleRefused as err:
        return refused(err)
    booked = await q.book_seat(session, target=target, employee_id=employee_id, now=now)
    if booked is None:  # the last seat went meanwhile
        return refused(ScheduleRefused("schedule.slot_unavailable"))
    return SeatOutcome(Seat.BOOKED, participation=booked)


async def move(
    session: AsyncSession,
    *,
    employee_id: int,
    position_type: str | None,
    participation_id: int,
    target_id: int,
    now: datetime,
) -> SeatOutcome:
    """Release my seat and take one in ``target_id`` (same program, before the deadline)."""
    try:
        found = await changeable(
            session, employee_id=employee_id, participation_id=participation_id, now=now
        )
        target = await q.session_by_id(session, session_id=target_id)
        if target is None:
            raise ScheduleRefused("schedule.slot_unavailable")
        check_can_move(
            slot_of(target),
            same_program=target.program_id == found.session.program_id,
            current_session_id=found.session_id,
            position_type=position_type,
            now=now,
        )
    except ScheduleRefused as err:
        return refused(err)
    if not await q.take_seat(session, session_id=target.id):  # the last seat went meanwhile
        return refused(ScheduleRefused("schedule.slot_unavailable"))
    await q.release_seat(session, session_id=found.session_id)
    await q.seat_in(session, participation=found, target=target, now=now)
    return SeatOutcome(Seat.MOVED, participation=found)


async def cancel(
    session: AsyncSession, *, employee_id: int, participation_id: int, now: datetime
) -> SeatOutcome:
    """Give my seat back before the booking deadline."""
    try:
        found = await changeable(
            session, employee_id=employee_id, participation_id=participation_id, now=now
        )
    except ScheduleRefused as err:
        return refused(err)
    await q.release_seat(session, session_id=found.session_id)
    await q.remove_participation(session, participation=found)
    return SeatOutcome(Seat.CANCELLED, participation=found)


async def changeable(
    session: AsyncSession, *, employee_id: int, participation_id: int, now: datetime
) -> Participation:
    """My seat, if it may still be moved or given back; else :class:`ScheduleRefused`."""
    found = await q.my_participation(
        session, participation_id=participation_id, employee_id=employee_id
    )
    if found is None:
        raise ScheduleRefused("schedule.not_yours")
    program = found.session.program
    check_can_change(
        self_booking=program.self_booking,
        deadline=program.booking_deadline,
        participation_status=found.status,
        starts_at=found.session.starts_at,
        now=now,
    )
    return found


def _choices(
    program: AssessmentProgram,
    sessions: Sequence[AssessmentSession],
    *,
    position_type: str | None,
    now: datetime,
    exclude: Participation | None,
) -> SeatOutcome:
    slots = bookable_slots(
        [slot_of(s) for s in sessions],
        position_type=position_type,
        now=now,
        exclude=exclude.session_id if exclude else None,
    )[:MAX_CHOICES]
    return SeatOutcome(
        Seat.CHOICES, participation=exclude, program=program, slots=slots, sessions=sessions
    )
