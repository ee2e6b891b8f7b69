"""Result charts as PNG bytes (matplotlib, Agg backend, no window, no pyplot state).

The chart is made for a phone: Telegram shows a photo as wide as the screen, about
390 px on a common phone, so sizes are chosen for that width. The figure is
:data:`WIDTH_INCHES` wide and every text is at least :data:`SMALLEST_FONT` points,
so scaled to 390 px a letter is ``SMALLEST_FONT / 72 * 390 / WIDTH_INCHES`` px high
(about 12 px, whatever the DPI). Each competency's name stands on its own line above
its two bars (a long name beside the bars would squeeze them), each bar carries its
level, the JPM and category sit under the title, and the legend names every colour
drawn.

Rendering takes tens of milliseconds of CPU: call :func:`levels_chart` off the
event loop (``asyncio.to_thread``). Each call builds its own ``Figure``, so
concurrent calls from worker threads do not share state.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from bot.core.competencies import MAX_LEVEL  # noqa: E402
from bot.texts.paging import shorten  # noqa: E402

REQUIRED_COLOUR = "#9aa3b1"
MET_COLOUR = "#2e7d32"
BELOW_COLOUR = "#c62828"

PHONE_WIDTH_PX = 390  # what a phone shows a photo at, in CSS pixels
WIDTH_INCHES = 4.2
DPI = 240  # 1008 px wide: sharp on a phone's 2-3x screen
SMALLEST_FONT = 9.5  # points: ~11.8 px at 390 px wide
TITLE_FONT = 11.5
LABEL_LIMIT = 40  # characters of a competency name (the longest official one is 32)
_ROW_INCHES = 0.62  # a name line and two bars
_BAR = 0.26  # bar thickness, in row units


@dataclass(frozen=True)
class ChartLabels:
    """The words on the chart, in the reader's language."""

    title: str
    summary: str  # the JPM and its category, e.g. "JPM 88,9% · Cukup Optimal"
    required: str
    achieved: str  # achieved, at or above the standard
    below: str  # achieved, below the standard
    level: str


@dataclass(frozen=True)
class LevelRow:
    """One competency: its name, required and achieved level."""

    name: str
    required: int
    achieved: int


def levels_figure(rows: Sequence[LevelRow], labels: ChartLabels) -> Figure:
    """Per competency, top to bottom: its name, then the standard's bar and the
    achieved bar (green at or above the standard, red below), each with its level."""
    height = 1.9 + _ROW_INCHES * max(len(rows), 1)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for index, row in enumerate(rows):
        top = -index  # the first row at the top
        axes.text(
            0,
            top,
            shorten(row.name, LABEL_LIMIT),
            fontsize=SMALLEST_FONT,
            fontweight="bold",
            va="center",
        )
        colour = MET_COLOUR if row.achieved >= row.required else BELOW_COLOUR
        for offset, value, fill in (
            (0.32, row.required, REQUIRED_COLOUR),
            (0.62, row.achieved, colour),
        ):
            axes.barh(top - offset, value, height=_BAR, color=fill)
            axes.text(value + 0.06, top - offset, str(value), fontsize=SMALLEST_FONT, va="center")
    axes.set_xlim(0, MAX_LEVEL + 0.35)
    axes.set_ylim(-len(rows) + 0.05, 0.35)
    axes.set_xticks(range(MAX_LEVEL + 1))
    axes.tick_params(axis="x", labelsize=SMALLEST_FONT)
    axes.set_yticks([])
    axes.set_xlabel(labels.level, fontsize=SMALLEST_FONT)
    axes.grid(axis="x", color="#e0e0e0", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    figure.suptitle(f"{labels.title}\n{labels.summary}", fontsize=TITLE_FONT)
    figure.legend(
        handles=legend(rows, labels),
        loc="outside lower center",
        ncol=1,
        fontsize=SMALLEST_FONT,
        frameon=False,
    )
    return figure


def legend(rows: Sequence[LevelRow], labels: ChartLabels) -> list[Patch]:
    """A swatch for every colour the bars use: the standard, met, below."""
    swatches = [Patch(color=REQUIRED_COLOUR, label=labels.required)]
    if any(r.achieved >= r.required for r in rows):
        swatches.append(Patch(color=MET_COLOUR, label=labels.achieved))
    if any(r.achieved < r.required for r in rows):
        swatches.append(Patch(color=BELOW_COLOUR, label=labels.below))
    return swatches


def levels_chart(rows: Sequence[LevelRow], labels: ChartLabels) -> bytes:
    """:func:`levels_figure` as a PNG (under 100 KB for nine competencies)."""
    buffer = io.BytesIO()
    levels_figure(rows, labels).savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
