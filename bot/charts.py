"""Result charts as PNG bytes (matplotlib, Agg backend, no window, no pyplot state).

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
from bot.texts.paging import shorten

REQUIRED_COLOUR = "#b0b7c3"
MET_COLOUR = "#2e7d32"
BELOW_COLOUR = "#c62828"


@dataclass(frozen=True)
class ChartLabels:
    """The words on the chart, in the reader's language."""

    title: str
    required: str
    achieved: str
    level: str


@dataclass(frozen=True)
class LevelRow:
    """One competency: its name, required and achieved level."""

    name: str
    required: int
    achieved: int


def levels_chart(rows: Sequence[LevelRow], labels: ChartLabels) -> bytes:
    """Horizontal grouped bars, standard against achieved, first row at the top.

    Achieved bars are green when they meet the standard and red when below it.
    The PNG stays small (a few tens of KB) for up to a dozen competencies.
    """
    height = 1.6 + 0.5 * max(len(rows), 1)
    figure = Figure(figsize=(6.4, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    bar = 0.38
    positions = list(range(len(rows)))[::-1]  # first row drawn at the top
    axes.barh(
        [p + bar / 2 for p in positions],
        [r.required for r in rows],
        height=bar,
        color=REQUIRED_COLOUR,
    )
    axes.barh(
        [p - bar / 2 for p in positions],
        [r.achieved for r in rows],
        height=bar,
        color=[MET_COLOUR if r.achieved >= r.required else BELOW_COLOUR for r in rows],
    )
    axes.set_yticks(positions, [shorten(r.name, LABEL_LIMIT) for r in rows], fontsize=9)
    axes.set_xlim(0, MAX_LEVEL)
    axes.set_xticks(range(MAX_LEVEL + 1))
    axes.set_xlabel(labels.level)
    axes.grid(axis="x", color="#e0e0e0", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.suptitle(labels.title, fontsize=11)
    swatches = [
        Patch(color=REQUIRED_COLOUR, label=labels.required),
        Patch(color=MET_COLOUR, label=labels.achieved),
    ]
    figure.legend(handles=swatches, loc="outside lower center", ncol=2, fontsize=9, frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


LABEL_LIMIT = 32  # characters of a competency name beside a bar
