"""Linking a Telegram account to an employee: NIP first, then a second factor.

A NIP is public, so it only says who the user claims to be; the link is made
when a second factor proves it (their own Telegram-verified phone number, or an
activation code from BKPSDM). Until then the bot says nothing that would tell a
stranger whether a NIP exists: a missing NIP and a wrong phone get the same
answer. Failures are counted per Telegram user and per NIP. The NIP typed and a
code from a deep link wait as conversation steps (``bot/core/steps.py``), for an
hour and a day. Either order works: the user's own phone shared before the NIP
waits too (an hour), and is tried as soon as the NIP comes, with the answer a
wrong phone gets when it does not match. The second factor itself is checked in
:mod:`bot.usecases.second_factor`.

Each function decides and writes through the query functions, and returns an
:class:`Outcome` (a catalogue key and its parameters) for the handler to say.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.attempts import AttemptLimit
from bot.core.codes import hash_code, looks_like_code, looks_like_mistyped_code
from bot.core.errors import InvalidNip
from bot.core.nip import parse_nip
from bot.core.steps import LINK_CODE, LINK_NIP, LINK_PHONE
from bot.core.vocabulary import LinkStatus
from bot.usecases.second_factor import (
    Outcome,
    refuse_mistyped_code,
    verify_code,
    verify_contact,
)
from models.chat import ChatLink
from models.queries import steps


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
    """A message typed while linking: an activation code (or one typed wrong), or a NIP
    (then a deep-link code, or the user's own phone, waiting for it is tried at once)."""
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
    if looks_like_mistyped_code(text):
        return await refuse_mistyped_code(
            session, link=link, now=now, limit=limit, hash_key=hash_key
        )
    outcome = await submit_nip(session, link, text, today=today, now=now)
    if outcome.key != "link.nip_received":
        return outcome
    user = link.telegram_user_id
    code = await steps.peek(session, telegram_user_id=user, step=LINK_CODE, now=now)
    if code is not None and not code.expired:
        return await verify_code(
            session,
            link=link,
            code_hash=str(code.payload["code_hash"]),
            now=now,
            limit=limit,
            hash_key=hash_key,
        )
    phone = await steps.peek(session, telegram_user_id=user, step=LINK_PHONE, now=now)
    if phone is None:
        return outcome
    if phone.expired:
        await steps.forget(session, telegram_user_id=user, steps=[LINK_PHONE])
        return outcome
    # Kept after a mismatch: a NIP typed again (corrected) is tried with it too.
    return await verify_contact(
        session,
        link=link,
        contact_user_id=user,
        phone=str(phone.payload["phone"]),
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
    """A contact shared while linking: checked against the NIP typed, or, before the
    NIP, kept (the user's own only) until the NIP comes."""
    refusal = _not_linking(link)
    if refusal is not None:
        return refusal
    assert link is not None  # _not_linking answers for a missing link
    user = link.telegram_user_id
    typed = await steps.peek(session, telegram_user_id=user, step=LINK_NIP, now=now)
    if typed is not None and not typed.expired:
        return await verify_contact(
            session,
            link=link,
            contact_user_id=contact_user_id,
            phone=phone,
            now=now,
            limit=limit,
            hash_key=hash_key,
        )
    if contact_user_id != user:  # nothing is kept of someone else's number
        return Outcome("link.not_own_contact")
    if typed is not None:  # typed too long ago
        await steps.forget(session, telegram_user_id=user, steps=[LINK_NIP])
    await steps.put(
        session, telegram_user_id=user, step=LINK_PHONE, payload={"phone": phone}, now=now
    )
    return Outcome("link.phone_received_nip_expired" if typed else "link.phone_received")


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
