"""The Bot API surface seen through python-telegram-bot's real Bot and raw requests."""

from __future__ import annotations

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
from telegram.error import BadRequest, InvalidToken

from sandbox import Emulator
from tests.narrow import present

USER = 1001


async def test_get_me(bot: Bot, emu: Emulator) -> None:
    me = await bot.get_me()
    assert me.id == 123456 and me.is_bot and me.username == "asn_test_bot"
    call = await emu.wait_for_call("getMe")
    assert call.status == 200


async def test_wrong_token_is_unauthorized(emu: Emulator, http) -> None:
    async with http.post(f"{emu.base_url}999:WRONG/getMe") as resp:
        assert resp.status == 401
        assert (await resp.json())["description"] == "Unauthorized"
    wrong = Bot("999:WRONG", base_url=emu.base_url)
    try:
        with pytest.raises(InvalidToken):
            await wrong.initialize()
    finally:
        await wrong.shutdown()


async def test_text_length_limit(bot: Bot, emu: Emulator, raw) -> None:
    emu.user(USER, first_name="Siti")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(USER, "x" * 4097)
    status, body = await raw("sendMessage", chat_id=USER, text="x" * 4097)
    assert status == 400
    assert body == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: message is too long",
    }
    # 4096 visible characters are fine even though the HTML source is longer.
    message = await bot.send_message(USER, "<b>" + "y" * 4096 + "</b>", parse_mode="HTML")
    assert len(present(message.text)) == 4096
    assert message.entities[0].type == "bold"
    # Telegram counts UTF-16 code units: an emoji counts twice.
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(USER, "😀" * 2049)
    await bot.send_message(USER, "😀" * 2048)


async def test_empty_text(bot: Bot, emu: Emulator, raw) -> None:
    emu.user(USER)
    status, body = await raw("sendMessage", chat_id=USER, text="  ")
    assert (status, body["description"]) == (400, "Bad Request: message text is empty")
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(USER, "<b></b>", parse_mode="HTML")


async def test_caption_limit(bot: Bot, emu: Emulator) -> None:
    emu.user(USER)
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_document(USER, b"data", filename="a.txt", caption="c" * 1025)
    await bot.send_document(USER, b"data", filename="a.txt", caption="c" * 1024)


async def test_callback_data_bytes(bot: Bot, emu: Emulator) -> None:
    emu.user(USER)

    def markup(data: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data=data)]])

    await bot.send_message(USER, "64", reply_markup=markup("a" * 64))
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(USER, "65", reply_markup=markup("a" * 65))
    # "é" is two bytes in UTF-8: 33 of them are 66 bytes.
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(USER, "multi", reply_markup=markup("é" * 33))
    await bot.send_message(USER, "multi", reply_markup=markup("é" * 32))


async def test_button_type_and_count(emu: Emulator, raw) -> None:
    emu.user(USER)
    status, body = await raw(
        "sendMessage",
        chat_id=USER,
        text="t",
        reply_markup={"inline_keyboard": [[{"text": "no action"}]]},
    )
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_TYPE_INVALID")
    two = {"text": "two", "callback_data": "a", "url": "https://example.org"}
    status, body = await raw(
        "sendMessage", chat_id=USER, text="t", reply_markup={"inline_keyboard": [[two]]}
    )
    assert body["description"] == "Bad Request: BUTTON_TYPE_INVALID"
    row = [{"text": str(i), "callback_data": str(i)} for i in range(9)]
    status, body = await raw(
        "sendMessage", chat_id=USER, text="t", reply_markup={"inline_keyboard": [row]}
    )
    assert body["description"] == "Bad Request: too many buttons"


