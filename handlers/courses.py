"""/gapura: open Gapura offerings, my place on them, and the waitlist.

Buttons carry ``gap:<action>:...`` with database ids only:

- ``gap:l:<page>:<competency>:<mode>``: a page of the list (``-`` = no filter);
- ``gap:fc:<mode>`` / ``gap:fm:<competency>``: choose a competency / mode filter;
- ``gap:r``: recommended for me;
- ``gap:c:<course>``: a course's details (also from /hasil and /jp);
- ``gap:e|w|x|a|d:<course>``: enroll, join the waitlist, cancel, accept or
  decline an offer.

Every callback re-checks that the course is open to the caller (or that they
hold a place on it): a course id from a button is never trusted.
"""

from __future__ import annotations

import html
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.context import BotContext
from bot.core import waitlist
from bot.core.competencies import COMPETENCIES, competency_name
from bot.core.jp import display_jp
from bot.core.jpm import CompetencyScore
from bot.core.recommend import all_met, reason_params_for, recommend
from bot.texts import t
from handlers.callbacks import data, int_part, parts
from handlers.common import render, require_link
from models.chat import ChatLink
from models.enums import CourseMode, EnrollmentStatus
from models.gapura import Course, Enrollment
from models.queries import courses as q
from models.queries.results import released_results

PAGE_SIZE = 5
NONE = "-"  # no filter, in callback data
MODES = tuple(mode.value for mode in CourseMode)
_DESCRIPTION_MAX = 1500
_TEXT_MAX = 400

# Button action -> catalogue key of its label.
_ACTION_LABELS = {
    waitlist.ENROLL: "gapura.button.enroll",
    waitlist.JOIN_WAITLIST: "gapura.button.waitlist",
    waitlist.CANCEL: "gapura.button.cancel",
    waitlist.ACCEPT: "gapura.button.accept",
    waitlist.DECLINE: "gapura.button.decline",
}
_ACTION_CODES = {
    waitlist.ENROLL: "e",
    waitlist.JOIN_WAITLIST: "w",
    waitlist.CANCEL: "x",
    waitlist.ACCEPT: "a",
    waitlist.DECLINE: "d",
}
_CODE_ACTIONS = {code: action for action, code in _ACTION_CODES.items()}
ACTION_PATTERN = f"^gap:[{''.join(_CODE_ACTIONS)}]:\\d+$"


# ---------------------------------------------------------------- handlers


async def gapura(update: Update, context: BotContext) -> None:
    """Show the first page of open offerings, with any seat offered to me on top."""
    link = await _linked(update, context)
    if link is None:
        return
    assert update.effective_message is not None
    text, keyboard = await _list_view(context, link, page=0, competency=None, mode=None)
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
        mode = kept if _mode(kept) else NONE
        choices = [(f"{code} {competency_name(code, lang)}", code) for code in COMPETENCIES]
        buttons = [
            InlineKeyboardButton(label, callback_data=data("gap", "l", 0, code, mode))
            for label, code in choices
        ]
        everyone = data("gap", "l", 0, NONE, mode)
        prompt = "gapura.filter.choose_competency"
    else:
        competency = kept if _competency(kept) else NONE
        buttons = [
            InlineKeyboardButton(
                t(f"gapura.mode.{m}", lang), callback_data=data("gap", "l", 0, competency, m)
            )
            for m in MODES
        ]
        everyone = data("gap", "l", 0, competency, NONE)
        prompt = "gapura.filter.choose_mode"
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton(t("gapura.filter.all", lang), callback_data=everyone)])
    await _edit(update, t(prompt, lang), InlineKeyboardMarkup(rows))


async def recommended(update: Update, context: BotContext) -> None:
    """Untuk saya: open courses ranked by my latest released result's gaps."""
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
    """Enroll, join the waitlist, cancel, or answer an offer; then show the course again."""
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


# ---------------------------------------------------------------- the views


