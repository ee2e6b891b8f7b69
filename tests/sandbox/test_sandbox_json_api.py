"""The JSON API for simulated users, driven over HTTP like the curl example in API.md."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from sandbox import Emulator
from tests.narrow import present


async def test_whole_exchange(bot: Bot, emu: Emulator, http: aiohttp.ClientSession) -> None:
    api = f"{emu.url}/sandbox/api"

    async def post(path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        async with http.post(api + path, json=body or {}) as resp:
            return resp.status, await resp.json()

    async def get(path: str) -> tuple[int, Any]:
        async with http.get(api + path) as resp:
            return resp.status, await resp.json()

    status, user = await post(
        "/users",
        {
            "id": 1001,
            "first_name": "Siti",
            "last_name": "Aminah",
            "language_code": "id",
            "phone_number": "+6281234567890",
        },
    )
    assert status == 201 and user["first_name"] == "Siti"
    status, listed = await get("/users")
    assert [u["id"] for u in listed["users"]] == [1001]

    status, sent = await post("/users/1001/messages", {"text": "/start"})
    assert status == 201 and sent["text"] == "/start" and not sent["from_bot"]
    last_seq = (await get("/users/1001/chat"))[1]["last_seq"]

    # The bot's side, played by python-telegram-bot.
    (update,) = await bot.get_updates()
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Setuju", callback_data="agree")]])
    await present(update.message).reply_html("<b>Halo</b> Siti", reply_markup=keyboard)

    status, events = await get(f"/users/1001/events?after={last_seq}&timeout=5")
    (event,) = events["events"]
    assert event["kind"] == "message" and event["message"]["html"] == "<b>Halo</b> Siti"
    assert event["message"]["buttons"] == [
        [{"text": "Setuju", "callback_data": "agree", "url": None}]
    ]
    last_seq = events["last_seq"]

    async def bot_answers() -> None:
        (callback,) = await bot.get_updates(offset=update.update_id + 1, timeout=5)
        query = present(callback.callback_query)
        await query.answer("Oke")
        await query.edit_message_text("Tersimpan")

    task = asyncio.create_task(bot_answers())
    status, pressed = await post("/users/1001/press", {"label": "Setuju", "wait": 5})
    await task
    assert status == 200 and pressed["answered"] and pressed["text"] == "Oke"

    status, events = await get(f"/users/1001/events?after={last_seq}&timeout=5")
    kinds = [e["kind"] for e in events["events"]]
    assert "edit" in kinds and "callback_answer" in kinds
    edit = next(e for e in events["events"] if e["kind"] == "edit")
    assert edit["message"]["text"] == "Tersimpan" and edit["message"]["edited"]

    status, chat = await get("/users/1001/chat")
    assert [m["text"] for m in chat["messages"]] == ["/start", "Tersimpan"]

    status, calls = await get("/calls?method=answerCallbackQuery")
    assert calls["calls"][0]["params"]["text"] == "Oke"


async def test_documents_contact_block_and_errors(
    bot: Bot, emu: Emulator, http: aiohttp.ClientSession
) -> None:
    api = f"{emu.url}/sandbox/api"
    async with http.post(f"{api}/users/5/messages", json={"text": "x"}) as resp:
        assert resp.status == 404 and "no user 5" in (await resp.json())["error"]
    async with http.post(f"{api}/users", json={"id": "abc"}) as resp:
        assert resp.status == 400
    emu.user(5, first_name="Budi", phone_number="+628111")
    form = aiohttp.FormData()
    form.add_field("document", b"col1,col2\n", filename="data.csv", content_type="text/csv")
    form.add_field("caption", "/impor")
    async with http.post(f"{api}/users/5/documents", data=form) as resp:
        assert resp.status == 201
        document = (await resp.json())["document"]
    async with http.get(emu.url + document["url"]) as resp:
        assert await resp.read() == b"col1,col2\n"
    async with http.post(f"{api}/users/5/contact", json={}) as resp:
        assert (await resp.json())["contact"]["phone_number"] == "+628111"
    async with http.post(f"{api}/users/5/block") as resp:
        assert (await resp.json())["blocked"] is True
    async with http.post(
        f"{api}/faults", json={"kind": "error", "method": "getMe", "status": 503}
    ) as resp:
        assert resp.status == 201
    async with http.post(f"{api}/faults", json={"kind": "explode"}) as resp:
        assert resp.status == 400
    async with http.delete(f"{api}/faults") as resp:
        assert (await resp.json())["faults"] == []
    updates = await bot.get_updates()
    assert present(present(updates[0].message).document).file_name == "data.csv"
    assert present(present(updates[1].message).contact).user_id == 5
    assert present(updates[2].my_chat_member).new_chat_member.status == "kicked"
    async with http.get(emu.url + "/") as resp:
        assert resp.status == 200
