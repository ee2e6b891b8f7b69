"""The photos of /statistik, one chart each, with their words and captions: the
progress toward the goal, coverage per OPD (the lowest), this round's answers, and
the read rate of the latest announcements. Runs in a thread (CPU work)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.charts import BELOW_COLOUR, MET_COLOUR
from bot.charts_admin import MAX_BARS, Bar, ProgressWords, bars_chart, progress_chart
from bot.core.coverage import share
from bot.core.jpm import shown_percent
from bot.texts import t
from bot.texts.formatting import format_short_date
from bot.texts.paging import excerpt

if TYPE_CHECKING:
    from handlers.admin_stats import Numbers
    from models.queries.stats import BroadcastReads, RoundRsvp

__all__ = ["MAX_BARS", "escaped", "render"]


def escaped(text: str) -> str:
    return html.escape(text, quote=False)


def render(numbers: Numbers, lang: str, tz: ZoneInfo) -> list[tuple[bytes, str]]:
    """The photos and their captions, in the order the summary tells them."""
    words = ProgressWords(
        title=t("admin.stats.chart_title", lang),
        progress=t("admin.stats.chart_progress", lang),
        projection=t("admin.stats.chart_projection", lang),
        goal=t("admin.stats.chart_goal", lang),
    )
    photos = [
        (
            progress_chart(numbers.total, numbers.projection, words),
            t("admin.stats.chart_caption", lang),
        )
    ]
    if numbers.opds:
        shown = min(len(numbers.opds), MAX_BARS)
        bars = [
            Bar(o.name, float(o.coverage.percent), _share(o.coverage.percent, lang))
            for o in numbers.opds[:shown]
        ]
        title = t("admin.stats.chart_per_opd", lang, shown=shown)
        caption = t("admin.stats.chart_opd_caption", lang, shown=shown, total=len(numbers.opds))
        photos.append((bars_chart(title, bars, full=100), caption))
    if numbers.rsvp is not None and numbers.rsvp.invited > 0:
        photos.append(_rsvp_photo(numbers.rsvp, lang))
    if numbers.broadcasts:
        photos.append(_reads_photo(numbers.broadcasts, lang, tz))
    return photos


def _share(percent: object, lang: str) -> str:
    return t("admin.stats.chart_share", lang, percent=percent)


def _rsvp_photo(rsvp: RoundRsvp, lang: str) -> tuple[bytes, str]:
    answers = (
        ("admin.stats.rsvp_confirmed", rsvp.confirmed, MET_COLOUR),
        ("admin.stats.rsvp_unanswered", rsvp.unanswered, "#f9a825"),
        ("admin.stats.rsvp_reschedule", rsvp.reschedule, BELOW_COLOUR),
    )
    bars = [
        Bar(
            t(key, lang),
            count,
            t(
                "admin.stats.chart_value",
                lang,
                value=count,
                percent=shown_percent(share(count, rsvp.invited)),
            ),
            colour,
        )
        for key, count, colour in answers
    ]
    title = t("admin.stats.chart_rsvp", lang, program=rsvp.program)
    caption = t("admin.stats.chart_rsvp_caption", lang, invited=rsvp.invited)
    return bars_chart(title, bars, full=rsvp.invited), caption


def _reads_photo(broadcasts: list[BroadcastReads], lang: str, tz: ZoneInfo) -> tuple[bytes, str]:
    bars = []
    for b in broadcasts:
        percent = shown_percent(share(b.read, b.delivered))
        label = f"{format_short_date(b.created_at, lang, tz)}: {excerpt(b.text)}"
        bars.append(Bar(label, float(percent), _share(percent, lang)))
    caption = t("admin.stats.chart_reads_caption", lang, shown=len(bars))
    return bars_chart(t("admin.stats.chart_reads", lang), bars, full=100), caption
