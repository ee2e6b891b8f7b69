"""/statistik's charts are read on a phone: every letter at least 11 px at 390 px
width, every name whole, nothing outside the image, one chart per image."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.text import Text

from bot.charts_admin import (
    MAX_BARS,
    MAX_HEIGHT_PX,
    WIDTH_PX,
    Bar,
    ProgressWords,
    bars_figure,
    png,
    progress_figure,
)
from bot.core.coverage import Coverage, project

PHONE_PX = 390  # the CSS width a phone shows a photo at
SMALLEST_PX = 11

LONG_NAMES = [
    "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Kecamatan Manyar",
    "Rumah Sakit Umum Daerah Ibnu Sina Kabupaten Gresik",
    "Dinas Perumahan Rakyat, Kawasan Permukiman dan Cipta Karya",
    "Satuan Polisi Pamong Praja",
    "Dinas Komunikasi dan Informatika",
    "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
    "Kecamatan Tambak (Pulau Bawean)",
    "Dinas Pendidikan",
    "Inspektorat Daerah",
]


def _texts(figure: Figure) -> list[Text]:
    figure.canvas.draw()
    return [
        text
        for text in figure.findobj(Text)
        if isinstance(text, Text) and text.get_visible() and text.get_text().strip()
    ]


def _assert_readable_on_a_phone(figure: Figure) -> None:
    width_px = figure.get_figwidth() * figure.dpi
    assert width_px == WIDTH_PX
    assert figure.get_figheight() * figure.dpi <= MAX_HEIGHT_PX
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    for text in _texts(figure):
        on_phone = float(text.get_fontsize()) * figure.dpi / 72 * PHONE_PX / width_px
        assert on_phone >= SMALLEST_PX, (text.get_text(), on_phone)
        box = text.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= width_px + 1, text.get_text()
        assert box.y0 >= 0 and box.y1 <= figure.get_figheight() * figure.dpi + 1


def _whole(text: str) -> str:
    return " ".join(text.split())


def test_the_opd_chart_has_every_name_whole_and_readable_at_phone_width() -> None:
    bars = [Bar(name, 5.0 * n, f"{5 * n},0%") for n, name in enumerate(LONG_NAMES)]

    figure = bars_figure("Cakupan penilaian: 12 OPD terendah", bars, full=100)

    _assert_readable_on_a_phone(figure)
    shown = {_whole(text.get_text()) for text in _texts(figure)}
    assert set(LONG_NAMES) <= shown  # wrapped over lines, never cut
    assert not any("…" in text for text in shown)
    assert "Cakupan penilaian: 12 OPD terendah" in shown
    assert "55,0%" in shown


def test_a_bar_chart_shows_at_most_twelve_bars_and_stays_under_telegrams_height() -> None:
    bars = [Bar(f"{name} {n}", 50.0, "50,0%") for n, name in enumerate(LONG_NAMES * 4)]

    figure = bars_figure("Semua", bars, full=100)

    _assert_readable_on_a_phone(figure)
    assert len(figure.axes[0].get_yticklabels()) == MAX_BARS


@pytest.mark.parametrize("by_year", [{2024: 2000}, {2023: 500, 2024: 2000}, {}])
def test_the_progress_chart_is_readable_at_phone_width(by_year: dict[int, int]) -> None:
    total = 8971
    projection = project(Coverage(sum(by_year.values()), total), by_year)
    words = ProgressWords(
        "Cakupan penilaian kompetensi ASN", "Sudah dinilai", "Proyeksi laju saat ini", "Target"
    )

    figure = progress_figure(total, projection, words)

    _assert_readable_on_a_phone(figure)
    assert "Cakupan penilaian kompetensi ASN" in {_whole(t.get_text()) for t in _texts(figure)}


def test_one_chart_is_one_png_1080_px_wide() -> None:
    figure = bars_figure("Jawaban", [Bar("Konfirmasi hadir", 3, "3 (60,0%)")], full=5)

    image = imread(io.BytesIO(png(figure)), format="png")

    assert image.shape[1] == WIDTH_PX
    assert len(figure.axes) == 1
