"""/start and consent: greet, explain what the bot does, ask for explicit consent.

Nothing personal is stored or shown before the user presses Setuju (or types
"setuju", "ya", "oke"...); Tidak setuju (or "tidak") stores nothing and says what
that means (``handlers/consent.py``, ``bot/usecases/consent.py``). A deep link
``/start <code>`` carries an activation code; its hash waits as a conversation step
(``bot/core/steps.py``) until the NIP is typed.
"""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.core.checkin import is_payload
from bot.core.codes import hash_code, is_well_formed
from bot.core.steps import LINK_CODE
from bot.texts import t
from bot.usecases import consent as consent_case
from bot.usecases.linking import is_linked
from handlers import checkin
from handlers.common import (
    language_for,
    load_link,
    render,
)
from handlers.consent import consent_keyboard
from handlers.menu import show_admin_home
from models.queries import steps
from models.queries.links import has_consent


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
        if not consented:  # a typed "setuju" answers it like the button
            await consent_case.ask_consent(
                session, telegram_user_id=user_id, now=context.clock.now()
            )
    first = "" if intro is None else intro + "\n\n"
    if consented:
        key = "link.code_received" if code else "start.next_step"
        await update.effective_message.reply_html(first + t(key, lang))
        return
    await update.effective_message.reply_html(
        first + t("start.welcome", lang) + "\n\n" + t("start.consent", lang),
        reply_markup=consent_keyboard(lang),
    )


async def link_button(update: Update, context: BotContext) -> None:
    """The "link my account" button: /start as an employee (an admin too: they asked)."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    await _employee_start(update, context)


async def start_linking(update: Update, context: BotContext) -> None:
    """The linking from where this user stands (the consent, or the NIP next), as
    /start gives it to an employee: for a question typed before linking
    (handlers/questions.py)."""
    await _employee_start(update, context)