@pytest.mark.parametrize(
    ("source", "description"),
    [
        ("hello <foo>x</foo>", 'Unsupported start tag "foo" at byte offset 6'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("é <", "Unclosed start tag at byte offset 3"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
async def test_malformed_html(emu: Emulator, raw, source: str, description: str) -> None:
    emu.user(USER)
    status, body = await raw("sendMessage", chat_id=USER, text=source, parse_mode="HTML")
    assert status == 400
    assert body["description"] == f"Bad Request: can't parse entities: {description}"


async def test_html_parsed_and_stored(bot: Bot, emu: Emulator) -> None:
    user = emu.user(USER)
    source = (
        '<b>Nilai</b> &lt;90&gt; &amp; R&D <i>baik</i> 😀 <a href="https://x.id/?a=1&amp;b=2">'
        'link</a> <tg-spoiler>s</tg-spoiler> <pre><code class="language-py">x = 1</code></pre>'
    )
    sent = await bot.send_message(USER, source, parse_mode="HTML")
    assert sent.text == "Nilai <90> & R&D baik 😀 link s x = 1"
    types = [(e.type, e.offset, e.length) for e in sent.entities]
    assert types == [
        ("bold", 0, 5),
        ("italic", 17, 4),
        ("text_link", 25, 4),
        ("spoiler", 30, 1),
        ("pre", 32, 5),
    ]
    assert sent.entities[2].url == "https://x.id/?a=1&b=2"
    assert sent.entities[4].language == "py"
    view = await user.next_message()
    assert view.text == sent.text
    assert view.html == (
        '<b>Nilai</b> &lt;90&gt; &amp; R&amp;D <i>baik</i> 😀 <a href="https://x.id/?a=1&amp;b=2">'
        'link</a> <tg-spoiler>s</tg-spoiler> <pre><code class="language-py">x = 1</code></pre>'
    )


async def test_unknown_and_missing_parameters(emu: Emulator, raw) -> None:
    emu.user(USER)
    status, body = await raw("sendMessage", chat_id=USER, text="hi", foo=1)
    assert status == 200 and "foo" not in body["result"]  # ignored, as Telegram does
    status, body = await raw("sendMessage", text="hi")
    assert (status, body["description"]) == (400, 'Bad Request: parameter "chat_id" is required')
    status, body = await raw("sendMessage", chat_id=USER, text="hi", disable_notification="maybe")
    assert status == 400
    assert body["description"] == 'Bad Request: parameter "disable_notification" must be Boolean'
    status, body = await raw(
        "sendMessage",
        chat_id=USER,
        text="hi",
        reply_markup={"inline_keyboard": [[{"text": 5, "callback_data": []}]]},
    )
    assert status == 400
    assert (
        'field "reply_markup.inline_keyboard[0][0].callback_data" must be String'
        in (body["description"])
    )
    status, body = await raw("getUpdates", limit="many")
    assert body["description"] == 'Bad Request: parameter "limit" must be Integer'


async def test_unknown_and_unsupported_methods(bot: Bot, emu: Emulator, raw) -> None:
    status, body = await raw("sendSticker", chat_id=USER, sticker="abc")
    assert status == 400
    assert body["description"] == (
        'Bad Request: method "sendSticker" is not supported by this emulator'
    )
    status, body = await raw("frobnicate")
    assert (status, body["description"]) == (400, 'Bad Request: unknown method "frobnicate"')
    # Method names are case-insensitive.
    status, body = await raw("GETME")
    assert status == 200 and body["result"]["is_bot"]
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hello")


async def test_my_commands(bot: Bot, emu: Emulator, raw) -> None:
    await bot.set_my_commands([BotCommand("start", "Mulai"), BotCommand("nilai_saya", "Nilai")])
    await bot.set_my_commands([BotCommand("help", "Help")], language_code="en")
    await bot.set_my_commands([BotCommand("private", "P")], scope=BotCommandScopeAllPrivateChats())
    assert [c.command for c in await bot.get_my_commands()] == ["start", "nilai_saya"]
    assert [c.command for c in await bot.get_my_commands(language_code="en")] == ["help"]
    private = await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats())
    assert [c.command for c in private] == ["private"]
    await bot.delete_my_commands(language_code="en")
    assert await bot.get_my_commands(language_code="en") == ()
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start", "x")])
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("a" * 33, "x")])
    with pytest.raises(BadRequest, match="Command description is empty"):
        await bot.set_my_commands([BotCommand("ok", " ")])
    with pytest.raises(BadRequest, match="Command description is too long"):
        await bot.set_my_commands([BotCommand("ok", "d" * 257)])
    status, body = await raw(
        "setMyCommands", commands=[{"command": "x", "description": "y"}], scope={"type": "nonsense"}
    )
    assert status == 400 and "scope" in body["description"]


async def test_edit_and_delete(bot: Bot, emu: Emulator) -> None:
    user = emu.user(USER)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    sent = await bot.send_message(USER, "<b>one</b>", parse_mode="HTML", reply_markup=keyboard)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<b>one</b>", USER, sent.message_id, parse_mode="HTML", reply_markup=keyboard
        )
    await bot.edit_message_text("two", USER, sent.message_id)
    edit = await user.next_edit()
    assert (edit.text, edit.buttons) == ("two", [])
    await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=keyboard)
    assert (await user.next_edit()).button_texts == ["A"]
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", USER, 999)
    assert await bot.delete_message(USER, sent.message_id)
    assert await user.next_deletion() == sent.message_id
    assert user.chat_messages == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(USER, sent.message_id)


async def test_reply_keyboards_remembered(bot: Bot, emu: Emulator) -> None:
    user = emu.user(USER, first_name="Siti", phone_number="+6281234567890")
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton("Bagikan kontak", request_contact=True)], ["Batal"]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
    sent = await bot.send_message(USER, "Nomor?", reply_markup=keyboard)
    assert sent.reply_markup is None  # the API only returns inline keyboards
    view = await user.next_message()
    assert view.reply_keyboard == [["Bagikan kontak"], ["Batal"]]
    shared = await user.tap("Bagikan kontak")
    assert shared["contact"] == {
        "phone_number": "+6281234567890",
        "first_name": "Siti",
        "user_id": USER,
    }
    other = await user.share_contact(phone_number="+6289999", user_id=2002, first_name="Other")
    assert other["contact"]["user_id"] == 2002
    await bot.send_message(USER, "ok", reply_markup=ReplyKeyboardRemove())
    assert user.current_reply_keyboard() is None
    with pytest.raises(AssertionError, match="no reply keyboard button"):
        await user.tap("Batal")


async def test_location_venue_and_chat_action(bot: Bot, emu: Emulator) -> None:
    user = emu.user(USER)
    await bot.send_chat_action(USER, "typing")
    await bot.send_location(USER, -6.2, 106.8)
    await bot.send_venue(USER, -6.2, 106.8, "BKN", "Jl. Mayjen Sutoyo")
    location = await user.next_message()
    venue = await user.next_message()
    assert location.kind == "location" and location.location == {
        "latitude": -6.2,
        "longitude": 106.8,
    }
    assert venue.kind == "venue" and present(venue.venue)["title"] == "BKN"
