"""/hasil: my own assessment results, and nobody else's.

Released results are listed by program and date only; the summary and chart
appear after **Tampilkan hasil** (each reveal is audited as ``result.viewed``)
and, when ``results_autodelete_minutes`` is set, are deleted after that many
minutes; they are noted (``scheduled_deletions``) either way, so that leaving
(/putus, /lepas, /hapus) deletes them at once. Results not yet released show their
status and the program's expected release date. **Rekomendasi Gapura** lists open
courses chosen from the result's gaps (``bot.core.recommend``).
"""

from __future__ import annotations

import asyncio
import html
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.callbacks import data, int_part
from bot.charts import ChartLabels, LevelRow, levels_chart
from bot.context import BotContext
from bot.core.jpm import gaps, shown_percent
from bot.texts import t
from bot.texts.domain import competency_name
from bot.texts.paging import pack_blocks
from bot.usecases import courses
from handlers.common import render, require_link
from handlers.results_views import (
    format_result,
    pending_label,
    pending_text,
    recommendation_message,
)
from models.assessment import Result
from models.queries.audit import audit
from models.queries.deletions import schedule_deletion
from models.queries.results import (
    own_released_result,
    pending_assessments,
    released_results,
    scores_of,
)

SHOW = "res:show"  # + result id
RECOMMEND = "res:rec"  # + result id


async def results(update: Update, context: BotContext) -> None:
    """List my released results behind a reveal button, and where pending ones stand."""
    async with context.db() as session:
        link = await require_link(update, context, session)
        if link is None or link.employee_id is None:
            return
        employee_id = link.employee_id
        released = await released_results(session, employee_id=employee_id, with_scores=False)
        pending = await pending_assessments(session, employee_id=employee_id)
    assert update.effective_message is not None
    lang = link.language
    now = context.clock.now()
    waiting = [(p, status) for p in pending if (status := pending_label(p, now)) is not None]
    if not released and not waiting:
        await update.effective_message.reply_html(t("results.none", lang))
        return
    for item, status in waiting:
        await update.effective_message.reply_html(pending_text(item, status, lang, context))
    for result in released:
        button = InlineKeyboardButton(
            t("results.show_button", lang), callback_data=data(SHOW, result.id)
        )
        await update.effective_message.reply_html(
            render(
                "results.locked",
                {"program": result.program.name, "date": result.assessed_on},
                lang,
                context,
            ),
            reply_markup=InlineKeyboardMarkup([[button]]),
        )


async def reveal(update: Update, context: BotContext) -> None:
    """Show one of my released results with its chart; audit the view."""
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    link = await require_link(update, context)
    if link is None or link.employee_id is None:
        await query.answer()
        return
    result_id = int_part(query.data, 2)
    async with context.db.begin() as session:
        result = None
        if result_id is not None:
            result = await own_released_result(
                session, result_id=result_id, employee_id=link.employee_id
            )
        if result is not None:
            await audit(
                session,
                now=context.clock.now(),
                action="result.viewed",
                actor_kind="user",
                actor_telegram_id=link.telegram_user_id,
                employee_id=link.employee_id,
                result_id=result.id,
            )
    if result is None:
        await query.answer(t("results.not_available", link.language), show_alert=True)
        return
    await query.answer()
    sent = await _send_result(update, context, result, link.language)
    await _schedule_deletion(context, update.effective_chat.id, sent)


async def recommendations(update: Update, context: BotContext) -> None:
    """List up to five open Gapura courses that close this result's gaps (the rule of
    /gapura's "Untuk Anda": :func:`bot.usecases.courses.for_result`)."""
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    link = await require_link(update, context)
    if link is None or link.employee is None:
        await query.answer()
        return
    employee = link.employee
    result_id = int_part(query.data, 2) or 0
    async with context.db() as session:
        result = await own_released_result(session, result_id=result_id, employee_id=employee.id)
        found = None
        if result is not None:
            found = await courses.for_result(
                session, employee=employee, result=result, now=context.clock.now()
            )
    if found is None:
        await query.answer(t("results.not_available", link.language), show_alert=True)
        return
    await query.answer()
    text, keyboard = recommendation_message(found, link, context)
    assert update.effective_message is not None
    sent = await update.effective_message.reply_html(text, reply_markup=keyboard)
    await _schedule_deletion(context, update.effective_chat.id, [sent])


async def _send_result(
    update: Update, context: BotContext, result: Result, lang: str
) -> list[Message]:
    """The summary (one or more messages, the last with the recommendations button)
    and the chart; returns what was sent."""
    assert update.effective_message is not None and update.effective_chat is not None
    blocks = format_result(result, lang, context)
    minutes = context.settings.results_autodelete_minutes
    if minutes > 0:
        blocks.append(t("results.autodelete", lang, minutes=minutes))
    pages = pack_blocks(blocks)
    button = InlineKeyboardButton(
        t("results.recommend_button", lang), callback_data=data(RECOMMEND, result.id)
    )
    sent = []
    for number, page in enumerate(pages, start=1):
        markup = InlineKeyboardMarkup([[button]]) if number == len(pages) else None
        sent.append(await update.effective_message.reply_html(page, reply_markup=markup))
    rows = [
        LevelRow(competency_name(s.code, lang), s.required, s.achieved)
        for s in gaps(scores_of(result))
    ]
    if rows:
        labels = ChartLabels(
            title=t("results.chart_title", lang),
            summary=t(
                "results.chart_jpm",
                lang,
                jpm=shown_percent(result.jpm),
                category=result.category,
            ),
            required=t("results.chart_required", lang),
            achieved=t("results.chart_achieved", lang),
            below=t("results.chart_below", lang),
            level=t("results.chart_level", lang),
        )
        # Rendering is CPU work: keep it off the event loop.
        png = await asyncio.to_thread(levels_chart, rows, labels)
        caption = t("results.chart_caption", lang, program=html.escape(result.program.name))
        sent.append(
            await context.bot.send_photo(update.effective_chat.id, photo=png, caption=caption)
        )
    return sent


async def _schedule_deletion(context: BotContext, chat_id: int, sent: list[Message]) -> None:
    """Note a revealed result's messages: deleted by the deletions job when
    ``results_autodelete_minutes`` is set, and at once when the person leaves (/putus,
    /lepas, /hapus)."""
    if not sent:
        return
    minutes = context.settings.results_autodelete_minutes
    now = context.clock.now()
    async with context.db.begin() as session:
        await schedule_deletion(
            session,
            chat_id=chat_id,
            message_ids=[m.message_id for m in sent],
            sent_at=now,
            due_at=now + timedelta(minutes=minutes) if minutes > 0 else None,
        )
