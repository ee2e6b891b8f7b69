"""The coverage chart for /statistik as PNG bytes (matplotlib, Agg, no pyplot).

Left: share of ASN assessed so far per year, the projection at the current pace
and the goal years shaded. Right: coverage per OPD (the lowest first). Call
:func:`coverage_chart` off the event loop (``asyncio.to_thread``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from bot.charts import BELOW_COLOUR, MET_COLOUR, REQUIRED_COLOUR  # noqa: E402
from bot.core.coverage import OpdCoverage, Projection  # noqa: E402
from bot.texts.paging import shorten

MAX_OPDS = 15
GOAL_COLOUR = "#fff3cd"


@dataclass(frozen=True)
class CoverageLabels:
    """The words on the chart, in the reader's language."""

    title: str
    progress: str
    projection: str
    goal: str
    per_opd: str
    percent: str


def coverage_chart(
    total: int, projection: Projection, opds: Sequence[OpdCoverage], labels: CoverageLabels
) -> bytes:
    """Two panels: progress with projection, and the OPDs with the lowest coverage."""
    shown = list(opds)[:MAX_OPDS]
    height = max(3.6, 1.4 + 0.32 * len(shown))
    figure = Figure(figsize=(10, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    left, right = figure.subplots(1, 2, width_ratios=(1, 1.3))
    left.axvspan(
        projection.goal_from - 0.5, projection.goal_by + 0.5, color=GOAL_COLOUR, label=labels.goal
    )
    years = [y for y, _ in projection.cumulative]
    shares = [100 * n / total if total else 0 for _, n in projection.cumulative]
    if years:
        left.plot(years, shares, marker="o", color=MET_COLOUR, label=labels.progress)
        if projection.finish_year is not None and projection.finish_year > years[-1]:
            left.plot(
                [years[-1], projection.finish_year],
                [shares[-1], 100],
                linestyle="--",
                color=BELOW_COLOUR if not projection.on_track else MET_COLOUR,
                label=labels.projection,
            )
    last = max([projection.goal_by, *(years or [projection.goal_by])])
    if projection.finish_year is not None:
        last = max(last, projection.finish_year)
    left.set_xlim(min([projection.goal_from - 1, *years]) - 0.5, last + 0.5)
    left.set_xticks(range(min([projection.goal_from - 1, *years]), last + 1))
    left.set_ylim(0, 105)
    left.set_ylabel(labels.percent)
    left.grid(axis="y", color="#e0e0e0", linewidth=0.8)
    left.legend(fontsize=8, loc="upper left", frameon=False)
    left.set_title(labels.progress, fontsize=10)
    positions = list(range(len(shown)))[::-1]
    right.barh(positions, [100] * len(shown), color=REQUIRED_COLOUR, height=0.6)
    right.barh(positions, [float(o.coverage.percent) for o in shown], color=MET_COLOUR, height=0.6)
    right.set_yticks(positions, [shorten(o.name, 28) for o in shown], fontsize=8)
    right.set_xlim(0, 100)
    right.set_xlabel(labels.percent)
    right.set_title(labels.per_opd, fontsize=10)
    for axes in (left, right):
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    figure.suptitle(labels.title, fontsize=11)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()
