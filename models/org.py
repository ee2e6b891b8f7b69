"""Who the employees are: organisation units, positions, employees."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.core.vocabulary import EmployeeStatus, PositionType
from models.base import Base, UTCDateTime, str_enum


class Unit(Base):
    """An organisation unit: an OPD (perangkat daerah) or a part of one."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))  # dinas, badan, kecamatan, puskesmas...
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))

    parent: Mapped[Unit | None] = relationship(remote_side=[id])


class Position(Base):
    """A jabatan: its type decides the default competency standard."""

    __tablename__ = "positions"
    __table_args__ = (UniqueConstraint("name", "position_type", "grade"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    position_type: Mapped[PositionType] = mapped_column(str_enum(PositionType))
    grade: Mapped[str] = mapped_column(String(60), default="")  # jenjang, e.g. "Ahli Muda"


class Employee(Base):
    """An ASN as BKPSDM's records know them. The NIP is public, never a secret."""

    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    status: Mapped[EmployeeStatus] = mapped_column(str_enum(EmployeeStatus))
    name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    position_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(20))  # normalised +62...
    email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[Unit] = relationship()
    position: Mapped[Position | None] = relationship()
