"""/statistik's details, a page of about ten lines at a time, edited in place: coverage
per OPD, Gapura courses, announcements. The button carries the kind and the page
(``st:o:2``), so nothing is kept between presses."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import int_part, parts
from bot.context import BotContext
from bot.core.coverage import per_opd, share
from bot.core.jpm import shown_percent
from bot.core.stats import Page, page_of
from bot.texts import t
from bot.texts.formatting import format_short_date
from bot.texts.paging import excerpt
from handlers.admin_stats import BROADCASTS, COURSES, HOME, OPD, page
from handlers.admin_stats_charts import escaped
from handlers.common import admin_button, edit_if_possible
from models.queries import stats as q

PATTERN = rf"^st:[{OPD}{COURSES}{BROADCASTS}]:\d+$"


async def detail_page(update: Update, context: BotContext) -> None:
    """Per OPD / Per pelatihan / Per pengumuman, or Sebelumnya / Berikutnya: a page."""
    gate = await admin_button(update, context)
    if gate is None:
        return
    query, lang = gate
    await query.answer()
    kind = parts(query.data)[1]
    number = int_part(query.data, 2) or 1
    if kind == OPD:
        heading, lines, shown = await _opds(context, lang, number)
    elif kind == COURSES:
        heading, lines, shown = await _courses(context, lang, number)
    else:
        heading, lines, shown = await _broadcasts(context, lang, number)
    text = "\n".join([heading, *(lines or [t("admin.stats.none", lang)])])
    await edit_if_possible(query.edit_message_text(text, reply_markup=_buttons(kind, shown, lang)))


def _heading(key: str, shown: Page, lang: str) -> str:
    return t(key, lang, page=shown.number, pages=shown.count)


async def _opds(context: BotContext, lang: str, number: int) -> tuple[str, list[str], Page]:
    async with context.db() as session:
        parents, names = await q.units(session)
        opds = per_opd(
            parents, names, await q.employees_per_unit(session), await q.assessed_per_unit(session)
        )
    shown = page_of(len(opds), number)
    lines = [
        t(
            "admin.stats.opd_line",
            lang,
            name=escaped(o.name),
            assessed=o.coverage.assessed,
            total=o.coverage.total,
            percent=shown_percent(o.coverage.percent),
        )
        for o in opds[shown.offset : shown.offset + shown.size]
    ]
    return _heading("admin.stats.opd_heading", shown, lang), lines, shown


async def _courses(context: BotContext, lang: str, number: int) -> tuple[str, list[str], Page]:
    async with context.db() as session:
        shown = page_of(await q.course_count(session), number)
        courses = await q.course_fill(session, offset=shown.offset, limit=shown.size)
    lines = [
        t(
            "admin.stats.course_line",
            lang,
            title=escaped(c.title),
            taken=c.seats_taken,
            quota=c.quota,
            percent=shown_percent(share(c.seats_taken, c.quota)),
            waitlisted=c.waitlisted,
        )
        for c in courses
    ]
    return _heading("admin.stats.courses_heading", shown, lang), lines, shown


async def _broadcasts(context: BotContext, lang: str, number: int) -> tuple[str, list[str], Page]:
    async with context.db() as session:
        shown = page_of(await q.broadcast_count(session), number)
        broadcasts = await q.broadcast_reads(session, offset=shown.offset, limit=shown.size)
    lines = [
        t(
            "admin.stats.broadcast_line",
            lang,
            date=format_short_date(b.created_at, lang, context.settings.tz),
            text=escaped(excerpt(b.text)),
            read=b.read,
            delivered=b.delivered,
            percent=shown_percent(share(b.read, b.delivered)),
        )
        for b in broadcasts
    ]
    return _heading("admin.stats.broadcasts_heading", shown, lang), lines, shown


def _buttons(kind: str, shown: Page, lang: str) -> InlineKeyboardMarkup:
    moves = []
    if shown.has_previous:
        moves.append(
            InlineKeyboardButton(
                t("admin.stats.previous", lang), callback_data=page(kind, shown.number - 1)
            )
        )
    if shown.has_next:
        moves.append(
            InlineKeyboardButton(
                t("admin.stats.next", lang), callback_data=page(kind, shown.number + 1)
            )
        )
    back = [InlineKeyboardButton(t("admin.stats.back", lang), callback_data=HOME)]
    return InlineKeyboardMarkup([moves, back] if moves else [back])
