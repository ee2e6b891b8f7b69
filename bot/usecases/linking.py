"""Linking a Telegram account to an employee: NIP first, then a second factor.

A NIP is public, so it only says who the user claims to be; the link is made
when a second factor proves it (their own Telegram-verified phone number, or an
activation code from BKPSDM). Until then the bot says nothing that would tell a
stranger whether a NIP exists: a missing NIP and a wrong phone get the same
answer. Failures are counted per Telegram user and per NIP. The NIP typed and a
code from a deep link wait as conversation steps (``bot/core/steps.py``), for an
hour and a day. The second factor itself is checked in
:mod:`bot.usecases.second_factor`.

Each function decides and writes through the query functions, and returns an
:class:`Outcome` (a catalogue key and its parameters) for the handler to say.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.attempts import AttemptLimit
from bot.core.codes import hash_code, looks_like_code
from bot.core.errors import InvalidNip
from bot.core.nip import parse_nip
from bot.core.steps import LINK_CODE, LINK_NIP
from bot.core.vocabulary import LinkStatus
from bot.usecases.second_factor import Outcome, verify_code, verify_contact
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
