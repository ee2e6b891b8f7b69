"""/jp: my JP (training hours) this year against my target, and open courses
that would close what remains."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.texts import t
from bot.usecases.jp import MyJp, my_jp
from handlers.common import require_link
from handlers.courses_views import course_button


async def jp_command(update: Update, context: BotContext) -> None:
    """Show my JP this year, what remains, and up to three courses that would close it."""
    link = await require_link(update, context)
    if link is None or link.employee is None:
        return
    assert update.effective_message is not None
    employee, lang, now = link.employee, link.language, context.clock.now()
    year = now.astimezone(context.settings.tz).year
    target = context.settings.jp_target(employee.status)
    async with context.db() as session:
        mine = await my_jp(session, employee=employee, now=now, year=year, target=target)
    text = _summary(mine, year, lang)
    keyboard = [[course_button(n, c.title, c.course_id)] for n, c in enumerate(mine.suggested, 1)]
    await update.effective_message.reply_html(
        text, reply_markup=InlineKeyboardMarkup(keyboard) if keyboard else None
    )


def _summary(mine: MyJp, year: int, lang: str) -> str:
    progress, pending, suggested = mine.progress, mine.pending, mine.suggested
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
    return "\n".join(lines)
