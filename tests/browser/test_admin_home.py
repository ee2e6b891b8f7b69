"""The admin's side of the sandbox page on a phone (390x844): /start opens the admin
home with a button for each admin task, and the "Menu" button lists the commands the
bot published for the admin's own chat (getMyCommands, scope chat)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from handlers.admin_menu import ADMIN_TASKS
from tests.journeys.conftest import ADMIN_ID, RunningBot

pytestmark = pytest.mark.browser

TIMEOUT = 5000  # ms, for each auto-waiting expectation


@pytest.fixture
async def phone_390(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    await context.close()
    assert errors == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_admin_home_and_the_command_menu_on_a_phone(
    bot: RunningBot, phone_390: Page, tmp_path: Path
) -> None:
    bot.user(ADMIN_ID, first_name="Admin", last_name="BKPSDM", language_code="id")
    page = phone_390

    await page.goto(bot.emulator.url + f"/#user={ADMIN_ID}")
    field = page.get_by_test_id("message-input")
    await field.fill("/start")
    await page.get_by_test_id("send-button").click()

    home = page.locator('[data-testid="message"][data-from="bot"]')
    await expect(home).to_have_count(1, timeout=TIMEOUT)
    await expect(home).to_contain_text("Menu admin BKPSDM")
    buttons = home.get_by_test_id("inline-button")
    await expect(buttons.first).to_have_text("Umumkan")
    await expect(home.get_by_text("Catatan audit", exact=True)).to_be_visible()
    await expect(home.get_by_text("Setuju", exact=True)).to_have_count(0)
    await page.screenshot(path=str(tmp_path / "admin-home-390.png"))

    await page.get_by_test_id("commands-button").click()
    listed = page.get_by_test_id("command-list").get_by_test_id("command")
    await expect(listed.first).to_be_visible(timeout=TIMEOUT)
    names = [text.split()[0] for text in await listed.all_inner_texts()]
    assert [f"/{task.command}" for task in ADMIN_TASKS] == names[-len(ADMIN_TASKS) :]
    assert names[0] == "/start"
    await page.screenshot(path=str(tmp_path / "admin-commands-390.png"))

    await page.get_by_test_id("command-list").get_by_text("/audit", exact=True).click()
    await expect(home).to_have_count(2, timeout=TIMEOUT)
    await expect(home.nth(1)).to_contain_text("audit")
