"""/statistik's "Evaluasi pelatihan Gapura" page: per period (the year a course ended)
each evaluated course with its respondents and the mean of each question (1-4).

A course with fewer complete evaluations than ``ASNBOT_SURVEY_MIN_RESPONDENTS`` is
named without its figures, as the satisfaction survey's small groups are: a handful of
answers would point at people. No index or grade: the IKM is the SKM's
(``bot.core.ikm``). Buttons ``st:ce[:<period>]``."""

from __future__ import annotations

from fractions import Fraction

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import data, parts
from bot.context import BotContext
from bot.core import ikm
from bot.core.survey import COURSE, shown_apart
from bot.texts import t
from bot.texts.formatting import format_date_range
from bot.texts.paging import shorten
from handlers.admin_stats import AREA, COURSE_EVAL, HOME
from handlers.admin_stats_charts import escaped
from handlers.common import admin_button, edit_if_possible
from models.queries import surveys as q
from models.queries.course_evaluations import Evaluated, per_course

PAGE = COURSE_EVAL
PATTERN = rf"^{AREA}:{PAGE}(:\d{{4}})?$"
MAX_PERIODS = 4
MAX_COURSES = 8  # each a heading and five lines: well inside a message
TITLE_WIDTH = 60


async def course_eval_page(update: Update, context: BotContext) -> None:
    """Evaluasi pelatihan Gapura: a period's courses and their means, in place."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    await query.answer()
    items = parts(query.data)
    async with context.db() as session:
        periods = await q.periods(session, kind=COURSE.kind)
        period = items[2] if len(items) > 2 else (periods[0][0] if periods else "")
        courses = await per_course(session, period=period) if period else []
    if not courses:
        text = t("admin.course_eval.none", lang)
    else:
        text = page_text(courses, period, context.settings.survey_min_respondents, lang)
    await edit_if_possible(
        query.edit_message_text(text, reply_markup=_buttons(periods, period, lang))
    )


def page_text(courses: list[Evaluated], period: str, minimum: int, lang: str) -> str:
    """The page: a heading, then each course (its means only when shown apart)."""
    lines = [t("admin.course_eval.heading", lang, period=period, minimum=minimum)]
    for evaluated in courses[:MAX_COURSES]:
        course = evaluated.course
        title = shorten(course.title, TITLE_WIDTH)
        dates = format_date_range(course.starts_on, course.ends_on, lang)
        lines.append("")
        if not shown_apart(evaluated.respondents, minimum):
            lines.append(
                t(
                    "admin.course_eval.course_few",
                    lang,
                    title=escaped(title),
                    dates=dates,
                    minimum=minimum,
                )
            )
            continue
        lines.append(
            t(
                "admin.course_eval.course",
                lang,
                title=escaped(title),
                dates=dates,
                count=evaluated.respondents,
            )
        )
        for number in range(1, COURSE.questions + 1):
            mean = Fraction(evaluated.sums.get(number - 1, 0), evaluated.respondents)
            lines.append(
                t(
                    "admin.course_eval.question_line",
                    lang,
                    number=number,
                    name=t(f"survey.course_evaluation.topic.{number}", lang),
                    mean=ikm.rounded(mean),
                )
            )
    if len(courses) > MAX_COURSES:
        lines += ["", t("admin.course_eval.more", lang, count=len(courses) - MAX_COURSES)]
    return "\n".join(lines)


def _buttons(periods: list[tuple[str, int]], current: str, lang: str) -> InlineKeyboardMarkup:
    rows = []
    others = [p for p, _ in periods if p != current][:MAX_PERIODS]
    if others:
        rows.append(
            [
                InlineKeyboardButton(
                    t("admin.survey.period_button", lang, period=p),
                    callback_data=data(AREA, PAGE, p),
                )
                for p in others
            ]
        )
    rows.append([InlineKeyboardButton(t("admin.stats.back", lang), callback_data=HOME)])
    return InlineKeyboardMarkup(rows)
