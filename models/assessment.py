"""Competencies, their standards, and the assessment: programs, sessions,
participations and results."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Double,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.core.vocabulary import CompetencyKind, ParticipationStatus, SessionStatus
from models.base import Base, UTCDateTime, str_enum
from models.org import Employee, Position


class Competency(Base):
    """A competency from PermenPAN-RB 38/2017 (M.01-M.08, SK.01) or a technical one."""

    __tablename__ = "competencies"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    kind: Mapped[CompetencyKind] = mapped_column(str_enum(CompetencyKind))


class CompetencyStandard(Base):
    """The level a position requires for one competency (standar kompetensi jabatan)."""

    __tablename__ = "competency_standards"
    __table_args__ = (UniqueConstraint("position_id", "competency_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"))
    competency_code: Mapped[str] = mapped_column(ForeignKey("competencies.code"))
    required_level: Mapped[int] = mapped_column(Integer)

    position: Mapped[Position] = relationship()


class AssessmentProgram(Base):
    """One assessment round, e.g. "Penilaian Kompetensi ASN 2024"."""

    __tablename__ = "assessment_programs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(80))  # Assessment Center, CACT...
    # Category name -> minimum JPM percent, e.g. {"Optimal": 90, "Cukup Optimal": 78, ...}
    thresholds: Mapped[dict[str, Any]] = mapped_column(JSON)
    expected_release_on: Mapped[date | None] = mapped_column(Date)
    self_booking: Mapped[bool] = mapped_column(Boolean, default=False)
    booking_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    results_released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AssessmentSession(Base):
    """A sitting of a program at a place and time, with limited seats."""

    __tablename__ = "assessment_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("assessment_programs.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    report_by: Mapped[datetime | None] = mapped_column(UTCDateTime)
    venue_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    latitude: Mapped[float | None] = mapped_column(Double)
    longitude: Mapped[float | None] = mapped_column(Double)
    online_url: Mapped[str | None] = mapped_column(String(500))
    capacity: Mapped[int] = mapped_column(Integer)
    # Kept equal to the participations holding a seat, so a seat is taken with one
    # conditional UPDATE (seats_taken < capacity) that is atomic on every database.
    seats_taken: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    components: Mapped[str] = mapped_column(String(300), default="")
    what_to_bring: Mapped[str] = mapped_column(Text, default="")
    dress_code: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    # Comma-separated position types that may book this session ("" = everyone).
    open_to: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[SessionStatus] = mapped_column(
        str_enum(SessionStatus), default=SessionStatus.SCHEDULED
    )

    program: Mapped[AssessmentProgram] = relationship()


class Participation(Base):
    """An employee's place in a session and their answer to the invitation."""

    __tablename__ = "participations"
    __table_args__ = (UniqueConstraint("session_id", "employee_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("assessment_sessions.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    status: Mapped[ParticipationStatus] = mapped_column(
        str_enum(ParticipationStatus), default=ParticipationStatus.INVITED
    )
    reason: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the participant checked in at the venue (``/presensi``'s QR code).
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    session: Mapped[AssessmentSession] = relationship()
    employee: Mapped[Employee] = relationship()


class Result(Base):
    """An employee's assessment result; hidden until ``released_at`` is set."""

    __tablename__ = "results"
    __table_args__ = (UniqueConstraint("program_id", "employee_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("assessment_programs.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    assessed_on: Mapped[date] = mapped_column(Date)
    jpm: Mapped[Decimal] = mapped_column(Numeric(6, 2))  # raw percent, may exceed 100
    category: Mapped[str] = mapped_column(String(60))
    strengths: Mapped[str] = mapped_column(Text, default="")
    development_areas: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str] = mapped_column(Text, default="")
    potential_score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    talent_box: Mapped[int | None] = mapped_column(Integer)  # 1-9
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    program: Mapped[AssessmentProgram] = relationship()
    scores: Mapped[list[ResultScore]] = relationship(
        back_populates="result",
        cascade="all, delete-orphan",
        order_by="ResultScore.competency_code",
    )


class ResultScore(Base):
    """Required and achieved level for one competency in one result."""

    __tablename__ = "result_scores"
    __table_args__ = (UniqueConstraint("result_id", "competency_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("results.id", ondelete="CASCADE"))
    competency_code: Mapped[str] = mapped_column(ForeignKey("competencies.code"))
    required_level: Mapped[int] = mapped_column(Integer)
    achieved_level: Mapped[int] = mapped_column(Integer)

    result: Mapped[Result] = relationship(back_populates="scores")
