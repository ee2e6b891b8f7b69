"""Rules of the assessment schedule: what is upcoming, which answers and bookings
are allowed, and which status label a participation shows.

Statuses are the vocabulary's (``bot.core.vocabulary``), so this module needs
neither the models nor Telegram. Labels are catalogue keys
(``schedule.status.<label>``) the handler turns into words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.errors import DomainError
from bot.core.vocabulary import ParticipationStatus, SessionStatus

# Short names for the statuses the rules below read.
SCHEDULED = SessionStatus.SCHEDULED
CANCELLED = SessionStatus.CANCELLED
DONE = SessionStatus.DONE

INVITED = ParticipationStatus.INVITED
CONFIRMED = ParticipationStatus.CONFIRMED
RESCHEDULE_REQUESTED = ParticipationStatus.RESCHEDULE_REQUESTED
ATTENDED = ParticipationStatus.ATTENDED
NO_SHOW = ParticipationStatus.NO_SHOW
EXCUSED = ParticipationStatus.EXCUSED

# An answer to the invitation is possible only before attendance is recorded.
ANSWERABLE = frozenset({INVITED, CONFIRMED, RESCHEDULE_REQUESTED})

MAX_REASON_LENGTH = 1000
# Someone invited who did not come (no check-in) may ask for another date, from the
# follow-up after the session (NotificationKind.MISSED_SESSION), for this long.
MISSED = frozenset({INVITED, CONFIRMED, NO_SHOW})
MISSED_ANSWERABLE = timedelta(days=14)


class ScheduleRefused(DomainError):
    """An answer, booking, move or cancellation the rules do not allow; nothing changes."""


@dataclass(frozen=True)
class Slot:
    """What the booking rules need to know about a session."""

    id: int
    starts_at: datetime
    capacity: int
    seats_taken: int
    status: str
    open_to: str = ""

    @property
    def free_seats(self) -> int:
        return max(self.capacity - self.seats_taken, 0)


def is_upcoming(*, ends_at: datetime, session_status: str, now: datetime) -> bool:
    """Listed among the upcoming sessions: not over yet, and not closed as done."""
    return session_status != DONE and ends_at > now


def can_answer(
    *, participation_status: str, session_status: str, starts_at: datetime, now: datetime
) -> bool:
    """Whether "Hadir" / "Tidak bisa hadir" may still be pressed."""
    return session_status == SCHEDULED and starts_at > now and participation_status in ANSWERABLE


def can_ask_again(
    *, participation_status: str, session_status: str, starts_at: datetime, now: datetime
) -> bool:
    """Whether someone who missed a session that has begun may ask for another date."""
    return (
        session_status != CANCELLED
        and starts_at <= now < starts_at + MISSED_ANSWERABLE
        and participation_status in MISSED
    )


def clean_reason(text: str) -> str:
    """The reason as stored: trimmed, at most MAX_REASON_LENGTH characters."""
    return text.strip()[:MAX_REASON_LENGTH]


def open_to_types(open_to: str) -> frozenset[str]:
    """The position types named in a comma list, lower-cased; empty = everyone."""
    return frozenset(part.strip().lower() for part in open_to.split(",") if part.strip())


def is_open_to(open_to: str, position_type: str | None) -> bool:
    allowed = open_to_types(open_to)
    if not allowed:
        return True
    return position_type is not None and position_type.lower() in allowed


def is_bookable(slot: Slot, *, position_type: str | None, now: datetime) -> bool:
    """A seat can be taken: scheduled, in the future, a seat free, open to me."""
    return (
        slot.status == SCHEDULED
        and slot.starts_at > now
        and slot.seats_taken < slot.capacity
        and is_open_to(slot.open_to, position_type)
    )


def bookable_slots(
    slots: Iterable[Slot], *, position_type: str | None, now: datetime, exclude: int | None = None
) -> list[Slot]:
    """The sessions I may book, earliest first (``exclude``: the one I hold now)."""
    return sorted(
        (
            s
            for s in slots
            if s.id != exclude and is_bookable(s, position_type=position_type, now=now)
        ),
        key=lambda s: (s.starts_at, s.id),
    )


def booking_open(*, self_booking: bool, deadline: datetime | None, now: datetime) -> bool:
    """Self-booking, moving and cancelling are allowed until the program's deadline."""
    return self_booking and (deadline is None or now < deadline)


def check_booking_open(*, self_booking: bool, deadline: datetime | None, now: datetime) -> None:
    """Raise :class:`ScheduleRefused` once the program no longer takes bookings."""
    if not self_booking:
        raise ScheduleRefused("schedule.booking_not_self")
    if deadline is not None and now >= deadline:
        raise ScheduleRefused("schedule.booking_closed", deadline=deadline)


def check_can_book(
    slot: Slot,
    *,
    self_booking: bool,
    deadline: datetime | None,
    has_seat_in_program: bool,
    position_type: str | None,
    now: datetime,
) -> None:
    """Raise :class:`ScheduleRefused` unless I may take a seat in ``slot`` now."""
    check_booking_open(self_booking=self_booking, deadline=deadline, now=now)
    if has_seat_in_program:
        raise ScheduleRefused("schedule.already_booked")
    if not is_bookable(slot, position_type=position_type, now=now):
        raise ScheduleRefused("schedule.slot_unavailable")


def check_can_move(
    target: Slot,
    *,
    same_program: bool,
    current_session_id: int,
    position_type: str | None,
    now: datetime,
) -> None:
    """Raise :class:`ScheduleRefused` unless my seat may move to ``target``."""
    if (
        not same_program
        or target.id == current_session_id
        or not is_bookable(target, position_type=position_type, now=now)
    ):
        raise ScheduleRefused("schedule.slot_unavailable")


def check_can_change(
    *,
    self_booking: bool,
    deadline: datetime | None,
    participation_status: str,
    starts_at: datetime,
    now: datetime,
) -> None:
    """Raise :class:`ScheduleRefused` unless my seat may be moved or released now."""
    check_booking_open(self_booking=self_booking, deadline=deadline, now=now)
    if starts_at <= now or participation_status not in ANSWERABLE:
        raise ScheduleRefused("schedule.change_too_late")


def upcoming_label(*, participation_status: str, session_status: str) -> str:
    """Label of an upcoming participation: the session's cancellation wins."""
    if session_status == CANCELLED:
        return CANCELLED
    return participation_status


def past_label(*, participation_status: str, session_status: str, result_released: bool) -> str:
    """Label of a past participation: attended splits into scoring and released."""
    if session_status == CANCELLED:
        return CANCELLED
    if participation_status == ATTENDED:
        return "released" if result_released else "being_scored"
    if participation_status in (NO_SHOW, EXCUSED, RESCHEDULE_REQUESTED):
        return participation_status
    return "unrecorded"  # invited or confirmed, attendance not recorded yet


def programs_to_offer(
    programs: Sequence[tuple[int, bool, datetime | None]],
    *,
    booked_program_ids: Iterable[int],
    now: datetime,
) -> list[int]:
    """Programs (id, self_booking, deadline) where I still have to choose a session."""
    booked = set(booked_program_ids)
    return [
        program_id
        for program_id, self_booking, deadline in programs
        if program_id not in booked
        and booking_open(self_booking=self_booking, deadline=deadline, now=now)
    ]
