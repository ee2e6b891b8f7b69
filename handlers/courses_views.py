"""What /gapura shows: the course list, filter menus, recommendations and course details."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import data
from bot.context import BotContext
from bot.core import waitlist
from bot.core.competencies import COMPETENCY_CODES
from bot.core.recommend import Recommendation
from bot.core.vocabulary import CourseMode, EnrollmentStatus
from bot.texts import t
from bot.texts.domain import competency_name, reason_params
from bot.texts.paging import shorten
from handlers.common import render
from models.gapura import Course, Enrollment

PAGE_SIZE = 5
NONE = "-"  # no filter, in callback data
MODES = tuple(mode.value for mode in CourseMode)
_BUTTON_TITLE = 40
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
# Button action -> its code in callback data (``gap:<code>:<course>``).
ACTION_CODES = {
    waitlist.ENROLL: "e",
    waitlist.JOIN_WAITLIST: "w",
    waitlist.CANCEL: "x",
    waitlist.ACCEPT: "a",
    waitlist.DECLINE: "d",
}


def list_message(
    found: Sequence[Course],
    mine: Mapping[int, Enrollment],
    *,
    page: int,
    competency: str | None,
    mode: str | None,
    now: datetime,
    lang: str,
    context: BotContext,
) -> tuple[str, InlineKeyboardMarkup]:
    """A page of open courses (seats offered to me on top), paging and filter buttons."""
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
    rows += _course_rows(shown, first)
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


def competency_menu(mode: str | None, lang: str) -> tuple[str, InlineKeyboardMarkup]:
    """The competencies to filter by, keeping the mode filter."""
    md = mode or NONE
    buttons = [
        InlineKeyboardButton(
            f"{code} {competency_name(code, lang)}", callback_data=data("gap", "l", 0, code, md)
        )
        for code in COMPETENCY_CODES
    ]
    everyone = data("gap", "l", 0, NONE, md)
    return t("gapura.filter.choose_competency", lang), _filter_keyboard(buttons, everyone, lang)


def mode_menu(competency: str | None, lang: str) -> tuple[str, InlineKeyboardMarkup]:
    """The modes to filter by, keeping the competency filter."""
    comp = competency or NONE
    buttons = [
        InlineKeyboardButton(
            t(f"gapura.mode.{m}", lang), callback_data=data("gap", "l", 0, comp, m)
        )
        for m in MODES
    ]
    everyone = data("gap", "l", 0, comp, NONE)
    return t("gapura.filter.choose_mode", lang), _filter_keyboard(buttons, everyone, lang)


def ranked_message(
    ranked: Sequence[Recommendation],
    courses: Mapping[int, Course],
    *,
    met: bool,
    lang: str,
    context: BotContext,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Courses ranked by my latest result's gaps, each with its reason."""
    if not ranked:
        return t("rec.all_met_none" if met else "rec.none", lang), None
    lines = [t("rec.all_met" if met else "rec.title", lang)]
    picked: list[Course] = []
    for number, rec in enumerate(ranked, 1):
        course = courses[rec.course_id]
        reason = render(rec.reason_key, reason_params(rec, lang), lang, context)
        lines.append(_rec_item(number, course, reason, lang))
        picked.append(course)
    return "\n\n".join(lines), InlineKeyboardMarkup(_course_rows(picked, 1))


