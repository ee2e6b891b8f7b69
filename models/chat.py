"""The Telegram side: chat links, consents, activation codes, admins."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.core.vocabulary import LinkStatus, VerificationMethod
from models.base import Base, UTCDateTime, str_enum
from models.org import Employee


class ChatLink(Base):
    """One Telegram user; linked to at most one employee, and an employee to one user."""

    __tablename__ = "chat_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"), unique=True)
    status: Mapped[LinkStatus] = mapped_column(str_enum(LinkStatus), default=LinkStatus.PENDING)
    verification_method: Mapped[VerificationMethod | None] = mapped_column(
        str_enum(VerificationMethod)
    )
    language: Mapped[str] = mapped_column(String(5), default="id")
    notification_prefs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    linked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # While linking, the NIP typed and a code from a deep link are conversation steps.

    employee: Mapped[Employee | None] = relationship()


class ConversationStep(Base):
    """A step a Telegram user is in the middle of (``bot/core/steps.py``): one row per
    user and kind, so the answer may reach any instance, or one restarted since."""

    __tablename__ = "conversation_steps"
    __table_args__ = (UniqueConstraint("telegram_user_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Consent(Base):
    """An explicit consent for a purpose, kept after withdrawal as evidence."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    purpose: Mapped[str] = mapped_column(String(40))  # e.g. "telegram_channel"
    text_version: Mapped[str] = mapped_column(String(20))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ActivationCode(Base):
    """A single-use code an admin hands out; only its hash is stored."""

    __tablename__ = "activation_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(128), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LinkAttempt(Base):
    """A failed verification, counted for the limit (``bot/core/attempts.py``).

    The NIP is kept as its HMAC under the server's key (``nip_digest``): the table
    answers "how often was this NIP tried", never "which NIPs were tried", even to
    someone who can enumerate NIPs.
    """

    __tablename__ = "link_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    nip_hash: Mapped[str] = mapped_column(String(64), index=True)
    method: Mapped[str] = mapped_column(String(20))


class Admin(Base):
    """A BKPSDM staff member granted admin rights (besides ASNBOT_ADMIN_IDS)."""

    __tablename__ = "admins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str] = mapped_column(String(100))
