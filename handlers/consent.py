"""The answers to the consent question: Setuju and Tidak setuju, pressed or typed
("setuju", "ya", "oke" / "tidak", "nggak"). What they store (nothing, for a no):
``bot/usecases/consent.py``."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.context import BotContext
from bot.texts import t
from bot.usecases import consent as consent_case
from bot.usecases.second_factor import Outcome
from handlers.common import edit_if_possible, user_language

CONSENT_YES = "consent:yes"
CONSENT_NO = "consent:no"


def consent_keyboard(lang: str, *, decline: bool = True) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(t("start.agree_button", lang), callback_data=CONSENT_YES)]
    if decline:
        buttons.append(
            InlineKeyboardButton(t("start.decline_button", lang), callback_data=CONSENT_NO)
        )
    return InlineKeyboardMarkup([buttons])


async def agree(update: Update, context: BotContext) -> None:
    """Record the consent and replace the consent message with the next step."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    lang = await user_language(context, update)
    async with context.db.begin() as session:
        outcome = await consent_case.give_consent(
            session,
            telegram_user_id=update.effective_user.id,
            language=lang,
            now=context.clock.now(),
        )
    await query.answer()
    await edit_if_possible(query.edit_message_text(_consent_text(outcome, lang)))


async def decline(update: Update, context: BotContext) -> None:
    """Tidak setuju: store nothing, say what that means, keep Setuju for a change of mind."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    lang = await user_language(context, update)
    async with context.db.begin() as session:
        outcome = await consent_case.decline_consent(
            session, telegram_user_id=update.effective_user.id, now=context.clock.now()
        )
    await query.answer()
    markup = consent_keyboard(lang, decline=False) if outcome.key == "start.declined" else None
    await edit_if_possible(query.edit_message_text(t(outcome.key, lang), reply_markup=markup))


async def reply_to_typed_answer(message: Message, outcome: Outcome, lang: str) -> None:
    """The answer to a typed "setuju" or "tidak" (``consent.answer_typed``): the same
    words as the buttons give, as a new message."""
    if outcome.key == "start.declined":
        await message.reply_html(
            t(outcome.key, lang), reply_markup=consent_keyboard(lang, decline=False)
        )
    elif outcome.key == "start.consent_recorded":
        await message.reply_html(_consent_text(outcome, lang))
    else:
        await message.reply_html(t(outcome.key, lang))


def _consent_text(outcome: Outcome, lang: str) -> str:
    """Consent recorded, and the next step."""
    next_step = t(str(outcome.params.get("next") or "start.next_step"), lang)
    return t("start.consent_recorded", lang) + "\n\n" + next_step
