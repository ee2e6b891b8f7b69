"""The sandbox web chat page in a real browser (system Chromium through Playwright).

The first test walks the /start consent journey against the real bot; the second feeds
the page every kind of message straight through the emulator's Bot API (no bot needed).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from playwright.async_api import Page, expect

from sandbox import Emulator
from tests.journeys.conftest import RunningBot

pytestmark = pytest.mark.browser

TIMEOUT = 5000  # ms, for each auto-waiting expectation


async def _bot_api(emulator: Emulator, method: str, **params: Any) -> Any:
    async with aiohttp.ClientSession() as session:
        url = f"{emulator.base_url}{emulator.token}/{method}"
        async with session.post(url, json=params) as response:
            body = await response.json()
    assert body["ok"], body
    return body["result"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_start_and_consent_in_the_web_chat(
    bot: RunningBot, phone: Page, tmp_path: Path
) -> None:
    bot.user(
        1001,
        first_name="Budi",
        last_name="Santoso",
        language_code="id",
        phone_number="+6281234567001",
    )
    bot.user(1002, first_name="Siti", language_code="en")

    await phone.goto(bot.emulator.url + "/")
    picker = phone.get_by_test_id("user-picker")
    await expect(picker).to_contain_text("Pilih pengguna", timeout=TIMEOUT)
    budi = picker.locator('[data-testid="user-option"][data-user-id="1001"]')
    await expect(budi).to_contain_text("Budi Santoso")
    await expect(budi).to_contain_text("+6281234567001")
    await budi.click()

    await expect(phone).to_have_url(re.compile(r"#user=1001$"))
    await expect(phone.get_by_test_id("current-user")).to_contain_text("Budi Santoso")
    await expect(phone.get_by_test_id("bot-name")).to_have_text("ASN Bot")
    field = phone.get_by_test_id("message-input")
    await expect(field).to_have_attribute("placeholder", "Ketik pesan...")
    await field.fill("/start")
    await phone.get_by_test_id("send-button").click()

    messages = phone.get_by_test_id("message-list")
    mine = messages.locator('[data-testid="message"][data-from="user"]')
    await expect(mine).to_have_count(1, timeout=TIMEOUT)
    await expect(mine).to_contain_text("/start")
    await expect(field).to_have_value("")
    welcome = messages.locator('[data-testid="message"][data-from="bot"]')
    await expect(welcome).to_have_count(1, timeout=TIMEOUT)
    await expect(welcome).to_contain_text("Selamat datang")
    buttons = welcome.get_by_test_id("inline-button")
    await expect(buttons).to_have_text(["Setuju", "Tidak setuju"])
    setuju = buttons.first
    message_id = await welcome.get_attribute("data-message-id")
    await phone.screenshot(path=str(tmp_path / "web-chat-375.png"))

    await setuju.click()

    edited = messages.locator(f'[data-testid="message"][data-message-id="{message_id}"]')
    await expect(edited).to_contain_text("persetujuan Anda sudah dicatat", timeout=TIMEOUT)
    await expect(edited).to_have_attribute("data-edited", "true")
    await expect(edited.get_by_test_id("inline-button")).to_have_count(0)
    await expect(messages.get_by_test_id("message")).to_have_count(2)
    await expect(messages).not_to_contain_text("Selamat datang")
    await phone.screenshot(path=str(tmp_path / "web-chat-375-consented.png"))

    # A reload keeps the chosen user (from the URL hash) and the conversation.
    await phone.reload()
    await expect(phone.get_by_test_id("current-user")).to_contain_text("Budi Santoso")
    await expect(messages.get_by_test_id("message")).to_have_count(2, timeout=TIMEOUT)
    await expect(messages).to_contain_text("persetujuan Anda sudah dicatat")


async def test_the_page_renders_every_kind_of_message_safely(
    emulator: Emulator, phone: Page, tmp_path: Path
) -> None:
    # Five bot messages in a few seconds would meet the per-chat limit (1/s, burst 3).
    emulator.limiter.enabled = False
    emulator.user(2001, first_name="Rina", language_code="id", phone_number="+6281200002001")
    await phone.goto(emulator.url + "/#user=2001")
    await expect(phone.get_by_test_id("empty-chat")).to_be_visible(timeout=TIMEOUT)
    messages = phone.get_by_test_id("message-list")

    await _bot_api(
        emulator,
        "sendMessage",
        chat_id=2001,
        parse_mode="HTML",
        text=(
            "<b>Tebal</b> <i>miring</i> <code>kode</code> &lt;script&gt;alert(1)&lt;/script&gt; "
            '<a href="https://example.org/x">tautan</a> <tg-spoiler>rahasia</tg-spoiler>\n'
            "<blockquote>kutipan</blockquote><pre>blok kode</pre>"
        ),
        reply_markup={
            "keyboard": [
                [{"text": "Bagikan nomor HP", "request_contact": True}],
                [{"text": "Menu"}],
            ],
            "resize_keyboard": True,
        },
    )
    formatted = messages.get_by_test_id("message").first
    await expect(formatted).to_contain_text("<script>alert(1)</script>", timeout=TIMEOUT)
    await expect(formatted.locator("b")).to_have_text("Tebal")
    await expect(formatted.locator("i")).to_have_text("miring")
    await expect(formatted.locator("code").first).to_have_text("kode")
    await expect(formatted.locator("blockquote")).to_have_text("kutipan")
    await expect(formatted.locator("pre")).to_have_text("blok kode")
    await expect(formatted.locator(".spoiler")).to_have_text("rahasia")
    link = formatted.get_by_role("link", name="tautan")
    await expect(link).to_have_attribute("href", "https://example.org/x")
    assert await formatted.locator("script").count() == 0

    keyboard = phone.get_by_test_id("reply-keyboard")
    await expect(keyboard.get_by_test_id("reply-button")).to_have_count(2, timeout=TIMEOUT)
    await keyboard.get_by_text("Bagikan nomor HP").click()
    shared = messages.locator('[data-testid="message"][data-from="user"][data-kind="contact"]')
    await expect(shared).to_contain_text("+6281200002001", timeout=TIMEOUT)

    # Enter sends, and an answer that removes the keyboard hides it.
    await phone.get_by_test_id("message-input").fill("halo")
    await phone.get_by_test_id("message-input").press("Enter")
    await expect(messages.locator('[data-from="user"][data-kind="text"]')).to_have_text(
        re.compile("halo"), timeout=TIMEOUT
    )
    await _bot_api(
        emulator,
        "sendMessage",
        chat_id=2001,
        text="Nomor diterima.",
        reply_markup={"remove_keyboard": True},
    )
    await expect(messages).to_contain_text("Nomor diterima.", timeout=TIMEOUT)
    await expect(keyboard).to_be_hidden(timeout=TIMEOUT)

    await _bot_api(
        emulator,
        "sendVenue",
        chat_id=2001,
        latitude=-7.1566,
        longitude=112.6555,
        title="BKPSDM Gresik",
        address="Jl. Dr. Wahidin Sudirohusodo 245",
    )
    venue = messages.get_by_test_id("message-venue")
    await expect(venue).to_contain_text("BKPSDM Gresik", timeout=TIMEOUT)
    await expect(venue.get_by_test_id("map-link")).to_have_attribute(
        "href", re.compile(r"^https://www\.openstreetmap\.org/\?mlat=-7\.156600&mlon=112\.655500")
    )

    sent = await _bot_api(emulator, "sendMessage", chat_id=2001, text="akan dihapus")
    gone = messages.locator(f'[data-message-id="{sent["message_id"]}"]')
    await expect(gone).to_have_count(1, timeout=TIMEOUT)
    await _bot_api(emulator, "deleteMessage", chat_id=2001, message_id=sent["message_id"])
    await expect(gone).to_have_count(0, timeout=TIMEOUT)

    # A document from the user, uploaded through the paperclip.
    await phone.get_by_test_id("file-input").set_input_files(
        {"name": "nilai.xlsx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04"}
    )
    document = messages.locator('[data-from="user"] [data-testid="document-link"]')
    await expect(document).to_have_text("nilai.xlsx", timeout=TIMEOUT)
    await expect(document).to_have_attribute("href", re.compile(r"^/sandbox/api/files/"))
    await phone.screenshot(path=str(tmp_path / "web-chat-kinds-375.png"), full_page=True)
