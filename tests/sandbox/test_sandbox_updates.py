"""Updates: long polling, webhooks, blocking, rate limits, files, faults, button presses."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Conflict, Forbidden, NetworkError, RetryAfter

from sandbox import Emulator
from sandbox.limits import busiest
from tests.narrow import present

USER = 1001
PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a5d6bc8b0000000049454e44ae426082"
)


async def test_long_poll_wakes_on_user_message(bot: Bot, emu: Emulator) -> None:
    user = emu.user(USER, first_name="Siti", last_name="Aminah", language_code="id")
    assert await bot.get_updates(timeout=0) == ()
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    assert await emu.state.calls_signal.wait_until(lambda: emu.state.polls_waiting > 0, 5)
    sent = await user.send("/start")
    updates = await poll
    assert time.monotonic() - started < 3
    assert len(updates) == 1
    message = present(updates[0].message)
    assert message.text == "/start" and present(message.from_user).first_name == "Siti"
    assert message.entities[0].type == "bot_command"
    assert message.message_id == sent["message_id"]
    # Not confirmed yet: it comes again; offset confirms it.
    again = await bot.get_updates(timeout=0)
    assert again[0].update_id == updates[0].update_id
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()


async def test_allowed_updates_and_limit(bot: Bot, emu: Emulator) -> None:
    user = emu.user(USER)
    for i in range(3):
        await user.send(f"m{i}")
    assert len(await bot.get_updates(limit=2)) == 2
    await user.block()
    updates = await bot.get_updates(allowed_updates=["my_chat_member"])
    assert [u.my_chat_member is not None for u in updates] == [True]


async def test_long_poll_ends_when_emulator_stops() -> None:
    emu = Emulator()
    await emu.start()
    async with Bot(emu.token, base_url=emu.base_url) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30, read_timeout=40))
        assert await emu.state.calls_signal.wait_until(lambda: emu.state.polls_waiting > 0, 5)
        started = time.monotonic()
        await emu.stop()
        assert await poll == ()
        assert time.monotonic() - started < 3


async def test_blocked_user(bot: Bot, emu: Emulator) -> None:
    user = emu.user(USER)
    await user.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(USER, "hi")
    await user.unblock()
    await bot.send_message(USER, "hi again")
    updates = await bot.get_updates()
    statuses = [
        (member.old_chat_member.status, member.new_chat_member.status)
        for member in (present(u.my_chat_member) for u in updates)
    ]
    assert statuses == [("member", "kicked"), ("kicked", "member")]
    assert present(updates[0].my_chat_member).from_user.id == USER


async def test_webhook_delivery_with_secret(bot: Bot, emu: Emulator) -> None:
    received: list[tuple[dict[str, Any], str | None]] = []
    arrived = asyncio.Event()
    failures = {"left": 1}

    async def hook(request: web.Request) -> web.Response:
        if failures["left"]:
            failures["left"] -= 1
            return web.Response(status=500)  # the emulator must retry
        received.append(
            (await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        arrived.set()
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        user = emu.user(USER)
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
        with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
            await bot.get_updates()
        await user.send("halo")
        await asyncio.wait_for(arrived.wait(), 5)
        update, secret = received[0]
        assert secret == "s3cret" and update["message"]["text"] == "halo"
        info = await bot.get_webhook_info()
        assert info.url.endswith("/hook") and info.pending_update_count == 0
        assert "500" in (info.last_error_message or "")
        await bot.delete_webhook()
        assert await bot.get_updates() == ()
    finally:
        await runner.cleanup()


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_rate_limits_per_chat_and_global(fake_clock) -> None:
    emu = Emulator(monotonic=fake_clock, chat_rate=1, chat_burst=3, global_rate=5)
    await emu.start()
    try:
        async with Bot(emu.token, base_url=emu.base_url) as bot:
            for user_id in (1, 2, 3):
                emu.user(user_id)
            for _ in range(3):
                await bot.send_message(1, "burst")
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(1, "flood")
            assert "Retry in 1" in str(caught.value)
            call = emu.calls_to("sendMessage")[-1]
            assert call.status == 429
            assert present(call.response)["description"] == "Too Many Requests: retry after 1"
            assert present(call.response)["parameters"] == {"retry_after": 1}
            fake_clock.advance(0.5)
            # 5 in any second: chat 2 may send two messages, then the whole bot waits
            # although chat 2 has a token left.
            await bot.send_message(2, "one")
            await bot.send_message(2, "two")
            with pytest.raises(RetryAfter):
                await bot.send_message(2, "three")
            fake_clock.advance(0.5)  # the first three have left the window
            await bot.send_message(1, "after a second")
            await bot.send_message(2, "three")
            await bot.send_message(3, "one")
            with pytest.raises(RetryAfter):
                await bot.send_message(3, "two")
    finally:
        await emu.stop()


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_the_overall_limit_holds_over_any_sliding_second(fake_clock) -> None:
    emu = Emulator(monotonic=fake_clock)  # Telegram's defaults: 30 a second
    await emu.start()
    try:
        async with Bot(emu.token, base_url=emu.base_url) as bot:
            for user_id in range(1, 61):
                emu.user(user_id)
            for user_id in range(1, 16):  # 15 at 0.0 s
                await bot.send_message(user_id, "pagi")
            fake_clock.advance(0.9)
            for user_id in range(16, 31):  # 15 at 0.9 s: 30 within a second
                await bot.send_message(user_id, "pagi")
            with pytest.raises(RetryAfter):
                await bot.send_message(31, "the 31st within one second")
            fake_clock.advance(0.2)  # at 1.1 s the first 15 are out of the window
            for user_id in range(31, 46):
                await bot.send_message(user_id, "pagi")
            with pytest.raises(RetryAfter):
                await bot.send_message(46, "no refill on top of the window")
    finally:
        await emu.stop()


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_a_group_takes_at_most_20_messages_a_minute(fake_clock) -> None:
    emu = Emulator(monotonic=fake_clock)
    await emu.start()
    try:
        async with Bot(emu.token, base_url=emu.base_url) as bot:
            emu.group(-100200, title="ASN Gresik")
            for _ in range(20):
                await bot.send_message(-100200, "info")
                fake_clock.advance(2.0)  # within the per-chat pace
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(-100200, "the 21st within a minute")
            assert "Retry in 20" in str(caught.value)
            fake_clock.advance(20.0)
            await bot.send_message(-100200, "a minute after the first")
    finally:
        await emu.stop()


def test_busiest_counts_the_most_events_in_any_sliding_window() -> None:
    assert busiest([]) == 0
    assert busiest([0.0, 0.5, 0.99, 1.0, 1.5]) == 3  # (0.0, 1.0] holds 0.5, 0.99, 1.0
    assert busiest([0.0, 1.0, 2.0]) == 1
    assert busiest([10.0, 0.0, 30.0, 40.0], window=60.0) == 4


async def test_send_document_get_file_download(bot: Bot, emu: Emulator) -> None:
    user = emu.user(USER)
    payload = bytes(range(256)) * 10
    sent = await bot.send_document(USER, payload, filename="laporan.xlsx", caption="Laporan")
    document = present(sent.document)
    assert document.file_name == "laporan.xlsx" and sent.caption == "Laporan"
    tg_file = await bot.get_file(document.file_id)
    assert bytes(await tg_file.download_as_bytearray()) == payload
    view = await user.next_message()
    assert view.kind == "document" and present(view.document).data == payload
    # Photos: uploaded, then re-sent by file_id.
    photo = await bot.send_photo(USER, PNG_1x1, caption="foto")
    assert (photo.photo[-1].width, photo.photo[-1].height) == (1, 1)
    again = await bot.send_photo(USER, photo.photo[-1].file_id)
    assert again.photo[-1].file_id == photo.photo[-1].file_id
    assert present((await user.next_message()).photo).data == PNG_1x1


async def test_user_document_downloaded_by_bot(bot: Bot, emu: Emulator) -> None:
    user = emu.user(USER)
    content = b"PK\x03\x04 fake xlsx"
    await user.send_document(
        "data.xlsx", content, caption="/impor", mime_type="application/vnd.ms-excel"
    )
    (update,) = await bot.get_updates()
    message = present(update.message)
    document = present(message.document)
    assert document.file_name == "data.xlsx" and message.caption == "/impor"
    assert message.caption_entities[0].type == "bot_command"
    tg_file = await document.get_file()
    assert bytes(await tg_file.download_as_bytearray()) == content


async def test_press_button_and_answer(bot: Bot, emu: Emulator) -> None:
    user = emu.user(USER)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Setuju", callback_data="agree")]])
    await bot.send_message(USER, "Setuju?", reply_markup=keyboard)
    assert (await user.next_message()).button_texts == ["Setuju"]

    async def bot_side() -> None:
        (update,) = await bot.get_updates(timeout=5)
        query = present(update.callback_query)
        assert query.data == "agree"
        await query.answer("Tersimpan")

    task = asyncio.create_task(bot_side())
    answer = await user.press("Setuju")
    await task
    assert answer.answered and answer.text == "Tersimpan"
    call = await emu.wait_for_call("answerCallbackQuery")
    assert call.params["text"] == "Tersimpan"
    with pytest.raises(AssertionError, match="no inline button 'Tolak'"):
        await user.press("Tolak")


async def test_injected_faults(bot: Bot, emu: Emulator) -> None:
    emu.user(USER)
    emu.faults.fail("sendMessage", times=2, status=500)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(USER, "x")
    await bot.send_message(USER, "works again")
    emu.faults.fail(status=502, description="Bad Gateway")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.get_me()
    emu.faults.drop("getMe")
    with pytest.raises(NetworkError):
        await bot.get_me()
    emu.faults.delay(0.2, "getMe")
    started = time.monotonic()
    await bot.get_me()
    assert time.monotonic() - started >= 0.2
