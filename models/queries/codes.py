"""Issuing activation codes: one live code per employee, stored hashed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.core.codes import hash_code
from bot.core.coverage import top_level
from models.chat import ActivationCode
from models.org import Employee, Unit


async def employees_for_codes(
    session: AsyncSession, *, unit_code: str | None = None
) -> Sequence[Employee]:
    """Active employees, of one unit and the units under it when a code is given."""
    query = (
        select(Employee)
        .where(Employee.active.is_(True))
        .options(selectinload(Employee.unit))
        .order_by(Employee.unit_id, Employee.name)
    )
    if unit_code is not None:
        unit_ids = await _unit_and_descendants(session, unit_code=unit_code)
        query = query.where(Employee.unit_id.in_(unit_ids))
    return (await session.scalars(query)).all()


async def opd_codes(session: AsyncSession) -> dict[int, str]:
    """Each unit's OPD code (its top-level ancestor's), by unit id."""
    rows = (await session.execute(select(Unit.id, Unit.parent_id, Unit.code))).all()
    codes = {row.id: row.code for row in rows}
    tops = top_level({row.id: row.parent_id for row in rows})
    return {unit: codes[top] for unit, top in tops.items()}


async def _unit_and_descendants(session: AsyncSession, *, unit_code: str) -> list[int]:
    rows = (await session.execute(select(Unit.id, Unit.code, Unit.parent_id))).all()
    ids = {row.id for row in rows if row.code == unit_code}
    grew = True
    while grew:
        more = {row.id for row in rows if row.parent_id in ids} - ids
        ids |= more
        grew = bool(more)
    return sorted(ids)


async def issue_codes(
    session: AsyncSession,
    *,
    codes: Mapping[int, str],
    now: datetime,
    valid_for: timedelta,
) -> None:
    """Store ``codes`` (employee id to plain code) hashed; the employees' earlier
    unused codes stop working now."""
    ids = list(codes)
    for start in range(0, len(ids), 1000):
        await session.execute(
            update(ActivationCode)
            .where(
                ActivationCode.employee_id.in_(ids[start : start + 1000]),
                ActivationCode.used_at.is_(None),
                ActivationCode.expires_at > now,
            )
            .values(expires_at=now)
        )
    session.add_all(
        ActivationCode(
            employee_id=employee_id,
            code_hash=hash_code(code),
            issued_at=now,
            expires_at=now + valid_for,
        )
        for employee_id, code in codes.items()
    )
    await session.flush()
