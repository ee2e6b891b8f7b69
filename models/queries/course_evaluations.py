"""A Gapura course's evaluation (``bot.core.survey.COURSE``): who is due one (the
planner), whether a person took part (a button's claim checked), and the answers per
course without names (``/statistik``). The answering itself is the survey engine's
(``models.queries.surveys``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.survey import COURSE, TOOK_PART
from bot.core.vocabulary import CourseStatus
from models.gapura import Course, Enrollment
from models.queries.planning import _scoped
from models.queries.surveys import FINISHED
from models.survey import SurveyAnswer, SurveyInvitation, SurveyResponse


@dataclass(frozen=True)
class TookPart:
    """A place on a course that ended, as the planner needs it."""

    course_id: int
    employee_id: int
    title: str
    starts_on: date
    ends_on: date
    finished: bool  # the person finished or stopped this course's evaluation


async def took_part_since(
    session: AsyncSession, *, since: date, employee_ids: Collection[int] | None = None
) -> list[TookPart]:
    """Places (linked people, registered or completed) on courses that ended on or
    after ``since``, not cancelled."""
    rows = await session.execute(
        select(
            Enrollment.course_id,
            Enrollment.employee_id,
            Course.title,
            Course.starts_on,
            Course.ends_on,
            SurveyInvitation.status,
        )
        .join(Course, Course.id == Enrollment.course_id)
        .outerjoin(
            SurveyInvitation,
            (SurveyInvitation.survey == COURSE.kind)
            & (SurveyInvitation.subject_id == Enrollment.course_id)
            & (SurveyInvitation.employee_id == Enrollment.employee_id),
        )
        .where(
            Enrollment.status.in_(TOOK_PART),
            Course.status != CourseStatus.CANCELLED,
            Course.ends_on >= since,
            _scoped(Enrollment.employee_id, employee_ids),
        )
    )
    return [
        TookPart(cid, eid, title, starts, ends, status in FINISHED)
        for cid, eid, title, starts, ends, status in rows.all()
    ]


async def course_taken(session: AsyncSession, *, course_id: int, employee_id: int) -> Course | None:
    """The course, if the employee took part in it (registered or completed)."""
    found: Course | None = await session.scalar(
        select(Course)
        .join(Enrollment, Enrollment.course_id == Course.id)
        .where(
            Course.id == course_id,
            Course.status != CourseStatus.CANCELLED,
            Enrollment.employee_id == employee_id,
            Enrollment.status.in_(TOOK_PART),
        )
    )
    return found


@dataclass(frozen=True)
class Evaluated:
    """A course's complete evaluations: how many, and each question's sum of answers."""

    course: Course
    respondents: int
    sums: dict[int, int]


async def per_course(session: AsyncSession, *, period: str) -> list[Evaluated]:
    """Each evaluated course of a period with its figures, the latest ended first."""
    complete = (
        SurveyResponse.survey == COURSE.kind,
        SurveyResponse.completed_at.is_not(None),
        SurveyResponse.period == period,
    )
    counts = dict(
        (
            await session.execute(
                select(SurveyResponse.subject_id, func.count())
                .where(*complete)
                .group_by(SurveyResponse.subject_id)
            )
        ).all()
    )
    if not counts:
        return []
    sums: dict[int, dict[int, int]] = defaultdict(dict)
    for subject, question, total in (
        await session.execute(
            select(SurveyResponse.subject_id, SurveyAnswer.question, func.sum(SurveyAnswer.value))
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(*complete)
            .group_by(SurveyResponse.subject_id, SurveyAnswer.question)
        )
    ).all():
        sums[int(subject)][int(question)] = int(total or 0)
    courses = await session.scalars(
        select(Course).where(Course.id.in_(list(counts))).order_by(Course.ends_on.desc(), Course.id)
    )
    return [Evaluated(c, int(counts[c.id]), sums[c.id]) for c in courses.all()]
