"""Chat links, consents, activation codes and failed attempts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from bot.core.attempts import Failure
from bot.core.steps import LINKING
from bot.core.vocabulary import LinkStatus, VerificationMethod
from models.chat import ActivationCode, ChatLink, Consent, LinkAttempt
from models.org import Employee
from models.queries import steps
from models.queries.audit import audit
from models.queries.seats import rowcount

CHANNEL_CONSENT = "telegram_channel"


# This runs at the start of nearly every update: one statement, built once (a statement
# built anew for each call costs more than the lookup itself).
_CHAT_LINK = (
    select(ChatLink)
    .where(ChatLink.telegram_user_id == bindparam("telegram_user_id"))
    .options(
        joinedload(ChatLink.employee).joinedload(Employee.unit),
        joinedload(ChatLink.employee).joinedload(Employee.position),
    )
)


async def chat_link(session: AsyncSession, *, telegram_user_id: int) -> ChatLink | None:
    found: ChatLink | None = await session.scalar(
        _CHAT_LINK, {"telegram_user_id": telegram_user_id}
    )
    return found


async def link_of_employee(session: AsyncSession, *, employee_id: int) -> ChatLink | None:
    found: ChatLink | None = await session.scalar(
        select(ChatLink).where(ChatLink.employee_id == employee_id)
    )
    return found


async def employee_by_nip(session: AsyncSession, *, nip: str) -> Employee | None:
    found: Employee | None = await session.scalar(
        select(Employee)
        .where(Employee.nip == nip)
        .options(selectinload(Employee.unit), selectinload(Employee.position))
    )
    return found


async def record_consent(
    session: AsyncSession,
    *,
    telegram_user_id: int,
    language: str,
    text_version: str,
    now: datetime,
) -> ChatLink:
    """Record consent to the Telegram channel and open a (not yet verified) link."""
    link = await chat_link(session, telegram_user_id=telegram_user_id)
    if link is None:
        link = ChatLink(
            telegram_user_id=telegram_user_id,
            language=language,
            created_at=now,
            notification_prefs={},
        )
        session.add(link)
    session.add(
        Consent(
            telegram_user_id=telegram_user_id,
            purpose=CHANNEL_CONSENT,
            text_version=text_version,
            granted_at=now,
        )
    )
    await audit(
        session,
        now=now,
        action="consent.granted",
        actor_kind="user",
        actor_telegram_id=telegram_user_id,
        purpose=CHANNEL_CONSENT,
        text_version=text_version,
    )
    return link


async def active_consent(session: AsyncSession, *, telegram_user_id: int) -> Consent | None:
    found: Consent | None = await session.scalar(
        select(Consent)
        .where(
            Consent.telegram_user_id == telegram_user_id,
            Consent.purpose == CHANNEL_CONSENT,
            Consent.withdrawn_at.is_(None),
        )
        .order_by(Consent.granted_at.desc())
        .limit(1)
    )
    return found


async def has_consent(session: AsyncSession, *, telegram_user_id: int) -> bool:
    return await active_consent(session, telegram_user_id=telegram_user_id) is not None


async def record_failure(
    session: AsyncSession, *, telegram_user_id: int, nip_hash: str, method: str, now: datetime
) -> None:
    """Count a failed verification; ``nip_hash`` is the NIP's keyed digest, never the NIP."""
    session.add(
        LinkAttempt(at=now, telegram_user_id=telegram_user_id, nip_hash=nip_hash, method=method)
    )
    await audit(
        session,
        now=now,
        action="link.failed",
        actor_kind="user",
        actor_telegram_id=telegram_user_id,
        method=method,
    )


async def forget_failures(session: AsyncSession, *, before: datetime) -> int:
    """Delete failed attempts older than ``before``: past the limit's window they only
    say who tried which NIP. Returns how many went."""
    result = await session.execute(delete(LinkAttempt).where(LinkAttempt.at < before))
    return rowcount(result)


