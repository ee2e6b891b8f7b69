"""Gapura: competency-development courses, enrollments and the JP ledger."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.core.vocabulary import CourseMode, CourseStatus, EnrollmentStatus
from models.base import Base, UTCDateTime, str_enum


class Course(Base):
    """A Gapura offering: a course, bimtek, workshop, e-learning..."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    jp: Mapped[Decimal] = mapped_column(Numeric(5, 1))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    mode: Mapped[CourseMode] = mapped_column(str_enum(CourseMode))
    venue: Mapped[str] = mapped_column(String(300), default="")
    online_url: Mapped[str | None] = mapped_column(String(500))
    provider: Mapped[str] = mapped_column(String(120))
    quota: Mapped[int] = mapped_column(Integer)
    # Registered (and offered) enrollments; taken with one conditional UPDATE.
    seats_taken: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    registration_opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Audience as comma-separated values ("" = everyone).
    audience_position_types: Mapped[str] = mapped_column(String(120), default="")
    audience_statuses: Mapped[str] = mapped_column(String(20), default="")
    audience_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    prerequisites: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[CourseStatus] = mapped_column(str_enum(CourseStatus), default=CourseStatus.OPEN)

    competencies: Mapped[list[CourseCompetency]] = relationship(
        back_populates="course", cascade="all, delete-orphan"
    )


class CourseCompetency(Base):
    """A competency a course develops, optionally up to a level."""

    __tablename__ = "course_competencies"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    competency_code: Mapped[str] = mapped_column(ForeignKey("competencies.code"), primary_key=True)
    target_level: Mapped[int | None] = mapped_column(Integer)

    course: Mapped[Course] = relationship(back_populates="competencies")


class Enrollment(Base):
    """An employee's place on a course, or in its waitlist."""

    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("course_id", "employee_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    status: Mapped[EnrollmentStatus] = mapped_column(str_enum(EnrollmentStatus))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    offered_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    course: Mapped[Course] = relationship()


class JpEntry(Base):
    """One line of an employee's JP (training hours) ledger."""

    __tablename__ = "jp_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    jp: Mapped[Decimal] = mapped_column(Numeric(5, 1))
    source: Mapped[str] = mapped_column(String(40))  # course, import, manual
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"))
    description: Mapped[str] = mapped_column(String(200), default="")
    recorded_on: Mapped[date] = mapped_column(Date)
