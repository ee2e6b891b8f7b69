"""Linking by NIP and an activation code (bot.usecases.linking), against a real
database: what the user is told, the link made, and the failures counted."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.core.attempts import AttemptLimit
from bot.usecases.linking import answer_text
from bot.usecases.second_factor import Outcome
from models import ChatLink, LinkStatus
from models.chat import LinkAttempt
from tests.factories import NIP_BUDI, NIP_SITI, add_code, add_employee

USER = 7001
KEY = b"k" * 32


async def _say(session: AsyncSession, clock: FakeClock, text: str) -> Outcome:
    link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == USER))
    return await answer_text(
        session, link=link, text=text, now=clock.now(), today=clock.now().date(),
        limit=AttemptLimit(), hash_key=KEY,
    )  # fmt: skip


async def _consented(session: AsyncSession, clock: FakeClock) -> None:
    session.add(ChatLink(telegram_user_id=USER, status=LinkStatus.PENDING, created_at=clock.now()))
    await session.flush()


async def test_the_nip_then_its_code_links_the_account(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        budi = await add_employee(session)
        await add_code(session, employee=budi, code="ABCD-EFGH", now=clock.now())
        await _consented(session, clock)
        typed = await _say(session, clock, NIP_BUDI)
        linked = await _say(session, clock, "ABCD-EFGH")
        link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == USER))

    assert typed.key == "link.nip_received"
    assert linked.key == "link.success" and linked.linked is not None
    assert link is not None and link.employee_id == budi.id and link.status == "active"


async def test_a_code_of_another_employee_is_refused_and_counted(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        await add_employee(session)
        siti = await add_employee(session, nip=NIP_SITI, name="Siti Aminah")
        await add_code(session, employee=siti, code="GRSK-ADMN", now=clock.now())
        await _consented(session, clock)
        await _say(session, clock, NIP_BUDI)
        outcome = await _say(session, clock, "GRSK-ADMN")
        failures = await session.scalar(select(func.count(LinkAttempt.id)))
        link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == USER))

    assert outcome.key == "link.code_mismatch" and outcome.linked is None
    assert failures == 1
    assert link is not None and link.employee_id is None


async def test_without_consent_nothing_is_linked(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        outcome = await _say(session, clock, NIP_BUDI)

    assert outcome.key == "link.need_consent"
