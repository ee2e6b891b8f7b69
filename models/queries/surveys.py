"""Surveys: who is due one (the planner), one person's place in one (the buttons),
the answers aggregated without names (``/statistik``, the XLSX), and closing a
period (the invitations, the only link from people to answers, deleted)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.vocabulary import (
    NotificationStatus,
    ParticipationStatus,
    SessionStatus,
    SurveyKind,
    SurveyStatus,
)
from models.assessment import AssessmentSession, Participation
from models.outbox import Notification
from models.queries.planning import _scoped
from models.queries.seats import rowcount
from models.survey import SurveyAnswer, SurveyInvitation, SurveyResponse

FINISHED = (SurveyStatus.DONE, SurveyStatus.STOPPED)


@dataclass(frozen=True)
class Attended:
    """An attended participation in a session, as the planner needs it."""

    session_id: int
    employee_id: int
    starts_at: datetime
    ends_at: datetime
    venue: str
    finished: bool  # the person finished or stopped this session's survey


async def attended_since(
    session: AsyncSession,
    *,
    kind: SurveyKind,
    since: datetime,
    employee_ids: Collection[int] | None = None,
) -> list[Attended]:
    """Attended participations (linked people) in sessions that ended after ``since``."""
    rows = await session.execute(
        select(
            Participation.session_id,
            Participation.employee_id,
            AssessmentSession.starts_at,
            AssessmentSession.ends_at,
            AssessmentSession.venue_name,
            SurveyInvitation.status,
        )
        .join(AssessmentSession, AssessmentSession.id == Participation.session_id)
        .outerjoin(
            SurveyInvitation,
            (SurveyInvitation.survey == kind)
            & (SurveyInvitation.subject_id == Participation.session_id)
            & (SurveyInvitation.employee_id == Participation.employee_id),
        )
        .where(
            Participation.status == ParticipationStatus.ATTENDED,
            AssessmentSession.status != SessionStatus.CANCELLED,
            AssessmentSession.ends_at >= since,
            _scoped(Participation.employee_id, employee_ids),
        )
    )
    return [
        Attended(sid, eid, starts, ends, venue or "", status in FINISHED)
        for sid, eid, starts, ends, venue, status in rows.all()
    ]


async def attended_session(
    session: AsyncSession, *, session_id: int, employee_id: int
) -> AssessmentSession | None:
    """The session, if the employee attended it (a button's claim checked)."""
    found: AssessmentSession | None = await session.scalar(
        select(AssessmentSession)
        .join(Participation, Participation.session_id == AssessmentSession.id)
        .where(
            AssessmentSession.id == session_id,
            Participation.employee_id == employee_id,
            Participation.status == ParticipationStatus.ATTENDED,
        )
    )
    return found


async def invitation(
    session: AsyncSession, *, kind: SurveyKind, subject_id: int, employee_id: int
) -> SurveyInvitation | None:
    found: SurveyInvitation | None = await session.scalar(
        select(SurveyInvitation).where(
            SurveyInvitation.survey == kind,
            SurveyInvitation.subject_id == subject_id,
            SurveyInvitation.employee_id == employee_id,
        )
    )
    return found


async def start(
    session: AsyncSession,
    *,
    kind: SurveyKind,
    subject_id: int,
    employee_id: int,
    period: str,
    now: datetime,
) -> SurveyInvitation:
    """A new invitation with its (empty) response; flushed, so a second one for the
    same person and session fails on the unique constraint."""
    response = SurveyResponse(survey=kind, period=period, subject_id=subject_id)
    session.add(response)
    await session.flush()
    row = SurveyInvitation(
        survey=kind,
        subject_id=subject_id,
        employee_id=employee_id,
        period=period,
        response_id=response.id,
        status=SurveyStatus.ANSWERING,
        next_question=0,
        updated_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def advance(
    session: AsyncSession,
    *,
    invitation_id: int,
    question: int,
    status: SurveyStatus,
    now: datetime,
) -> bool:
    """Move past ``question`` if it is still the one asked (one press wins, on any
    instance): True when this call moved it."""
    result = await session.execute(
        update(SurveyInvitation)
        .where(
            SurveyInvitation.id == invitation_id,
            SurveyInvitation.next_question == question,
            SurveyInvitation.status == SurveyStatus.ANSWERING,
        )
        .values(next_question=question + 1, status=status, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def add_answer(session: AsyncSession, *, response_id: int, question: int, value: int) -> None:
    session.add(SurveyAnswer(response_id=response_id, question=question, value=value))
    await session.flush()


async def finish(
    session: AsyncSession,
    *,
    invitation_id: int,
    status: SurveyStatus,
    now: datetime,
    comment: str | None = None,
) -> bool:
    """End an invitation (done or stopped) unless it ended already: True when this
    call ended it. Done: the response is complete (with the comment, if any);
    stopped: the answers so far are deleted."""
    row = await session.get(SurveyInvitation, invitation_id)
    if row is None or row.status in FINISHED:
        return False
    result = await session.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.id == invitation_id, SurveyInvitation.status == row.status)
        .values(status=status, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result) != 1:
        return False
    if row.response_id is not None:
        if status == SurveyStatus.DONE:
            await session.execute(
                update(SurveyResponse)
                .where(SurveyResponse.id == row.response_id)
                .values(completed_at=now, comment=comment)
                .execution_options(synchronize_session=False)
            )
        else:
            await session.execute(
                delete(SurveyAnswer).where(SurveyAnswer.response_id == row.response_id)
            )
            await session.execute(
                update(SurveyInvitation)
                .where(SurveyInvitation.id == invitation_id)
                .values(response_id=None)
                .execution_options(synchronize_session=False)
            )
            await session.execute(
                delete(SurveyResponse).where(SurveyResponse.id == row.response_id)
            )
    return True


async def withdraw_notices(session: AsyncSession, *, keys: Collection[str]) -> int:
    """Cancel the pending invitation and reminder of a survey that ended."""
    result = await session.execute(
        update(Notification)
        .where(Notification.key.in_(list(keys)), Notification.status == NotificationStatus.PENDING)
        .values(status=NotificationStatus.CANCELLED)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)


# ------------------------------------------------------------------ reports


@dataclass(frozen=True)
class Totals:
    """Complete responses of a group and each question's sum of answers."""

    respondents: int
    sums: dict[int, int]


def _complete(kind: SurveyKind) -> list[ColumnElement[bool]]:
    return [SurveyResponse.survey == kind, SurveyResponse.completed_at.is_not(None)]


async def periods(session: AsyncSession, *, kind: SurveyKind) -> list[tuple[str, int]]:
    """(period, complete responses), the latest first."""
    rows = await session.execute(
        select(SurveyResponse.period, func.count())
        .where(*_complete(kind))
        .group_by(SurveyResponse.period)
        .order_by(SurveyResponse.period.desc())
    )
    return [(str(p), int(n)) for p, n in rows.all()]


async def totals(session: AsyncSession, *, kind: SurveyKind, period: str) -> Totals:
    """A period's respondents and the sum of answers per question."""
    conditions = [*_complete(kind), SurveyResponse.period == period]
    respondents = await session.scalar(select(func.count()).where(*conditions)) or 0
    rows = await session.execute(
        select(SurveyAnswer.question, func.sum(SurveyAnswer.value))
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(*conditions)
        .group_by(SurveyAnswer.question)
    )
    return Totals(int(respondents), {int(q): int(s or 0) for q, s in rows.all()})


async def per_session(
    session: AsyncSession, *, kind: SurveyKind, period: str
) -> list[tuple[AssessmentSession, int]]:
    """Each surveyed session of a period with its complete responses, by date."""
    counts = dict(
        (
            await session.execute(
                select(SurveyResponse.subject_id, func.count())
                .where(*_complete(kind), SurveyResponse.period == period)
                .group_by(SurveyResponse.subject_id)
            )
        ).all()
    )
    if not counts:
        return []
    sittings = await session.scalars(
        select(AssessmentSession)
        .where(AssessmentSession.id.in_(list(counts)))
        .order_by(AssessmentSession.starts_at, AssessmentSession.id)
    )
    return [(s, int(counts[s.id])) for s in sittings.all()]


async def close_periods(session: AsyncSession, *, up_to: str) -> int:
    """Delete the invitations of every period up to ``up_to`` (the link person ->
    answers); returns how many. Answers and comments stay, without a name."""
    result = await session.execute(
        delete(SurveyInvitation)
        .where(SurveyInvitation.period <= up_to)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)
