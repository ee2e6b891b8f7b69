"""/statistik in the sandbox page on a phone (390x844), as the demo admin: the short
summary, then the first chart, shown within the screen's width from a large image."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from bot.clock import FakeClock
from bot.demo import DEMO_ADMIN_ID, build_demo
from sandbox import Emulator
from tests.journeys.conftest import RunningBot, running_bot

pytestmark = pytest.mark.browser

TIMEOUT = 10000  # ms: the charts are rendered in a thread before they are sent


@pytest.fixture
async def demo_bot(
    emulator: Emulator, database_url: str, clock: FakeClock
) -> AsyncIterator[RunningBot]:
    """The real bot on a small Gresik demo, with the demo's admin as an admin."""
    async with running_bot(emulator, database_url, clock, admin_ids=[DEMO_ADMIN_ID]) as bot:
        await build_demo(bot.db, employees=300, now=clock.now())
        bot.user(DEMO_ADMIN_ID, first_name="Admin", last_name="BKPSDM", language_code="id")
        yield bot


@pytest.fixture
async def phone_390(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    await context.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_admin_reads_the_summary_and_the_first_chart_on_a_phone(
    demo_bot: RunningBot, phone_390: Page, tmp_path: Path
) -> None:
    page = phone_390
    await page.goto(f"{demo_bot.emulator.url}/#user={DEMO_ADMIN_ID}")
    field = page.get_by_test_id("message-input")
    await field.fill("/statistik")
    await page.get_by_test_id("send-button").click()

    messages = page.get_by_test_id("message-list")
    summary = messages.locator('[data-testid="message"][data-from="bot"]').first
    await expect(summary).to_contain_text("Sudah dinilai:", timeout=TIMEOUT)
    await expect(summary).to_contain_text(" dari 300 ASN (")
    await expect(summary).to_contain_text("Putaran ini (Penilaian Kompetensi ASN 2025)")
    await expect(summary).not_to_contain_text("<b>")
    buttons = summary.get_by_test_id("inline-button")
    await expect(buttons).to_have_text(
        [
            "Per OPD",
            "Per pelatihan",
            "Per pengumuman",
            "Survei kepuasan (IKM)",
            "Evaluasi pelatihan Gapura",
        ]
    )
    chart = messages.get_by_test_id("message-photo").first
    await chart.scroll_into_view_if_needed()
    await expect(chart).to_be_visible(timeout=TIMEOUT)
    await page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=await chart.element_handle()
    )
    natural = await chart.evaluate("img => img.naturalWidth")
    shown = await chart.evaluate("img => img.getBoundingClientRect().width")
    await page.screenshot(path=str(tmp_path / "statistik-390.png"))

    assert natural >= 1000
    assert 0 < shown <= 390
