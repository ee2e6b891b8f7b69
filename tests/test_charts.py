"""The result chart on a phone: readable at 390 px wide, a legend entry for every
colour drawn, the JPM and its category on the chart, in Indonesian and English."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from PIL import Image

from bot.charts import (
    BELOW_COLOUR,
    MET_COLOUR,
    PHONE_WIDTH_PX,
    REQUIRED_COLOUR,
    ChartLabels,
    LevelRow,
    levels_chart,
    levels_figure,
)
from bot.core.jpm import shown_percent
from bot.texts import t
from bot.texts.domain import competency_name

CODES = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")
# domain.md's worked example: standard 3, three gaps of -1, JPM 88.9%, Cukup Optimal.
WORKED = (3, 3, 2, 3, 3, 2, 3, 3, 2)


def worked_example(lang: str) -> tuple[list[LevelRow], ChartLabels]:
    rows = [
        LevelRow(competency_name(code, lang), 3, level)
        for code, level in zip(CODES, WORKED, strict=True)
    ]
    labels = ChartLabels(
        title=t("results.chart_title", lang),
        summary=t(
            "results.chart_jpm", lang, jpm=shown_percent(Decimal("88.89")), category="Cukup Optimal"
        ),
        required=t("results.chart_required", lang),
        achieved=t("results.chart_achieved", lang),
        below=t("results.chart_below", lang),
        level=t("results.chart_level", lang),
    )
    return rows, labels


def visible_texts(rows: list[LevelRow], labels: ChartLabels) -> list[Text]:
    figure = levels_figure(rows, labels)
    figure.canvas.draw()  # lays out the legend and ticks
    return [
        text
        for text in figure.findobj(Text)
        if isinstance(text, Text) and text.get_visible() and text.get_text().strip()
    ]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_letter_is_at_least_11_px_high_on_a_390_px_phone(lang: str) -> None:
    rows, labels = worked_example(lang)

    png = levels_chart(rows, labels)
    image = Image.open(io.BytesIO(png))
    width, height = image.size
    dpi = image.info["dpi"][0]
    smallest_pt = min(text.get_fontsize() for text in visible_texts(rows, labels))
    shown_px = smallest_pt * dpi / 72 * PHONE_WIDTH_PX / width

    assert shown_px >= 11, shown_px
    assert 900 <= width <= 1200 and width < height < 2.2 * width  # portrait, phone-shaped
    assert len(png) < 150_000


def test_the_legend_names_every_colour_the_bars_use() -> None:
    rows, labels = worked_example("id")
    figure = levels_figure(rows, labels)

    bars = {to_hex(p.get_facecolor()) for p in figure.axes[0].patches if isinstance(p, Rectangle)}
    legend = figure.legends[0]
    named = {
        to_hex(handle.get_facecolor()): text.get_text()
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True)
        if handle is not None and isinstance(handle, Rectangle)
    }

    assert bars == {REQUIRED_COLOUR, MET_COLOUR, BELOW_COLOUR}
    assert named == {
        REQUIRED_COLOUR: "Standar",
        MET_COLOUR: "Capaian memenuhi standar",
        BELOW_COLOUR: "Capaian di bawah standar",
    }


def test_without_a_gap_the_legend_has_no_red() -> None:
    rows, labels = worked_example("en")
    rows = [LevelRow(r.name, r.required, r.required) for r in rows]

    legend = levels_figure(rows, labels).legends[0]

    assert [text.get_text() for text in legend.get_texts()] == [
        "Standard",
        "Achieved, meets the standard",
    ]


@pytest.mark.parametrize(
    ("lang", "summary", "title"),
    [
        ("id", "JPM 88,9% · Cukup Optimal", "Level kompetensi: standar dan capaian"),
        ("en", "JPM 88.9% · Cukup Optimal", "Competency levels: standard and achieved"),
    ],
)
def test_the_jpm_its_category_and_every_competency_are_written_on_the_chart(
    lang: str, summary: str, title: str
) -> None:
    rows, labels = worked_example(lang)

    written = " | ".join(text.get_text() for text in visible_texts(rows, labels))

    assert f"{title}\n{summary}" in written
    for row in rows:
        assert row.name in written
