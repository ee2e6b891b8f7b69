"""/statistik: linked employees, assessment coverage per OPD with its projection
(text and a chart), upcoming sessions with their answers, course fill rates and
waitlists, and announcement read rates. Every number comes from SQL aggregates;
the pure arithmetic is in ``bot.core.coverage``."""

from __future__ import annotations

import asyncio
import html

from telegram import Update

from bot.charts_admin import CoverageLabels, coverage_chart
from bot.context import BotContext
from bot.core.coverage import Coverage, OpdCoverage, Projection, per_opd, project, share
from bot.core.jpm import shown_percent
from bot.texts import t
from bot.texts.formatting import format_short_date
from bot.texts.paging import pack_blocks, shorten
from handlers.common import admin_language
from models.queries import stats as q

_EXCERPT = 40


async def statistics(update: Update, context: BotContext) -> None:
    """/statistik: the numbers as text (paginated), then the coverage chart."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    assert update.effective_message is not None and update.effective_chat is not None
    now = context.clock.now()
    async with context.db() as session:
        total = await q.active_employees(session)
        linked = await q.linked_employees(session)
        parents, names = await q.units(session)
        opds = per_opd(
            parents, names, await q.employees_per_unit(session), await q.assessed_per_unit(session)
        )
        by_year = await q.first_assessed_per_year(session)
        sessions = await q.upcoming_rsvp(session, now=now)
        courses = await q.course_fill(session)
        broadcasts = await q.broadcast_reads(session)
    coverage = Coverage(sum(by_year.values()), total)
    projection = project(coverage, by_year)
    blocks = [
        t("admin.stats.heading", lang),
        t(
            "admin.stats.linked",
            lang,
            linked=linked,
            total=total,
            percent=shown_percent(share(linked, total)),
        ),
        _coverage_text(coverage, projection, lang),
        *_opd_blocks(opds, lang),
        *_session_blocks(sessions, lang, context),
        *_course_blocks(courses, lang),
        *_broadcast_blocks(broadcasts, lang, context),
    ]
    for page in pack_blocks(blocks):
        await update.effective_message.reply_html(page)
    labels = CoverageLabels(
        title=t("admin.stats.chart_title", lang),
        progress=t("admin.stats.chart_progress", lang),
        projection=t("admin.stats.chart_projection", lang),
        goal=t("admin.stats.chart_goal", lang),
        per_opd=t("admin.stats.chart_per_opd", lang),
        percent=t("admin.stats.chart_percent", lang),
    )
    # Rendering is CPU work: keep it off the event loop.
    png = await asyncio.to_thread(coverage_chart, total, projection, opds, labels)
    await context.bot.send_photo(
        update.effective_chat.id, photo=png, caption=t("admin.stats.chart_caption", lang)
    )


def _coverage_text(coverage: Coverage, projection: Projection, lang: str) -> str:
    lines = [
        t(
            "admin.stats.coverage",
            lang,
            assessed=coverage.assessed,
            total=coverage.total,
            percent=shown_percent(coverage.percent),
        ),
    ]
    if projection.finish_year is None:
        lines.append(t("admin.stats.no_pace", lang))
    else:
        lines.append(
            t("admin.stats.pace", lang, per_year=projection.per_year, year=projection.finish_year)
        )
    goal = "admin.stats.on_track" if projection.on_track else "admin.stats.behind"
    lines.append(t(goal, lang, goal_from=projection.goal_from, goal_by=projection.goal_by))
    return "\n".join(lines)


def _opd_blocks(opds: list[OpdCoverage], lang: str) -> list[str]:
    if not opds:
        return []
    lines = [t("admin.stats.opd_heading", lang)]
    lines += [
        t(
            "admin.stats.opd_line",
            lang,
            name=html.escape(o.name),
            assessed=o.coverage.assessed,
            total=o.coverage.total,
            percent=shown_percent(o.coverage.percent),
        )
        for o in opds
    ]
    return _grouped(lines)


def _session_blocks(sessions: list[q.SessionRsvp], lang: str, context: BotContext) -> list[str]:
    lines = [t("admin.stats.sessions_heading", lang)]
    if not sessions:
        lines.append(t("admin.stats.none", lang))
    for s in sessions:
        lines.append(
            t(
                "admin.stats.session_line",
                lang,
                date=format_short_date(s.starts_at, lang, context.settings.tz),
                code=html.escape(s.code),
                program=html.escape(s.program),
                confirmed=s.confirmed,
                invited=s.invited,
                reschedule=s.reschedule,
                capacity=s.capacity,
            )
        )
    return _grouped(lines)


def _course_blocks(courses: list[q.CourseFill], lang: str) -> list[str]:
    lines = [t("admin.stats.courses_heading", lang)]
    if not courses:
        lines.append(t("admin.stats.none", lang))
    for c in courses:
        lines.append(
            t(
                "admin.stats.course_line",
                lang,
                title=html.escape(c.title),
                taken=c.seats_taken,
                quota=c.quota,
                percent=shown_percent(share(c.seats_taken, c.quota)),
                waitlisted=c.waitlisted,
            )
        )
    return _grouped(lines)


def _broadcast_blocks(
    broadcasts: list[q.BroadcastReads], lang: str, context: BotContext
) -> list[str]:
    lines = [t("admin.stats.broadcasts_heading", lang)]
    if not broadcasts:
        lines.append(t("admin.stats.none", lang))
    for b in broadcasts:
        excerpt = shorten(" ".join(b.text.split()), _EXCERPT)
        lines.append(
            t(
                "admin.stats.broadcast_line",
                lang,
                date=format_short_date(b.created_at, lang, context.settings.tz),
                text=html.escape(excerpt),
                read=b.read,
                delivered=b.delivered,
                percent=shown_percent(share(b.read, b.delivered)),
            )
        )
    return _grouped(lines)


def _grouped(lines: list[str]) -> list[str]:
    """Lines joined into blocks small enough for pack_blocks (a section may span pages)."""
    return pack_blocks(lines, limit=3500, separator="\n")
