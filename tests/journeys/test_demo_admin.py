"""Every admin task can be tried on the demo: results waiting for /rilis, requests in
/jadwalulang (offered only sessions the participant may attend), announcements sent."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from bot.demo import DEMO_ADMIN_ID, DemoSummary, build_demo
from sandbox import SimulatedUser
from tests.journeys.conftest import RunningBot

EMPLOYEES = 1000


@pytest.fixture
async def demo(bot: RunningBot) -> tuple[RunningBot, DemoSummary]:
    summary = await build_demo(bot.db, employees=EMPLOYEES, seed=2024, now=bot.clock.now())
    return bot, summary


def admin_of(bot: RunningBot) -> SimulatedUser:
    return bot.user(DEMO_ADMIN_ID)


async def test_rilis_lists_a_program_waiting_on_the_demo(
    demo: tuple[RunningBot, DemoSummary],
) -> None:
    bot, summary = demo
    admin = admin_of(bot)

    await admin.send("/rilis")
    listing = await admin.next_message()

    assert summary.results_to_release >= 3
    assert f"Uji Kompetensi Jabatan Fungsional 2025 (2025): {summary.results_to_release} hasil" in (
        listing.text or ""
    )
    assert "Rilis Uji Kompetensi Jabatan Fungsional 2025" in listing.button_texts


async def test_jadwalulang_on_the_demo_offers_an_administrator_only_gresik(
    demo: tuple[RunningBot, DemoSummary],
) -> None:
    bot, summary = demo
    admin = admin_of(bot)

    await admin.send("/jadwalulang")
    heading = await admin.next_message()
    card = await admin.next_message()
    await admin.press("Setujui", message=card)
    choices = await admin.next_edit()

    assert summary.reschedule_requests >= 3
    assert f"{summary.reschedule_requests} menunggu" in (heading.text or "")
    assert "Alasan: Diklat PKA" in (card.text or "")
    offered = choices.button_texts[:-1]
    assert offered and all("Gedung BKPSDM Gresik" in label for label in offered)
    assert choices.button_texts[-1] == "Kembali"


async def test_the_demo_has_announcements_sent_with_deliveries_and_reads(
    demo: tuple[RunningBot, DemoSummary],
) -> None:
    bot, summary = demo
    admin = admin_of(bot)

    await admin.send("/ekspor")
    await admin.next_message()
    await admin.press("Laporan pengumuman")
    listed = await admin.next_edit()
    await admin.press(next(b for b in listed.button_texts if "Penilaian Kompetensi" in b))
    sent = await admin.next_message()

    assert summary.announcements_sent == len(listed.button_texts) == 3
    assert not any("<" in label for label in listed.button_texts)  # words, not markup
    assert sent.document is not None
    # Named by its date and first words, not by an id.
    assert re.fullmatch(
        r"laporan-pengumuman-\d+-[a-z]+-\d{4}-[a-z0-9-]+\.xlsx", sent.document.file_name or ""
    )
    sheet = load_workbook(io.BytesIO(sent.document.data)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    delivered = [r for r in rows if r[5] is not None]
    read = [r for r in rows if r[6] is not None]
    assert len(rows) > 50 and len(rows) > len(delivered) > len(read) > 0
