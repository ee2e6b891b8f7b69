"""/gapura: open Gapura offerings, my place on them, and the waitlist.

Buttons carry ``gap:<action>:...`` with database ids only:

- ``gap:l:<page>:<competency>:<mode>``: a page of the list (``-`` = no filter);
- ``gap:fc:<mode>`` / ``gap:fm:<competency>``: choose a competency / mode filter;
- ``gap:r``: recommended for me;
- ``gap:c:<course>``: a course's details (also from /hasil and /jp);
- ``gap:e|w|x|q|a|d:<course>``: enroll, join the waitlist, cancel, leave the
  waitlist, accept or decline an offer.

Every callback re-checks that the course is open to the caller (or that they
hold a place on it): a course id from a button is never trusted.
"""

from __future__ import annotations

from contextlib import AsyncExitStack

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update

from bot.callbacks import int_part, parts
from bot.context import BotContext
from bot.core import waitlist
from bot.core.competencies import COMPETENCY_CODES
from bot.texts import t
from bot.usecases import courses, enrolment
from bot.usecases.enrolment import Enrolment
from handlers.common import edit_if_possible, require_link
from handlers.courses_details import (
    ACTION_CODES,
    details_message,
    ranked_message,
    unranked_message,
)
from handlers.courses_views import MODES, NONE, PAGE_SIZE, competency_menu, list_message, mode_menu
from models.chat import ChatLink

_CODE_ACTIONS = {code: action for action, code in ACTION_CODES.items()}
ACTION_PATTERN = f"^gap:[{''.join(_CODE_ACTIONS)}]:\\d+$"


# ---------------------------------------------------------------- handlers


async def gapura(update: Update, context: BotContext) -> None:
    """Show the first page of open offerings, with any seat offered to me on top."""
    async with context.db() as session:  # the link and the list in one checkout
        link = await _linked(update, context, session)
        if link is None:
            return
        view = await _list_view(context, link, page=0, competency=None, mode=None, session=session)
    assert update.effective_message is not None
    text, keyboard = view
    await update.effective_message.reply_html(text, reply_markup=keyboard)


async def list_page(update: Update, context: BotContext) -> None:
    """Show another page or filter of the list, in the same message."""
    link = await _linked(update, context)
    if link is None:
        return
    query = update.callback_query
    assert query is not None
    items = parts(query.data)
    page = int_part(query.data, 2) or 0
    competency = _competency(items[3] if len(items) > 3 else NONE)
    mode = _mode(items[4] if len(items) > 4 else NONE)
    await query.answer()
    text, keyboard = await _list_view(context, link, page=page, competency=competency, mode=mode)
    await _edit(update, text, keyboard)


async def choose_filter(update: Update, context: BotContext) -> None:
    """Offer the competencies (gap:fc) or the modes (gap:fm) to filter by."""
    link = await _linked(update, context)
    if link is None:
        return
    query = update.callback_query
    assert query is not None
    await query.answer()
    lang, items = link.language, parts(query.data)
    kept = items[2] if len(items) > 2 else NONE
    if items[1] == "fc":
        text, keyboard = competency_menu(_mode(kept), lang)
    else:
        text, keyboard = mode_menu(_competency(kept), lang)
    await _edit(update, text, keyboard)


async def recommended(update: Update, context: BotContext) -> None:
    """Rekomendasi untuk Anda: open courses ranked by my latest released result's gaps."""
    link = await _linked(update, context)
    if link is None or link.employee is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    assert update.effective_message is not None
    text, keyboard = await _recommended_view(context, link)
    await update.effective_message.reply_html(text, reply_markup=keyboard)


async def details(update: Update, context: BotContext) -> None:
    """Show one course in full, with the buttons that fit my place on it."""
    link = await _linked(update, context)
    if link is None:
        return
    query = update.callback_query
    assert query is not None and update.effective_message is not None
    course_id = int_part(query.data, 2)
    view = await _details_view(context, link, course_id)
    if view is None:
        await query.answer(t("gapura.unavailable", link.language), show_alert=True)
        return
    await query.answer()
    await update.effective_message.reply_html(view[0], reply_markup=view[1])


