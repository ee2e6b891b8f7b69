"""Schedule rules: upcoming or past, answers, bookable sessions, deadlines, labels;
and the .ics file built from a session."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from bot.calendar import CalendarEvent, build_ics, ics_file_name, session_uid
from bot.core.schedule import (
    ScheduleRefused,
    Slot,
    bookable_slots,
    booking_open,
    can_answer,
    check_can_book,
    check_can_change,
    check_can_move,
    clean_reason,
    is_open_to,
    is_upcoming,
    past_label,
    programs_to_offer,
    upcoming_label,
)

NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=30)


def slot(
    id: int = 1,
    *,
    starts_at: datetime = LATER,
    capacity: int = 10,
    taken: int = 0,
    status: str = "scheduled",
    open_to: str = "",
) -> Slot:
    return Slot(
        id=id,
        starts_at=starts_at,
        capacity=capacity,
        seats_taken=taken,
        status=status,
        open_to=open_to,
    )


def test_a_session_is_upcoming_until_it_ends_unless_closed_as_done() -> None:
    assert is_upcoming(ends_at=NOW + timedelta(minutes=1), session_status="scheduled", now=NOW)
    assert is_upcoming(ends_at=LATER, session_status="cancelled", now=NOW)
    assert not is_upcoming(ends_at=NOW, session_status="scheduled", now=NOW)
    assert not is_upcoming(ends_at=LATER, session_status="done", now=NOW)


def test_answers_are_possible_only_before_the_start_of_a_scheduled_session() -> None:
    def answer(
        status: str = "invited", session: str = "scheduled", starts: datetime = LATER
    ) -> bool:
        return can_answer(
            participation_status=status, session_status=session, starts_at=starts, now=NOW
        )

    assert answer()
    assert answer("confirmed") and answer("reschedule_requested")
    assert not answer("attended") and not answer("no_show") and not answer("excused")
    assert not answer(session="cancelled")
    assert not answer(starts=NOW)


def test_a_reason_is_trimmed_and_bounded() -> None:
    assert clean_reason("  sakit  \n") == "sakit"
    assert len(clean_reason("x" * 5000)) == 1000


def test_open_to_is_a_case_insensitive_comma_list_and_empty_means_everyone() -> None:
    assert is_open_to("", None)
    assert is_open_to("", "Pelaksana")
    assert is_open_to("Pengawas, pelaksana", "Pelaksana")
    assert not is_open_to("Administrator,Pengawas", "Pelaksana")
    assert not is_open_to("Pelaksana", None)


def test_bookable_sessions_are_scheduled_future_with_a_free_seat_and_open_to_me() -> None:
    slots = [
        slot(1, starts_at=LATER + timedelta(days=2)),
        slot(2, starts_at=LATER),
        slot(3, taken=10),  # full
        slot(4, status="cancelled"),
        slot(5, starts_at=NOW - timedelta(hours=1)),  # started
        slot(6, open_to="Administrator"),
        slot(7, open_to="Pelaksana,Pengawas", taken=9),
    ]

    found = bookable_slots(slots, position_type="Pelaksana", now=NOW)

    assert [s.id for s in found] == [2, 7, 1]
    assert [s.id for s in bookable_slots(slots, position_type="Pelaksana", now=NOW, exclude=2)] == [
        7,
        1,
    ]
    assert found[1].free_seats == 1


def test_booking_is_open_for_self_booking_programs_until_the_deadline() -> None:
    assert booking_open(self_booking=True, deadline=None, now=NOW)
    assert booking_open(self_booking=True, deadline=NOW + timedelta(seconds=1), now=NOW)
    assert not booking_open(self_booking=True, deadline=NOW, now=NOW)
    assert not booking_open(self_booking=False, deadline=None, now=NOW)


def test_booking_checks_name_the_reason() -> None:
    def refusal(**overrides: object) -> str | None:
        args: dict[str, object] = {
            "self_booking": True,
            "deadline": LATER,
            "has_seat_in_program": False,
            "position_type": "Pelaksana",
            "now": NOW,
        }
        args.update(overrides)
        target = args.pop("slot", slot())
        try:
            check_can_book(target, **args)  # type: ignore[arg-type]
        except ScheduleRefused as err:
            return err.key
        return None

    assert refusal() is None
    assert refusal(self_booking=False) == "schedule.booking_not_self"
    assert refusal(deadline=NOW - timedelta(minutes=1)) == "schedule.booking_closed"
    assert refusal(has_seat_in_program=True) == "schedule.already_booked"
    assert refusal(slot=slot(taken=10)) == "schedule.slot_unavailable"


def test_moving_or_cancelling_stops_at_the_deadline_or_the_start() -> None:
    check_can_change(
        self_booking=True,
        deadline=LATER,
        participation_status="confirmed",
        starts_at=LATER,
        now=NOW,
    )
    with pytest.raises(ScheduleRefused) as closed:
        check_can_change(
            self_booking=True,
            deadline=NOW,
            participation_status="confirmed",
            starts_at=LATER,
            now=NOW,
        )
    with pytest.raises(ScheduleRefused) as recorded:
        check_can_change(
            self_booking=True,
            deadline=None,
            participation_status="attended",
            starts_at=LATER,
            now=NOW,
        )

    assert closed.value.key == "schedule.booking_closed"
    assert closed.value.params == {"deadline": NOW}
    assert recorded.value.key == "schedule.change_too_late"


def test_labels_for_upcoming_and_past_participations() -> None:
    assert upcoming_label(participation_status="invited", session_status="scheduled") == "invited"
    assert (
        upcoming_label(participation_status="confirmed", session_status="cancelled") == "cancelled"
    )

    def past(status: str, session: str = "done", released: bool = False) -> str:
        return past_label(
            participation_status=status, session_status=session, result_released=released
        )

    assert past("attended") == "being_scored"
    assert past("attended", released=True) == "released"
    assert past("no_show") == "no_show"
    assert past("excused") == "excused"
    assert past("confirmed") == "unrecorded"
    assert past("attended", session="cancelled") == "cancelled"


def test_programs_to_offer_are_open_self_booking_programs_without_my_seat() -> None:
    programs = [(1, True, None), (2, True, LATER), (3, False, None), (4, True, NOW)]

    assert programs_to_offer(programs, booked_program_ids={2}, now=NOW) == [1]


def test_the_ics_file_holds_one_event_in_utc_with_a_stable_uid() -> None:
    event = CalendarEvent(
        session_id=42,
        starts_at=datetime(2025, 5, 5, 1, 0, tzinfo=UTC),
        ends_at=datetime(2025, 5, 5, 9, 0, tzinfo=UTC),
        summary="Penilaian kompetensi: PK 2025",
        location="UPT BKPSDM, Jl. Dr. Wahidin, Gresik",
        description="Yang perlu dibawa: KTP; pensil 2B",
        url="https://zoom.example/j/1",
    )

    first = Calendar.from_ical(build_ics(event, now=NOW))
    again = Calendar.from_ical(build_ics(event, now=NOW + timedelta(days=1)))

    (vevent,) = first.walk("VEVENT")
    assert vevent["UID"] == session_uid(42) == again.walk("VEVENT")[0]["UID"]
    assert vevent.decoded("DTSTART") == datetime(2025, 5, 5, 1, 0, tzinfo=UTC)
    assert vevent["DTSTART"].to_ical() == b"20250505T010000Z"
    assert vevent.decoded("DTEND") == datetime(2025, 5, 5, 9, 0, tzinfo=UTC)
    assert str(vevent["SUMMARY"]) == "Penilaian kompetensi: PK 2025"
    assert str(vevent["LOCATION"]) == "UPT BKPSDM, Jl. Dr. Wahidin, Gresik"
    assert "KTP; pensil 2B" in str(vevent["DESCRIPTION"])
    assert str(vevent["URL"]) == "https://zoom.example/j/1"
    assert ics_file_name(date(2025, 5, 5)) == "penilaian-kompetensi-2025-05-05.ics"


def test_a_seat_moves_only_to_another_bookable_session_of_the_same_program() -> None:
    check_can_move(
        slot(2), same_program=True, current_session_id=1, position_type="Pelaksana", now=NOW
    )
    for target, same_program in ((slot(1), True), (slot(2), False), (slot(2, taken=10), True)):
        with pytest.raises(ScheduleRefused):
            check_can_move(
                target,
                same_program=same_program,
                current_session_id=1,
                position_type="Pelaksana",
                now=NOW,
            )
