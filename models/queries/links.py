"""Chat links and consents: who is talking to the bot, and what they agreed to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.audit import AuditEvent
from models.chat import ChatLink, Consent

CHANNEL_CONSENT = "telegram_channel"


async def chat_link(session: AsyncSession, *, telegram_user_id: int) -> ChatLink | None:
    return await session.scalar(
        select(ChatLink).where(ChatLink.telegram_user_id == telegram_user_id)
    )


async def record_consent(
    session: AsyncSession,
    *,
    telegram_user_id: int,
    language: str,
    text_version: str,
    now: datetime,
) -> ChatLink:
    """Record consent to the Telegram channel and open a (not yet verified) link."""
    link = await chat_link(session, telegram_user_id=telegram_user_id)
    if link is None:
        link = ChatLink(telegram_user_id=telegram_user_id, language=language, created_at=now)
        session.add(link)
    session.add(
        Consent(
            telegram_user_id=telegram_user_id,
            purpose=CHANNEL_CONSENT,
            text_version=text_version,
            granted_at=now,
        )
    )
    session.add(
        AuditEvent(
            at=now,
            actor_kind="user",
            actor_telegram_id=telegram_user_id,
            action="consent.granted",
            detail={"purpose": CHANNEL_CONSENT, "text_version": text_version},
        )
    )
    await session.flush()
    return link


async def has_consent(session: AsyncSession, *, telegram_user_id: int) -> bool:
    consent = await session.scalar(
        select(Consent.id)
        .where(
            Consent.telegram_user_id == telegram_user_id,
            Consent.purpose == CHANNEL_CONSENT,
            Consent.withdrawn_at.is_(None),
        )
        .limit(1)
    )
    return consent is not None
