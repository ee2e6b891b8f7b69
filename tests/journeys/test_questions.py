"""Questions in plain words: a linked employee types what they want and gets that
task's answer, the likeliest tasks as buttons, or the menu; someone not linked is led
into linking; a step waiting for an answer still takes it; a group gets nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from models import ChatLink, Participation, ParticipationStatus
from sandbox import SimulatedUser
from sandbox.views import MessageView
from tests.factories import (
    NIP_BUDI,
    add_assessment_session,
    add_code,
    add_employee,
    add_participation,
    add_program,
    add_released_result,
)
from tests.journeys.conftest import ADMIN_ID, EMPLOYEE_MENU, RunningBot, linked
from tests.narrow import present

MAY_5 = datetime(2025, 5, 5, 1, 0, tzinfo=UTC)  # 08:00 WIB; the clock is at 3 March
HELP_POINTER = "Ketik /bantuan untuk melihat perintah yang tersedia."


async def budi_invited(bot: RunningBot, user_id: int) -> tuple[SimulatedUser, int]:
    """Budi, linked, invited to a session; returns him and the participation id."""
    user, budi = await linked(bot, user_id)
    async with bot.db.begin() as session:
        program = await add_program(session)
        sitting = await add_assessment_session(
            session, program=program, code="S-0505", starts_at=MAY_5
        )
        participation = await add_participation(session, employee=budi, assessment_session=sitting)
    return user, participation.id


async def budi_with_result(bot: RunningBot, user_id: int) -> SimulatedUser:
    user, budi = await linked(bot, user_id)
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=bot.clock.now())
    return user


async def answer(user: SimulatedUser, text: str, count: int = 1) -> list[MessageView]:
    await user.send(text)
    return [await user.next_message() for _ in range(count)]


def same(first: list[MessageView], second: list[MessageView]) -> bool:
    return [(m.kind, m.text, m.buttons) for m in first] == [
        (m.kind, m.text, m.buttons) for m in second
    ]


async def test_a_schedule_question_gets_the_schedule_as_jadwal_gives_it(bot: RunningBot) -> None:
    user, _ = await budi_invited(bot, 4001)

    by_command = await answer(user, "/jadwal")
    by_question = await answer(user, "halo pak, jadwal saya kapan ya?")
    in_english = await answer(user, "when is my assessment?")

    assert "Penilaian Kompetensi ASN 2025" in present(by_command[0].text)
    assert by_command[0].button_texts == ["Hadir", "Tidak bisa hadir", "Tambah ke kalender"]
    assert same(by_question, by_command)
    assert same(in_english, by_command)


async def test_nilai_saya_brp_gets_the_results_reply(bot: RunningBot) -> None:
    user = await budi_with_result(bot, 4002)

    by_command = await answer(user, "/hasil")
    (by_question,) = await answer(user, "nilai saya brp")
    await user.press("Tampilkan hasil")
    summary = await user.next_message()

    assert by_question.button_texts == ["Tampilkan hasil"]
    assert same([by_question], by_command)
    assert "JPM: 88,9% (Cukup Optimal)" in present(summary.text)


async def test_an_ambiguous_question_offers_the_likeliest_tasks_and_a_press_opens_one(
    bot: RunningBot,
) -> None:
    user = await budi_with_result(bot, 4003)

    (offer,) = await answer(user, "asesmen")
    await user.press("Lihat hasil penilaian")
    opened = await user.next_message()

    assert present(offer.text) == "Maksud Anda yang mana? Pilih salah satu:"
    assert offer.button_texts == ["Lihat jadwal penilaian", "Lihat hasil penilaian"]
    assert opened.button_texts == ["Tampilkan hasil"]
    assert "Penilaian Kompetensi ASN 2024" in present(opened.text)


async def test_the_offer_speaks_english_to_an_english_user(bot: RunningBot) -> None:
    user, _ = await linked(bot, 4004, language="en")

    (offer,) = await answer(user, "assessment")

    assert present(offer.text) == "Which one do you mean? Choose one:"
    assert offer.button_texts == ["See the assessment schedule", "See the assessment results"]


async def test_a_greeting_gets_the_menu(bot: RunningBot) -> None:
    user, _ = await linked(bot, 4005)

    by_command = await answer(user, "/menu")
    for greeting in ("halo", "Selamat pagi", "assalamualaikum", "hi"):
        (reply,) = await answer(user, greeting)
        assert same([reply], by_command), greeting
    assert by_command[0].button_texts == EMPLOYEE_MENU


async def test_an_emoji_gets_a_friendly_sentence_and_buttons_not_the_help_pointer(
    bot: RunningBot,
) -> None:
    user, _ = await linked(bot, 4006)

    (emoji,) = await answer(user, "🙏")
    (nonsense,) = await answer(user, "qwerty uiop")

    for reply in (emoji, nonsense):
        assert present(reply.text).startswith("Maaf, saya belum memahami pesan itu.")
        assert HELP_POINTER not in present(reply.text)
        assert reply.button_texts == EMPLOYEE_MENU
    await user.press("Lihat capaian JP")
    assert "JP" in present((await user.next_message()).text)


async def test_unlinking_is_only_offered_and_the_button_leads_to_putus(bot: RunningBot) -> None:
    user, budi = await linked(bot, 4007)
    other, _ = await linked(bot, 4013, nip="199001012015052002", name="Siti Aminah")

    (offer,) = await answer(user, "saya mau logout")
    async with bot.db() as session:
        still = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == 4007))
    await user.press("Putuskan akun dari bot")
    by_button = await user.next_message()
    by_command = await answer(other, "/putus")

    assert present(offer.text) == "Maksud Anda yang mana? Pilih salah satu:"
    assert offer.button_texts[0] == "Putuskan akun dari bot"
    assert still is not None and still.employee_id == budi.id  # typing did not unlink
    # Whatever /putus does (handlers/linking.py), the button does the same (its
    # confirmation buttons carry each person's own link).
    (command_reply,) = by_command
    assert by_button.text == command_reply.text
    assert by_button.button_texts == command_reply.button_texts == ["Ya, putuskan", "Batal"]


async def test_an_unlinked_users_question_leads_into_linking(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone=None)
        await add_code(session, employee=budi, code="ABCD-EFGH", now=bot.clock.now())
    user = bot.user(4008, language_code="id")

    first, welcome = await answer(user, "hasil saya gimana?", 2)
    await user.press("Setuju")
    await user.next_edit()
    again, next_step = await answer(user, "jadwal saya kapan?", 2)
    await answer(user, NIP_BUDI)
    (at_code,) = await answer(user, "halo, hasil saya?")
    (done,) = await answer(user, "ABCD-EFGH")
    (result,) = await answer(user, "hasil saya gimana?")
    by_command = await answer(user, "/hasil")

    assert "perlu ditautkan dulu" in present(first.text)
    assert "Persetujuan penggunaan data" in present(welcome.text)
    assert welcome.button_texts == ["Setuju", "Tidak setuju"]
    assert "perlu ditautkan dulu" in present(again.text)
    assert present(next_step.text).startswith("Langkah berikutnya: ketik NIP Anda")
    assert "perlu ditautkan dulu" in present(at_code.text)
    assert "kode aktivasi" in present(at_code.text)
    assert at_code.reply_keyboard == [["Bagikan nomor HP"]]
    assert "berhasil ditautkan" in present(done.text)
    assert same([result], by_command)


async def test_an_english_strangers_question_is_answered_in_english(bot: RunningBot) -> None:
    user = bot.user(4009, language_code="en")

    first, welcome = await answer(user, "what is my score?", 2)

    assert "needs to be linked" in present(first.text)
    assert present(welcome.text).startswith("Welcome")


async def test_an_unlinked_admin_gets_the_admin_home(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)

    by_command = await answer(admin, "/start")
    (reply,) = await answer(admin, "halo")

    assert same([reply], by_command)


async def test_while_linking_a_nip_or_a_code_still_goes_to_linking(bot: RunningBot) -> None:
    user = bot.user(4010, language_code="id")
    await answer(user, "/start")
    await user.press("Setuju")
    await user.next_edit()

    (wrong,) = await answer(user, "1986092620150510")

    assert "NIP" in present(wrong.text)
    assert "perlu ditautkan dulu" not in present(wrong.text)


async def test_free_text_in_a_group_still_gets_nothing(bot: RunningBot) -> None:
    user = await budi_with_result(bot, 4011)
    group = bot.group(-100777, title="ASN Gresik")

    await group.send(user, "halo pak, jadwal saya kapan ya?")
    await group.send(user, "nilai saya brp")
    await group.send(user, f"/hasil@{bot.username}")
    pointer = await group.next_message()

    assert [m.text for m in group.bot_messages] == [pointer.text]
    assert "percakapan pribadi" in present(pointer.text)
    assert user.chat_messages == []


async def test_a_waiting_step_still_takes_its_answer(bot: RunningBot) -> None:
    user, pid = await budi_invited(bot, 4012)
    await answer(user, "/jadwal")

    await user.press("Tidak bisa hadir")
    await user.next_message()
    (taken,) = await answer(user, "jadwal saya bentrok dengan rapat, mohon diganti")
    (menu,) = await answer(user, "halo")

    assert "BKPSDM akan meninjaunya" in present(taken.text)
    async with bot.db() as session:
        row = present(await session.get(Participation, pid))
    assert row.status == ParticipationStatus.RESCHEDULE_REQUESTED
    assert row.reason == "jadwal saya bentrok dengan rapat, mohon diganti"
    assert menu.button_texts == EMPLOYEE_MENU


async def test_a_linked_user_sharing_a_contact_gets_the_menu_not_the_help_pointer(
    bot: RunningBot,
) -> None:
    user, _ = await linked(bot, 4020)

    await user.share_contact(phone_number="081234567890")
    reply = await user.next_message()

    assert present(reply.text) == (
        "Akun Anda sudah tertaut, jadi nomor HP tidak diperlukan lagi. Pilih yang Anda "
        "perlukan di bawah ini, atau tulis pertanyaan Anda."
    )
    assert HELP_POINTER not in present(reply.text)
    assert reply.button_texts == EMPLOYEE_MENU


async def test_a_personnel_question_the_bot_does_not_handle_says_where_to_ask(
    bot: RunningBot,
) -> None:
    user, _ = await linked(bot, 4021)

    (salary,) = await answer(user, "pak, gaji saya bulan ini kapan cair?")
    (schedule,) = await answer(user, "jadwal asesmen saya kapan? buat naik pangkat")
    by_command = await answer(user, "/jadwal")

    assert present(salary.text).startswith("Maaf, soal gaji, tunjangan, cuti, kepangkatan")
    assert "bagian kepegawaian perangkat daerah Anda atau ke BKPSDM" in present(salary.text)
    assert salary.button_texts == EMPLOYEE_MENU
    # A task clearly asked is answered, whatever else the message mentions.
    assert same([schedule], by_command)
