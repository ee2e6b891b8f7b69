"""Fixtures for browser tests: the system Chromium driven by Playwright, and the
end-to-end harness of tests/journeys (emulator + real bot)."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, Page, async_playwright

from tests.journeys.conftest import bot, emulator  # noqa: F401  (fixtures)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    """The system Chromium; skip without it unless ASNBOT_REQUIRE_BROWSER=1 (CI)."""
    path = shutil.which("chromium")
    if path is not None:
        return path
    reason = (
        "no `chromium` on PATH (Debian: apt-get install chromium); "
        "Playwright's own browser download is not used"
    )
    if os.environ.get("ASNBOT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"ASNBOT_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _chromium_available() -> None:
    """Skip (or fail in CI) before the bot and database are set up for nothing."""
    chromium_path()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """A headless Chromium (Playwright async API), closed after the test."""
    executable = chromium_path()
    async with async_playwright() as playwright:
        instance = await playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            await instance.close()


@pytest.fixture
async def phone(browser: Browser) -> AsyncIterator[Page]:
    """A page the size of a phone (375x740), failing the test on JavaScript errors."""
    context = await browser.new_context(
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    page = await context.new_page()
    page.set_default_timeout(5000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # HTTP errors of the JSON API show as toasts; the browser also logs them, which is fine.
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    yield page
    await context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
