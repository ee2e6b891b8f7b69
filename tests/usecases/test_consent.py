"""Consent given, declined, or typed (bot.usecases.consent), against a real database:
what is recorded, and that a decline records nothing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from bot.core.steps import LANGUAGE, LINK_CODE
from bot.usecases.consent import answer_typed, ask_consent, decline_consent, give_consent
from models import AuditEvent, ChatLink, Consent
from models.chat import ConversationStep
from models.queries import steps

USER = 7101


async def _rows(session: AsyncSession) -> dict[str, list[object]]:
    return {
        "links": list((await session.scalars(select(ChatLink.telegram_user_id))).all()),
        "consents": list((await session.scalars(select(Consent.telegram_user_id))).all()),
        "audit": list((await session.scalars(select(AuditEvent.action))).all()),
        "steps": list((await session.scalars(select(ConversationStep.name))).all()),
    }


async def test_a_decline_records_nothing_and_forgets_what_was_held(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        now = clock.now()
        await steps.put(
            session, telegram_user_id=USER, step=LANGUAGE, payload={"language": "en"}, now=now
        )
        await steps.put(
            session, telegram_user_id=USER, step=LINK_CODE, payload={"code_hash": "x"}, now=now
        )
        await ask_consent(session, telegram_user_id=USER, now=now)
        outcome = await decline_consent(session, telegram_user_id=USER, now=now)
        rows = await _rows(session)

    assert outcome.key == "start.declined"
    assert rows == {"links": [], "consents": [], "audit": [], "steps": []}


async def test_a_decline_after_consent_changes_nothing(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        await give_consent(session, telegram_user_id=USER, language="id", now=clock.now())
        outcome = await decline_consent(session, telegram_user_id=USER, now=clock.now())
        rows = await _rows(session)

    assert outcome.key == "start.decline_after_consent"
    assert rows["consents"] == [USER] and rows["links"] == [USER]


async def test_a_typed_yes_to_the_open_question_records_the_consent(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        await ask_consent(session, telegram_user_id=USER, now=clock.now())
        noise = await answer_typed(
            session, telegram_user_id=USER, text="halo", language="id", now=clock.now()
        )
        outcome = await answer_typed(
            session, telegram_user_id=USER, text="oke pak", language="id", now=clock.now()
        )
        rows = await _rows(session)

    assert noise is None
    assert outcome is not None and outcome.key == "start.consent_recorded"
    assert rows == {"links": [USER], "consents": [USER], "audit": ["consent.granted"], "steps": []}


async def test_a_typed_yes_without_the_open_question_is_no_answer(
    db: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with db.begin() as session:
        outcome = await answer_typed(
            session, telegram_user_id=USER, text="setuju", language="id", now=clock.now()
        )
        rows = await _rows(session)

    assert outcome is None
    assert rows["consents"] == []
