"""The charts of /statistik as PNG bytes (matplotlib, Agg, no pyplot): one chart per
image, drawn to be read on a phone.

A phone shows a photo about 390 CSS px wide, so a 1080 px image is scaled by 0.36:
every letter is at least 24 pt at 100 dpi (33 px in the image, 12 px on the phone).
Bars are horizontal, with the full names wrapped over lines, never cut. Photos
taller than 2560 px are scaled down by Telegram, so a bar chart shows at most
:data:`MAX_BARS` bars (the lists in full are the paged details). The words and
numbers come formatted from the caller (``bot.texts``). Call the ``*_chart``
functions off the event loop (``asyncio.to_thread``).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from bot.charts import BELOW_COLOUR, MET_COLOUR, REQUIRED_COLOUR  # noqa: E402
from bot.core.coverage import Projection  # noqa: E402

DPI = 100
WIDTH_PX = 1080
MAX_HEIGHT_PX = 2560
TEXT_PT = 24
TITLE_PT = 28
LABEL_CHARS = 22  # a wrapped bar label's line: about 400 px of the 1080
TITLE_CHARS = 40
MAX_BARS = 12
GOAL_COLOUR = "#fff3cd"


@dataclass(frozen=True)
class Bar:
    """One bar: its name, its length and the number written at its end."""

    label: str
    value: float
    shown: str
    colour: str = MET_COLOUR


@dataclass(frozen=True)
class ProgressWords:
    """The words on the progress chart, in the reader's language."""

    title: str
    progress: str
    projection: str
    goal: str


def wrap(text: str, width: int) -> str:
    """``text`` over lines of at most ``width`` characters, broken between words only
    (a longer word keeps its own line): nothing is ever cut."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


@contextmanager
def _lettering() -> Iterator[None]:
    with matplotlib.rc_context(
        {
            "font.size": TEXT_PT,
            "axes.titlesize": TITLE_PT,
            "figure.titlesize": TITLE_PT,
            "legend.fontsize": TEXT_PT,
            "xtick.labelsize": TEXT_PT,
            "ytick.labelsize": TEXT_PT,
        }
    ):
        yield


def _figure(height_in: float) -> Figure:
    height = min(height_in, MAX_HEIGHT_PX / DPI)
    figure = Figure(figsize=(WIDTH_PX / DPI, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _plain(axes: Axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=TEXT_PT)


def _title(figure: Figure, title: str) -> None:
    # A figure's title, not the axes': it starts at the image's left edge, not the bars'.
    figure.suptitle(wrap(title, TITLE_CHARS), x=0.02, ha="left", fontsize=TITLE_PT)


def bars_figure(title: str, bars: Sequence[Bar], *, full: float) -> Figure:
    """Horizontal bars, the first on top, each against a grey bar of ``full``."""
    shown = list(bars)[:MAX_BARS]
    labels = [wrap(bar.label, LABEL_CHARS) for bar in shown]
    lines = sum(label.count("\n") + 1 for label in labels)
    with _lettering():
        figure = _figure(1.4 + title.count("\n") * 0.5 + 0.45 * lines + 0.3 * len(shown))
        axes = figure.subplots()
        positions = list(range(len(shown)))[::-1]
        axes.barh(positions, [full] * len(shown), color=REQUIRED_COLOUR, height=0.7)
        axes.barh(positions, [b.value for b in shown], color=[b.colour for b in shown], height=0.7)
        for position, bar in zip(positions, shown, strict=True):
            axes.text(full * 1.02, position, bar.shown, va="center", fontsize=TEXT_PT)
        axes.set_yticks(positions, labels, fontsize=TEXT_PT)
        axes.set_xlim(0, full * 1.32)
        axes.set_ylim(-0.6, len(shown) - 0.4)
        axes.xaxis.set_visible(False)
        axes.spines["bottom"].set_visible(False)
        _plain(axes)
        _title(figure, title)
    return figure


def progress_figure(total: int, projection: Projection, words: ProgressWords) -> Figure:
    """Share of ASN assessed by year, the projection at the current pace, the goal years."""
    with _lettering():
        figure = _figure(8.5)
        axes = figure.subplots()
        axes.axvspan(
            projection.goal_from - 0.5,
            projection.goal_by + 0.5,
            color=GOAL_COLOUR,
            label=words.goal,
        )
        years = [y for y, _ in projection.cumulative]
        shares = [100 * n / total if total else 0 for _, n in projection.cumulative]
        if years:
            axes.plot(years, shares, marker="o", linewidth=4, markersize=12, color=MET_COLOUR)
            axes.lines[-1].set_label(words.progress)
            finish = projection.finish_year
            if finish is not None and finish > years[-1]:
                colour = MET_COLOUR if projection.on_track else BELOW_COLOUR
                axes.plot([years[-1], finish], [shares[-1], 100], "--", linewidth=4, color=colour)
                axes.lines[-1].set_label(words.projection)
        first = min([projection.goal_from - 1, *years])
        last = max([projection.goal_by, *years, projection.finish_year or first])
        axes.set_xlim(first - 0.5, last + 0.5)
        step = 1 if last - first < 6 else 2
        axes.set_xticks(
            range(first, last + 1, step), [str(y) for y in range(first, last + 1, step)]
        )
        axes.set_ylim(0, 105)
        axes.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        axes.grid(axis="y", color="#e0e0e0", linewidth=1)
        _plain(axes)
        _title(figure, words.title)
        figure.legend(loc="outside lower center", frameon=False, fontsize=TEXT_PT)
    return figure


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes, :data:`WIDTH_PX` wide."""
    buffer = io.BytesIO()
    with _lettering():
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def bars_chart(title: str, bars: Sequence[Bar], *, full: float) -> bytes:
    return png(bars_figure(title, bars, full=full))


def progress_chart(total: int, projection: Projection, words: ProgressWords) -> bytes:
    return png(progress_figure(total, projection, words))
