"""What /gapura shows: the course list with its paging and filter menus (a course in
full and the recommendations: :mod:`handlers.courses_details`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import data
from bot.context import BotContext
from bot.core import waitlist
from bot.core.competencies import COMPETENCY_CODES
from bot.core.vocabulary import CourseMode, EnrollmentStatus
from bot.texts import t
from bot.texts.domain import competency_name
from bot.texts.paging import shorten
from handlers.common import render
from models.gapura import Course, Enrollment

PAGE_SIZE = 5
NONE = "-"  # no filter, in callback data
MODES = tuple(mode.value for mode in CourseMode)
_BUTTON_TITLE = 40
_DESCRIPTION_MAX = 1500
_TEXT_MAX = 400


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
    rows += course_rows(shown, first)
    rows += _list_buttons(page, pages, competency or NONE, mode or NONE, lang)
    return "\n\n".join(blocks), InlineKeyboardMarkup(rows)


def _list_buttons(
    page: int, pages: int, comp: str, md: str, lang: str
) -> list[list[InlineKeyboardButton]]:
    """Paging (in words), the two filters, and "Rekomendasi untuk Anda" under the list."""
    rows: list[list[InlineKeyboardButton]] = []
    nav = []
    if page > 0:
        previous = data("gap", "l", page - 1, comp, md)
        nav.append(InlineKeyboardButton(t("gapura.page.previous", lang), callback_data=previous))
    if page < pages - 1:
        following = data("gap", "l", page + 1, comp, md)
        nav.append(InlineKeyboardButton(t("gapura.page.next", lang), callback_data=following))
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
    return rows


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


def course_button(number: int, title: str, course_id: int) -> InlineKeyboardButton:
    """A numbered button opening a course's details (lists, /jp)."""
    return InlineKeyboardButton(
        shorten(f"{number}. {title}", _BUTTON_TITLE), callback_data=data("gap", "c", course_id)
    )


def course_rows(courses: Sequence[Course], first: int) -> list[list[InlineKeyboardButton]]:
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