def unranked_message(
    picked: Sequence[Course], position_type: str | None, lang: str, context: BotContext
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Courses for my position type when I have no released result yet."""
    position = position_type or "-"
    lines = [render("gapura.rec.no_result", {"position": position}, lang, context)]
    if not picked:
        lines.append(t("gapura.list.empty", lang))
    for number, course in enumerate(picked, 1):
        lines.append(_rec_item(number, course, "", lang))
    rows = _course_rows(picked, 1)
    return "\n\n".join(lines), InlineKeyboardMarkup(rows) if rows else None


def details_message(
    course: Course,
    mine: Enrollment | None,
    seats_left: int,
    position: int | None,
    actions: Sequence[str],
    lang: str,
    context: BotContext,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One course in full, my place on it, and a button for each action open to me."""
    targets = ", ".join(
        competency_name(c.competency_code, lang)
        + (t("gapura.level", lang, level=c.target_level) if c.target_level else "")
        for c in sorted(course.competencies, key=lambda c: c.competency_code)
    )
    params: dict[str, object] = {
        "title": course.title,
        "description": shorten(course.description.strip(), _DESCRIPTION_MAX),
        "competencies": targets or "-",
        "jp": course.jp,
        "starts": course.starts_on,
        "ends": course.ends_on,
        "mode": t(f"gapura.mode.{course.mode.value}", lang),
        "provider": course.provider,
        "seats_left": seats_left,
        "quota": course.quota,
        "opens": course.registration_opens_at,
        "closes": course.registration_closes_at,
        "prerequisites": shorten(course.prerequisites.strip(), _TEXT_MAX) or "-",
        "contact": shorten(course.contact.strip(), _TEXT_MAX) or "-",
    }
    lines = [render("gapura.details", params, lang, context)]
    if course.venue:
        lines.append(render("gapura.details.venue", {"venue": course.venue}, lang, context))
    if course.online_url:
        lines.append(render("gapura.details.link", {"url": course.online_url}, lang, context))
    lines.append(render("gapura.details.more", params, lang, context))
    lines.append(_my_status(mine, position, lang, context))
    buttons = [
        InlineKeyboardButton(
            t(_ACTION_LABELS[a], lang), callback_data=data("gap", ACTION_CODES[a], course.id)
        )
        for a in actions
    ]
    return "\n".join(lines), InlineKeyboardMarkup([buttons]) if buttons else None


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
        t("gapura.list.seats", lang, count=seats_left)
        if seats_left
        else t("gapura.list.full", lang)
    )
    params: dict[str, object] = {
        "number": number,
        "title": course.title,
        "jp": course.jp,
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
    title, jp = html.escape(course.title), course.jp
    item = t("rec.item", lang, number=number, title=title, jp=jp, reason=reason).rstrip()
    if not waitlist.seats_left(course.quota, course.seats_taken):
        item += "\n" + t("rec.full", lang)
    return item


def course_button(number: int, title: str, course_id: int) -> InlineKeyboardButton:
    """A numbered button opening a course's details (lists, /jp)."""
    return InlineKeyboardButton(
        shorten(f"{number}. {title}", _BUTTON_TITLE), callback_data=data("gap", "c", course_id)
    )


def _course_rows(courses: Sequence[Course], first: int) -> list[list[InlineKeyboardButton]]:
    """One numbered button per course, opening its details."""
    return [[course_button(n, c.title, c.id)] for n, c in enumerate(courses, first)]


def _offer_line(enrollment: Enrollment, lang: str, context: BotContext) -> str:
    params: dict[str, object] = {
        "title": enrollment.course.title,
        "until": enrollment.offered_until,
    }
    return render("gapura.offer.banner", params, lang, context)


def _offer_button(enrollment: Enrollment, lang: str) -> InlineKeyboardButton:
    label = t("gapura.offer.button", lang, title=shorten(enrollment.course.title, 30))
    return InlineKeyboardButton(label, callback_data=data("gap", "c", enrollment.course_id))


def _live_offer(enrollment: Enrollment, now: datetime) -> bool:
    return (
        enrollment.status == EnrollmentStatus.OFFERED
        and enrollment.offered_until is not None
        and enrollment.offered_until > now
    )


def _filter_line(competency: str | None, mode: str | None, lang: str) -> str:
    shown = []
    if competency:
        shown.append(competency_name(competency, lang))
    if mode:
        shown.append(t(f"gapura.mode.{mode}", lang))
    return t("gapura.filter.active", lang, filters=" · ".join(shown))


def _filter_keyboard(
    buttons: list[InlineKeyboardButton], everyone: str, lang: str
) -> InlineKeyboardMarkup:
    """The choices two by two, then "all" (callback ``everyone``) to drop this filter."""
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton(t("gapura.filter.all", lang), callback_data=everyone)])
    return InlineKeyboardMarkup(rows)
