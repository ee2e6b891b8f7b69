"""How /jadwal's buttons answer: the press read, the card edited in place, the venue
pin, a message in the caller's language, a refusal."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import int_part
from bot.context import BotContext
from bot.core.errors import DomainError
from bot.core.schedule import ScheduleRefused
from bot.core.vocabulary import SessionStatus
from bot.texts import t
from handlers.common import edit_if_possible, render, require_link
from handlers.schedule_views import card_buttons, session_card, start_text
from models.assessment import AssessmentSession, Participation
from models.chat import ChatLink


async def pressed(update: Update, context: BotContext) -> tuple[ChatLink, int] | None:
    """Answer the button, check the link, and read the id it carries."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    link = await require_link(update, context)
    if link is None or link.employee_id is None:
        return None
    return link, int_part(query.data, 2) or 0


def seat_params(found: Participation, link: ChatLink, context: BotContext) -> dict[str, object]:
    """The program and start of my seat, for the messages about it."""
    return {
        "program": found.session.program.name,
        "start": start_text(found.session, link.language, context),
    }


def employee_id(link: ChatLink) -> int:
    assert link.employee_id is not None
    return link.employee_id


async def edit_card(
    update: Update,
    context: BotContext,
    participation: Participation,
    lang: str,
    heading: str | None = None,
) -> None:
    assert update.callback_query is not None
    text = session_card(participation, lang, context)
    if heading:
        text = t(heading, lang) + "\n\n" + text
    await edit_if_possible(
        update.callback_query.edit_message_text(
            text,
            reply_markup=card_buttons(participation, lang, context),
        )
    )


async def edit_card_message(
    context: BotContext,
    update: Update,
    message_id: int,
    participation: Participation,
    lang: str,
) -> None:
    """Show a card's new status in the card itself (message ``message_id`` of this chat),
    after an answer that came as text rather than a button."""
    assert update.effective_chat is not None
    await edit_if_possible(
        context.bot.edit_message_text(
            session_card(participation, lang, context),
            chat_id=update.effective_chat.id,
            message_id=message_id,
            reply_markup=card_buttons(participation, lang, context),
        )
    )


async def send_pin(update: Update, sitting: AssessmentSession) -> None:
    """A venue pin when the coordinates are known (not for a cancelled session)."""
    if (
        sitting.latitude is None
        or sitting.longitude is None
        or sitting.status == SessionStatus.CANCELLED
    ):
        return
    assert update.effective_message is not None
    await update.effective_message.reply_venue(
        latitude=sitting.latitude,
        longitude=sitting.longitude,
        title=sitting.venue_name[:100] or "-",
        address=(sitting.address or sitting.venue_name)[:200] or "-",
    )


async def say(
    update: Update,
    context: BotContext,
    link: ChatLink,
    key: str,
    params: dict[str, object] | None = None,
) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_html(render(key, params or {}, link.language, context))


async def refuse(
    update: Update, context: BotContext, link: ChatLink, err: DomainError | None
) -> None:
    if err is None:  # a use case refuses with its reason; this is for the type checker
        err = ScheduleRefused("schedule.slot_unavailable")
    await say(update, context, link, err.key, dict(err.params))
