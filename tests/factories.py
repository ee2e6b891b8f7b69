"""Small builders for rows tests need; each returns what it wrote."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.codes import hash_code
from models import (
    ActivationCode,
    AssessmentProgram,
    Employee,
    EmployeeStatus,
    Position,
    PositionType,
    Result,
    ResultScore,
    Unit,
)

NIP_BUDI = "198609262015051001"
NIP_SITI = "199001012015052002"


async def add_unit(session: AsyncSession, code: str = "OPD-BKPSDM", name: str = "BKPSDM") -> Unit:
    unit = await session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        unit = Unit(code=code, name=name, kind="badan")
        session.add(unit)
        await session.flush()
    return unit


async def add_employee(
    session: AsyncSession,
    *,
    nip: str = NIP_BUDI,
    name: str = "Budi Santoso",
    phone: str | None = "+6281234567890",
    position_type: PositionType = PositionType.ADMINISTRATOR,
    unit_code: str = "OPD-BKPSDM",
) -> Employee:
    unit = await add_unit(session, unit_code)
    position = Position(name=f"Kepala Bagian {name}", position_type=position_type, grade="")
    session.add(position)
    await session.flush()
    employee = Employee(
        nip=nip, status=EmployeeStatus.PNS, name=name, unit_id=unit.id,
        position_id=position.id, phone=phone, active=True,
    )
    session.add(employee)
    await session.flush()
    return employee


async def add_code(
    session: AsyncSession, *, employee: Employee, code: str, now: datetime,
    valid_for: timedelta = timedelta(days=30),
) -> ActivationCode:
    row = ActivationCode(employee_id=employee.id, code_hash=hash_code(code), issued_at=now,
                         expires_at=now + valid_for)
    session.add(row)
    await session.flush()
    return row


async def add_released_result(
    session: AsyncSession, *, employee: Employee, now: datetime,
    achieved: tuple[int, ...] = (3, 3, 2, 3, 3, 2, 3, 3, 2),
) -> Result:
    """domain.md's worked example: standard 3 for nine competencies, JPM 88.9%."""
    program = AssessmentProgram(
        code="PK-2024", name="Penilaian Kompetensi ASN 2024", year=2024,
        method="Assessment Center",
        thresholds={"Optimal": 90, "Cukup Optimal": 78, "Kurang Optimal": 0},
        results_released_at=now,
    )
    session.add(program)
    await session.flush()
    codes = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")
    result = Result(
        program_id=program.id, employee_id=employee.id, assessed_on=date(2024, 8, 6),
        jpm=Decimal("88.89"), category="Cukup Optimal", released_at=now,
        scores=[ResultScore(competency_code=code, required_level=3, achieved_level=level)
                for code, level in zip(codes, achieved, strict=True)],
    )
    session.add(result)
    await session.flush()
    return result
