"""bot.texts.sessions: a session named by date, time and place, code last."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.texts import sessions

WIB = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True)
class Sitting:
    starts_at: datetime
    venue_name: str
    code: str


GRS = Sitting(
    datetime(2027, 1, 12, 2, 0, tzinfo=UTC),
    "Gedung BKPSDM Kabupaten Gresik (Kompleks Kantor Bupati Gresik)",
    "PK2027-GRS-1",
)


@pytest.mark.parametrize(
    ("venue", "said"),
    [
        (GRS.venue_name, "Gedung BKPSDM Gresik"),
        ("Ruang CAT BKPSDM Kabupaten Gresik, Lantai 3", "Ruang CAT BKPSDM Gresik"),
        ("Kantor Regional II BKN Surabaya", "Kanreg II BKN Surabaya"),
        ("Badan Kepegawaian Daerah Provinsi Jawa Timur", "BKD Jawa Timur"),
        ("Daring (dari lokasi masing-masing)", "Daring"),
        ("(Aula)", "(Aula)"),
    ],
)
def test_the_place_is_said_the_short_way(venue: str, said: str) -> None:
    assert sessions.place(venue) == said


def test_a_label_is_day_date_time_and_place_in_the_readers_language() -> None:
    assert sessions.label(GRS, "id", WIB) == "Sel 12 Jan 09.00 · Gedung BKPSDM Gresik"
    assert sessions.label(GRS, "en", WIB) == "Tue 12 Jan 09:00 · Gedung BKPSDM Gresik"


def test_a_label_fits_the_width_it_is_given() -> None:
    label = sessions.label(GRS, "id", WIB, width=25)
    assert label == "Sel 12 Jan 09.00 · Gedun…"
    assert len(label) == 25


def test_the_title_has_the_full_date_the_venue_and_the_code_last() -> None:
    assert sessions.title(GRS, "id", WIB) == (
        "Selasa, 12 Januari 2027 pukul 09.00 WIB · Gedung BKPSDM Kabupaten Gresik "
        "(Kompleks Kantor Bupati Gresik) · PK2027-GRS-1"
    )
    assert sessions.title(GRS, "id", WIB, code=False).endswith("Bupati Gresik)")


def test_file_names_and_sheet_names_use_the_local_date_and_place() -> None:
    assert sessions.slug(GRS, WIB) == "2027-01-12-gedung-bkpsdm-gresik"
    late = Sitting(datetime(2027, 1, 12, 18, 0, tzinfo=UTC), "Pendopo Ngabèhi", "X")
    assert sessions.slug(late, WIB) == "2027-01-13-pendopo-ngabehi"
    assert sessions.sheet(GRS, "id", WIB) == "12 Jan 2027 Gedung BKPSDM Gresik"[:30] + "…"
    assert len(sessions.sheet(GRS, "id", WIB)) == 31
