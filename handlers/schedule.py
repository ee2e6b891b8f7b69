"""/jadwal: my assessment sessions, my answer to each invitation, a calendar file,
and choosing, moving or cancelling a seat where a program lets me book myself.

Every button carries only ids and is checked against the caller: a participation
that is not theirs is refused and nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.calendar import CalendarEvent, build_ics, ics_file_name
from bot.callbacks import int_part
from bot.context import BotContext
from bot.core.errors import DomainError
from bot.core.schedule import (
    CANCELLED,
    ScheduleRefused,
    Slot,
    bookable_slots,
    check_booking_open,
    check_can_book,
    check_can_change,
    check_can_move,
    clean_reason,
    is_open_to,
    is_upcoming,
    programs_to_offer,
)
from bot.core.steps import REASON
from bot.core.vocabulary import ParticipationStatus
from bot.texts import t
from bot.texts.paging import pack_blocks
from handlers import steps
from handlers.common import edit_if_possible, render, require_link
from handlers.schedule_views import (
    can_answer_now,
    card_buttons,
    choices_message,
    ics_description,
    offer_message,
    past_line,
    session_card,
    start_text,
    venue_text,
)
from models.assessment import AssessmentProgram, AssessmentSession, Participation
from models.chat import ChatLink
from models.org import Employee
from models.queries import schedule as q
from models.queries.results import released_program_ids

MAX_PAST = 10
MAX_CHOICES = 15


# ---------------------------------------------------------------- commands


async def schedule(update: Update, context: BotContext) -> None:
    """Show my upcoming sessions with their buttons, seats I may choose, and past sessions."""
    async with context.db() as session:
        link = await require_link(update, context, session)
        if link is None or link.employee is None:
            return
        mine = await q.my_participations(session, employee_id=link.employee.id)
        upcoming = [p for p in mine if _is_upcoming(p, context)]
        past = [p for p in reversed(mine) if not _is_upcoming(p, context)][:MAX_PAST]
        released = (
            await released_program_ids(session, employee_id=link.employee.id) if past else set()
        )
        offers = await _offers(session, mine, link.employee, now=context.clock.now())
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
        await _send_pin(update, participation.session)
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
        await _say(update, context, link, "schedule.reason_expired")
        raise ApplicationHandlerStop
    participation_id = int(asked.payload["participation_id"])
    reason = clean_reason(update.effective_message.text or "")
    try:
        async with context.db.begin() as session:
            found = _answerable(await _mine(session, link, participation_id), context)
            await q.answer_invitation(
                session,
                participation=found,
                status=ParticipationStatus.RESCHEDULE_REQUESTED,
                reason=reason,
                now=context.clock.now(),
            )
    except ScheduleRefused as err:
        await _refuse(update, context, link, err)
        raise ApplicationHandlerStop from None
    await _say(update, context, link, "schedule.reason_recorded")
    raise ApplicationHandlerStop


# ---------------------------------------------------------------- buttons on a card


async def confirm(update: Update, context: BotContext) -> None:
    """Hadir: confirm that I will attend; the card is edited to show the new status."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    link, participation_id = pressed
    try:
        async with context.db.begin() as session:
            found = _answerable(await _mine(session, link, participation_id), context)
            await q.answer_invitation(
                session,
                participation=found,
                status=ParticipationStatus.CONFIRMED,
                now=context.clock.now(),
            )
    except ScheduleRefused as err:
        await _refuse(update, context, link, err)
        return
    await _edit_card(update, context, found, link.language)


