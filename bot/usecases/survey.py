"""Answering a survey: a question's button, the comment (or "Lewati"), "Berhenti",
and "Lanjutkan" from the reminder.

Every step is written as it comes, in the database: the next press may reach any
instance. A button names the survey, the session and the question; it is checked
against the person's own attended participation (or, for a course's evaluation, their
place on the course) and the question asked now, so a forged, repeated or old button
changes nothing. Rules: :mod:`bot.core.survey`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum, auto
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.ikm import SCALE
from bot.core.survey import (
    COMMENT_LIMIT,
    COURSE,
    SURVEYS,
    course_over,
    course_period,
    is_closed,
    period_of,
    survey_key,
)
from bot.core.vocabulary import SurveyKind, SurveyStatus
from models.queries import surveys as q
from models.queries.course_evaluations import course_taken
from models.survey import SurveyInvitation


class Survey(StrEnum):
    """Where the person stands after the step."""

    QUESTION = auto()  # ``question`` is the one to ask now
    COMMENT = auto()  # every question answered: the comment is asked
    DONE = auto()  # finished just now
    STOPPED = auto()  # stopped just now
    ALREADY_DONE = auto()  # finished before (or another instance was first)
    ALREADY_STOPPED = auto()
    CLOSED = auto()  # the period closed, or the survey is not for this person


@dataclass(frozen=True)
class SurveyOutcome:
    kind: Survey
    question: int = 0
    invitation_id: int | None = None


async def _load(
    session: AsyncSession,
    *,
    kind: SurveyKind,
    session_id: int,
    employee_id: int,
    now: datetime,
    tz: ZoneInfo,
    create: bool,
) -> SurveyInvitation | SurveyOutcome:
    """The person's invitation (made on the first answer), or why there is none."""
    if kind not in SURVEYS:
        return SurveyOutcome(Survey.CLOSED)
    found = await q.invitation(session, kind=kind, subject_id=session_id, employee_id=employee_id)
    if found is not None:
        return found
    period = await _period(session, kind, session_id, employee_id, now, tz)
    if period is None or is_closed(period, now=now, tz=tz):
        return SurveyOutcome(Survey.CLOSED)
    if not create:
        return SurveyOutcome(Survey.QUESTION, 0)
    try:
        async with session.begin_nested():
            return await q.start(
                session,
                kind=kind,
                subject_id=session_id,
                employee_id=employee_id,
                period=period,
                now=now,
            )
    except IntegrityError:  # the same person's first press, on another instance
        again = await q.invitation(
            session, kind=kind, subject_id=session_id, employee_id=employee_id
        )
        if again is None:
            raise
        return again


async def _period(
    session: AsyncSession,
    kind: SurveyKind,
    subject_id: int,
    employee_id: int,
    now: datetime,
    tz: ZoneInfo,
) -> str | None:
    """The period of the survey the person may answer about ``subject_id`` (a session
    they attended that ended, a course they took part in that is over), else None."""
    if kind == COURSE.kind:
        course = await course_taken(session, course_id=subject_id, employee_id=employee_id)
        if course is None or course_over(course.ends_on, tz) > now:
            return None
        return course_period(course.ends_on)
    sitting = await q.attended_session(session, session_id=subject_id, employee_id=employee_id)
    if sitting is None or sitting.ends_at > now:
        return None
    return period_of(sitting.starts_at, tz)


def _where(row: SurveyInvitation) -> SurveyOutcome:
    """Where an invitation stands, as an outcome."""
    if row.status == SurveyStatus.DONE:
        return SurveyOutcome(Survey.ALREADY_DONE, invitation_id=row.id)
    if row.status == SurveyStatus.STOPPED:
        return SurveyOutcome(Survey.ALREADY_STOPPED, invitation_id=row.id)
    if row.status == SurveyStatus.COMMENT:
        return SurveyOutcome(Survey.COMMENT, invitation_id=row.id)
    return SurveyOutcome(Survey.QUESTION, row.next_question, row.id)