async def _list_view(
    context: BotContext, link: ChatLink, *, page: int, competency: str | None, mode: str | None
) -> tuple[str, InlineKeyboardMarkup]:
    lang, now = link.language, context.clock.now()
    assert link.employee is not None and link.employee_id is not None
    async with context.db() as session:
        audience = await q.audience_of(session, employee=link.employee)
        found = await q.open_courses(
            session, now=now, audience=audience, competency=competency, mode=mode
        )
        mine = await q.my_places(session, employee_id=link.employee_id)
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    blocks = [_offer_line(e, lang, context) for e in mine.values() if _live_offer(e, now)]
    blocks.append(t("gapura.list.title", lang))
    if competency or mode:
        blocks.append(_filter_line(competency, mode, lang))
    if not found:
        blocks.append(
            t("gapura.list.empty_filtered" if competency or mode else "gapura.list.empty", lang)
        )
    else:
        blocks.append(t("gapura.list.page", lang, page=page + 1, pages=pages))
    first = page * PAGE_SIZE + 1
    blocks += [
        _list_line(number, c, mine.get(c.id), lang, context)
        for number, c in enumerate(shown, first)
    ]
    rows = [[_offer_button(e, lang)] for e in mine.values() if _live_offer(e, now)]
    rows += [
        [InlineKeyboardButton(_short(f"{n}. {c.title}"), callback_data=data("gap", "c", c.id))]
        for n, c in enumerate(shown, first)
    ]
    comp, md = competency or NONE, mode or NONE
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("◀", callback_data=data("gap", "l", page - 1, comp, md)))
    if page < pages - 1:
        nav.append(InlineKeyboardButton("▶", callback_data=data("gap", "l", page + 1, comp, md)))
    if nav:
        rows.append(nav)
    rows.append(
        [
            InlineKeyboardButton(
                t("gapura.filter.competency", lang), callback_data=data("gap", "fc", md)
            ),
            InlineKeyboardButton(
                t("gapura.filter.mode", lang), callback_data=data("gap", "fm", comp)
            ),
        ]
    )
    rows.append(
        [InlineKeyboardButton(t("gapura.button.for_me", lang), callback_data=data("gap", "r"))]
    )
    return "\n\n".join(blocks), InlineKeyboardMarkup(rows)


async def _recommended_view(
    context: BotContext, link: ChatLink
) -> tuple[str, InlineKeyboardMarkup | None]:
    lang, now = link.language, context.clock.now()
    assert link.employee is not None and link.employee_id is not None
    async with context.db() as session:
        audience = await q.audience_of(session, employee=link.employee)
        found = await q.open_courses(session, now=now, audience=audience)
        mine = await q.my_places(session, employee_id=link.employee_id)
        results = await released_results(session, employee_id=link.employee_id)
    by_id = {c.id: c for c in found if c.id not in mine}
    lines: list[str] = []
    picked: list[Course] = []
    if results:
        scores = [
            CompetencyScore(s.competency_code, s.required_level, s.achieved_level)
            for s in results[0].scores
        ]
        ranked = recommend(
            scores,
            [q.facts(c) for c in by_id.values()],
            position_type=audience.position_type,
            status=audience.status,
            unit_ids=audience.unit_ids,
        )
        met = all_met(scores)
        if not ranked:
            return t("rec.all_met_none" if met else "rec.none", lang), None
        lines.append(t("rec.all_met" if met else "rec.title", lang))
        for number, rec in enumerate(ranked, 1):
            course = by_id[rec.course_id]
            reason = render(rec.reason_key, reason_params_for(rec, lang), lang, context)
            lines.append(_rec_item(number, course, reason, lang))
            picked.append(course)
    else:
        position = audience.position_type or "-"
        # Courses aimed at my position type first, then those open to everyone.
        picked = sorted(
            by_id.values(),
            key=lambda c: (audience.position_type not in q.facts(c).position_types, c.starts_on),
        )[:PAGE_SIZE]
        lines.append(render("gapura.rec.no_result", {"position": position}, lang, context))
        if not picked:
            lines.append(t("gapura.list.empty", lang))
        for number, course in enumerate(picked, 1):
            lines.append(_rec_item(number, course, "", lang))
    rows = [
        [InlineKeyboardButton(_short(f"{n}. {c.title}"), callback_data=data("gap", "c", c.id))]
        for n, c in enumerate(picked, 1)
    ]
    return "\n\n".join(lines), InlineKeyboardMarkup(rows) if rows else None


