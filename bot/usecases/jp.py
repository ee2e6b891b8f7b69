"""My JP (training hours) this year: what I earned against my target, what is on its
way, and up to three open courses that would close what remains (those that close
my competency gaps first)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.jp import JpProgress, jp_progress
from bot.core.jp_plan import courses_to_close
from bot.core.recommend import REASON_MARGIN, CourseFacts, recommend
from models.org import Employee
from models.queries import courses as q
from models.queries.jp import jp_earned, jp_pending
from models.queries.results import released_results, scores_of


@dataclass(frozen=True)
class MyJp:
    progress: JpProgress
    pending: Decimal  # JP of courses I am registered on that end this year
    suggested: list[CourseFacts]


async def my_jp(
    session: AsyncSession, *, employee: Employee, now: datetime, year: int, target: Decimal | int
) -> MyJp:
    """My JP in ``year`` against ``target``, and the courses to suggest."""
    earned = await jp_earned(session, employee_id=employee.id, year=year)
    pending = await jp_pending(session, employee_id=employee.id, year=year)
    audience = await q.audience_of(session, employee=employee)
    found = await q.open_courses(session, now=now, audience=audience)
    mine = await q.my_places(session, employee_id=employee.id)
    results = await released_results(session, employee_id=employee.id)
    progress = jp_progress(earned, target)
    candidates = [q.facts(c) for c in found if c.id not in mine]
    ranked = []
    if results:
        ranked = recommend(
            scores_of(results[0]),
            candidates,
            position_type=audience.position_type,
            status=audience.status,
            unit_ids=audience.unit_ids,
            limit=len(candidates),
        )
    for_gaps = [r.course_id for r in ranked if r.reason_key != REASON_MARGIN]
    suggested = courses_to_close(progress.remaining, candidates, ranked_for_gaps=for_gaps)
    return MyJp(progress, pending, suggested)
