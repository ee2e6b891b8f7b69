"""/jadwal's self-booking: choosing a session of a program that lets me book myself,
taking a seat, moving it to another session, and giving it back (until the program's
booking deadline). The decisions are :mod:`bot.usecases.seats`'."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import int_part
from bot.context import BotContext
from bot.usecases import seats
from bot.usecases.seats import SeatOutcome, position_type_of
from handlers.common import edit_if_possible, render
from handlers.schedule_replies import (
    edit_card,
    employee_id,
    pressed,
    refuse,
    say,
    seat_params,
    send_pin,
)
from handlers.schedule_views import choices_message
from models.chat import ChatLink


async def choose(update: Update, context: BotContext) -> None:
    """Pilih sesi: list the sessions of a program that still have a seat for me."""
    press = await pressed(update, context)
    if press is None:
        return
    link, program_id = press
    async with context.db() as session:
        outcome = await seats.choices(
            session,
            employee_id=employee_id(link),
            position_type=position_type_of(link.employee),
            program_id=program_id,
            now=context.clock.now(),
        )
    await _send_choices(update, context, link, outcome)


async def book(update: Update, context: BotContext) -> None:
    """A session from the list: take a seat in it if one is still free."""
    press = await pressed(update, context)
    if press is None:
        return
    link, session_id = press
    async with context.db.begin() as session:
        outcome = await seats.book(
            session,
            employee_id=employee_id(link),
            position_type=position_type_of(link.employee),
            session_id=session_id,
            now=context.clock.now(),
        )
    await _show_seat(update, context, link, outcome, heading="schedule.booked")


async def move(update: Update, context: BotContext) -> None:
    """Pindah sesi: list the other sessions of the program that have a seat for me."""
    press = await pressed(update, context)
    if press is None:
        return
    link, participation_id = press
    async with context.db() as session:
        outcome = await seats.move_choices(
            session,
            employee_id=employee_id(link),
            position_type=position_type_of(link.employee),
            participation_id=participation_id,
            now=context.clock.now(),
        )
    await _send_choices(update, context, link, outcome)


async def move_to(update: Update, context: BotContext) -> None:
    """A session from the move list: release my seat and take one there."""
    press = await pressed(update, context)
    if press is None:
        return
    link, participation_id = press
    assert update.callback_query is not None
    async with context.db.begin() as session:
        outcome = await seats.move(
            session,
            employee_id=employee_id(link),
            position_type=position_type_of(link.employee),
            participation_id=participation_id,
            target_id=int_part(update.callback_query.data, 3) or 0,
            now=context.clock.now(),
        )
    await _show_seat(update, context, link, outcome, heading="schedule.moved")


async def cancel(update: Update, context: BotContext) -> None:
    """Batalkan pesanan: give my seat back before the booking deadline."""
    press = await pressed(update, context)
    if press is None:
        return
    link, participation_id = press
    async with context.db.begin() as session:
        outcome = await seats.cancel(
            session,
            employee_id=employee_id(link),
            participation_id=participation_id,
            now=context.clock.now(),
        )
    found = outcome.participation
    if outcome.refusal is not None or found is None:
        await refuse(update, context, link, outcome.refusal)
        return
    assert update.callback_query is not None
    text = render(
        "schedule.booking_cancelled", seat_params(found, link, context), link.language, context
    )
    await edit_if_possible(update.callback_query.edit_message_text(text))


async def _send_choices(
    update: Update, context: BotContext, link: ChatLink, outcome: SeatOutcome
) -> None:
    """The sessions I may book (or move to), one button each; or why there are none."""
    assert update.effective_message is not None
    if outcome.refusal is not None or outcome.program is None:
        await refuse(update, context, link, outcome.refusal)
        return
    if not outcome.slots:
        await say(update, context, link, "schedule.pick.none")
        return
    by_id = {s.id: s for s in outcome.sessions}
    text, markup = choices_message(
        outcome.program, outcome.slots, by_id, outcome.participation, link.language, context
    )
    await update.effective_message.reply_html(text, reply_markup=markup)


async def _show_seat(
    update: Update, context: BotContext, link: ChatLink, outcome: SeatOutcome, *, heading: str
) -> None:
    """The seat booked or moved, on the card with its venue pin; or why not."""
    found = outcome.participation
    if outcome.refusal is not None or found is None:
        await refuse(update, context, link, outcome.refusal)
        return
    await edit_card(update, context, found, link.language, heading=heading)
    await send_pin(update, found.session)