async def decline(update: Update, context: BotContext) -> None:
    """Tidak bisa hadir: ask for the reason, which comes as my next message."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    link, participation_id = pressed
    try:
        async with context.db() as session:
            found = _answerable(await _mine(session, link, participation_id), context)
    except ScheduleRefused as err:
        await _refuse(update, context, link, err)
        return
    await steps.remember(context, link.telegram_user_id, REASON, {"participation_id": found.id})
    await _say(update, context, link, "schedule.ask_reason", _seat_params(found, link, context))


async def add_to_calendar(update: Update, context: BotContext) -> None:
    """Tambah ke kalender: send the session as an .ics file."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    link, participation_id = pressed
    async with context.db() as session:
        found = await _mine(session, link, participation_id)
    if found is None or found.session.status == CANCELLED:
        await _refuse(update, context, link, _refusal(found))
        return
    sitting, lang = found.session, link.language
    event = CalendarEvent(
        session_id=sitting.id,
        starts_at=sitting.starts_at,
        ends_at=sitting.ends_at,
        summary=t("schedule.ics.summary", lang, program=sitting.program.name),
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


# ---------------------------------------------------------------- self-booking


async def choose(update: Update, context: BotContext) -> None:
    """Pilih sesi: list the sessions of a program that still have a seat for me."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    link, program_id = pressed
    now = context.clock.now()
    try:
        async with context.db() as session:
            program = await q.program_by_id(session, program_id=program_id)
            if program is None:
                raise ScheduleRefused("schedule.slot_unavailable")
            check_booking_open(
                self_booking=program.self_booking, deadline=program.booking_deadline, now=now
            )
            if await q.has_seat_in_program(
                session, employee_id=_employee_id(link), program_id=program.id
            ):
                raise ScheduleRefused("schedule.already_booked")
            sessions = await q.future_sessions(session, program_id=program.id, now=now)
    except ScheduleRefused as err:
        await _refuse(update, context, link, err)
        return
    await _send_choices(update, context, link, program, sessions, exclude=None)


async def book(update: Update, context: BotContext) -> None:
    """A session from the list: take a seat in it if one is still free."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    link, session_id = pressed
    now = context.clock.now()
    try:
        async with context.db.begin() as session:
            target = await q.session_by_id(session, session_id=session_id)
            if target is None:
                raise ScheduleRefused("schedule.slot_unavailable")
            check_can_book(
                slot_of(target),
                self_booking=target.program.self_booking,
                deadline=target.program.booking_deadline,
                has_seat_in_program=await q.has_seat_in_program(
                    session, employee_id=_employee_id(link), program_id=target.program_id
                ),
                position_type=position_type_of(link.employee),
                now=now,
            )
            booked = await q.book_seat(
                session, target=target, employee_id=_employee_id(link), now=now
            )
            if booked is None:
                raise ScheduleRefused("schedule.slot_unavailable")
    except ScheduleRefused as err:
        await _refuse(update, context, link, err)
        return
    await _edit_card(update, context, booked, link.language, heading="schedule.booked")
    await _send_pin(update, booked.session)


async def move(update: Update, context: BotContext) -> None:
    """Pindah sesi: list the other sessions of the program that have a seat for me."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    link, participation_id = pressed
    now = context.clock.now()
    try:
        async with context.db() as session:
            found = await _changeable(session, link, participation_id, now)
            sessions = await q.future_sessions(
                session, program_id=found.session.program_id, now=now
            )
    except ScheduleRefused as err:
        await _refuse(update, context, link, err)
        return
    await _send_choices(update, context, link, found.session.program, sessions, exclude=found)


async def move_to(update: Update, context: BotContext) -> None:
    """A session from the move list: release my seat and take one there."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    link, participation_id = pressed
    assert update.callback_query is not None
    target_id = int_part(update.callback_query.data, 3) or 0
    now = context.clock.now()
    try:
        async with context.db.begin() as session:
            found = await _changeable(session, link, participation_id, now)
            target = await q.session_by_id(session, session_id=target_id)
            if target is None:
                raise ScheduleRefused("schedule.slot_unavailable")
            check_can_move(
                slot_of(target),
                same_program=target.program_id == found.session.program_id,
                current_session_id=found.session_id,
                position_type=position_type_of(link.employee),
                now=now,
            )
            if not await q.move_booking(session, participation=found, target=target, now=now):
                raise ScheduleRefused("schedule.slot_unavailable")
    except ScheduleRefused as err:
        await _refuse(update, context, link, err)
        return
    await _edit_card(update, context, found, link.language, heading="schedule.moved")
    await _send_pin(update, found.session)


async def cancel(update: Update, context: BotContext) -> None:
    """Batalkan pesanan: give my seat back before the booking deadline."""
    pressed = await _pressed(update, context)
    if pressed is None:
        return
    link, participation_id = pressed
    try:
        async with context.db.begin() as session:
            found = await _changeable(session, link, participation_id, context.clock.now())
            await q.cancel_booking(session, participation=found)
    except ScheduleRefused as err:
        await _refuse(update, context, link, err)
        return
    assert update.callback_query is not None
    await edit_if_possible(
        update.callback_query.edit_message_text(
            render(
                "schedule.booking_cancelled",
                _seat_params(found, link, context),
                link.language,
                context,
            ),
        )
    )


# ---------------------------------------------------------------- helpers


def slot_of(sitting: AssessmentSession) -> Slot:
    return Slot(
        id=sitting.id,
        starts_at=sitting.starts_at,
        capacity=sitting.capacity,
        seats_taken=sitting.seats_taken,
        status=sitting.status,
        open_to=sitting.open_to,
    )


def position_type_of(employee: Employee | None) -> str | None:
    if employee is None or employee.position is None:
        return None
    return str(employee.position.position_type.value)


async def _offers(
    session: AsyncSession, mine: Sequence[Participation], employee: Employee, *, now: datetime
) -> list[tuple[AssessmentProgram, int]]:
    """Self-booking programs where I hold no seat: (program, sessions I could book)."""
    programs = {p.id: p for p in await q.self_booking_programs(session)}
    wanted = programs_to_offer(
        [(p.id, p.self_booking, p.booking_deadline) for p in programs.values()],
        booked_program_ids={p.session.program_id for p in mine},
        now=now,
    )
    position_type = position_type_of(employee)
    offers = []
    for program_id in wanted:
        sessions = await q.future_sessions(session, program_id=program_id, now=now)
        if not any(is_open_to(s.open_to, position_type) for s in sessions):
            continue  # nothing in this program is meant for me
        free = bookable_slots([slot_of(s) for s in sessions], position_type=position_type, now=now)
        offers.append((programs[program_id], len(free)))
    return offers


async def _send_choices(
    update: Update,
    context: BotContext,
    link: ChatLink,
    program: AssessmentProgram,
    sessions: Sequence[AssessmentSession],
    *,
    exclude: Participation | None,
) -> None:
    """The sessions I may book (or move to), one button each."""
    assert update.effective_message is not None
    slots = bookable_slots(
        [slot_of(s) for s in sessions],
        position_type=position_type_of(link.employee),
        now=context.clock.now(),
        exclude=exclude.session_id if exclude else None,
    )[:MAX_CHOICES]
    if not slots:
        await _say(update, context, link, "schedule.pick.none")
        return
    by_id = {s.id: s for s in sessions}
    text, markup = choices_message(program, slots, by_id, exclude, link.language, context)
    await update.effective_message.reply_html(text, reply_markup=markup)


async def _pressed(update: Update, context: BotContext) -> tuple[ChatLink, int] | None:
    """Answer the button, check the link, and read the id it carries."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    link = await require_link(update, context)
    if link is None or link.employee_id is None:
        return None
    return link, int_part(query.data, 2) or 0


async def _mine(
    session: AsyncSession, link: ChatLink, participation_id: int
) -> Participation | None:
    return await q.my_participation(
        session, participation_id=participation_id, employee_id=_employee_id(link)
    )


def _seat_params(found: Participation, link: ChatLink, context: BotContext) -> dict[str, object]:
    """The program and start of my seat, for the messages about it."""
    return {
        "program": found.session.program.name,
        "start": start_text(found.session, link.language, context),
    }


def _refusal(found: Participation | None) -> ScheduleRefused:
    key = "schedule.not_yours" if found is None else "schedule.cannot_answer"
    return ScheduleRefused(key)


def _answerable(found: Participation | None, context: BotContext) -> Participation:
    """The participation, if it is mine and may still be answered."""
    if found is None or not can_answer_now(found, context):
        raise _refusal(found)
    return found


def _employee_id(link: ChatLink) -> int:
    assert link.employee_id is not None
    return link.employee_id


async def _changeable(
    session: AsyncSession, link: ChatLink, participation_id: int, now: datetime
) -> Participation:
    """My seat, if it may still be moved or cancelled; else ScheduleRefused."""
    found = await _mine(session, link, participation_id)
    if found is None:
        raise ScheduleRefused("schedule.not_yours")
    program = found.session.program
    check_can_change(
        self_booking=program.self_booking,
        deadline=program.booking_deadline,
        participation_status=found.status,
        starts_at=found.session.starts_at,
        now=now,
    )
    return found


def _is_upcoming(participation: Participation, context: BotContext) -> bool:
    sitting = participation.session
    return is_upcoming(
        ends_at=sitting.ends_at, session_status=sitting.status, now=context.clock.now()
    )


async def _edit_card(
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


async def _send_pin(update: Update, sitting: AssessmentSession) -> None:
    """A venue pin when the coordinates are known (not for a cancelled session)."""
    if sitting.latitude is None or sitting.longitude is None or sitting.status == CANCELLED:
        return
    assert update.effective_message is not None
    await update.effective_message.reply_venue(
        latitude=sitting.latitude,
        longitude=sitting.longitude,
        title=sitting.venue_name[:100] or "-",
        address=(sitting.address or sitting.venue_name)[:200] or "-",
    )


async def _say(
    update: Update,
    context: BotContext,
    link: ChatLink,
    key: str,
    params: dict[str, object] | None = None,
) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_html(render(key, params or {}, link.language, context))


async def _refuse(update: Update, context: BotContext, link: ChatLink, err: DomainError) -> None:
    await _say(update, context, link, err.key, dict(err.params))
