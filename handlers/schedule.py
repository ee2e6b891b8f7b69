"""/jadwal: my assessment sessions, my answer to each invitation (Hadir, or Tidak bisa
hadir and a reason: :mod:`bot.usecases.rsvp`) and a calendar file. Choosing, moving or
cancelling a seat where a program lets me book myself: :mod:`handlers.schedule_booking`.

Every button carries only ids and is checked against the caller: a participation
that is not theirs is refused and nothing changes.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.calendar import CalendarEvent, build_ics, ics_file_name
from bot.context import BotContext
from bot.core.schedule import ScheduleRefused
from bot.core.steps import REASON
from bot.texts import t
from bot.texts.paging import pack_blocks
from bot.usecases import rsvp
from bot.usecases.schedule import calendar_entry, my_schedule
from bot.usecases.seats import position_type_of
from handlers import steps
from handlers.common import require_link
from handlers.schedule_replies import (
    edit_card,
    edit_card_message,
    employee_id,
    pressed,
    refuse,
    say,
    seat_params,
    send_pin,
)
from handlers.schedule_views import (
    card_buttons,
    ics_description,
    ics_summary,
    offer_message,
    past_line,
    session_card,
    venue_text,
)

# ---------------------------------------------------------------- commands


async def schedule(update: Update, context: BotContext) -> None:
    """Show my upcoming sessions with their buttons, seats I may choose, and past sessions."""
    async with context.db() as session:
        link = await require_link(update, context, session)
        if link is None or link.employee is None:
            return
        found = await my_schedule(
            session,
            employee_id=link.employee.id,
            position_type=position_type_of(link.employee),
            now=context.clock.now(),
        )
    upcoming, offers, past, released = found.upcoming, found.to_choose, found.past, found.released
    assert update.effective_message is not None
    # /jadwal again after "Tidak bisa hadir": the next text is no longer the reason.
    await steps.forget(context, link.telegram_user_id, REASON)
    message, lang = update.effective_message, link.language
    if not upcoming and not offers:
        await message.reply_html(t("schedule.none", lang))
    for participation in upcoming:
        await message.reply_html(
            session_card(participation, lang, context),
            reply_markup=card_buttons(participation, lang, context),
        )
        await send_pin(update, participation.session)
    for program, free in offers:
        text, markup = offer_message(program, free, lang, context)
        await message.reply_html(text, reply_markup=markup)
    if past:
        lines = [t("schedule.past.heading", lang)] + [
            past_line(p, p.session.program_id in released, lang, context) for p in past
        ]
        for page in pack_blocks(lines, separator="\n"):
            await message.reply_html(page)


async def on_reason(update: Update, context: BotContext) -> None:
    """The text after "Tidak bisa hadir" is the reason; any other text passes on."""
    assert update.effective_user is not None and update.effective_message is not None
    asked = await steps.take(context, update.effective_user.id, REASON)
    if asked is None:
        return
    link = await require_link(update, context)
    if link is None or link.employee_id is None:
        raise ApplicationHandlerStop
    if asked.expired:
        await say(update, context, link, "schedule.reason_expired")
        raise ApplicationHandlerStop
    async with context.db.begin() as session:
        outcome = await rsvp.request_reschedule(
            session,
            employee_id=link.employee_id,
            participation_id=int(asked.payload["participation_id"]),
            reason=update.effective_message.text or "",
            now=context.clock.now(),
            missed=bool(asked.payload.get("missed")),
        )
    if outcome.refusal is not None or outcome.participation is None:
        await refuse(update, context, link, outcome.refusal)
    else:
        await say(update, context, link, "schedule.reason_recorded")
        card_id = asked.payload.get("card_id")
        if isinstance(card_id, int):
            await edit_card_message(context, update, card_id, outcome.participation, link.language)
    raise ApplicationHandlerStop


# ---------------------------------------------------------------- buttons on a card


async def confirm(update: Update, context: BotContext) -> None:
    """Hadir: confirm that I will attend; the card is edited to show the new status."""
    press = await pressed(update, context)
    if press is None:
        return
    link, participation_id = press
    async with context.db.begin() as session:
        outcome = await rsvp.confirm(
            session,
            employee_id=employee_id(link),
            participation_id=participation_id,
            now=context.clock.now(),
        )
    if outcome.refusal is not None or outcome.participation is None:
        await refuse(update, context, link, outcome.refusal)
        return
    await edit_card(update, context, outcome.participation, link.language)


async def decline(update: Update, context: BotContext) -> None:
    """Tidak bisa hadir: ask for the reason, which comes as my next message."""
    await _ask_reason(update, context, missed=False)


async def ask_again(update: Update, context: BotContext) -> None:
    """Minta jadwal ulang (the follow-up after a session I did not come to): ask for
    the reason; it becomes a reschedule request as "Tidak bisa hadir" does."""
    await _ask_reason(update, context, missed=True)


async def _ask_reason(update: Update, context: BotContext, *, missed: bool) -> None:
    press = await pressed(update, context)
    if press is None:
        return
    link, participation_id = press
    async with context.db() as session:
        outcome = await rsvp.may_decline(
            session,
            employee_id=employee_id(link),
            participation_id=participation_id,
            now=context.clock.now(),
            missed=missed,
        )
    found = outcome.participation
    if outcome.refusal is not None or found is None:
        await refuse(update, context, link, outcome.refusal)
        return
    # The card's message id goes with the step: the reason's answer edits that card.
    card = update.callback_query.message if update.callback_query else None
    payload = {
        "participation_id": found.id,
        "card_id": card.message_id if card else None,
        "missed": missed,
    }
    await steps.remember(context, link.telegram_user_id, REASON, payload)
    await say(update, context, link, "schedule.ask_reason", seat_params(found, link, context))


async def add_to_calendar(update: Update, context: BotContext) -> None:
    """Tambah ke kalender: send the session as an .ics file."""
    press = await pressed(update, context)
    if press is None:
        return
    link, participation_id = press
    async with context.db() as session:
        found = await calendar_entry(
            session, employee_id=employee_id(link), participation_id=participation_id
        )
    if isinstance(found, ScheduleRefused):
        await refuse(update, context, link, found)
        return
    sitting, lang = found.session, link.language
    event = CalendarEvent(
        session_id=sitting.id,
        starts_at=sitting.starts_at,
        ends_at=sitting.ends_at,
        summary=ics_summary(sitting.program.name, lang),
        location=venue_text(sitting),
        description=ics_description(found, lang, context),
        url=sitting.online_url or None,
    )
    local_day = sitting.starts_at.astimezone(context.settings.tz).date()
    assert update.effective_message is not None
    await update.effective_message.reply_document(
        document=build_ics(event, now=context.clock.now()),
        filename=ics_file_name(local_day),
        caption=t("schedule.calendar_caption", lang),
    )
