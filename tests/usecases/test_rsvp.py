"""Hadir, Tidak bisa hadir with a reason, and an admin's answer to the request
(bot.usecases.rsvp), against a real database: the outcome and the rows written."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.usecases import rsvp
from bot.usecases.rsvp import Chat, Rsvp
from models import AssessmentSession, Employee, Participation
from models.audit import AuditEvent
from tests.factories import (
    NIP_SITI,
    add_assessment_session,
    add_employee,
    add_linked_user,
    add_participation,
    add_program,
)

ADMIN = 900000001
DAY = timedelta(days=1)


async def _invited(
    session: AsyncSession, clock: FakeClock, *, status: str = "invited", capacity: int = 30
) -> dict[str, int]:
    """Budi invited to a session next week; another session of the program after it."""
    program = await add_program(session)
    sitting = await add_assessment_session(
        session, program=program, code="S1", starts_at=clock.now() + 7 * DAY
    )
    other = await add_assessment_session(
        session, program=program, code="S2", starts_at=clock.now() + 9 * DAY, capacity=capacity
    )
    budi = await add_employee(session)
    siti = await add_employee(session, nip=NIP_SITI, name="Siti Aminah")
    mine = await add_participation(
        session, employee=budi, assessment_session=sitting, status=status
    )
    mine.reason = "Dinas luar kota" if status == "reschedule_requested" else None
    return {
        "budi": budi.id,
        "siti": siti.id,
        "mine": mine.id,
        "first": sitting.id,
        "other": other.id,
    }


async def _row(
    db: async_sessionmaker[AsyncSession], participation_id: int
) -> tuple[str, int, str | None]:
    """(status, session id, reason) of a participation."""
    async with db() as session:
        found = await session.get(Participation, participation_id)
        assert found is not None
        return str(found.status), found.session_id, found.reason


async def test_hadir_confirms_my_invitation(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _invited(session, clock)
        outcome = await rsvp.confirm(
            session, employee_id=ids["budi"], participation_id=ids["mine"], now=clock.now()
        )

    assert outcome.kind is Rsvp.CONFIRMED
    assert await _row(db, ids["mine"]) == ("confirmed", ids["first"], None)


async def test_answering_someone_elses_invitation_is_refused_and_changes_nothing(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _invited(session, clock)
        confirmed = await rsvp.confirm(
            session, employee_id=ids["siti"], participation_id=ids["mine"], now=clock.now()
        )
        requested = await rsvp.request_reschedule(
            session, employee_id=ids["siti"], participation_id=ids["mine"], reason="x",
            now=clock.now(),
        )  # fmt: skip

    for outcome in (confirmed, requested):
        assert outcome.kind is Rsvp.REFUSED
        assert outcome.refusal is not None and outcome.refusal.key == "schedule.not_yours"
    assert await _row(db, ids["mine"]) == ("invited", ids["first"], None)


async def test_a_started_session_can_no_longer_be_answered(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _invited(session, clock)
    clock.advance(8 * DAY)
    async with db.begin() as session:
        outcome = await rsvp.may_decline(
            session, employee_id=ids["budi"], participation_id=ids["mine"], now=clock.now()
        )

    assert outcome.refusal is not None and outcome.refusal.key == "schedule.cannot_answer"


async def test_the_reason_makes_a_reschedule_request(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _invited(session, clock)
        outcome = await rsvp.request_reschedule(
            session, employee_id=ids["budi"], participation_id=ids["mine"],
            reason="  Dinas luar kota  ", now=clock.now(),
        )  # fmt: skip

    assert outcome.kind is Rsvp.REQUESTED
    assert await _row(db, ids["mine"]) == ("reschedule_requested", ids["first"], "Dinas luar kota")


async def test_approving_moves_the_seat_once_and_is_audited(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _invited(session, clock, status="reschedule_requested")
    async with db.begin() as session:
        choices = await rsvp.move_choices(session, participation_id=ids["mine"], now=clock.now())
        approved = await rsvp.approve(
            session, admin_id=ADMIN, participation_id=ids["mine"], target_id=ids["other"],
            now=clock.now(),
        )  # fmt: skip
    async with db.begin() as session:
        again = await rsvp.approve(
            session, admin_id=ADMIN, participation_id=ids["mine"], target_id=ids["other"],
            now=clock.now(),
        )  # fmt: skip
        taken = await session.scalar(
            select(AssessmentSession.seats_taken).where(AssessmentSession.id == ids["other"])
        )
        actions = (await session.scalars(select(AuditEvent.action))).all()

    assert [s.id for s in choices.sessions] == [ids["other"]]
    assert approved.kind is Rsvp.APPROVED
    assert approved.tell is None  # Budi has no chat linked: nobody to tell
    assert again.kind is Rsvp.HANDLED
    assert (await _row(db, ids["mine"]))[:2] == ("invited", ids["other"])
    assert taken == 1
    assert actions == ["reschedule.approved"]


async def test_approving_into_a_full_session_changes_nothing(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _invited(session, clock, status="reschedule_requested", capacity=0)
        choices = await rsvp.move_choices(session, participation_id=ids["mine"], now=clock.now())
        outcome = await rsvp.approve(
            session, admin_id=ADMIN, participation_id=ids["mine"], target_id=ids["other"],
            now=clock.now(),
        )  # fmt: skip

    assert choices.kind is Rsvp.NO_FREE_SESSION
    assert outcome.kind is Rsvp.FULL
    assert (await _row(db, ids["mine"]))[:2] == ("reschedule_requested", ids["first"])


async def test_rejecting_sends_the_request_back_to_invited_with_its_reason(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        ids = await _invited(session, clock, status="reschedule_requested")
        budi = await session.get(Employee, ids["budi"])
        assert budi is not None
        await add_linked_user(
            session, employee=budi, telegram_user_id=7001, now=clock.now(), language="en"
        )
        outcome = await rsvp.reject(
            session, admin_id=ADMIN, participation_id=ids["mine"], now=clock.now()
        )
        again = await rsvp.reject(
            session, admin_id=ADMIN, participation_id=ids["mine"], now=clock.now()
        )

    assert outcome.kind is Rsvp.REJECTED
    assert outcome.tell == Chat(7001, "en")
    assert again.kind is Rsvp.HANDLED
    assert await _row(db, ids["mine"]) == ("invited", ids["first"], "Dinas luar kota")
