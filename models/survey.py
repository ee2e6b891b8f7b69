"""Surveys after a service (``bot/core/survey.py``): the answers without a name, and
the invitation that links a person to them only while the period is open."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.vocabulary import SurveyKind, SurveyStatus
from models.base import Base, UTCDateTime, str_enum


class SurveyResponse(Base):
    """One respondent's answers to one survey, with nothing that names them: the
    period (a year) and the session it was about, for the reports."""

    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey: Mapped[SurveyKind] = mapped_column(str_enum(SurveyKind), index=True)
    period: Mapped[str] = mapped_column(String(10), index=True)
    subject_id: Mapped[int] = mapped_column(Integer)  # the assessment session's id
    comment: Mapped[str | None] = mapped_column(Text)
    # Set when every question is answered and the comment given or skipped; only
    # complete responses are counted.
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SurveyAnswer(Base):
    """One answer (1-4) to one question (0-based) of a response."""

    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("response_id", "question"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("survey_responses.id", ondelete="CASCADE"))
    question: Mapped[int] = mapped_column(Integer)
    value: Mapped[int] = mapped_column(Integer)


class SurveyInvitation(Base):
    """A person's place in a survey about one session: where they are (the next
    question), so nobody answers twice. Deleted when the period closes
    (``models.queries.surveys.close_periods``): only then are answers anonymous for good."""

    __tablename__ = "survey_invitations"
    __table_args__ = (UniqueConstraint("survey", "subject_id", "employee_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey: Mapped[SurveyKind] = mapped_column(str_enum(SurveyKind))
    subject_id: Mapped[int] = mapped_column(Integer)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    period: Mapped[str] = mapped_column(String(10), index=True)
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="SET NULL")
    )
    status: Mapped[SurveyStatus] = mapped_column(
        str_enum(SurveyStatus), default=SurveyStatus.ANSWERING
    )
    next_question: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
