"""/jp: my JP (training hours) this year against my target, and open courses
that would close what remains."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.core.jp import jp_progress
from bot.core.jp_plan import courses_to_close
from bot.core.recommend import REASON_MARGIN, recommend
from bot.texts import t
from handlers.common import require_link
from handlers.courses_views import course_button
from models.queries import courses as q
from models.queries.jp import jp_earned, jp_pending
from models.queries.results import released_results, scores_of


async def jp_command(update: Update, context: BotContext) -> None:
    """Show my JP this year, what remains, and up to three courses that would close it."""
    link = await require_link(update, context)
    if link is None or link.employee is None:
        return
    assert update.effective_message is not None
    employee, lang, now = link.employee, link.language, context.clock.now()
    year = now.astimezone(context.settings.tz).year
    async with context.db() as session:
        earned = await jp_earned(session, employee_id=employee.id, year=year)
        pending = await jp_pending(session, employee_id=employee.id, year=year)
        audience = await q.audience_of(session, employee=employee)
        found = await q.open_courses(session, now=now, audience=audience)
        mine = await q.my_places(session, employee_id=employee.id)
        results = await released_results(session, employee_id=employee.id)
    progress = jp_progress(earned, context.settings.jp_target(employee.status))
    candidates = [q.facts(c) for c in found if c.id not in mine]
    ranked = []
    if results:
        scores = scores_of(results[0])
        ranked = recommend(
            scores,
            candidates,
            position_type=audience.position_type,
            status=audience.status,
            unit_ids=audience.unit_ids,
            limit=len(candidates),
        )
    for_gaps = [r.course_id for r in ranked if r.reason_key != REASON_MARGIN]
    suggested = courses_to_close(progress.remaining, candidates, ranked_for_gaps=for_gaps)

    lines = [
        t(
            "jp.mine.summary",
            lang,
            year=year,
            earned=progress.earned,
            target=progress.target,
            percent=progress.shown_percent,
        )
    ]
    if progress.met:
        lines.append(t("jp.mine.met", lang))
    else:
        lines.append(t("jp.mine.remaining", lang, remaining=progress.remaining))
    if pending:
        lines.append(t("jp.mine.pending", lang, jp=pending))
    if suggested:
        lines.append("\n" + t("jp.mine.courses", lang))
        lines += [
            t(
                "jp.mine.course",
                lang,
                number=n,
                title=html.escape(c.title),
                jp=c.jp,
            )
            for n, c in enumerate(suggested, 1)
        ]
    elif not progress.met:
        lines.append("\n" + t("jp.mine.no_courses", lang))
    keyboard = [[course_button(n, c.title, c.course_id)] for n, c in enumerate(suggested, 1)]
    await update.effective_message.reply_html(
        "\n".join(lines), reply_markup=InlineKeyboardMarkup(keyboard) if keyboard else None
    )