async def recent_failures(
    session: AsyncSession, *, telegram_user_id: int, nip_hash: str, since: datetime
) -> list[Failure]:
    """Failures since ``since`` by this Telegram user or on this NIP (by its keyed digest)."""
    attempts = select(
        LinkAttempt.id,
        LinkAttempt.at,
        LinkAttempt.method,
        LinkAttempt.telegram_user_id,
        LinkAttempt.nip_hash,
    )
    # Two lookups, each by its own index, rather than one OR that a planner may scan for.
    by_user = await session.execute(
        attempts.where(LinkAttempt.telegram_user_id == telegram_user_id, LinkAttempt.at >= since)
    )
    on_nip = await session.execute(
        attempts.where(LinkAttempt.nip_hash == nip_hash, LinkAttempt.at >= since)
    )
    rows = {row.id: row for row in [*by_user.all(), *on_nip.all()]}
    return [
        Failure(
            at=row.at,
            method=row.method,
            by_account=row.telegram_user_id == telegram_user_id,
            on_nip=row.nip_hash == nip_hash,
        )
        for row in rows.values()
    ]


async def code_by_hash(session: AsyncSession, *, code_hash: str) -> ActivationCode | None:
    found: ActivationCode | None = await session.scalar(
        select(ActivationCode).where(ActivationCode.code_hash == code_hash)
    )
    return found


async def link_employee(
    session: AsyncSession,
    *,
    link: ChatLink,
    employee: Employee,
    method: VerificationMethod,
    now: datetime,
) -> None:
    _point(link, employee, method=method, linked_at=now)
    await steps.forget(session, telegram_user_id=link.telegram_user_id, steps=LINKING)
    await audit(
        session,
        now=now,
        action="link.created",
        actor_kind="user",
        actor_telegram_id=link.telegram_user_id,
        employee_id=employee.id,
        method=method.value,
    )


async def unlink(
    session: AsyncSession, *, link: ChatLink, now: datetime, actor_kind: str, actor_telegram_id: int
) -> None:
    """Detach the employee from this Telegram account; consent stays as it is."""
    employee_id = link.employee_id
    _point(link, None, method=None, linked_at=None)
    await steps.forget(session, telegram_user_id=link.telegram_user_id, steps=LINKING)
    await audit(
        session,
        now=now,
        action="link.removed",
        actor_kind=actor_kind,
        actor_telegram_id=actor_telegram_id,
        employee_id=employee_id,
    )


def _point(
    link: ChatLink,
    employee: Employee | None,
    *,
    method: VerificationMethod | None,
    linked_at: datetime | None,
) -> None:
    """Link to ``employee`` (active), or to no one (pending)."""
    link.employee_id = employee.id if employee is not None else None
    link.employee = employee
    link.status = LinkStatus.ACTIVE if employee is not None else LinkStatus.PENDING
    link.verification_method = method
    link.linked_at = linked_at


async def withdraw_consent(session: AsyncSession, *, telegram_user_id: int, now: datetime) -> None:
    """Withdraw consent at once: the consent is marked; the link and every conversation
    step (half-typed input, chosen language, drafts) are deleted."""
    link = await chat_link(session, telegram_user_id=telegram_user_id)
    employee_id = link.employee_id if link else None
    await session.execute(
        update(Consent)
        .where(Consent.telegram_user_id == telegram_user_id, Consent.withdrawn_at.is_(None))
        .values(withdrawn_at=now)
    )
    await session.execute(delete(ChatLink).where(ChatLink.telegram_user_id == telegram_user_id))
    await steps.forget(session, telegram_user_id=telegram_user_id)
    await audit(
        session,
        now=now,
        action="consent.withdrawn",
        actor_kind="user",
        actor_telegram_id=telegram_user_id,
        employee_id=employee_id,
        purpose=CHANNEL_CONSENT,
    )


async def consents_of(session: AsyncSession, *, telegram_user_id: int) -> Sequence[Consent]:
    rows = await session.scalars(
        select(Consent).where(Consent.telegram_user_id == telegram_user_id).order_by(Consent.id)
    )
    return rows.all()
