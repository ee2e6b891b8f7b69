"""/start and consent: greet, explain what the bot does, ask for explicit consent.

Nothing personal is stored or shown before the user presses Setuju. A deep link
``/start <code>`` carries an activation code; its hash waits as a conversation
step (``bot/core/steps.py``) until the NIP is typed.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.core.checkin import is_payload
from bot.core.codes import hash_code, is_well_formed
from bot.core.steps import LANGUAGE, LINK_CODE
from bot.texts import t
from bot.usecases.linking import is_linked
from handlers import checkin
from handlers.admin_menu import admin_help
from handlers.common import (
    edit_if_possible,
    is_admin,
    language_for,
    load_link,
    render,
    user_language,
)
from handlers.menu import help_text, show_admin_home
from handlers.reminders import rules_text
from models.queries import steps
from models.queries.links import has_consent, record_consent

CONSENT_TEXT_VERSION = "2025-01"
CONSENT_YES = "consent:yes"


async def start(update: Update, context: BotContext) -> None:
    """Greet the user and ask for consent, or say what comes next; an admin gets the
    admin home (unless the link carries an activation code: then they link). A check-in
    code (``ci_...``) checks a linked participant in, and waits while others link."""
    if context.args and is_payload(context.args[0]):
        if not await checkin.scan(update, context, context.args[0]):
            await _employee_start(update, context, intro=await checkin.link_first(update, context))
        return
    with_code = context.args is not None and any(is_well_formed(a) for a in context.args[:1])
    if not with_code and await show_admin_home(update, context):
        return
    await _employee_start(update, context)


async def _employee_start(update: Update, context: BotContext, *, intro: str | None = None) -> None:
    """Greet the user and ask for consent, or say what comes next (after ``intro``)."""
    assert update.effective_user is not None and update.effective_message is not None
    user_id = update.effective_user.id
    link = await load_link(context, update)
    lang = await language_for(link, update, context)
    code = context.args[0] if context.args and is_well_formed(context.args[0]) else None
    if is_linked(link):
        assert link is not None and link.employee is not None
        await update.effective_message.reply_html(
            render("link.already_linked_self", {"name": link.employee.name}, lang, context)
        )
        return
    async with context.db.begin() as session:
        consented = await has_consent(session, telegram_user_id=user_id)
        if code:  # it waits for consent and the NIP
            await steps.put(
                session,
                telegram_user_id=user_id,
                step=LINK_CODE,
                payload={"code_hash": hash_code(code)},
                now=context.clock.now(),
            )
    first = "" if intro is None else intro + "\n\n"
    if consented:
        key = "link.code_received" if code else "start.next_step"
        await update.effective_message.reply_html(first + t(key, lang))
        return
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(t("start.agree_button", lang), callback_data=CONSENT_YES)]]
    )
    await update.effective_message.reply_html(
        first + t("start.welcome", lang) + "\n\n" + t("start.consent", lang),
        reply_markup=keyboard,
    )


async def agree(update: Update, context: BotContext) -> None:
    """Record the consent and replace the consent message with the next step."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    user_id, now = update.effective_user.id, context.clock.now()
    lang = await user_language(context, update)
    async with context.db.begin() as session:
        code = await steps.peek(session, telegram_user_id=user_id, step=LINK_CODE, now=now)
        if not await has_consent(session, telegram_user_id=user_id):
            await record_consent(
                session,
                telegram_user_id=user_id,
                language=lang,
                text_version=CONSENT_TEXT_VERSION,
                now=now,
            )
            # The link holds the language from now on.
            await steps.forget(session, telegram_user_id=user_id, steps=[LANGUAGE])
    await query.answer()
    has_code = code is not None and not code.expired
    next_step = t("link.code_received" if has_code else "start.next_step", lang)
    await edit_if_possible(
        query.edit_message_text(t("start.consent_recorded", lang) + "\n\n" + next_step)
    )


async def link_button(update: Update, context: BotContext) -> None:
    """The "link my account" button: /start as an employee (an admin too: they asked)."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    await _employee_start(update, context)


async def help_command(update: Update, context: BotContext) -> None:
    """List what the bot can do; for an admin, the admin commands too."""
    assert update.effective_message is not None and update.effective_user is not None
    lang = await user_language(context, update)
    admin = await is_admin(context, update.effective_user.id)
    # What the bot does, when its messages go out (handlers/reminders.py), and for an
    # admin the admin commands last.
    text = help_text(lang, minutes_per_jp=context.settings.minutes_per_jp)
    text += "\n\n" + rules_text(lang, context.settings)
    if admin:
        text += "\n\n" + admin_help(lang)
    await update.effective_message.reply_html(text)
