"""/start and consent, through the emulator over real HTTP."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from models import AuditEvent, ChatLink, Consent
from tests.journeys.conftest import RunningBot
from tests.narrow import present


async def test_start_greets_in_indonesian_and_asks_for_consent(bot: RunningBot) -> None:
    user = bot.user(1001, language_code="id")

    await user.send("/start")
    reply = await user.next_message()

    assert "Selamat datang" in present(reply.text)
    assert "Persetujuan penggunaan data" in present(reply.text)
    assert reply.button_texts == ["Setuju", "Tidak setuju"]


async def test_start_speaks_english_to_an_english_client(bot: RunningBot) -> None:
    user = bot.user(1002, language_code="en-GB")

    await user.send("/start")
    reply = await user.next_message()

    assert present(reply.text).startswith("Welcome")
    assert reply.button_texts == ["I agree", "I do not agree"]


async def test_pressing_setuju_records_consent_and_edits_the_message(bot: RunningBot) -> None:
    user = bot.user(1003, language_code="id")
    await user.send("/start")
    await user.next_message()

    await user.press("Setuju")
    edited = await user.next_edit()

    assert "persetujuan Anda sudah dicatat" in present(edited.text)
    assert "ketik NIP" in present(edited.text)
    assert edited.button_texts == []
    async with bot.db() as session:
        consents = await session.scalar(select(func.count()).select_from(Consent))
        link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == 1003))
        actions = (await session.scalars(select(AuditEvent.action))).all()
    assert consents == 1
    assert link is not None and link.employee_id is None
    assert actions == ["consent.granted"]


async def test_start_after_consent_goes_straight_to_the_next_step(bot: RunningBot) -> None:
    user = bot.user(1004, language_code="id")
    await user.send("/start")
    await user.next_message()
    await user.press("Setuju")
    await user.next_edit()

    await user.send("/start")
    reply = await user.next_message()

    assert present(reply.text).startswith("Langkah berikutnya")
    assert reply.button_texts == []


async def test_command_menu_is_published_in_indonesian_and_english_for_private_chats(
    bot: RunningBot,
) -> None:
    calls = [
        call
        for call in bot.emulator.calls_to("setMyCommands")
        if call.params.get("scope", {}).get("type") == "all_private_chats"
    ]

    by_language = {call.params.get("language_code"): call.params["commands"] for call in calls}

    indonesian = {c["command"]: c["description"] for c in _commands(by_language[None])}
    english = {c["command"]: c["description"] for c in _commands(by_language["en"])}
    assert indonesian["hasil"] == "Hasil penilaian kompetensi Anda"
    assert english["hasil"] == "Your competency assessment results"
    assert indonesian.keys() == english.keys()
    # Nothing for groups: Telegram shows the default scope's menu there.
    assert all("scope" in call.params for call in bot.emulator.calls_to("setMyCommands"))


def _commands(raw: object) -> list[dict[str, str]]:
    return json.loads(raw) if isinstance(raw, str) else raw  # type: ignore[return-value]


async def test_help_lists_every_command_of_the_menu(bot: RunningBot) -> None:
    user = bot.user(1005, language_code="id")

    await user.send("/bantuan")
    reply = await user.next_message()

    for command in ("/jadwal", "/hasil", "/gapura", "/jp", "/profil", "/hapus"):
        assert command in (reply.text or "")
    assert "/jadwal: Jadwal penilaian kompetensi Anda" in (reply.text or "")
    assert "Apa itu JPM?" in (reply.text or "")
    assert "1 JP = 45 menit" in (reply.text or "")


async def test_a_button_no_handler_takes_is_answered_in_the_users_language(
    bot: RunningBot,
) -> None:
    user = bot.user(1006, language_code="en")
    await user.send("/bantuan")
    await user.next_message()

    # Found by the fuzz (tests/journeys/test_fuzz.py): the app waited for an answer.
    answer = await user.press_forged("0")

    assert answer.show_alert
    assert answer.text == "This button no longer works. Type /help for the list of commands."


async def test_a_second_tap_on_setuju_changes_nothing_and_apologises_for_nothing(
    bot: RunningBot,
) -> None:
    user = bot.user(1007, language_code="id")
    await user.send("/start")
    consent = await user.next_message()
    await user.press("Setuju")
    await user.next_edit()

    # The second tap left the phone before the first edit took the button away. Found by
    # the fuzz (tests/journeys/test_fuzz.py): the edit to the same text was refused.
    second = await user.press_forged("consent:yes", message=consent)

    assert second.answered
    await user.send("/bantuan")
    reply = await user.next_message()
    assert (reply.text or "").startswith("Yang bisa saya bantu")  # no apology came first
