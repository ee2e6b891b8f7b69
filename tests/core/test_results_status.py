"""The status shown while an assessment result is not yet released."""

from datetime import UTC, datetime, timedelta

from bot.core.results import ATTENDED, SCHEDULED, SCORING, pending_status

NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def status(**given: object) -> str | None:
    facts: dict[str, object] = {
        "has_unreleased_result": False,
        "participation_status": "confirmed",
        "session_status": "scheduled",
        "session_ends_at": NOW + timedelta(days=3),
        "now": NOW,
    }
    facts.update(given)
    return pending_status(**facts)  # type: ignore[arg-type]


def test_an_entered_but_unreleased_result_is_being_scored() -> None:
    assert status(has_unreleased_result=True, participation_status=None) == SCORING


def test_an_attended_session_waits_to_be_scored() -> None:
    assert status(participation_status="attended", session_ends_at=NOW - timedelta(days=9)) == (
        ATTENDED
    )


def test_an_invitation_to_a_coming_session_is_scheduled() -> None:
    assert status() == SCHEDULED
    assert status(participation_status="invited") == SCHEDULED


def test_nothing_is_guessed_for_missed_cancelled_or_unmarked_sessions() -> None:
    assert status(participation_status="no_show") is None
    assert status(participation_status="excused") is None
    assert status(session_status="cancelled") is None
    assert status(session_ends_at=NOW - timedelta(hours=1)) is None
    assert status(participation_status=None) is None
