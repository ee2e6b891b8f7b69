"""/statistik's satisfaction-survey page: per period (a year) the IKM, its grade in
words, the respondents, each element's mean (a chart), the sessions large enough to
show apart, and the regulation's per-element table as XLSX.

A period or session with fewer complete answers than ``ASNBOT_SURVEY_MIN_RESPONDENTS``
is not shown with its own figures: a handful of answers would point at people.
The arithmetic is :mod:`bot.core.ikm`; buttons ``st:ikm[:<period>]`` (the page)
and ``st:ikmx:<period>`` (the file)."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import data, parts
from bot.charts_admin import Bar, bars_chart
from bot.context import BotContext
from bot.core import ikm
from bot.core.survey import SKM, shown_apart
from bot.exports import workbook
from bot.texts import sessions, t
from bot.texts.numbers import format_number
from handlers.admin_stats import AREA, HOME, SURVEY
from handlers.admin_stats_charts import escaped
from handlers.common import admin_button, edit_if_possible
from models.assessment import AssessmentSession
from models.queries import surveys as q

PAGE, FILE = SURVEY, "ikmx"
PATTERN = rf"^{AREA}:{PAGE}(:\d{{4}})?$"
FILE_PATTERN = rf"^{AREA}:{FILE}:\d{{4}}$"
MAX_PERIODS = 4
MAX_SESSIONS = 10
LINE_WIDTH = 70  # a session named in a line of the page, not on a button
WEIGHT_PLACES = 4


async def survey_page(update: Update, context: BotContext) -> None:
    """Survei kepuasan (IKM): a period's figures in place, then its chart."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    await query.answer()
    items = parts(query.data)
    minimum = context.settings.survey_min_respondents
    async with context.db() as session:
        periods = await q.periods(session, kind=SKM.kind)
        period = items[2] if len(items) > 2 else (periods[0][0] if periods else "")
        totals = await q.totals(session, kind=SKM.kind, period=period)
        by_session = await q.per_session(session, kind=SKM.kind, period=period)
    buttons = _buttons(periods, period, lang, with_file=shown_apart(totals.respondents, minimum))
    if not period:
        text = t("admin.survey.none", lang)
    elif not shown_apart(totals.respondents, minimum):
        text = t("admin.survey.too_few", lang, period=period, minimum=minimum)
    else:
        index = ikm.from_sums(ikm.sums_by_element(totals.sums, SKM.questions), totals.respondents)
        text = _page_text(index, period, by_session, minimum, lang, context)
        chart = await asyncio.to_thread(_chart, index, period, lang)
        await edit_if_possible(query.edit_message_text(text, reply_markup=buttons))
        assert update.effective_chat is not None
        await context.bot.send_photo(
            update.effective_chat.id,
            photo=chart,
            caption=t("admin.survey.chart_caption", lang, period=period),
        )
        return
    await edit_if_possible(query.edit_message_text(text, reply_markup=buttons))


async def survey_file(update: Update, context: BotContext) -> None:
    """Unduh tabel IKM (XLSX): the per-element table of the regulation's report."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    period = parts(query.data)[2]
    async with context.db() as session:
        totals = await q.totals(session, kind=SKM.kind, period=period)
    if not shown_apart(totals.respondents, context.settings.survey_min_respondents):
        await query.answer(
            t(
                "admin.survey.too_few",
                lang,
                period=period,
                minimum=context.settings.survey_min_respondents,
            ),
            show_alert=True,
        )
        return
    await query.answer()
    index = ikm.from_sums(ikm.sums_by_element(totals.sums, SKM.questions), totals.respondents)
    assert update.effective_chat is not None
    await context.bot.send_document(
        update.effective_chat.id,
        document=table(index, period, lang),
        filename=f"ikm-{period}.xlsx",
        caption=t("admin.survey.file_caption", lang, period=period, count=totals.respondents),
    )


def element_name(number: int, lang: str) -> str:
    return t(f"survey.skm.element.{number}", lang)


def grade_words(index: ikm.Index, lang: str) -> str:
    return t(f"survey.grade.{index.grade}", lang)


def table(index: ikm.Index, period: str, lang: str) -> bytes:
    """The regulation's table: per element the NRR and the weighted NRR, then the
    index, the converted IKM, the grade (mutu) and the performance (kinerja)."""
    rows: list[list[object]] = [
        [
            number,
            element_name(number, lang),
            float(ikm.rounded(element.mean)),
            float(ikm.rounded(element.weighted, WEIGHT_PLACES)),
        ]
        for number, element in enumerate(index.elements, start=1)
    ]
    rows += [
        [
            "",
            t("admin.survey.xlsx.index", lang),
            "",
            float(ikm.rounded(index.value, WEIGHT_PLACES)),
        ],
        [None, t("admin.survey.xlsx.ikm", lang), None, float(ikm.rounded(index.ikm))],
        [None, t("admin.survey.xlsx.grade", lang), None, index.grade],
        [None, t("admin.survey.xlsx.performance", lang), None, grade_words(index, lang)],
        [None, t("admin.survey.xlsx.respondents", lang), None, index.respondents],
    ]
    headers = [t(f"admin.survey.xlsx.col.{c}", lang) for c in ("no", "element", "nrr", "weighted")]
    return workbook(
        f"IKM {period}", t("admin.survey.xlsx.title", lang, period=period), headers, rows
    )


def _page_text(
    index: ikm.Index,
    period: str,
    by_session: list[tuple[AssessmentSession, int]],
    minimum: int,
    lang: str,
    context: BotContext,
) -> str:
    lines = [
        t(
            "admin.survey.heading",
            lang,
            period=period,
            ikm=ikm.rounded(index.ikm),
            grade=index.grade,
            words=grade_words(index, lang),
            count=index.respondents,
        ),
        "",
        t("admin.survey.elements", lang),
    ]
    for number, element in enumerate(index.elements, start=1):
        lines.append(
            t(
                "admin.survey.element_line",
                lang,
                number=number,
                name=element_name(number, lang),
                nrr=ikm.rounded(element.mean),
            )
        )
    if by_session:
        lines += ["", t("admin.survey.sessions", lang)]
    for sitting, count in by_session[:MAX_SESSIONS]:
        name = sessions.label(sitting, lang, context.settings.tz, width=LINE_WIDTH)
        if shown_apart(count, minimum):
            lines.append(t("admin.survey.session_line", lang, session=escaped(name), count=count))
        else:
            lines.append(
                t("admin.survey.session_few", lang, session=escaped(name), minimum=minimum)
            )
    return "\n".join(lines)


def _chart(index: ikm.Index, period: str, lang: str) -> bytes:
    bars = [
        Bar(
            element_name(number, lang),
            float(element.mean),
            format_number(ikm.rounded(element.mean), lang),
        )
        for number, element in enumerate(index.elements, start=1)
    ]
    return bars_chart(t("admin.survey.chart_title", lang, period=period), bars, full=ikm.HIGHEST)


def _buttons(
    periods: list[tuple[str, int]], current: str, lang: str, *, with_file: bool
) -> InlineKeyboardMarkup:
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
    if with_file and current:
        rows.append(
            [
                InlineKeyboardButton(
                    t("admin.survey.file_button", lang), callback_data=data(AREA, FILE, current)
                )
            ]
        )
    rows.append([InlineKeyboardButton(t("admin.stats.back", lang), callback_data=HOME)])
    return InlineKeyboardMarkup(rows)
