"""/presensi's pictures: the QR code of a session's check-in link (segno) and a
printable A4 poster with the QR code, the session and short instructions
(matplotlib, Agg backend, no pyplot state).

Rendering the poster takes a few hundred milliseconds of CPU: call
:func:`poster_png` off the event loop (``asyncio.to_thread``).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
import segno

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

# A4 portrait in inches, printed at 150 dpi: 1240 x 1754 pixels.
A4 = (1240 / 150, 1754 / 150)
POSTER_DPI = 150
QR_SCALE = 12  # pixels a module in the photo sent to the admin
_WRAP = 44


@dataclass(frozen=True)
class PosterWords:
    """The words on the poster, in the admin's language (plain text, not HTML)."""

    heading: str
    session: str
    steps: Sequence[str]
    footer: str


def qr_png(link: str, *, scale: int = QR_SCALE) -> bytes:
    """The link as a QR code (error correction M, a quiet zone of 4 modules), PNG."""
    out = io.BytesIO()
    segno.make_qr(link, error="m").save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def _modules(link: str) -> list[list[bool]]:
    qr = segno.make_qr(link, error="m")
    return [[bool(cell) for cell in row] for row in qr.matrix_iter(scale=1, border=4)]


def poster_png(link: str, words: PosterWords) -> bytes:
    """An A4 page: heading, the session, the QR code large in the middle, the steps."""
    figure = Figure(figsize=A4, dpi=POSTER_DPI)
    FigureCanvasAgg(figure)
    figure.text(
        0.5,
        0.94,
        words.heading,
        ha="center",
        va="top",
        fontsize=30,
        weight="bold",
        parse_math=False,
    )
    session = "\n".join(textwrap.wrap(words.session, _WRAP))
    figure.text(0.5, 0.87, session, ha="center", va="top", fontsize=17, parse_math=False)
    axes = figure.add_axes((0.2, 0.33, 0.6, 0.6 * A4[0] / A4[1]))
    axes.imshow(_modules(link), cmap="gray_r", interpolation="nearest")
    axes.set_axis_off()
    lines: list[str] = []
    for number, step in enumerate(words.steps, start=1):
        wrapped = textwrap.wrap(step, _WRAP) or [""]
        lines.append(f"{number}. {wrapped[0]}")
        lines.extend(f"    {rest}" for rest in wrapped[1:])
    figure.text(
        0.12,
        0.29,
        "\n".join(lines),
        ha="left",
        va="top",
        fontsize=15,
        linespacing=1.5,
        parse_math=False,
    )
    figure.text(
        0.5,
        0.04,
        words.footer,
        ha="center",
        va="bottom",
        fontsize=10,
        color="#555555",
        parse_math=False,
    )
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=POSTER_DPI)
    return out.getvalue()
