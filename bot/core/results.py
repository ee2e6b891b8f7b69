"""Where an employee's assessment stands before its result is released.

Results take weeks to months: show a status
(scheduled, attended, being scored) and the program's expected release date,
never a promise.
"""

from __future__ import annotations

from datetime import datetime

from bot.core import schedule
from bot.core.vocabulary import ResultStage

SCHEDULED = ResultStage.SCHEDULED
ATTENDED = ResultStage.ATTENDED
SCORING = ResultStage.SCORING


def pending_status(
    *,
    has_unreleased_result: bool,
    participation_status: str | None,
    session_status: str | None,
    session_ends_at: datetime | None,
    now: datetime,
) -> ResultStage | None:
    """``scheduled``, ``attended``, ``scoring``, or None when there is nothing to wait for.

    A result already entered but not released is being scored. A participation
    marked attended waits to be scored. An invitation to a session not yet over
    is scheduled. Anything else (no-show, excused, cancelled session, a past
    session nobody marked) says nothing rather than guess.
    """
    if has_unreleased_result:
        return SCORING
    if participation_status == schedule.ATTENDED:
        return ATTENDED
    if (
        participation_status in schedule.ANSWERABLE  # still on the way
        and session_status == schedule.SCHEDULED
        and session_ends_at is not None
        and session_ends_at > now
    ):
        return SCHEDULED
    return None