async def act(update: Update, context: BotContext) -> None:
    """Enroll, join or leave the waitlist, cancel, or answer an offer; then show the
    course again."""
    link = await _linked(update, context)
    if link is None or link.employee_id is None:
        return
    query = update.callback_query
    assert query is not None
    action = _CODE_ACTIONS[parts(query.data)[1]]
    course_id = int_part(query.data, 2)
    notice = await _perform(context, link, course_id, action)
    if notice is None:
        await query.answer(t("gapura.unavailable", link.language), show_alert=True)
        return
    await query.answer()
    # After cancelling a course that is no longer offered, only the notice is left.
    view = await _details_view(context, link, course_id)
    text = t(notice, link.language) + ("\n\n" + view[0] if view else "")
    await _edit(update, text, view[1] if view else None)


# ---------------------------------------------------------------- loading what to show


async def _list_view(
    context: BotContext,
    link: ChatLink,
    *,
    page: int,
    competency: str | None,
    mode: str | None,
    session: AsyncSession | None = None,
) -> tuple[str, InlineKeyboardMarkup]:
    """A page of the open courses, filtered, with my places on them; read in
    ``session`` if given, else in its own."""
    now = context.clock.now()
    assert link.employee is not None
    async with AsyncExitStack() as stack:
        if session is None:
            session = await stack.enter_async_context(context.db())
        found = await courses.open_to_me(
            session, employee=link.employee, now=now, competency=competency, mode=mode
        )
    return list_message(
        found.courses,
        found.mine,
        page=page,
        competency=competency,
        mode=mode,
        now=now,
        lang=link.language,
        context=context,
    )


async def _recommended_view(
    context: BotContext, link: ChatLink
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Open courses I hold no place on, ranked by my latest released result if I have one."""
    lang = link.language
    assert link.employee is not None
    async with context.db() as session:
        found = await courses.recommended(
            session, employee=link.employee, now=context.clock.now(), limit=PAGE_SIZE
        )
    if found.ranked is not None:
        return ranked_message(
            found.ranked, found.courses, met=found.met, lang=lang, context=context
        )
    return unranked_message(found.picked, found.position_type, lang, context)


async def _details_view(
    context: BotContext, link: ChatLink, course_id: int | None
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """The details text and buttons, or None when the course is not for this caller."""
    if course_id is None or link.employee is None:
        return None
    now = context.clock.now()
    async with context.db() as session:
        found = await enrolment.details(
            session,
            employee=link.employee,
            course_id=course_id,
            now=now,
            today=now.astimezone(context.settings.tz).date(),
        )
    if found is None:
        return None
    return details_message(
        found.course,
        found.mine,
        found.seats_left,
        found.position,
        found.actions,
        link.language,
        context,
    )


# ---------------------------------------------------------------- actions


async def _perform(
    context: BotContext, link: ChatLink, course_id: int | None, action: str
) -> str | None:
    """Run the use case of the button; the catalogue key of what happened, or None when
    the course is not for me."""
    if course_id is None or link.employee is None:
        return None
    now, hours = context.clock.now(), context.settings.waitlist_offer_hours
    employee, today = link.employee, now.astimezone(context.settings.tz).date()
    async with context.db.begin() as session:
        if action in (waitlist.ENROLL, waitlist.JOIN_WAITLIST):
            outcome = await enrolment.enrol(
                session, employee=employee, course_id=course_id, now=now, today=today,
                join_waitlist=action == waitlist.JOIN_WAITLIST,
            )  # fmt: skip
        elif action == waitlist.ACCEPT:
            outcome = await enrolment.accept_offer(
                session, employee=employee, course_id=course_id, now=now, today=today
            )
        else:
            answer = {
                waitlist.DECLINE: enrolment.decline_offer,
                waitlist.LEAVE_WAITLIST: enrolment.leave_waitlist,
            }.get(action, enrolment.cancel)
            outcome = await answer(
                session, employee=employee, course_id=course_id, now=now, today=today,
                offer_hours=hours,
            )  # fmt: skip
    if outcome.kind is Enrolment.UNAVAILABLE:
        return None
    return f"gapura.done.{outcome.kind}"


# ---------------------------------------------------------------- helpers


async def _linked(
    update: Update, context: BotContext, session: AsyncSession | None = None
) -> ChatLink | None:
    """The caller's link; an unlinked caller's button press is answered too."""
    link = await require_link(update, context, session)
    query = update.callback_query
    if link is None and query is not None and (query.data or "").startswith("gap:"):
        await query.answer()  # (a menu button's press is answered by the menu)
    return link


async def _edit(update: Update, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    query = update.callback_query
    assert query is not None
    await edit_if_possible(query.edit_message_text(text, reply_markup=keyboard))


def _competency(value: str) -> str | None:
    return value if value in COMPETENCY_CODES else None


def _mode(value: str) -> str | None:
    return value if value in MODES else None
