"""Answering the satisfaction survey (bot.usecases.survey) against a real database:
the outcome and the rows written, refusals too."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.core.vocabulary import SurveyKind, SurveyStatus
from bot.usecases import survey
from bot.usecases.survey import Survey
from models import SurveyAnswer, SurveyInvitation, SurveyResponse
from tests.factories import add_assessment_session, add_employee, add_participation, add_program

WIB = ZoneInfo("Asia/Jakarta")
SKM = SurveyKind.SKM


async def _attended(
    session: AsyncSession, clock: FakeClock, *, status: str = "attended", hours_ago: int = 2
) -> tuple[int, int]:
    """(session id, employee id): Budi in a session that ended ``hours_ago``."""
    program = await add_program(session)
    sitting = await add_assessment_session(
        session,
        program=program,
        code="S1",
        starts_at=clock.now() - timedelta(hours=8 + hours_ago),
    )
    budi = await add_employee(session)
    await add_participation(session, employee=budi, assessment_session=sitting, status=status)
    return sitting.id, budi.id


async def _count(session: AsyncSession, model: type[object]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_an_answer_is_stored_once_even_when_pressed_twice(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        sid, eid = await _attended(session, clock)
        common = {"kind": SKM, "session_id": sid, "employee_id": eid, "tz": WIB}
        first = await survey.answer(session, question=0, value=3, now=clock.now(), **common)  # type: ignore[arg-type]
        again = await survey.answer(session, question=0, value=1, now=clock.now(), **common)  # type: ignore[arg-type]
        values = (await session.scalars(select(SurveyAnswer.value))).all()

    assert (first.kind, first.question) == (Survey.QUESTION, 1)
    assert (again.kind, again.question) == (Survey.QUESTION, 1)  # the question asked now
    assert values == [3]


async def test_the_last_answer_asks_for_the_comment_and_skipping_completes_it(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        sid, eid = await _attended(session, clock)
        common = {"kind": SKM, "session_id": sid, "employee_id": eid, "tz": WIB, "now": clock.now()}
        outcomes = [
            await survey.answer(session, question=q, value=4, **common)  # type: ignore[arg-type]
            for q in range(9)
        ]
        early = await survey.end(session, stop=False, **common)  # type: ignore[arg-type]
        twice = await survey.end(session, stop=False, **common)  # type: ignore[arg-type]
        response = await session.scalar(select(SurveyResponse))

    assert outcomes[-1].kind == Survey.COMMENT
    assert early.kind == Survey.DONE
    assert twice.kind == Survey.ALREADY_DONE
    assert response is not None and response.completed_at == clock.now()


async def test_answers_out_of_range_or_from_a_non_participant_change_nothing(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        sid, eid = await _attended(session, clock, status="confirmed")
        refused = await survey.answer(
            session, kind=SKM, session_id=sid, employee_id=eid, question=0, value=4,
            now=clock.now(), tz=WIB,
        )  # fmt: skip
        invitations = await _count(session, SurveyInvitation)

    assert refused.kind == Survey.CLOSED
    assert invitations == 0


async def test_no_answer_before_the_session_ended(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        sid, eid = await _attended(session, clock, hours_ago=-1)
        early = await survey.answer(
            session, kind=SKM, session_id=sid, employee_id=eid, question=0, value=4,
            now=clock.now(), tz=WIB,
        )  # fmt: skip

    assert early.kind == Survey.CLOSED


async def test_stopping_deletes_the_answers_and_is_remembered(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        sid, eid = await _attended(session, clock)
        common = {"kind": SKM, "session_id": sid, "employee_id": eid, "tz": WIB, "now": clock.now()}
        await survey.answer(session, question=0, value=2, **common)  # type: ignore[arg-type]
        stopped = await survey.end(session, stop=True, **common)  # type: ignore[arg-type]
        after = await survey.answer(session, question=1, value=2, **common)  # type: ignore[arg-type]
        invitation = await session.scalar(select(SurveyInvitation))
        left = (await _count(session, SurveyAnswer), await _count(session, SurveyResponse))

    assert stopped.kind == Survey.STOPPED
    assert after.kind == Survey.ALREADY_STOPPED
    assert invitation is not None and invitation.status == SurveyStatus.STOPPED
    assert invitation.response_id is None
    assert left == (0, 0)
