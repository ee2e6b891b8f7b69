"""Writing and reading the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.audit import AuditEvent


async def audit(
    session: AsyncSession,
    *,
    now: datetime,
    action: str,
    actor_kind: str,
    actor_telegram_id: int | None = None,
    employee_id: int | None = None,
    **detail: object,
) -> None:
    """Record one auditable action. ``detail`` must never hold a NIP or a phone number."""
    session.add(
        AuditEvent(
            at=now,
            actor_kind=actor_kind,
            actor_telegram_id=actor_telegram_id,
            action=action,
            employee_id=employee_id,
            detail=detail,
        )
    )
    await session.flush()


async def recent_events(session: AsyncSession, *, limit: int = 20) -> Sequence[AuditEvent]:
    rows = await session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit))
    return rows.all()
