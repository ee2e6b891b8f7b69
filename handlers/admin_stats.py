"""/statistik on a phone: a short summary (coverage and its projection, this round's
answers, the read rate of announcements) with buttons to the paged details
(``handlers.admin_stats_details``), then the charts, one per photo
(``bot.charts_admin``). Every number comes from SQL aggregates; the arithmetic is in
``bot.core.coverage`` and ``bot.core.stats``."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import data
from bot.context import BotContext
from bot.core.coverage import Coverage, OpdCoverage, Projection, per_opd, project, share
from bot.core.jpm import shown_percent
from bot.core.stats import needed_per_year
from bot.texts import t
from handlers import admin_stats_charts as charts
from handlers.common import admin_button, admin_language, edit_if_possible
from models.queries import stats as q

AREA = "st"
HOME = data(AREA, "home")
OPD, COURSES, BROADCASTS = "o", "c", "b"
SURVEY = "ikm"  # handlers.admin_stats_survey
COURSE_EVAL = "ce"  # handlers.admin_stats_course_eval


@dataclass(frozen=True)
class Numbers:
    """What the summary and its charts show."""

    total: int
    linked: int
    coverage: Coverage
    projection: Projection
    opds: list[OpdCoverage]
    rsvp: q.RoundRsvp | None
    delivered: int
    read: int
    broadcasts: list[q.BroadcastReads]


async def statistics(update: Update, context: BotContext) -> None:
    """/statistik: the summary with its buttons, then the charts."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    assert update.effective_message is not None and update.effective_chat is not None
    numbers = await load_numbers(context)
    await update.effective_message.reply_html(
        summary_text(numbers, lang, context), reply_markup=summary_buttons(lang)
    )
    # Rendering is CPU work: keep it off the event loop.
    photos = await asyncio.to_thread(charts.render, numbers, lang, context.settings.tz)
    for photo, caption in photos:
        await context.bot.send_photo(update.effective_chat.id, photo=photo, caption=caption)


async def back(update: Update, context: BotContext) -> None:
    """Kembali ke ringkasan: the summary again, in place."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    await query.answer()
    numbers = await load_numbers(context)
    await edit_if_possible(
        query.edit_message_text(
            summary_text(numbers, lang, context), reply_markup=summary_buttons(lang)
        )
    )


async def load_numbers(context: BotContext) -> Numbers:
    now = context.clock.now()
    async with context.db() as session:
        total = await q.active_employees(session)
        linked = await q.linked_employees(session)
        parents, names = await q.units(session)
        opds = per_opd(
            parents, names, await q.employees_per_unit(session), await q.assessed_per_unit(session)
        )
        by_year = await q.first_assessed_per_year(session)
        rsvp = await q.round_rsvp(session, now=now)
        delivered, read = await q.read_totals(session)
        broadcasts = await q.broadcast_reads(session, limit=charts.MAX_BARS)
    coverage = Coverage(sum(by_year.values()), total)
    projection = project(coverage, by_year)
    return Numbers(total, linked, coverage, projection, opds, rsvp, delivered, read, broadcasts)


def summary_text(numbers: Numbers, lang: str, context: BotContext) -> str:
    coverage, projection = numbers.coverage, numbers.projection
    lines = [
        t("admin.stats.heading", lang),
        t(
            "admin.stats.coverage",
            lang,
            assessed=coverage.assessed,
            total=coverage.total,
            percent=shown_percent(coverage.percent),
        ),
        *_projection_lines(coverage, projection, lang, context.clock.now().year),
        "",
        _rsvp_line(numbers.rsvp, lang),
        _reads_line(numbers.delivered, numbers.read, lang),
        t(
            "admin.stats.linked",
            lang,
            linked=numbers.linked,
            total=numbers.total,
            percent=shown_percent(share(numbers.linked, numbers.total)),
        ),
        "",
        t("admin.stats.more", lang),
    ]
    return "\n".join(lines)


def _projection_lines(
    coverage: Coverage, projection: Projection, lang: str, this_year: int
) -> list[str]:
    if projection.finish_year is None:
        return [t("admin.stats.no_pace", lang)]
    lines = [t("admin.stats.pace", lang, per_year=projection.per_year, year=projection.finish_year)]
    goal = "admin.stats.on_track" if projection.on_track else "admin.stats.behind"
    lines.append(t(goal, lang, goal_from=projection.goal_from, goal_by=projection.goal_by))
    needed = needed_per_year(coverage, projection, this_year)
    if not projection.on_track and needed is not None:
        lines.append(
            t(
                "admin.stats.needed",
                lang,
                goal_by=projection.goal_by,
                per_year=needed,
                year=this_year,
            )
        )
    return lines


def _rsvp_line(rsvp: q.RoundRsvp | None, lang: str) -> str:
    if rsvp is None:
        return t("admin.stats.no_round", lang)
    return t(
        "admin.stats.round",
        lang,
        program=charts.escaped(rsvp.program),
        invited=rsvp.invited,
        confirmed=rsvp.confirmed,
        unanswered=rsvp.unanswered,
        reschedule=rsvp.reschedule,
    )


def _reads_line(delivered: int, read: int, lang: str) -> str:
    if delivered == 0:
        return t("admin.stats.no_reads", lang)
    percent = shown_percent(share(read, delivered))
    return t("admin.stats.reads", lang, read=read, delivered=delivered, percent=percent)


def summary_buttons(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t("admin.stats.button_opd", lang), callback_data=page(OPD, 1))],
            [
                InlineKeyboardButton(
                    t("admin.stats.button_courses", lang), callback_data=page(COURSES, 1)
                ),
                InlineKeyboardButton(
                    t("admin.stats.button_broadcasts", lang), callback_data=page(BROADCASTS, 1)
                ),
            ],
            [
                InlineKeyboardButton(
                    t("admin.stats.button_survey", lang), callback_data=data(AREA, SURVEY)
                )
            ],
            [
                InlineKeyboardButton(
                    t("admin.stats.button_course_eval", lang),
                    callback_data=data(AREA, COURSE_EVAL),
                )
            ],
        ]
    )


def page(kind: str, number: int) -> str:
    """A detail page's button: ``st:o:2`` (the kind and the page number)."""
    return data(AREA, kind, number)
