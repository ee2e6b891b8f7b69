"""The words of /hasil: a pending assessment's status, a result's summary and the
Gapura recommendations (handlers/results.py sends them)."""

from __future__ import annotations

import html
from datetime import datetime

from telegram import InlineKeyboardMarkup

from bot.context import BotContext
from bot.core.jpm import gaps, shown_percent
from bot.core.results import pending_status
from bot.texts import t
from bot.texts.domain import competency_name, gap_text
from bot.usecases.courses import Recommended
from handlers.common import render
from handlers.courses_details import ranked_message
from models.assessment import Result
from models.chat import ChatLink
from models.queries.results import PendingAssessment, scores_of

_FREE_TEXT_LIMIT = 1500  # characters of strengths, areas, recommendation shown (escaped)


def pending_label(item: PendingAssessment, now: datetime) -> str | None:
    """Where an unreleased assessment stands (None: nothing to say)."""
    return pending_status(
        has_unreleased_result=item.has_unreleased_result,
        participation_status=item.participation_status,
        session_status=item.session_status,
        session_ends_at=item.session_ends_at,
        now=now,
    )


def pending_text(item: PendingAssessment, status: str, lang: str, context: BotContext) -> str:
    """The status of an unreleased assessment and the program's expected release date."""
    shown: dict[str, object] = {
        "program": item.program.name,
        "status": t(f"results.status.{status}", lang),
    }
    lines = [render("results.pending", shown, lang, context)]
    expected = item.program.expected_release_on
    if expected is not None:
        lines.append(render("results.pending_expected", {"date": expected}, lang, context))
    else:
        lines.append(t("results.pending_no_date", lang))
    return "\n".join(lines)


def format_result(result: Result, lang: str, context: BotContext) -> list[str]:
    """The summary as HTML blocks: heading and JPM, competencies (largest gap first),
    then strengths, development areas and recommendation when present."""
    head = render(
        "results.heading",
        {"program": result.program.name, "date": result.assessed_on},
        lang,
        context,
    )
    jpm = render(
        "results.jpm",
        {"jpm": shown_percent(result.jpm), "category": result.category},
        lang,
        context,
    )
    lines = [t("results.competencies", lang)]
    for score in gaps(scores_of(result)):
        shown = {
            "name": competency_name(score.code, lang),
            "required": score.required,
            "achieved": score.achieved,
            "gap": gap_text(score.gap, lang),
        }
        lines.append(render("results.competency_line", shown, lang, context))
    blocks = [f"{head}\n{jpm}", "\n".join(lines)]
    for key, text in (
        ("results.strengths", result.strengths),
        ("results.development_areas", result.development_areas),
        ("results.recommendation", result.recommendation),
    ):
        if text.strip():
            blocks.append(render(key, {"text": _clip(text.strip())}, lang, context))
    return blocks


def _clip(text: str) -> str:
    """At most _FREE_TEXT_LIMIT characters once escaped, so every block fits a message."""
    if len(html.escape(text)) <= _FREE_TEXT_LIMIT:
        return text
    keep = _FREE_TEXT_LIMIT
    while len(html.escape(text[:keep])) > _FREE_TEXT_LIMIT - 1:
        keep -= 100
    return text[:keep].rstrip() + "…"


def recommendation_message(
    found: Recommended, link: ChatLink, context: BotContext
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Up to five courses with their reasons, each with a button to its details: the
    same message as /gapura's "Untuk Anda"."""
    assert found.ranked is not None  # a result always ranks
    return ranked_message(
        found.ranked, found.courses, met=found.met, lang=link.language, context=context
    )
