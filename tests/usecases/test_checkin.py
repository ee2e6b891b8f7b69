"""Check-in (bot.usecases.checkin) and the reschedule request after a missed session
(bot.usecases.rsvp with ``missed``), against a real database: outcomes and rows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.core.vocabulary import CheckinAnswer
from bot.usecases import checkin, rsvp
from bot.usecases.rsvp import Rsvp
from models import AuditEvent, CheckinCode, Participation
from tests.factories import (
    NIP_SITI,
    add_assessment_session,
    add_employee,
    add_participation,
    add_program,
)

ADMIN = 900000001
SPAN = checkin.Span(opens_before=timedelta(minutes=60), closes_after=timedelta(minutes=120))
MINUTE = timedelta(minutes=1)


async def _session_in(session: AsyncSession, clock: FakeClock, minutes: int) -> dict[str, int]:
    """Budi invited to a session starting ``minutes`` from now; Siti not invited."""
    program = await add_program(session)
    sitting = await add_assessment_session(
        session, program=program, code="S1", starts_at=clock.now() + minutes * MINUTE
    )
    budi = await add_employee(session)
    siti = await add_employee(session, nip=NIP_SITI, name="Siti Aminah")
    mine = await add_participation(session, employee=budi, assessment_session=sitting)
    return {"budi": budi.id, "siti": siti.id, "mine": mine.id, "session": sitting.id}


async def test_a_code_is_bound_to_its_session_until_the_window_closes_and_audited(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _session_in(session, clock, 30)
        made = await checkin.make_code(
            session, session_id=ids["session"], admin_id=ADMIN, now=clock.now(), span=SPAN
        )
        gone = await checkin.make_code(
            session, session_id=9999, admin_id=ADMIN, now=clock.now(), span=SPAN
        )

    assert made.code is not None and gone.code is None
    async with db() as session:
        code = await session.scalar(select(CheckinCode))
        actions = (await session.scalars(select(AuditEvent.action))).all()
    assert code is not None and code.session_id == ids["session"]
    assert code.expires_at == clock.now() + 150 * MINUTE
    assert actions == ["checkin.code"]


async def test_checking_in_marks_attended_once_and_refuses_the_rest(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _session_in(session, clock, 90)
        made = await checkin.make_code(
            session, session_id=ids["session"], admin_id=ADMIN, now=clock.now(), span=SPAN
        )
    assert made.code is not None
    payload = made.code.payload

    async def scan(employee: str) -> checkin.Scan:
        async with db.begin() as session:
            return await checkin.check_in(
                session, employee_id=ids[employee], payload=payload, now=clock.now(), span=SPAN
            )

    early = await scan("budi")
    clock.advance(30 * MINUTE)
    stranger = await scan("siti")
    done = await scan("budi")
    clock.advance(5 * MINUTE)
    again = await scan("budi")
    async with db.begin() as session:
        unknown = await checkin.check_in(
            session, employee_id=ids["budi"], payload="ci_nope", now=clock.now(), span=SPAN
        )

    assert early.answer is CheckinAnswer.TOO_EARLY
    assert early.window is not None and early.window.opens == clock.now() - 5 * MINUTE
    assert stranger.answer is CheckinAnswer.NOT_PARTICIPANT
    assert done.answer is CheckinAnswer.CHECKED_IN and done.code_id == made.code.id
    assert again.answer is CheckinAnswer.ALREADY and again.at == done.at
    assert unknown.answer is CheckinAnswer.UNKNOWN
    async with db() as session:
        row = await session.get(Participation, ids["mine"])
    assert row is not None and row.status == "attended" and row.checked_in_at == done.at


async def test_a_missed_session_may_still_be_moved_but_not_answered(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _session_in(session, clock, 60)
    clock.advance(timedelta(days=1))
    async with db.begin() as session:
        plain = await rsvp.may_decline(
            session, employee_id=ids["budi"], participation_id=ids["mine"], now=clock.now()
        )
        missed = await rsvp.request_reschedule(
            session, employee_id=ids["budi"], participation_id=ids["mine"],
            reason="Sakit", now=clock.now(), missed=True,
        )  # fmt: skip
        not_mine = await rsvp.may_decline(
            session, employee_id=ids["siti"], participation_id=ids["mine"],
            now=clock.now(), missed=True,
        )  # fmt: skip

    assert plain.refusal is not None and plain.refusal.key == "schedule.cannot_answer"
    assert missed.kind is Rsvp.REQUESTED
    assert not_mine.refusal is not None and not_mine.refusal.key == "schedule.not_yours"
    async with db() as session:
        row = await session.get(Participation, ids["mine"])
    assert row is not None and (row.status, row.reason) == ("reschedule_requested", "Sakit")
