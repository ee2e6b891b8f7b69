"""What /jadwal and /gapura show (bot.usecases.schedule and .courses): only reads,
against a real database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from bot.clock import FakeClock
from bot.usecases.courses import open_to_me, recommended
from bot.usecases.schedule import calendar_entry, my_schedule
from models import Employee, Participation
from tests.factories import (
    NIP_SITI,
    add_assessment_session,
    add_course,
    add_employee,
    add_enrollment,
    add_participation,
    add_program,
)

DAY = timedelta(days=1)


async def test_my_schedule_splits_upcoming_past_and_programs_to_choose_in(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    now = clock.now()
    async with db.begin() as session:
        budi = await add_employee(session)
        old = await add_program(session, code="PK-2024", name="Lama")
        new = await add_program(session)
        choose = await add_program(session, code="PK-SELF", name="Pilih", self_booking=True)
        await add_assessment_session(session, program=choose, code="C1", starts_at=now + 9 * DAY)
        before = await add_assessment_session(session, program=old, code="O1", starts_at=now - DAY)
        after = await add_assessment_session(session, program=new, code="N1", starts_at=now + DAY)
        last = await add_participation(session, employee=budi, assessment_session=before)
        next_ = await add_participation(session, employee=budi, assessment_session=after)
        found = await my_schedule(session, employee_id=budi.id, position_type=None, now=now)
        siti = await add_employee(session, nip=NIP_SITI, name="Siti Aminah")
        not_mine = await calendar_entry(session, employee_id=siti.id, participation_id=next_.id)

    assert [p.id for p in found.upcoming] == [next_.id]
    assert [p.id for p in found.past] == [last.id]
    assert [(program.id, free) for program, free in found.to_choose] == [(choose.id, 1)]
    assert not isinstance(not_mine, Participation)
    assert not_mine.key == "schedule.not_yours"


async def test_without_a_result_courses_for_my_position_type_come_first(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    now = clock.now()
    async with db.begin() as session:
        created = await add_employee(session)
        budi = await session.scalar(
            select(Employee)
            .where(Employee.id == created.id)
            .options(selectinload(Employee.position))
            .execution_options(populate_existing=True)
        )
        assert budi is not None
        everyone = await add_course(session, title="Untuk semua", now=now, starts_in=5 * DAY)
        mine = await add_course(
            session, title="Administrator", now=now, starts_in=9 * DAY,
            audience_position_types="Administrator",
        )  # fmt: skip
        taken = await add_course(session, title="Sudah ikut", now=now)
        await add_enrollment(session, course=taken, employee=budi, status="registered", at=now)
        listed = await open_to_me(session, employee=budi, now=now)
        found = await recommended(session, employee=budi, now=now, limit=5)

    assert [c.id for c in listed.courses] == [everyone.id, mine.id, taken.id]
    assert list(listed.mine) == [taken.id]
    assert found.ranked is None
    assert [c.id for c in found.picked] == [mine.id, everyone.id]
