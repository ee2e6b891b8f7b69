"""Consent: given (the Setuju button, or a typed "setuju"/"ya"/"oke"), declined (Tidak
setuju, "tidak"/"nggak"), or not yet.

Nothing personal is stored before consent: a decline stores nothing either, and
forgets what the bot held for the user until then (the language chosen, a code
from a deep link, the note that the question was asked). They may change their
mind at any time: /start asks again, and the Setuju button still works.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.consent_words import consent_answer
from bot.core.steps import CONSENT, LANGUAGE, LINK_CODE
from bot.usecases.second_factor import Outcome
from models.queries import steps
from models.queries.links import has_consent, record_consent

# The version of the consent text (start.consent) a consent is given to: 2026-12 says
# what declining means.
CONSENT_TEXT_VERSION = "2026-12"


async def give_consent(
    session: AsyncSession, *, telegram_user_id: int, language: str, now: datetime
) -> Outcome:
    """Record the consent (once) and say what comes next: the NIP, or, with a code from
    a deep link waiting, the NIP to finish with."""
    code = await steps.peek(session, telegram_user_id=telegram_user_id, step=LINK_CODE, now=now)
    if not await has_consent(session, telegram_user_id=telegram_user_id):
        await record_consent(
            session,
            telegram_user_id=telegram_user_id,
            language=language,
            text_version=CONSENT_TEXT_VERSION,
            now=now,
        )
    # The link holds the language from now on; the question is answered.
    await steps.forget(session, telegram_user_id=telegram_user_id, steps=[LANGUAGE, CONSENT])
    has_code = code is not None and not code.expired
    return Outcome("start.consent_recorded", {"next": "link.code_received" if has_code else ""})


async def decline_consent(
    session: AsyncSession, *, telegram_user_id: int, now: datetime
) -> Outcome:
    """Store nothing and forget what was held before consent; one who consented earlier
    is told how to withdraw instead (/hapus), and nothing changes."""
    if await has_consent(session, telegram_user_id=telegram_user_id):
        return Outcome("start.decline_after_consent")
    await steps.forget(session, telegram_user_id=telegram_user_id)
    return Outcome("start.declined")


async def answer_typed(
    session: AsyncSession, *, telegram_user_id: int, text: str, language: str, now: datetime
) -> Outcome | None:
    """A typed answer to the consent question shown (a yes or a no), like its buttons;
    None when the question is not open or the text is no answer to it."""
    asked = await steps.peek(session, telegram_user_id=telegram_user_id, step=CONSENT, now=now)
    if asked is None or asked.expired:
        return None
    answer = consent_answer(text)
    if answer is None:
        return None
    if answer:
        return await give_consent(
            session, telegram_user_id=telegram_user_id, language=language, now=now
        )
    return await decline_consent(session, telegram_user_id=telegram_user_id, now=now)


async def ask_consent(session: AsyncSession, *, telegram_user_id: int, now: datetime) -> None:
    """Note that the consent question is shown, so a typed answer counts."""
    await steps.put(session, telegram_user_id=telegram_user_id, step=CONSENT, payload={}, now=now)
