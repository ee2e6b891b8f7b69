"""Admin-side reads that belong to no other area: audit pages and the admin list."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.audit import AuditEvent
from models.chat import Admin
from models.org import Employee


async def audit_page(
    session: AsyncSession, *, offset: int = 0, limit: int = 15
) -> tuple[Sequence[AuditEvent], int]:
    """The newest audit events from ``offset`` on, and how many there are in all."""
    total = int(await session.scalar(select(func.count(AuditEvent.id))) or 0)
    rows = await session.scalars(
        select(AuditEvent).order_by(AuditEvent.id.desc()).offset(offset).limit(limit)
    )
    return rows.all(), total


async def granted_admin_ids(session: AsyncSession) -> list[int]:
    rows = await session.scalars(select(Admin.telegram_user_id).order_by(Admin.id))
    return list(rows.all())


async def employee_names(session: AsyncSession, *, ids: set[int]) -> dict[int, str]:
    """The names of these employees, by id (for the audit log: names, never a NIP)."""
    if not ids:
        return {}
    rows = await session.execute(select(Employee.id, Employee.name).where(Employee.id.in_(ids)))
    return {employee_id: name for employee_id, name in rows}
