"""/start and consent: greet, explain what the bot does, ask for explicit consent.

Nothing personal is stored or shown before the user presses Setuju.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode

from bot.context import BotContext
from bot.texts import normalise_language, t
from models.queries.links import chat_link, has_consent, record_consent

CONSENT_TEXT_VERSION = "2025-01"
CONSENT_YES = "consent:yes"


async def user_language(context: BotContext, update: Update) -> str:
    """The language this user chose, else their Telegram client's."""
    user = update.effective_user
    assert user is not None
    async with context.db() as session:
        link = await chat_link(session, telegram_user_id=user.id)
    return link.language if link else normalise_language(user.language_code)


async def start(update: Update, context: BotContext) -> None:
    """Greet the user and ask for consent, or say what comes next."""
    assert update.effective_user is not None and update.effective_message is not None
    lang = await user_language(context, update)
    async with context.db() as session:
        consented = await has_consent(session, telegram_user_id=update.effective_user.id)
    if consented:
        await update.effective_message.reply_html(t("start.next_step", lang))
        return
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(t("start.agree_button", lang), callback_data=CONSENT_YES)]]
    )
    await update.effective_message.reply_html(
        t("start.welcome", lang) + "\n\n" + t("start.consent", lang), reply_markup=keyboard
    )


async def agree(update: Update, context: BotContext) -> None:
    """Record the consent and replace the consent message with the next step."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    lang = await user_language(context, update)
    async with context.db.begin() as session:
        if not await has_consent(session, telegram_user_id=update.effective_user.id):
            await record_consent(
                session,
                telegram_user_id=update.effective_user.id,
                language=lang,
                text_version=CONSENT_TEXT_VERSION,
                now=context.clock.now(),
            )
    await query.answer()
    await query.edit_message_text(
        t("start.consent_recorded", lang) + "\n\n" + t("start.next_step", lang),
        parse_mode=ParseMode.HTML,
    )


async def help_command(update: Update, context: BotContext) -> None:
    """List what the bot can do."""
    assert update.effective_message is not None
    lang = await user_language(context, update)
    await update.effective_message.reply_html(t("help.text", lang))
