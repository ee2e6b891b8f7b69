"""/hasil: my own released assessment results, and nobody else's."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import BotContext
from bot.core.competencies import competency_name
from bot.core.jpm import CompetencyScore, display_percent, gaps
from bot.texts import t
from bot.texts.formatting import format_short_date
from handlers.common import require_link
from models.assessment import Result
from models.queries.audit import audit
from models.queries.results import released_results


async def results(update: Update, context: BotContext) -> None:
    """Show my released results, largest competency gap first; the view is audited."""
    link = await require_link(update, context)
    if link is None or link.employee_id is None:
        return
    assert update.effective_message is not None
    lang = link.language
    async with context.db.begin() as session:
        found = await released_results(session, employee_id=link.employee_id)
        await audit(
            session,
            now=context.clock.now(),
            action="result.viewed",
            actor_kind="user",
            actor_telegram_id=link.telegram_user_id,
            employee_id=link.employee_id,
            results=len(found),
        )
    if not found:
        await update.effective_message.reply_html(t("results.none", lang))
        return
    for result in found:
        await update.effective_message.reply_html(format_result(result, lang))


def format_result(result: Result, lang: str) -> str:
    scores = [
        CompetencyScore(s.competency_code, s.required_level, s.achieved_level)
        for s in result.scores
    ]
    lines = [
        t(
            "results.heading",
            lang,
            program=html.escape(result.program.name),
            date=format_short_date(result.assessed_on, lang),
        ),
        t(
            "results.jpm",
            lang,
            jpm=display_percent(result.jpm, lang),
            category=html.escape(result.category),
        ),
        "",
        t("results.competencies", lang),
    ]
    for score in gaps(scores):
        lines.append(
            t(
                "results.competency_line",
                lang,
                name=html.escape(competency_name(score.code, lang)),
                required=score.required,
                achieved=score.achieved,
                gap=f"{score.gap:+d}",
            )
        )
    return "\n".join(lines)