async def answer(
    session: AsyncSession,
    *,
    kind: SurveyKind,
    session_id: int,
    employee_id: int,
    question: int,
    value: int,
    now: datetime,
    tz: ZoneInfo,
) -> SurveyOutcome:
    """Record ``value`` for ``question`` if it is the one asked now; say what is next."""
    loaded = await _load(
        session,
        kind=kind,
        session_id=session_id,
        employee_id=employee_id,
        now=now,
        tz=tz,
        create=True,
    )
    if isinstance(loaded, SurveyOutcome):
        return loaded
    if is_closed(loaded.period, now=now, tz=tz):
        return SurveyOutcome(Survey.CLOSED)
    count = SURVEYS[kind].questions
    if value not in SCALE or not 0 <= question < count:
        return _where(loaded)
    last = question == count - 1
    status = SurveyStatus.COMMENT if last else SurveyStatus.ANSWERING
    if loaded.response_id is None or not await q.advance(
        session, invitation_id=loaded.id, question=question, status=status, now=now
    ):
        await session.refresh(loaded)
        return _where(loaded)  # pressed twice, or an old question's button
    await q.add_answer(session, response_id=loaded.response_id, question=question, value=value)
    if last:
        return SurveyOutcome(Survey.COMMENT, invitation_id=loaded.id)
    return SurveyOutcome(Survey.QUESTION, question + 1, loaded.id)


async def resume(
    session: AsyncSession,
    *,
    kind: SurveyKind,
    session_id: int,
    employee_id: int,
    now: datetime,
    tz: ZoneInfo,
) -> SurveyOutcome:
    """ "Lanjutkan": the question to ask now (the first when nothing is answered)."""
    loaded = await _load(
        session,
        kind=kind,
        session_id=session_id,
        employee_id=employee_id,
        now=now,
        tz=tz,
        create=False,
    )
    return loaded if isinstance(loaded, SurveyOutcome) else _where(loaded)


async def end(
    session: AsyncSession,
    *,
    kind: SurveyKind,
    session_id: int,
    employee_id: int,
    now: datetime,
    tz: ZoneInfo,
    stop: bool,
    comment: str | None = None,
) -> SurveyOutcome:
    """Finish (after the comment or "Lewati") or stop (``stop``): the invitation ends,
    its pending notices are withdrawn; stopping deletes the answers so far."""
    found = await q.invitation(session, kind=kind, subject_id=session_id, employee_id=employee_id)
    if found is None:
        if not stop:
            return SurveyOutcome(Survey.CLOSED)
        # Stopped before the first answer: remembered, so no reminder comes either.
        loaded = await _load(
            session,
            kind=kind,
            session_id=session_id,
            employee_id=employee_id,
            now=now,
            tz=tz,
            create=True,
        )
        if isinstance(loaded, SurveyOutcome):
            return loaded
        found = loaded
    if found.status in q.FINISHED:
        return _where(found)
    if not stop and found.status != SurveyStatus.COMMENT:
        return _where(found)  # the comment comes after every question only
    status = SurveyStatus.STOPPED if stop else SurveyStatus.DONE
    text = (comment or "").strip()[:COMMENT_LIMIT] or None
    if not await q.finish(session, invitation_id=found.id, status=status, now=now, comment=text):
        await session.refresh(found)
        return _where(found)
    await q.withdraw_notices(
        session,
        keys=[
            survey_key(kind, session_id, employee_id),
            survey_key(kind, session_id, employee_id, again=True),
        ],
    )
    return SurveyOutcome(Survey.STOPPED if stop else Survey.DONE, invitation_id=found.id)


async def waiting_comment(
    session: AsyncSession, *, invitation_id: int, employee_id: int
) -> tuple[SurveyKind, int] | None:
    """(survey, session id) of the person's invitation still waiting for its comment."""
    row = await session.get(SurveyInvitation, invitation_id)
    if row is None or row.employee_id != employee_id or row.status != SurveyStatus.COMMENT:
        return None
    return SurveyKind(row.survey), row.subject_id
