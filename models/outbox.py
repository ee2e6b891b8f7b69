"""The notification outbox, broadcasts with per-recipient deliveries, holidays, and
messages the bot will delete."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import false

from bot.core.vocabulary import BroadcastStatus, DeliveryStatus, NotificationStatus
from models.base import Base, UTCDateTime, str_enum


class Notification(Base):
    """A message planned for one employee; the dispatcher job drains these.

    ``key`` (recipient, subject, kind) is unique so planning twice never doubles.
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_status_due_at", "status", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(190), unique=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stale_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[NotificationStatus] = mapped_column(
        str_enum(NotificationStatus), default=NotificationStatus.PENDING
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    broadcast_id: Mapped[int | None] = mapped_column(ForeignKey("broadcasts.id"), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))


class Broadcast(Base):
    """An admin announcement to an audience."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    attachment_file_id: Mapped[str | None] = mapped_column(String(200))
    attachment_kind: Mapped[str | None] = mapped_column(String(20))
    audience: Mapped[dict[str, Any]] = mapped_column(JSON)
    ask_ack: Mapped[bool] = mapped_column(Boolean, default=False)
    # The admin chose "send now": its notices go past quiet hours and days off, on
    # every instance (the dispatcher reads this row).
    send_now: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    status: Mapped[BroadcastStatus] = mapped_column(
        str_enum(BroadcastStatus), default=BroadcastStatus.DRAFT
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The admin's live progress message (bot/notices/progress.py): which one, the words it
    # shows and when it was last sent or edited, so any instance edits that one.
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_text: Mapped[str | None] = mapped_column(Text)
    progress_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class BroadcastDelivery(Base):
    """One recipient of a broadcast: delivered, blocked or failed, and read."""

    __tablename__ = "broadcast_deliveries"
    __table_args__ = (UniqueConstraint("broadcast_id", "employee_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    status: Mapped[DeliveryStatus] = mapped_column(
        str_enum(DeliveryStatus), default=DeliveryStatus.PENDING
    )
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Holiday(Base):
    """A national holiday or cuti bersama: non-urgent notices wait for a working day."""

    __tablename__ = "holidays"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))


class ScheduledDeletion(Base):
    """A revealed result's message (summary, chart, recommendations) the bot deletes:
    at ``due_at`` when ``ASNBOT_RESULTS_AUTODELETE_MINUTES`` is set, and at once when
    the person leaves (/putus, /lepas, /hapus). Kept here so a restart loses none."""

    __tablename__ = "scheduled_deletions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    message_id: Mapped[int] = mapped_column(BigInteger)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # None: no time set; deleted only when the person leaves, and forgotten once
    # Telegram no longer lets a bot delete it (48 hours).
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
