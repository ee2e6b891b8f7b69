"""The shared sending pace: one row per pace (the whole bot, each chat), see bot/flood.py."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class SendPace(Base):
    """When the next message of this pace is due (``bot.core.pace``: GCRA's ``next``).

    ``next_at`` is microseconds since the epoch: an integer compares exactly on every
    database, and the conditional updates of several instances meet on it.
    """

    __tablename__ = "send_pace"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    next_at: Mapped[int] = mapped_column(BigInteger)
