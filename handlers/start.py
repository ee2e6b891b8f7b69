"""/start and consent: greet, explain what the bot does, ask for explicit consent.

Nothing personal is stored or shown before the user presses Setuju. A deep link
``/start <code>`` carries an activation code; it is kept until the NIP is typed.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode

from bot.context import BotContext
from bot.core.codes import hash_code, is_well_formed
from bot.linking import is_linked
from bot.texts import t
from handlers.common import edit_if_possible, language_for, load_link, render, user_language
from handlers.menu import help_text
from models.queries.links import has_consent, record_consent

CONSENT_TEXT_VERSION = "2025-01"
CONSENT_YES = "consent:yes"
START_CODE = "start_code"  # user_data key: a deep-link code waiting for consent


async def start(update: Update, context: BotContext) -> None:
    """Greet the user and ask for consent, or say what comes next."""
    assert update.effective_user is not None and update.effective_message is not None
    link = await load_link(context, update)
    lang = language_for(link, update, context)
    code = context.args[0] if context.args and is_well_formed(context.args[0]) else None
    if is_linked(link):
        assert link is not None and link.employee is not None
        await update.effective_message.reply_html(
            render("link.already_linked_self", {"name": link.employee.name}, lang, context)
        )
        return
    async with context.db.begin() as session:
        consented = await has_consent(session, telegram_user_id=update.effective_user.id)
        if consented and link is not None and code:
            session.add(link)
            link.pending_code_hash = hash_code(code)
    if consented:
        key = "link.code_received" if code else "start.next_step"
        await update.effective_message.reply_html(t(key, lang))
        return
    if code and context.user_data is not None:
        context.user_data[START_CODE] = hash_code(code)
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
    code_hash = context.user_data.pop(START_CODE, None) if context.user_data is not None else None
    async with context.db.begin() as session:
        if not await has_consent(session, telegram_user_id=update.effective_user.id):
            link = await record_consent(
                session,
                telegram_user_id=update.effective_user.id,
                language=lang,
                text_version=CONSENT_TEXT_VERSION,
                now=context.clock.now(),
            )
            link.pending_code_hash = code_hash
    await query.answer()
    next_step = t("link.code_received" if code_hash else "start.next_step", lang)
    await edit_if_possible(
        query.edit_message_text(
            t("start.consent_recorded", lang) + "\n\n" + next_step, parse_mode=ParseMode.HTML
        )
    )


async def link_button(update: Update, context: BotContext) -> None:
    """The "link my account" button: the same as /start."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    await start(update, context)


async def help_command(update: Update, context: BotContext) -> None:
    """List what the bot can do."""
    assert update.effective_message is not None
    lang = await user_language(context, update)
    await update.effective_message.reply_html(
        help_text(lang, minutes_per_jp=context.settings.minutes_per_jp)
    )