async def _details_view(
    context: BotContext, link: ChatLink, course_id: int | None
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """The details text and buttons, or None when the course is not for this caller."""
    if course_id is None or link.employee is None:
        return None
    lang, now = link.language, context.clock.now()
    today = now.astimezone(context.settings.tz).date()
    async with context.db() as session:
        course = await q.course_by_id(session, course_id=course_id)
        if course is None:
            return None
        audience = await q.audience_of(session, employee=link.employee)
        mine = await q.my_enrollment(session, course_id=course.id, employee_id=link.employee.id)
        if not _may_see(course, mine, audience, now):
            return None
        waiting = await q.waiting_places(session, course_id=course.id)
    seats_left = waitlist.seats_left(course.quota, course.seats_taken)
    status = str(mine.status) if mine is not None else None
    actions = waitlist.choices(
        status,
        seats_left=seats_left,
        registration_open=q.is_offered(course, now) and q.is_for(course, audience),
        started=course.starts_on <= today,
        offered_until=mine.offered_until if mine else None,
        now=now,
    )
    position = waitlist.position_in_queue(waiting, mine.id) if mine is not None else None
    text = _details_text(course, mine, seats_left, position, lang, context)
    buttons = [
        InlineKeyboardButton(
            t(_ACTION_LABELS[a], lang), callback_data=data("gap", _ACTION_CODES[a], course.id)
        )
        for a in actions
    ]
    return text, InlineKeyboardMarkup([buttons]) if buttons else None


def _details_text(
    course: Course,
    mine: Enrollment | None,
    seats_left: int,
    position: int | None,
    lang: str,
    context: BotContext,
) -> str:
    targets = ", ".join(
        competency_name(c.competency_code, lang)
        + (t("gapura.level", lang, level=c.target_level) if c.target_level else "")
        for c in sorted(course.competencies, key=lambda c: c.competency_code)
    )
    params: dict[str, object] = {
        "title": course.title,
        "description": _cut(course.description, _DESCRIPTION_MAX),
        "competencies": targets or "-",
        "jp": display_jp(course.jp, lang),
        "starts": course.starts_on,
        "ends": course.ends_on,
        "mode": t(f"gapura.mode.{course.mode.value}", lang),
        "provider": course.provider,
        "seats_left": seats_left,
        "quota": course.quota,
        "opens": course.registration_opens_at,
        "closes": course.registration_closes_at,
        "prerequisites": _cut(course.prerequisites, _TEXT_MAX) or "-",
        "contact": _cut(course.contact, _TEXT_MAX) or "-",
    }
    lines = [render("gapura.details", params, lang, context)]
    if course.venue:
        lines.append(render("gapura.details.venue", {"venue": course.venue}, lang, context))
    if course.online_url:
        lines.append(render("gapura.details.link", {"url": course.online_url}, lang, context))
    lines.append(render("gapura.details.more", params, lang, context))
    lines.append(_my_status(mine, position, lang, context))
    return "\n".join(lines)


def _my_status(
    mine: Enrollment | None, position: int | None, lang: str, context: BotContext
) -> str:
    if mine is None:
        return t("gapura.status.none", lang)
    if mine.status == EnrollmentStatus.WAITLISTED:
        return t("gapura.status.waitlisted", lang, position=position or "-")
    if mine.status == EnrollmentStatus.OFFERED and mine.offered_until is not None:
        return render("gapura.status.offered", {"until": mine.offered_until}, lang, context)
    return t(f"gapura.status.{mine.status.value}", lang)


def _list_line(
    number: int, course: Course, mine: Enrollment | None, lang: str, context: BotContext
) -> str:
    seats_left = waitlist.seats_left(course.quota, course.seats_taken)
    seats = (
        t("gapura.list.seats", lang, seats=seats_left)
        if seats_left
        else t("gapura.list.full", lang)
    )
    params: dict[str, object] = {
        "number": number,
        "title": course.title,
        "jp": display_jp(course.jp, lang),
        "mode": t(f"gapura.mode.{course.mode.value}", lang),
        "starts": course.starts_on,
        "seats": seats,
    }
    line = render("gapura.list.item", params, lang, context)
    if mine is not None:
        line += "\n" + t(f"gapura.list.mine.{mine.status.value}", lang)
    return line


def _rec_item(number: int, course: Course, reason: str, lang: str) -> str:
    """One recommended course; ``reason`` is ready HTML (or empty)."""
    title, jp = html.escape(course.title), display_jp(course.jp, lang)
    item = t("rec.item", lang, number=number, title=title, jp=jp, reason=reason).rstrip()
    if not waitlist.seats_left(course.quota, course.seats_taken):
        item += "\n" + t("rec.full", lang)
    return item


def _offer_line(enrollment: Enrollment, lang: str, context: BotContext) -> str:
    params: dict[str, object] = {
        "title": enrollment.course.title,
        "until": enrollment.offered_until,
    }
    return render("gapura.offer.banner", params, lang, context)


def _offer_button(enrollment: Enrollment, lang: str) -> InlineKeyboardButton:
    label = t("gapura.offer.button", lang, title=_short(enrollment.course.title, 30))
    return InlineKeyboardButton(label, callback_data=data("gap", "c", enrollment.course_id))


def _filter_line(competency: str | None, mode: str | None, lang: str) -> str:
    shown = []
    if competency:
        shown.append(competency_name(competency, lang))
    if mode:
        shown.append(t(f"gapura.mode.{mode}", lang))
    return t("gapura.filter.active", lang, filters=" · ".join(shown))


# ---------------------------------------------------------------- actions


async def _perform(
    context: BotContext, link: ChatLink, course_id: int | None, action: str
) -> str | None:
    """Do the action if it is open to me now; the catalogue key of what happened, or None."""
    if course_id is None or link.employee is None:
        return None
    now, hours = context.clock.now(), context.settings.waitlist_offer_hours
    today = now.astimezone(context.settings.tz).date()
    employee_id = link.employee.id
    async with context.db.begin() as session:
        course = await q.course_by_id(session, course_id=course_id)
        if course is None:
            return None
        audience = await q.audience_of(session, employee=link.employee)
        mine = await q.my_enrollment(session, course_id=course_id, employee_id=employee_id)
        if not _may_see(course, mine, audience, now):
            return None
        allowed = waitlist.choices(
            str(mine.status) if mine else None,
            # The seat itself is decided by the conditional UPDATE, not by this count.
            seats_left=1,
            registration_open=q.is_offered(course, now) and q.is_for(course, audience),
            started=course.starts_on <= today,
            offered_until=mine.offered_until if mine else None,
            now=now,
        )
        if action in (waitlist.ENROLL, waitlist.JOIN_WAITLIST) and waitlist.ENROLL in allowed:
            outcome = await q.enroll(
                session,
                course_id=course_id,
                employee_id=employee_id,
                now=now,
                waitlist_when_full=action == waitlist.JOIN_WAITLIST,
            )
            return f"gapura.done.{outcome}"
        if action not in allowed or mine is None:
            return "gapura.done.stale"
        if action == waitlist.ACCEPT:
            accepted = await q.accept_offer(session, enrollment_id=mine.id, now=now)
            return "gapura.done.accepted" if accepted else "gapura.done.stale"
        done = await q.cancel(session, enrollment=mine, now=now, offer_hours=hours, today=today)
        if not done:
            return "gapura.done.stale"
        return "gapura.done.declined" if action == waitlist.DECLINE else "gapura.done.cancelled"


# ---------------------------------------------------------------- helpers


def _may_see(course: Course, mine: Enrollment | None, audience: q.Audience, now: datetime) -> bool:
    """Open to me now, or I hold a live place on it (my own data)."""
    if mine is not None and mine.status in waitlist.ACTIVE:
        return True
    return q.is_offered(course, now) and q.is_for(course, audience)


def _live_offer(enrollment: Enrollment, now: datetime) -> bool:
    return (
        enrollment.status == EnrollmentStatus.OFFERED
        and enrollment.offered_until is not None
        and enrollment.offered_until > now
    )


async def _linked(update: Update, context: BotContext) -> ChatLink | None:
    """The caller's link; an unlinked caller's button press is answered too."""
    link = await require_link(update, context)
    query = update.callback_query
    if link is None and query is not None and (query.data or "").startswith("gap:"):
        await query.answer()  # (a menu button's press is answered by the menu)
    return link


async def _edit(update: Update, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard)
    except BadRequest as exc:  # the same page pressed again: nothing to change
        if "not modified" not in str(exc).lower():
            raise


def _competency(value: str) -> str | None:
    return value if value in COMPETENCIES else None


def _mode(value: str) -> str | None:
    return value if value in MODES else None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cut(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
