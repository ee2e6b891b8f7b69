"""The second factor of linking: the user's own phone (a shared contact) or an
activation code, checked against the NIP typed, under the attempt limit.

A NIP is public, so only a verified second factor links; a missing NIP and a wrong
phone get the same answer. Failures are counted per Telegram user and per NIP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.attempts import AttemptLimit, nip_digest
from bot.core.nip import mask_nip
from bot.core.phone import same_phone
from bot.core.steps import LINK_NIP
from bot.core.vocabulary import VerificationMethod
from models.chat import ChatLink
from models.org import Employee
from models.queries import steps
from models.queries.audit import audit
from models.queries.links import (
    code_by_hash,
    employee_by_nip,
    link_employee,
    link_of_employee,
    recent_failures,
    record_failure,
)


@dataclass(frozen=True)
class Outcome:
    """What to tell the user: a catalogue key, its parameters, and what happened."""

    key: str
    params: dict[str, object] = field(default_factory=dict)
    linked: Employee | None = None
    locked_until: datetime | None = None


async def verify_contact(
    session: AsyncSession,
    *,
    link: ChatLink,
    contact_user_id: int | None,
    phone: str,
    now: datetime,
    limit: AttemptLimit,
    hash_key: bytes,
) -> Outcome:
    """Link when the shared contact is the user's own and its phone is on record."""
    check = await _check(session, link, VerificationMethod.CONTACT, now, limit, hash_key)
    if isinstance(check, Outcome):
        return check
    if contact_user_id != link.telegram_user_id:
        return await _fail(session, check, Outcome("link.not_own_contact"))
    employee = await employee_by_nip(session, nip=check.nip)
    if employee is None or not employee.active or not same_phone(employee.phone, phone):
        return await _fail(session, check, Outcome("link.phone_mismatch"))
    return await _link(session, link=link, employee=employee, method=check.method, now=now)


async def verify_code(
    session: AsyncSession,
    *,
    link: ChatLink,
    code_hash: str,
    now: datetime,
    limit: AttemptLimit,
    hash_key: bytes,
) -> Outcome:
    """Link when the activation code (by its hash) belongs to the NIP given and is valid."""
    check = await _check(session, link, VerificationMethod.CODE, now, limit, hash_key)
    if isinstance(check, Outcome):
        return check
    code = await code_by_hash(session, code_hash=code_hash)
    employee = await employee_by_nip(session, nip=check.nip)
    if code is None or employee is None or code.employee_id != employee.id or not employee.active:
        return await _fail(session, check, Outcome("link.code_mismatch"))
    if code.used_at is not None:
        return await _fail(session, check, Outcome("link.code_used"))
    if code.expires_at <= now:
        return await _fail(
            session, check, Outcome("link.code_expired", {"expired_at": code.expires_at})
        )
    outcome = await _link(session, link=link, employee=employee, method=check.method, now=now)
    if outcome.linked is not None:
        code.used_at = now
    return outcome


async def refuse_mistyped_code(
    session: AsyncSession, *, link: ChatLink, now: datetime, limit: AttemptLimit, hash_key: bytes
) -> Outcome:
    """A code typed wrong (``bot.core.codes.looks_like_mistyped_code``): no code is
    spelled so, so it fails like a wrong code, and counts like one; the answer says
    what a code looks like. It depends on the spelling only, never on the NIP."""
    check = await _check(session, link, VerificationMethod.CODE, now, limit, hash_key)
    if isinstance(check, Outcome):
        return check
    return await _fail(session, check, Outcome("link.code_mistyped"))


async def _check(
    session: AsyncSession,
    link: ChatLink,
    method: VerificationMethod,
    now: datetime,
    limit: AttemptLimit,
    hash_key: bytes,
) -> _Check | Outcome:
    """The try about to be made, or what to say instead (no NIP yet, or locked)."""
    nip = await _typed_nip(session, link, now)
    if isinstance(nip, Outcome):
        return nip
    check = _Check(link=link, nip=nip, method=method, now=now, limit=limit, hash_key=hash_key)
    blocked = await _locked(session, check)
    return blocked or check


@dataclass(frozen=True)
class _Check:
    """One try of a second factor, as the attempt limit sees it."""

    link: ChatLink
    nip: str  # the NIP typed, not yet verified
    method: VerificationMethod
    now: datetime
    limit: AttemptLimit
    hash_key: bytes

    @property
    def nip_hash(self) -> str:
        return nip_digest(self.nip, key=self.hash_key)


async def _typed_nip(session: AsyncSession, link: ChatLink, now: datetime) -> str | Outcome:
    """The NIP this second factor is for; else what to say (none typed, or too long ago:
    then it is forgotten)."""
    typed = await steps.peek(
        session, telegram_user_id=link.telegram_user_id, step=LINK_NIP, now=now
    )
    if typed is None:
        return Outcome("link.need_nip_first")
    if typed.expired:
        await steps.forget(session, telegram_user_id=link.telegram_user_id, steps=[LINK_NIP])
        return Outcome("link.nip_expired")
    return str(typed.payload["nip"])


async def _locked(session: AsyncSession, check: _Check) -> Outcome | None:
    """Why this try may not be made now, if it may not."""
    failures = await recent_failures(
        session,
        telegram_user_id=check.link.telegram_user_id,
        nip_hash=check.nip_hash,
        since=check.now - check.limit.window,
    )
    # A code is typed, so it can be guessed; a contact Telegram vouches for cannot.
    guessable = check.method is VerificationMethod.CODE
    until = check.limit.lock(check.method, failures, guessable=guessable, now=check.now)
    if until is None:
        return None
    refusal = "link.locked" if guessable else "link.locked_contact"
    return Outcome(refusal, {"until": until}, locked_until=until)


async def _fail(session: AsyncSession, check: _Check, outcome: Outcome) -> Outcome:
    """Count a failed second factor against the user and the NIP, then say why."""
    await record_failure(
        session,
        telegram_user_id=check.link.telegram_user_id,
        nip_hash=check.nip_hash,
        method=check.method.value,
        now=check.now,
    )
    return outcome


async def _link(
    session: AsyncSession,
    *,
    link: ChatLink,
    employee: Employee,
    method: VerificationMethod,
    now: datetime,
) -> Outcome:
    """Verified: link, unless this employee is already linked to another account."""
    existing = await link_of_employee(session, employee_id=employee.id)
    if existing is not None and existing.telegram_user_id != link.telegram_user_id:
        await audit(
            session,
            now=now,
            action="link.refused_taken",
            actor_kind="user",
            actor_telegram_id=link.telegram_user_id,
            employee_id=employee.id,
        )
        await steps.forget(session, telegram_user_id=link.telegram_user_id, steps=[LINK_NIP])
        return Outcome("link.already_linked_elsewhere")
    await link_employee(session, link=link, employee=employee, method=method, now=now)
    return Outcome(
        "link.success",
        {"name": employee.name, "masked": mask_nip(employee.nip), "unit": employee.unit.name},
        linked=employee,
    )
