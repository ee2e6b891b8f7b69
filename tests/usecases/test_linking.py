"""Linking by NIP and an activation code (bot.usecases.linking), against a real
database: what the user is told, the link made, and the failures counted."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.core.attempts import AttemptLimit
from bot.usecases.linking import answer_contact, answer_text
from bot.usecases.second_factor import Outcome
from models import ChatLink, LinkStatus
from models.chat import ConversationStep, LinkAttempt
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


async def _share(
    session: AsyncSession, clock: FakeClock, phone: str, *, own: bool = True
) -> Outcome:
    link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == USER))
    return await answer_contact(
        session, link=link, contact_user_id=USER if own else USER + 1, phone=phone,
        now=clock.now(), limit=AttemptLimit(), hash_key=KEY,
    )  # fmt: skip


async def _steps(session: AsyncSession) -> dict[str, object]:
    rows = await session.execute(
        select(ConversationStep.name, ConversationStep.payload).where(
            ConversationStep.telegram_user_id == USER
        )
    )
    return {name: payload for name, payload in rows.all()}


async def test_the_own_phone_before_the_nip_waits_and_links_when_the_nip_comes(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        budi = await add_employee(session, phone="0812-3456-7890")
        await _consented(session, clock)
        kept = await _share(session, clock, "6281234567890")
        held = await _steps(session)
        linked = await _say(session, clock, NIP_BUDI)
        after = await _steps(session)

    assert kept.key == "link.phone_received"
    assert held == {"link.phone": {"phone": "6281234567890"}}
    assert linked.key == "link.success" and linked.linked is not None
    assert linked.linked.id == budi.id
    assert after == {}


async def test_someone_elses_phone_before_the_nip_is_not_kept(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        await _consented(session, clock)
        outcome = await _share(session, clock, "6281234567890", own=False)
        held = await _steps(session)

    assert outcome.key == "link.not_own_contact"
    assert held == {}


async def test_a_nip_that_does_not_match_the_kept_phone_is_a_phone_mismatch(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        await add_employee(session, phone="0812-3456-7890")
        await _consented(session, clock)
        await _share(session, clock, "6287777777777")
        someone = await _say(session, clock, NIP_BUDI)
        nobody = await _say(session, clock, NIP_SITI)
        failures = await session.scalar(select(func.count(LinkAttempt.id)))

    assert someone.key == nobody.key == "link.phone_mismatch"
    assert someone.params == nobody.params == {}
    assert failures == 2


async def test_a_code_typed_wrong_is_refused_as_a_code_and_counted(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        await add_employee(session)
        await _consented(session, clock)
        before_nip = await _say(session, clock, "grsk tnhp0")
        await _say(session, clock, NIP_BUDI)
        outcome = await _say(session, clock, "grsk tnhp0")
        methods = (await session.scalars(select(LinkAttempt.method))).all()

    assert before_nip.key == "link.need_nip_first"
    assert outcome.key == "link.code_mistyped"
    assert methods == ["code"]
