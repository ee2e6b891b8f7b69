"""Gapura enrolment: enrolling (or joining the waitlist), cancelling, answering an
offered seat, and the waitlist passing a freed seat on.

Each use case loads the course and my place, checks with :mod:`bot.core.waitlist`
what I may do now, writes through :mod:`models.queries.courses` (a seat with a
conditional UPDATE, every status change ``WHERE status = <what I saw>``) and returns
an :class:`EnrolmentOutcome`. A course id from a button is never trusted: the course
must be open to me, or I must hold a live place on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum, auto

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import waitlist
from bot.core.vocabulary import EnrollmentStatus
from models.gapura import Course, Enrollment
from models.org import Employee
from models.queries import courses as q
from models.queries import waitlist as wq


class Enrolment(StrEnum):
    """What happened to my place (the names end the ``gapura.done.*`` keys)."""

    REGISTERED = auto()
    WAITLISTED = auto()
    FULL = auto()  # full, and I did not ask to wait: nothing written
    ALREADY = auto()  # I already have (or had completed) a place
    ACCEPTED = auto()
    DECLINED = auto()
    CANCELLED = auto()
    LEFT_WAITLIST = auto()
    STALE = auto()  # that action is no longer open to me: nothing written
    UNAVAILABLE = auto()  # no such course, or not one for me


@dataclass(frozen=True)
class EnrolmentOutcome:
    kind: Enrolment


@dataclass(frozen=True)
class CourseDetails:
    """A course as I see it: my place, the seats left, my turn in the waitlist, and the
    actions open to me (``bot.core.waitlist`` actions)."""

    course: Course
    mine: Enrollment | None
    seats_left: int
    position: int | None
    actions: tuple[str, ...]


@dataclass(frozen=True)
class LapsedOffer:
    """An offered seat nobody took up in time (now passed on)."""

    employee_id: int
    course_id: int
    title: str
    until: datetime


@dataclass(frozen=True)
class _Place:
    """A course as I may act on it now: my place, and the actions open to me."""

    course: Course
    mine: Enrollment | None
    allowed: tuple[str, ...]


def may_see(course: Course, mine: Enrollment | None, audience: q.Audience, now: datetime) -> bool:
    """Open to me now, or I hold a live place on it (my own data)."""
    if mine is not None and mine.status in waitlist.ACTIVE:
        return True
    return q.is_offered(course, now) and q.is_for(course, audience)


async def details(
    session: AsyncSession, *, employee: Employee, course_id: int, now: datetime, today: date
) -> CourseDetails | None:
    """The course with my place on it; None when it is not for me (not open to me, and I
    hold no place on it)."""
    course = await q.course_by_id(session, course_id=course_id)
    if course is None:
        return None
    audience = await q.audience_of(session, employee=employee)
    mine = await q.my_enrollment(session, course_id=course.id, employee_id=employee.id)
    if not may_see(course, mine, audience, now):
        return None
    waiting = await wq.waiting_places(session, course_id=course.id)
    seats_left = waitlist.seats_left(course.quota, course.seats_taken)
    actions = _allowed(course, mine, audience, seats_left=seats_left, now=now, today=today)
    position = waitlist.position_in_queue(waiting, mine.id) if mine is not None else None
    return CourseDetails(course, mine, seats_left, position, actions)


async def enrol(
    session: AsyncSession,
    *,
    employee: Employee,
    course_id: int,
    join_waitlist: bool,
    now: datetime,
    today: date,
) -> EnrolmentOutcome:
    """Take a seat, or a place on the waitlist when full and ``join_waitlist``.

    ``employee.position`` must be loaded (:func:`models.queries.links.chat_link` does)."""
    found = await _place(session, employee, course_id, now=now, today=today)
    if found is None:
        return EnrolmentOutcome(Enrolment.UNAVAILABLE)
    if waitlist.ENROLL not in found.allowed:
        return EnrolmentOutcome(Enrolment.STALE)
    result = await q.enroll(
        session,
        course_id=course_id,
        employee_id=employee.id,
        now=now,
        waitlist_when_full=join_waitlist,
    )
    return EnrolmentOutcome(Enrolment(result))


async def accept_offer(
    session: AsyncSession, *, employee: Employee, course_id: int, now: datetime, today: date
) -> EnrolmentOutcome:
    """Take up the seat offered to me, before its deadline."""
    found = await _place(session, employee, course_id, now=now, today=today)
    if found is None:
        return EnrolmentOutcome(Enrolment.UNAVAILABLE)
    if found.mine is None or waitlist.ACCEPT not in found.allowed:
        return EnrolmentOutcome(Enrolment.STALE)
    accepted = await wq.accept_offer(session, enrollment_id=found.mine.id, now=now)
    return EnrolmentOutcome(Enrolment.ACCEPTED if accepted else Enrolment.STALE)


async def decline_offer(
    session: AsyncSession,
    *,
    employee: Employee,
    course_id: int,
    now: datetime,
    today: date,
    offer_hours: int,
) -> EnrolmentOutcome:
    """Say no to the seat offered to me: it goes to the next in line."""
    return await _withdraw(session, employee, course_id, waitlist.DECLINE, now, today, offer_hours)


async def cancel(
    session: AsyncSession,
    *,
    employee: Employee,
    course_id: int,
    now: datetime,
    today: date,
    offer_hours: int,
) -> EnrolmentOutcome:
    """Give up my place; a seat I held goes to the next in line."""
    return await _withdraw(session, employee, course_id, waitlist.CANCEL, now, today, offer_hours)


async def leave_waitlist(
    session: AsyncSession,
    *,
    employee: Employee,
    course_id: int,
    now: datetime,
    today: date,
    offer_hours: int,
) -> EnrolmentOutcome:
    """Leave the waitlist (I held no seat, so nothing is passed on)."""
    return await _withdraw(
        session, employee, course_id, waitlist.LEAVE_WAITLIST, now, today, offer_hours
    )


async def pass_seat_on(
    session: AsyncSession, *, course_id: int, now: datetime, offer_hours: int, today: date
) -> waitlist.Offer | None:
    """Offer a freed seat to the first in line; with nobody waiting, free it."""
    starts_on = await q.course_start(session, course_id=course_id)
    started = starts_on is not None and starts_on <= today
    # Each try either makes the offer or finds that first person gone (cancelled
    # meanwhile), so the line only gets shorter.
    for _ in range(100):
        waiting = await wq.waiting_places(session, course_id=course_id, lock=True)
        offer = waitlist.offer_for(waiting, now=now, offer_hours=offer_hours, started=started)
        if offer is None:
            await q.release_seat(session, course_id=course_id)
            return None
        if await wq.make_offer(session, offer=offer):
            return offer
    raise RuntimeError(f"could not pass on a seat of course {course_id}")


async def expire_offers(
    session: AsyncSession, *, now: datetime, offer_hours: int, today: date
) -> list[LapsedOffer]:
    """Pass on every lapsed offer to the next in line; returns the offers that lapsed."""
    lapsed = []
    lapsed_status = EnrollmentStatus(waitlist.expired_offer_status())
    for due in await wq.offers_due(session, now=now):
        if not waitlist.offer_expired(due.place, now=now):
            continue
        ended = await wq.end_offer(
            session, enrollment_id=due.place.enrollment_id, now=now, status=lapsed_status
        )
        if ended:
            assert due.place.offered_until is not None  # an offer has its deadline
            lapsed.append(
                LapsedOffer(due.employee_id, due.course_id, due.title, due.place.offered_until)
            )
            await pass_seat_on(
                session, course_id=due.course_id, now=now, offer_hours=offer_hours, today=today
            )
    return lapsed


async def _withdraw(
    session: AsyncSession,
    employee: Employee,
    course_id: int,
    action: str,
    now: datetime,
    today: date,
    offer_hours: int,
) -> EnrolmentOutcome:
    """Cancel a place or decline an offer: withdrawn; a held seat is passed on."""
    found = await _place(session, employee, course_id, now=now, today=today)
    if found is None:
        return EnrolmentOutcome(Enrolment.UNAVAILABLE)
    mine = found.mine
    if mine is None or action not in found.allowed or mine.status not in waitlist.ACTIVE:
        return EnrolmentOutcome(Enrolment.STALE)
    before = mine.status
    changed = await wq.change_status(
        session, enrollment_id=mine.id, before=before, after=EnrollmentStatus.WITHDRAWN
    )
    if not changed:
        return EnrolmentOutcome(Enrolment.STALE)
    if before in waitlist.HOLDS_SEAT:
        await pass_seat_on(
            session, course_id=course_id, now=now, offer_hours=offer_hours, today=today
        )
    outcomes = {
        waitlist.DECLINE: Enrolment.DECLINED,
        waitlist.LEAVE_WAITLIST: Enrolment.LEFT_WAITLIST,
    }
    return EnrolmentOutcome(outcomes.get(action, Enrolment.CANCELLED))


async def _place(
    session: AsyncSession, employee: Employee, course_id: int, *, now: datetime, today: date
) -> _Place | None:
    """The course with my place and what I may do now; None when it is not for me."""
    course = await q.course_by_id(session, course_id=course_id)
    if course is None:
        return None
    audience = await q.audience_of(session, employee=employee)
    mine = await q.my_enrollment(session, course_id=course_id, employee_id=employee.id)
    if not may_see(course, mine, audience, now):
        return None
    # The seat itself is decided by the conditional UPDATE, not by a count read before.
    allowed = _allowed(course, mine, audience, seats_left=1, now=now, today=today)
    return _Place(course, mine, allowed)


def _allowed(
    course: Course,
    mine: Enrollment | None,
    audience: q.Audience,
    *,
    seats_left: int,
    now: datetime,
    today: date,
) -> tuple[str, ...]:
    return waitlist.choices(
        str(mine.status) if mine else None,
        seats_left=seats_left,
        registration_open=q.is_offered(course, now) and q.is_for(course, audience),
        started=course.starts_on <= today,
        offered_until=mine.offered_until if mine else None,
        now=now,
    )
