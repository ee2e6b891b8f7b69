"""Check-in at the venue: the QR codes an admin makes for a session (``/presensi``).

A code's ``payload`` is the deep-link parameter (``/start <payload>``): random, bound
to one session, valid until ``expires_at``. The admin's live count ("Hadir 35 dari
40") is one message, kept on the row (its id, its words and the time of its last
change) so that every instance edits that one message, after a conditional update
that gives the turn to one of them (as an announcement's progress message).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.assessment import AssessmentSession
from models.base import Base, UTCDateTime


class CheckinCode(Base):
    """A session's check-in link, made by an admin."""

    __tablename__ = "checkin_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payload: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("assessment_sessions.id"), index=True)
    created_by: Mapped[int] = mapped_column(BigInteger)  # the admin's Telegram id (and chat)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    board_message_id: Mapped[int | None] = mapped_column(BigInteger)
    board_text: Mapped[str | None] = mapped_column(Text)
    board_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    session: Mapped[AssessmentSession] = relationship()
