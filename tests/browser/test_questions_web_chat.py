"""A first-time employee in the sandbox web chat, from /start to their result by typing
only: no command but /start, the consent typed ("ya, setuju"), and the reveal button
pressed."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Locator, Page, expect

from tests.factories import NIP_BUDI, add_code, add_employee, add_released_result
from tests.journeys.conftest import RunningBot

pytestmark = pytest.mark.browser

TIMEOUT = 5000  # ms, for each auto-waiting expectation


async def type_and_send(page: Page, text: str) -> None:
    field = page.get_by_test_id("message-input")
    await field.fill(text)
    await field.press("Enter")
    await expect(field).to_have_value("")


def from_bot(page: Page) -> Locator:
    return page.get_by_test_id("message-list").locator('[data-testid="message"][data-from="bot"]')


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_first_time_user_reaches_their_result_by_typing_questions(
    bot: RunningBot, phone: Page, tmp_path: Path
) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone=None)
        await add_code(session, employee=budi, code="GRSK-PLKS", now=bot.clock.now())
        await add_released_result(session, employee=budi, now=bot.clock.now())
    budi_chat = bot.user(1001, first_name="Budi", last_name="Santoso", language_code="id")
    await phone.goto(bot.emulator.url + "/#user=1001")
    await expect(phone.get_by_test_id("current-user")).to_contain_text("Budi Santoso")
    said = from_bot(phone)

    await type_and_send(phone, "/start")
    await expect(said).to_have_count(1, timeout=TIMEOUT)
    await expect(said.last).to_contain_text("Persetujuan penggunaan data")
    await expect(said.last.get_by_test_id("inline-button")).to_have_text(["Setuju", "Tidak setuju"])
    await type_and_send(phone, "ya, setuju")
    await expect(said).to_have_count(2, timeout=TIMEOUT)
    await expect(said.last).to_contain_text("persetujuan Anda sudah dicatat")

    # A question before the account is linked: the bot says linking comes first.
    await type_and_send(phone, "hasil saya gimana?")
    await expect(said).to_have_count(4, timeout=TIMEOUT)
    await expect(said.nth(2)).to_contain_text("perlu ditautkan dulu")
    await expect(said.nth(3)).to_contain_text("ketik NIP Anda")

    await type_and_send(phone, NIP_BUDI)
    await expect(said).to_have_count(5, timeout=TIMEOUT)
    await expect(said.last).to_contain_text("kode aktivasi")

    await type_and_send(phone, "grsk plks")
    await expect(said).to_have_count(6, timeout=TIMEOUT)
    await expect(said.last).to_contain_text("berhasil ditautkan")

    await type_and_send(phone, "hasil saya gimana?")
    await expect(said).to_have_count(7, timeout=TIMEOUT)
    await expect(said.last).to_contain_text("Penilaian Kompetensi ASN 2024")
    await said.last.get_by_test_id("inline-button").filter(has_text="Tampilkan hasil").click()

    await expect(phone.get_by_test_id("message-list")).to_contain_text(
        "JPM: 88,9% (Cukup Optimal)", timeout=TIMEOUT
    )
    await phone.screenshot(path=str(tmp_path / "questions-375.png"), full_page=True)
    commands = [
        m.text for m in budi_chat.chat_messages if not m.from_bot and (m.text or "").startswith("/")
    ]
    assert commands == ["/start"]
