"""/jadwal's overview: my upcoming sessions, the self-booking programs where I still
have to choose a session, and my past sessions (with whether their results are out).

Only reads; answering an invitation is :mod:`bot.usecases.rsvp`'s, a seat
:mod:`bot.usecases.seats`'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.schedule import ScheduleRefused, is_upcoming
from bot.core.vocabulary import SessionStatus
from bot.usecases.seats import programs_to_choose
from models.assessment import AssessmentProgram, Participation
from models.queries import schedule as q
from models.queries.results import released_program_ids

MAX_PAST = 10


@dataclass(frozen=True)
class MySchedule:
    upcoming: list[Participation]  # soonest first
    to_choose: list[tuple[AssessmentProgram, int]]  # (program, sessions I could book)
    past: list[Participation]  # latest first, at most MAX_PAST
    released: set[int]  # programs of ``past`` whose results are released to me


async def my_schedule(
    session: AsyncSession, *, employee_id: int, position_type: str | None, now: datetime
) -> MySchedule:
    """Everything /jadwal shows me."""
    mine = await q.my_participations(session, employee_id=employee_id)
    upcoming = [p for p in mine if _upcoming(p, now)]
    past = [p for p in reversed(mine) if not _upcoming(p, now)][:MAX_PAST]
    released = await released_program_ids(session, employee_id=employee_id) if past else set()
    to_choose = await programs_to_choose(session, mine=mine, position_type=position_type, now=now)
    return MySchedule(upcoming, to_choose, past, released)


async def calendar_entry(
    session: AsyncSession, *, employee_id: int, participation_id: int
) -> Participation | ScheduleRefused:
    """My participation, for a calendar file; refused when it is not mine or its
    session is cancelled."""
    found = await q.my_participation(
        session, participation_id=participation_id, employee_id=employee_id
    )
    if found is None:
        return ScheduleRefused("schedule.not_yours")
    if found.session.status == SessionStatus.CANCELLED:
        return ScheduleRefused("schedule.cannot_answer")
    return found


def _upcoming(participation: Participation, now: datetime) -> bool:
    sitting = participation.session
    return is_upcoming(ends_at=sitting.ends_at, session_status=sitting.status, now=now)
