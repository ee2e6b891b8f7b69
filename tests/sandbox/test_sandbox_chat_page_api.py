"""What the web chat page needs: bot info, full reply markup, entities, errors, location."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from sandbox import Emulator
from tests.narrow import present

USER = 1001


class Api:
    """The JSON API over HTTP."""

    def __init__(self, emu: Emulator, http: aiohttp.ClientSession) -> None:
        self.base = f"{emu.url}/sandbox/api"
        self.http = http

    async def get(self, path: str) -> tuple[int, Any]:
        async with self.http.get(self.base + path) as resp:
            return resp.status, await resp.json()

    async def post(self, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        async with self.http.post(self.base + path, json=body or {}) as resp:
            return resp.status, await resp.json()


@pytest.fixture
def api(emu: Emulator, http: aiohttp.ClientSession) -> Api:
    return Api(emu, http)


def _entities(message: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(e["type"], e["offset"], e["length"]) for e in message["entities"]]


async def test_bot_info_with_the_commands_a_private_chat_shows(bot: Bot, api: Api) -> None:
    status, info = await api.get("/bot")
    assert status == 200
    assert info == {
        "id": 123456,
        "first_name": "ASN Bot",
        "username": "asn_test_bot",
        "commands": {},
    }
    await bot.set_my_commands([BotCommand("start", "Mulai"), BotCommand("bantuan", "Bantuan")])
    await bot.set_my_commands([BotCommand("help", "Help")], language_code="en")
    status, info = await api.get("/bot")
    assert info["commands"] == {
        "": [
            {"command": "start", "description": "Mulai"},
            {"command": "bantuan", "description": "Bantuan"},
        ],
        "en": [{"command": "help", "description": "Help"}],
    }
    await bot.set_my_commands([BotCommand("private", "P")], scope=BotCommandScopeAllPrivateChats())
    status, info = await api.get("/bot")
    assert info["commands"][""] == [{"command": "private", "description": "P"}]
    await bot.delete_my_commands(language_code="en")
    assert list((await api.get("/bot"))[1]["commands"]) == [""]


async def test_full_reply_markup_and_one_time_keyboard(bot: Bot, emu: Emulator, api: Api) -> None:
    emu.user(USER, first_name="Siti", phone_number="+6281234567890")
    seq = (await api.get(f"/users/{USER}/chat"))[1]["last_seq"]
    one_time = ReplyKeyboardMarkup(
        [[KeyboardButton("Bagikan kontak", request_contact=True)], ["Batal"]],
        one_time_keyboard=True,
        resize_keyboard=True,
        input_field_placeholder="Pilih",
    )
    await bot.send_message(USER, "Nomor?", reply_markup=one_time)
    expected = {
        "keyboard": [
            [{"text": "Bagikan kontak", "request_contact": True}],
            [{"text": "Batal", "request_contact": False}],
        ],
        "one_time_keyboard": True,
        "resize_keyboard": True,
        "input_field_placeholder": "Pilih",
    }
    status, events = await api.get(f"/users/{USER}/events?after={seq}&timeout=5")
    message = events["events"][0]["message"]
    assert message["reply_markup"] == expected
    assert message["reply_keyboard"] == [["Bagikan kontak"], ["Batal"]]  # unchanged
    status, chat = await api.get(f"/users/{USER}/chat")
    assert chat["reply_keyboard_markup"] == expected
    assert chat["reply_keyboard"] == expected["keyboard"]
    assert chat["messages"][0]["reply_markup"] == expected

    # A tap on a one-time keyboard hides it until the bot sends another keyboard.
    status, tapped = await api.post(f"/users/{USER}/tap", {"label": "Batal"})
    assert status == 201 and tapped["text"] == "Batal"
    status, chat = await api.get(f"/users/{USER}/chat")
    assert chat["reply_keyboard"] is None and chat["reply_keyboard_markup"] is None
    status, error = await api.post(f"/users/{USER}/tap", {"label": "Batal"})
    assert status == 404 and "no reply keyboard button" in error["error"]
    await bot.send_message(USER, "Tanpa keyboard")
    assert emu.users[USER].current_reply_keyboard() is None

    persistent = ReplyKeyboardMarkup([["Menu"]])
    await bot.send_message(USER, "Lagi", reply_markup=persistent)
    assert (await api.post(f"/users/{USER}/tap", {"label": "Menu"}))[0] == 201
    status, chat = await api.get(f"/users/{USER}/chat")
    assert chat["reply_keyboard_markup"] == {
        "keyboard": [[{"text": "Menu", "request_contact": False}]],
        "one_time_keyboard": False,
        "resize_keyboard": False,
        "input_field_placeholder": None,
    }

    removed = await bot.send_message(USER, "Selesai", reply_markup=ReplyKeyboardRemove())
    status, chat = await api.get(f"/users/{USER}/chat")
    assert chat["reply_keyboard"] is None and chat["reply_keyboard_markup"] is None
    by_id = {m["message_id"]: m for m in chat["messages"]}
    assert by_id[removed.message_id]["reply_markup"] == {"remove_keyboard": True}

    inline = InlineKeyboardMarkup([[InlineKeyboardButton("Setuju", callback_data="agree")]])
    sent = await bot.send_message(USER, "Setuju?", reply_markup=inline)
    status, chat = await api.get(f"/users/{USER}/chat")
    by_id = {m["message_id"]: m for m in chat["messages"]}
    assert by_id[sent.message_id]["reply_markup"] == {
        "inline_keyboard": [[{"text": "Setuju", "callback_data": "agree"}]]
    }
    assert by_id[sent.message_id]["buttons"][0][0]["callback_data"] == "agree"
    # An inline keyboard does not touch the reply keyboard state; the user's own
    # messages carry no markup.
    assert chat["reply_keyboard_markup"] is None
    assert by_id[tapped["message_id"]]["reply_markup"] is None


async def test_user_action_errors_are_400(bot: Bot, emu: Emulator, api: Api) -> None:
    emu.user(USER, first_name="Budi")  # no phone number
    keyboard = ReplyKeyboardMarkup([[KeyboardButton("Bagikan kontak", request_contact=True)]])
    await bot.send_message(USER, "Nomor?", reply_markup=keyboard)
    status, error = await api.post(f"/users/{USER}/tap", {"label": "Bagikan kontak"})
    assert status == 400
    assert "no phone_number" in error["error"] and "Bagikan kontak" in error["error"]
    status, error = await api.post(f"/users/{USER}/contact", {})
    assert status == 400 and "no phone_number" in error["error"]
    # Once the user has a number the same tap shares it.
    assert (await api.post("/users", {"id": USER, "phone_number": "+62811"}))[0] == 200
    status, shared = await api.post(f"/users/{USER}/tap", {"label": "Bagikan kontak"})
    assert status == 201 and shared["contact"]["phone_number"] == "+62811"


async def test_bot_messages_get_automatic_entities(bot: Bot, emu: Emulator, api: Api) -> None:
    user = emu.user(USER)
    sent = await bot.send_message(USER, "Ketik /bantuan atau buka https://example.org")
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bot_command", 6, 8),
        ("url", 25, 19),
    ]
    view = await user.next_message()
    assert view.html == "Ketik /bantuan atau buka https://example.org"

    # HTML: explicit entities stay; a link inside <a> gets no url entity; offsets count
    # UTF-16 units (the emoji is two).
    sent = await bot.send_message(
        USER,
        '😀 <b>Tanya</b> @admin_bkn, <a href="https://bkn.go.id">https://bkn.go.id</a> '
        "atau /mulai.",
        parse_mode="HTML",
    )
    assert sent.text == "😀 Tanya @admin_bkn, https://bkn.go.id atau /mulai."
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 3, 5),
        ("mention", 9, 10),
        ("text_link", 21, 17),
        ("bot_command", 44, 6),
    ]
    # Captions too, and bare URLs inside formatting.
    sent = await bot.send_document(
        USER, b"x", filename="a.txt", caption="<i>lihat https://x.id/a?b=1.</i>", parse_mode="HTML"
    )
    assert [(e.type, e.offset, e.length) for e in sent.caption_entities] == [
        ("italic", 0, 25),
        ("url", 6, 18),
    ]
    # Addresses are e-mails, not mentions; words with a slash are not commands.
    sent = await bot.send_message(USER, "Tulis ke info@bkn.go.id dan/atau cek")
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("email", 9, 14)]

    # User messages get them as well, over the JSON API and in the bot's update.
    status, message = await api.post(
        f"/users/{USER}/messages", {"text": "/start halo @asn_test_bot https://t.me/x"}
    )
    assert _entities(message) == [("bot_command", 0, 6), ("mention", 12, 13), ("url", 26, 14)]
    update = (await bot.get_updates())[-1]
    assert [e.type for e in present(update.message).entities] == ["bot_command", "mention", "url"]


async def test_plain_string_keyboard_buttons_and_markup_errors(
    emu: Emulator, raw, api: Api
) -> None:
    user = emu.user(USER)
    status, body = await raw(
        "sendMessage",
        chat_id=USER,
        text="Pilih",
        reply_markup={"keyboard": [["Menu", "Nilai"], ["Batal"]]},
    )
    assert status == 200, body
    assert user.current_reply_keyboard() is not None
    status, chat = await api.get(f"/users/{USER}/chat")
    assert [[b["text"] for b in row] for row in chat["reply_keyboard"]] == [
        ["Menu", "Nilai"],
        ["Batal"],
    ]
    assert (await user.tap("Nilai"))["text"] == "Nilai"

    status, body = await raw(
        "sendMessage", chat_id=USER, text="x", reply_markup={"keyboard": [[5]]}
    )
    assert status == 400
    assert body["description"] == (
        'Bad Request: parameter "reply_markup" is invalid: field '
        '"reply_markup.keyboard[0][0]" must be KeyboardButton or String'
    )
    status, body = await raw(
        "sendMessage",
        chat_id=USER,
        text="x",
        reply_markup={"keyboard": [[{"request_contact": True}]]},
    )
    assert 'field "reply_markup.keyboard[0][0].text" is required' in body["description"]
    status, body = await raw(
        "sendMessage", chat_id=USER, text="x", reply_markup={"remove_keyboard": "maybe"}
    )
    assert 'field "reply_markup.remove_keyboard" must be Boolean' in body["description"]
    status, body = await raw("sendMessage", chat_id=USER, text="x", reply_markup={"rows": []})
    assert body["description"] == (
        'Bad Request: parameter "reply_markup" must be InlineKeyboardMarkup or '
        "ReplyKeyboardMarkup or ReplyKeyboardRemove or ForceReply"
    )


async def test_user_sends_location(bot: Bot, emu: Emulator, api: Api) -> None:
    emu.user(USER)
    status, message = await api.post(
        f"/users/{USER}/location", {"latitude": -6.2, "longitude": 106.8}
    )
    assert status == 201 and message["kind"] == "location" and not message["from_bot"]
    assert message["location"] == {"latitude": -6.2, "longitude": 106.8}
    (update,) = await bot.get_updates()
    location = present(present(update.message).location)
    assert (location.latitude, location.longitude) == (-6.2, 106.8)

    for body, problem in (
        ({"latitude": 91, "longitude": 0}, '"latitude" must be between -90 and 90'),
        ({"latitude": 0, "longitude": "east"}, '"longitude" must be a number'),
        ({"longitude": 0}, '"latitude" must be a number'),
    ):
        status, error = await api.post(f"/users/{USER}/location", body)
        assert (status, error["error"]) == (400, problem)
    await emu.users[USER].block()
    status, error = await api.post(f"/users/{USER}/location", {"latitude": 0, "longitude": 0})
    assert status == 409
    status, error = await api.post("/users/77/location", {"latitude": 0, "longitude": 0})
    assert status == 404
