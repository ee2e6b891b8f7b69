"""The waitlist rules: who is next, when an offer lapses, what a person may do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core import waitlist
from bot.core.waitlist import Offer, Place

T0 = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def waiting(enrollment_id: int, minutes: int) -> Place:
    return Place(enrollment_id, waitlist.WAITLISTED, T0 + timedelta(minutes=minutes))


def test_the_first_to_join_the_waitlist_is_next() -> None:
    places = [
        waiting(3, 30),
        waiting(1, 10),
        Place(2, waitlist.REGISTERED, T0),
        waiting(4, 20),
    ]

    assert waitlist.next_in_line(places) == waiting(1, 10)
    assert [p.enrollment_id for p in waitlist.queue(places)] == [1, 4, 3]


def test_equal_join_times_are_ordered_by_id() -> None:
    assert waitlist.next_in_line([waiting(9, 0), waiting(5, 0)]) == waiting(5, 0)


def test_position_in_queue_counts_from_one() -> None:
    places = [waiting(1, 10), waiting(2, 20), Place(3, waitlist.REGISTERED, T0)]

    assert waitlist.position_in_queue(places, 2) == 2
    assert waitlist.position_in_queue(places, 3) is None


def test_a_freed_seat_becomes_an_offer_held_for_the_configured_hours() -> None:
    offer = waitlist.offer_for([waiting(7, 5)], now=T0, offer_hours=24)

    assert offer == Offer(7, T0 + timedelta(hours=24))


def test_a_freed_seat_with_nobody_waiting_is_free() -> None:
    assert waitlist.offer_for([Place(1, waitlist.WITHDRAWN, T0)], now=T0, offer_hours=24) is None


def test_no_offer_is_made_once_the_course_has_started() -> None:
    assert waitlist.offer_for([waiting(7, 5)], now=T0, offer_hours=24, started=True) is None


def test_offer_hours_must_be_positive() -> None:
    with pytest.raises(ValueError, match="offer_hours"):
        waitlist.offer_for([], now=T0, offer_hours=0)


def test_an_offer_expires_at_its_deadline() -> None:
    offer = Place(1, waitlist.OFFERED, T0, offered_until=T0 + timedelta(hours=24))

    assert not waitlist.offer_expired(offer, now=T0 + timedelta(hours=23, minutes=59))
    assert waitlist.offer_expired(offer, now=T0 + timedelta(hours=24))
    assert not waitlist.offer_expired(waiting(2, 0), now=T0 + timedelta(days=9))


def test_an_expired_offer_gives_up_the_place() -> None:
    assert waitlist.expired_offer_status() == waitlist.WITHDRAWN


@pytest.mark.parametrize(
    ("status", "seats_left", "expected"),
    [
        (None, 3, (waitlist.ENROLL,)),
        (None, 0, (waitlist.JOIN_WAITLIST,)),
        (waitlist.WITHDRAWN, 1, (waitlist.ENROLL,)),
        (waitlist.REGISTERED, 0, (waitlist.CANCEL,)),
        (waitlist.WAITLISTED, 0, (waitlist.LEAVE_WAITLIST,)),
        (waitlist.OFFERED, 0, (waitlist.ACCEPT, waitlist.DECLINE)),
        (waitlist.COMPLETED, 5, ()),
    ],
)
def test_choices_fit_my_place(status: str | None, seats_left: int, expected: tuple[str]) -> None:
    deadline = T0 + timedelta(hours=1)
    found = waitlist.choices(
        status,
        seats_left=seats_left,
        registration_open=True,
        started=False,
        offered_until=deadline,
        now=T0,
    )
    assert found == expected


def test_enrolling_needs_the_registration_window_but_cancelling_does_not() -> None:
    def closed(status: str | None) -> tuple[str, ...]:
        return waitlist.choices(status, seats_left=5, registration_open=False, started=False)

    assert closed(None) == ()
    assert closed(waitlist.REGISTERED) == (waitlist.CANCEL,)


def test_nothing_changes_once_the_course_has_started() -> None:
    def started(status: str | None) -> tuple[str, ...]:
        return waitlist.choices(status, seats_left=5, registration_open=True, started=True)

    assert started(waitlist.REGISTERED) == ()
    assert started(None) == ()


def test_a_lapsed_offer_cannot_be_answered() -> None:
    found = waitlist.choices(
        waitlist.OFFERED,
        seats_left=0,
        registration_open=True,
        started=False,
        offered_until=T0,
        now=T0,
    )
    assert found == ()


def test_seats_left_and_the_window() -> None:
    assert waitlist.seats_left(30, 12) == 18
    assert waitlist.seats_left(10, 12) == 0
    assert waitlist.in_window(T0, T0 + timedelta(days=1), T0)
    assert not waitlist.in_window(T0, T0 + timedelta(days=1), T0 + timedelta(days=1))
