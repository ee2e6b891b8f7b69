"""Browsing Gapura courses: a page of the courses open to me (filtered), and those
recommended for me by my latest released result's gaps.

Only reads; what I may do with a course is :mod:`bot.usecases.enrolment`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.jpm import CompetencyScore
from bot.core.recommend import Recommendation, all_met, recommend
from models.assessment import Result
from models.gapura import Course, Enrollment
from models.org import Employee
from models.queries import courses as q
from models.queries.results import released_results, scores_of


@dataclass(frozen=True)
class CourseList:
    """Courses open to me now, soonest first, and my live places (course id -> place)."""

    courses: list[Course]
    mine: dict[int, Enrollment]


@dataclass(frozen=True)
class Recommended:
    """Open courses I hold no place on: ``ranked`` by my latest released result (None
    when I have none yet: then ``picked``, those aimed at my position type first)."""

    courses: dict[int, Course]
    ranked: list[Recommendation] | None
    met: bool  # every competency of my result meets its standard
    picked: list[Course]
    position_type: str


async def open_to_me(
    session: AsyncSession,
    *,
    employee: Employee,
    now: datetime,
    competency: str | None = None,
    mode: str | None = None,
) -> CourseList:
    """The courses open for registration whose audience includes me, optionally only
    those developing ``competency`` or held in ``mode``; with my places on any course.

    ``employee.position`` must be loaded (:func:`models.queries.links.chat_link` does)."""
    audience = await q.audience_of(session, employee=employee)
    found = await q.open_courses(
        session,
        now=now,
        audience=audience,
        competency=competency,
        mode=mode,
        with_competencies=False,  # the list shows titles, dates and seats
    )
    mine = await q.my_places(session, employee_id=employee.id)
    return CourseList(found, mine)


async def recommended(
    session: AsyncSession, *, employee: Employee, now: datetime, limit: int
) -> Recommended:
    """Open courses I hold no place on, ranked by my latest released result's gaps."""
    audience, by_id = await _candidates(session, employee=employee, now=now)
    results = await released_results(session, employee_id=employee.id)
    if results:
        return _ranked(scores_of(results[0]), by_id, audience)
    # Courses aimed at my position type first, then those open to everyone.
    picked = sorted(
        by_id.values(),
        key=lambda c: (audience.position_type not in q.facts(c).position_types, c.starts_on),
    )[:limit]
    return Recommended(by_id, None, False, picked, audience.position_type)


async def for_result(
    session: AsyncSession, *, employee: Employee, result: Result, now: datetime
) -> Recommended:
    """ "Rekomendasi Gapura" under a result in /hasil: by the same rule as /gapura's
    "Untuk Anda" (:func:`recommended`), ranked by that result's gaps."""
    audience, by_id = await _candidates(session, employee=employee, now=now)
    return _ranked(scores_of(result), by_id, audience)


async def _candidates(
    session: AsyncSession, *, employee: Employee, now: datetime
) -> tuple[q.Audience, dict[int, Course]]:
    """The one rule of what may be recommended: courses open for registration now
    (closing strictly after ``now``) whose audience includes me, less those I already
    hold a place on (registered, waitlisted or offered)."""
    audience = await q.audience_of(session, employee=employee)
    found = await q.open_courses(session, now=now, audience=audience)
    mine = await q.my_places(session, employee_id=employee.id)
    return audience, {c.id: c for c in found if c.id not in mine}


def _ranked(
    scores: Sequence[CompetencyScore], by_id: dict[int, Course], audience: q.Audience
) -> Recommended:
    ranked = recommend(
        scores,
        [q.facts(c) for c in by_id.values()],
        position_type=audience.position_type,
        status=audience.status,
        unit_ids=audience.unit_ids,
    )
    return Recommended(by_id, ranked, all_met(scores), [], audience.position_type)
