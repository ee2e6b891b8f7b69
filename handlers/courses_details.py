"""What /gapura shows about single courses: a course in full with a button for each
action open to me, and the courses recommended for me."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import data
from bot.context import BotContext
from bot.core import waitlist
from bot.core.recommend import Recommendation
from bot.core.vocabulary import EnrollmentStatus
from bot.texts import t
from bot.texts.domain import competency_name, reason_params
from bot.texts.formatting import format_date_range, format_period
from bot.texts.paging import shorten
from handlers.common import render
from handlers.courses_views import course_rows
from models.gapura import Course, Enrollment

_DESCRIPTION_MAX = 1500
_TEXT_MAX = 400
# Button action -> catalogue key of its label.
_ACTION_LABELS = {
    waitlist.ENROLL: "gapura.button.enroll",
    waitlist.JOIN_WAITLIST: "gapura.button.waitlist",
    waitlist.CANCEL: "gapura.button.cancel",
    waitlist.LEAVE_WAITLIST: "gapura.button.leave_waitlist",
    waitlist.ACCEPT: "gapura.button.accept",
    waitlist.DECLINE: "gapura.button.decline",
}
# Button action -> its code in callback data (``gap:<code>:<course>``).
ACTION_CODES = {
    waitlist.ENROLL: "e",
    waitlist.JOIN_WAITLIST: "w",
    waitlist.CANCEL: "x",
    waitlist.LEAVE_WAITLIST: "q",  # ("l" is the list's paging)
    waitlist.ACCEPT: "a",
    waitlist.DECLINE: "d",
}


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
    return "\n\n".join(lines), InlineKeyboardMarkup(course_rows(picked, 1))


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
    rows = course_rows(picked, 1)
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
        "dates": format_date_range(course.starts_on, course.ends_on, lang),
        "mode": t(f"gapura.mode.{course.mode.value}", lang),
        "provider": course.provider,
        "seats_left": seats_left,
        "quota": course.quota,
        "registration": format_period(
            course.registration_opens_at, course.registration_closes_at, lang, context.settings.tz
        ),
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


def _rec_item(number: int, course: Course, reason: str, lang: str) -> str:
    """One recommended course; ``reason`` is ready HTML (or empty)."""
    title, jp = html.escape(course.title), course.jp
    item = t("rec.item", lang, number=number, title=title, jp=jp, reason=reason).rstrip()
    if not waitlist.seats_left(course.quota, course.seats_taken):
        item += "\n" + t("rec.full", lang)
    return item
