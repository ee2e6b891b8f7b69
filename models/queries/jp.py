"""The JP (training hours) ledger: what one employee earned in a year.

Only ``jp_entries`` count: a course adds its line when it is marked completed,
so a registration alone earns nothing yet.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import extract, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.vocabulary import EnrollmentStatus
from models.gapura import Course, Enrollment, JpEntry


async def jp_earned(session: AsyncSession, *, employee_id: int, year: int) -> Decimal:
    """The sum of my ledger lines for ``year``."""
    total = await session.scalar(
        select(func.sum(JpEntry.jp)).where(JpEntry.employee_id == employee_id, JpEntry.year == year)
    )
    return Decimal(str(total or 0))


async def jp_pending(session: AsyncSession, *, employee_id: int, year: int) -> Decimal:
    """JP of courses I am registered on that end in ``year`` (they count once completed)."""
    total = await session.scalar(
        select(func.sum(Course.jp))
        .join(Enrollment, Enrollment.course_id == Course.id)
        .where(
            Enrollment.employee_id == employee_id,
            Enrollment.status == EnrollmentStatus.REGISTERED,
            extract("year", Course.ends_on) == year,
        )
    )
    return Decimal(str(total or 0))
