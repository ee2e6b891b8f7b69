"""End to end: a real telegram.ext.Application polling the emulator."""

from __future__ import annotations

import time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from sandbox import Emulator


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Setuju", callback_data="agree")]])
    await update.effective_message.reply_html(
        "<b>Selamat datang</b>, setuju?", reply_markup=keyboard
    )


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("Terima kasih")
    await query.edit_message_text(f"Anda memilih: <i>{query.data}</i>", parse_mode="HTML")


async def test_application_start_press_edit(emu: Emulator) -> None:
    app = (
        Application.builder()
        .token(emu.token)
        .base_url(emu.base_url)
        .base_file_url(emu.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    user = emu.user(1001, first_name="Siti", last_name="Aminah", language_code="id")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            await user.send("/start")
            message = await user.next_message(timeout=5)
            assert message.text == "Selamat datang, setuju?"
            assert message.html == "<b>Selamat datang</b>, setuju?"
            assert message.button_texts == ["Setuju"]
            answer = await user.press("Setuju")
            assert answer.text == "Terima kasih"
            edit = await user.next_edit(timeout=5)
            assert edit.message_id == message.message_id
            assert edit.html == "Anda memilih: <i>agree</i>"
            assert edit.buttons == []
        finally:
            started = time.monotonic()
            await app.updater.stop()
            await app.stop()
    assert time.monotonic() - started < 5
