"""Linking a Telegram account to an employee: NIP first, then a second factor.

A NIP is public, so it only says who the user claims to be; the link is made
when a second factor proves it (their own Telegram-verified phone number, or an
activation code from BKPSDM). Until then the bot says nothing that would tell a
stranger whether a NIP exists: a missing NIP and a wrong phone get the same
answer. Failures are counted per Telegram user and per NIP. The NIP typed and a
code from a deep link wait as conversation steps (``bot/core/steps.py``), for an
hour and a day.

Each function decides and writes through the query functions, and returns an
:class:`Outcome` (a catalogue key and its parameters) for the handler to say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.attempts import AttemptLimit, nip_digest
from bot.core.codes import hash_code, looks_like_code
from bot.core.errors import InvalidNip
from bot.core.nip import mask_nip, parse_nip
from bot.core.phone import same_phone
from bot.core.steps import LINK_CODE, LINK_NIP
from bot.core.vocabulary import LinkStatus, VerificationMethod
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


def is_linked(link: ChatLink | None) -> bool:
    return link is not None and link.employee_id is not None and link.status != LinkStatus.PENDING


def _not_linking(link: ChatLink | None) -> Outcome | None:
    """What to say instead when this user is not in the middle of linking."""
    if link is None:
        return Outcome("link.need_consent")
    if is_linked(link):
        return Outcome("menu.hint")
    return None


async def answer_text(
    session: AsyncSession,
    *,
    link: ChatLink | None,
    text: str,
    now: datetime,
    today: date,
    limit: AttemptLimit,
    hash_key: bytes,
) -> Outcome:
    """A message typed while linking: an activation code, or a NIP (then a deep-link
    code waiting for it is tried at once)."""
    refusal = _not_linking(link)
    if refusal is not None:
        return refusal
    assert link is not None  # _not_linking answers for a missing link
    if looks_like_code(text):
        return await verify_code(
            session,
            link=link,
            code_hash=hash_code(text),
            now=now,
            limit=limit,
            hash_key=hash_key,
        )
    outcome = await submit_nip(session, link, text, today=today, now=now)
    if outcome.key != "link.nip_received":
        return outcome
    code = await steps.peek(
        session, telegram_user_id=link.telegram_user_id, step=LINK_CODE, now=now
    )
    if code is None or code.expired:
        return outcome
    return await verify_code(
        session,
        link=link,
        code_hash=str(code.payload["code_hash"]),
        now=now,
        limit=limit,
        hash_key=hash_key,
    )


async def answer_contact(
    session: AsyncSession,
    *,
    link: ChatLink | None,
    contact_user_id: int | None,
    phone: str,
    now: datetime,
    limit: AttemptLimit,
    hash_key: bytes,
) -> Outcome:
    """A contact shared while linking."""
    refusal = _not_linking(link)
    if refusal is not None:
        return refusal
    assert link is not None  # _not_linking answers for a missing link
    return await verify_contact(
        session,
        link=link,
        contact_user_id=contact_user_id,
        phone=phone,
        now=now,
        limit=limit,
        hash_key=hash_key,
    )


async def submit_nip(
    session: AsyncSession, link: ChatLink, raw: str, *, today: date, now: datetime
) -> Outcome:
    """Remember the NIP the user typed, or say exactly what is wrong with it."""
    try:
        nip = parse_nip(raw, today=today)
    except InvalidNip as error:
        return Outcome(error.key, error.params)
    await steps.put(
        session,
        telegram_user_id=link.telegram_user_id,
        step=LINK_NIP,
        payload={"nip": nip.value},
        now=now,
    )
    return Outcome(
        "link.nip_received",
        {"masked": nip.masked, "warnings": [(w.key, w.params) for w in nip.warnings]},
    )


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
    nip = await _typed_nip(session, link, now)
    if isinstance(nip, Outcome):
        return nip
    check = _Check(
        link=link,
        nip=nip,
        method=VerificationMethod.CONTACT,
        now=now,
        limit=limit,
        hash_key=hash_key,
    )
    blocked = await _locked(session, check)
    if blocked:
        return blocked
    if contact_user_id != link.telegram_user_id:
        return await _fail(session, check, Outcome("link.not_own_contact"))
    employee = await employee_by_nip(session, nip=nip)
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
    nip = await _typed_nip(session, link, now)
    if isinstance(nip, Outcome):
        return nip
    check = _Check(
        link=link, nip=nip, method=VerificationMethod.CODE, now=now, limit=limit, hash_key=hash_key
    )
    blocked = await _locked(session, check)
    if blocked:
        return blocked
    code = await code_by_hash(session, code_hash=code_hash)
    employee = await employee_by_nip(session, nip=nip)
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
