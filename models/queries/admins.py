"""Admins granted in the database (besides ASNBOT_ADMIN_IDS in the settings)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.chat import Admin
from models.queries.audit import audit


async def is_granted_admin(session: AsyncSession, *, telegram_user_id: int) -> bool:
    found = await session.scalar(select(Admin.id).where(Admin.telegram_user_id == telegram_user_id))
    return found is not None


async def granted_admin_ids(session: AsyncSession) -> set[int]:
    """The Telegram ids of every admin granted in the database."""
    return set((await session.scalars(select(Admin.telegram_user_id))).all())


async def grant_admin(
    session: AsyncSession, *, telegram_user_id: int, added_by: str, now: datetime
) -> bool:
    """Grant admin rights; False when they were already granted."""
    if await is_granted_admin(session, telegram_user_id=telegram_user_id):
        return False
    session.add(Admin(telegram_user_id=telegram_user_id, added_at=now, added_by=added_by))
    await audit(
        session,
        now=now,
        action="admin.granted",
        actor_kind="cli",
        granted_to=telegram_user_id,
        added_by=added_by,
    )
    return True
