"""Course places and the waitlist: who gets a freed seat, when an offer lapses,
and what a person may do with their place.

A course has ``quota`` seats; a registered person holds one, and so does a
person with an open *offer* (a seat freed for them, held for a few hours). When
the course is full, people join the waitlist, first come first served
(``registered_at``, then id). A freed seat goes to the first in line as an
offer; an offer that is declined or lapses goes to the next, and with nobody
waiting the seat is free again.

Statuses are ``bot.core.vocabulary.EnrollmentStatus``, under short names here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.vocabulary import EnrollmentStatus

REGISTERED = EnrollmentStatus.REGISTERED
WAITLISTED = EnrollmentStatus.WAITLISTED
OFFERED = EnrollmentStatus.OFFERED
COMPLETED = EnrollmentStatus.COMPLETED
WITHDRAWN = EnrollmentStatus.WITHDRAWN

# Statuses that hold a seat (the course's seats_taken counts them).
HOLDS_SEAT = frozenset({REGISTERED, OFFERED})
# Statuses of a live place on the course (cancelling is possible).
ACTIVE = frozenset({REGISTERED, WAITLISTED, OFFERED})

# What a person can do on a course's details page.
ENROLL = "enroll"
JOIN_WAITLIST = "waitlist"
CANCEL = "cancel"  # give up a registered place (the seat goes to the next in line)
LEAVE_WAITLIST = "leave"  # leave the waitlist (no seat was held)
ACCEPT = "accept"
DECLINE = "decline"


@dataclass(frozen=True)
class Place:
    """One enrollment as the waitlist rules see it."""

    enrollment_id: int
    status: str
    registered_at: datetime
    offered_until: datetime | None = None


@dataclass(frozen=True)
class Offer:
    """A freed seat offered to ``enrollment_id`` until ``until``."""

    enrollment_id: int
    until: datetime


def queue(places: Iterable[Place]) -> list[Place]:
    """The waitlist in order: first registered first, ties by id."""
    waiting = [p for p in places if p.status == WAITLISTED]
    return sorted(waiting, key=lambda p: (p.registered_at, p.enrollment_id))


def next_in_line(places: Iterable[Place]) -> Place | None:
    """Who gets the next freed seat, or None when nobody waits."""
    waiting = queue(places)
    return waiting[0] if waiting else None


def position_in_queue(places: Iterable[Place], enrollment_id: int) -> int | None:
    """1 for the first in line; None when this enrollment is not waiting."""
    for number, place in enumerate(queue(places), start=1):
        if place.enrollment_id == enrollment_id:
            return number
    return None


def offer_for(
    places: Iterable[Place], *, now: datetime, offer_hours: int, started: bool = False
) -> Offer | None:
    """The offer a freed seat becomes, or None: the seat is free for anyone.

    Once the course has started nobody can take up an offer, so none is made.
    """
    if offer_hours <= 0:
        raise ValueError(f"offer_hours must be positive, not {offer_hours}")
    first = None if started else next_in_line(places)
    if first is None:
        return None
    return Offer(first.enrollment_id, now + timedelta(hours=offer_hours))


def offer_expired(place: Place, *, now: datetime) -> bool:
    """Whether an offer has lapsed (its deadline itself is already too late)."""
    return (
        place.status == OFFERED and place.offered_until is not None and place.offered_until <= now
    )


def expired_offer_status() -> str:
    """What an unanswered offer becomes: the person gave up their place.

    They are not put back in the queue: keeping someone who does not answer at
    the front would hold the seat from everyone behind them again and again.
    """
    return WITHDRAWN


def choices(
    status: str | None,
    *,
    seats_left: int,
    registration_open: bool,
    started: bool,
    offered_until: datetime | None = None,
    now: datetime | None = None,
) -> tuple[str, ...]:
    """The actions open to a person whose place has ``status`` (None: no place yet).

    Enrolling needs the registration window; a place can be cancelled and an
    offer answered until the course starts (an offer only before its deadline).
    """
    if started:
        return ()
    if status == OFFERED:
        live = offered_until is None or now is None or now < offered_until
        return (ACCEPT, DECLINE) if live else ()
    if status == REGISTERED:
        return (CANCEL,)
    if status == WAITLISTED:  # no place to cancel yet: only the line to leave
        return (LEAVE_WAITLIST,)
    if status in (None, WITHDRAWN) and registration_open:
        return (ENROLL,) if seats_left > 0 else (JOIN_WAITLIST,)
    return ()


def seats_left(quota: int, seats_taken: int) -> int:
    """Seats anyone can still take (never negative, even if quota was lowered)."""
    return max(quota - seats_taken, 0)


def in_window(opens_at: datetime, closes_at: datetime, now: datetime) -> bool:
    """Whether registration is open at ``now`` (opening inclusive, closing exclusive)."""
    return opens_at <= now < closes_at


def places(rows: Sequence[tuple[int, str, datetime, datetime | None]]) -> list[Place]:
    """Places from (id, status, registered_at, offered_until) rows."""
    return [Place(i, str(s), r, o) for i, s, r, o in rows]
