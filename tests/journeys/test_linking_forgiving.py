"""Linking in the order people try it: the phone before the NIP, a code typed wrong,
consent answered by typing or declined. Still without telling a stranger whether a
NIP exists."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from models import AuditEvent, ChatLink, Consent, LinkAttempt
from models.chat import ConversationStep
from sandbox import SimulatedUser
from tests.factories import NIP_BUDI, NIP_SITI, add_code, add_employee
from tests.journeys.conftest import RunningBot
from tests.journeys.test_linking import consent, links, start_linking

PHONE = "+6281234567890"  # Budi's, on record
OTHER_PHONE = "+6287777777777"


async def say(user: SimulatedUser, text: str) -> str:
    await user.send(text)
    return (await user.next_message()).text or ""


async def share_own(user: SimulatedUser) -> str:
    await user.share_contact()
    return (await user.next_message()).text or ""


async def steps_of(bot: RunningBot, user_id: int) -> list[str]:
    async with bot.db() as session:
        names = await session.scalars(
            select(ConversationStep.name).where(ConversationStep.telegram_user_id == user_id)
        )
    return sorted(names.all())


async def test_a_phone_shared_before_the_nip_is_kept_and_the_nip_then_links(
    bot: RunningBot,
) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone="0812-3456-7890")
    user = bot.user(2501, phone_number="6281234567890")
    await consent(user)

    kept = await share_own(user)
    held = await steps_of(bot, 2501)
    linked = await say(user, NIP_BUDI)

    assert "Nomor HP Anda diterima" in kept and "ketik NIP Anda" in kept
    assert held == ["link.phone"]
    assert "berhasil ditautkan" in linked and "Budi Santoso" in linked
    assert await links(bot) == [(2501, budi.id)]
    assert await steps_of(bot, 2501) == []  # the phone went with the link


async def test_the_nip_after_a_phone_that_does_not_match_gets_the_wrong_phone_answer(
    bot: RunningBot,
) -> None:
    async with bot.db.begin() as session:
        await add_employee(session, phone="0812-3456-7890")  # NIP_BUDI; NIP_SITI is nobody
    nip_first = bot.user(2511, phone_number=OTHER_PHONE)
    await start_linking(nip_first, NIP_BUDI)
    wrong_phone = await share_own(nip_first)
    answers = []
    for user_id, nip in ((2512, NIP_BUDI), (2513, NIP_SITI)):
        phone_first = bot.user(user_id, phone_number=OTHER_PHONE)
        await consent(phone_first)
        await share_own(phone_first)
        answers.append(await say(phone_first, nip))

    assert "tidak cocok dengan data BKPSDM" in wrong_phone
    # The same words whether the NIP is someone's or nobody's: nothing is revealed.
    assert answers == [wrong_phone, wrong_phone]
    assert sorted(await links(bot)) == [(2511, None), (2512, None), (2513, None)]
    async with bot.db() as session:
        tries = (await session.scalars(select(LinkAttempt.telegram_user_id))).all()
    assert sorted(tries) == [2511, 2512, 2513]  # each counts as a failed phone


async def test_a_corrected_nip_after_a_mismatch_links_with_the_phone_kept(
    bot: RunningBot,
) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone="0812-3456-7890")
    user = bot.user(2515, phone_number=PHONE)
    await consent(user)
    await share_own(user)

    mistaken = await say(user, NIP_SITI)
    corrected = await say(user, NIP_BUDI)

    assert "tidak cocok dengan data BKPSDM" in mistaken
    assert "berhasil ditautkan" in corrected
    assert await links(bot) == [(2515, budi.id)]


async def test_a_phone_kept_past_its_hour_is_not_used(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session, phone="0812-3456-7890")
    user = bot.user(2516, phone_number=PHONE)
    await consent(user)
    await share_own(user)

    bot.clock.advance(timedelta(hours=1))
    asked = await say(user, NIP_BUDI)

    assert "NIP **************1001 diterima" in asked
    assert "Bagikan nomor HP" in asked
    assert await links(bot) == [(2516, None)]
    assert await steps_of(bot, 2516) == ["link.nip"]


async def test_someone_elses_contact_before_the_nip_is_refused_and_not_kept(
    bot: RunningBot,
) -> None:
    user = bot.user(2517, phone_number=OTHER_PHONE)
    await consent(user)

    await user.share_contact(phone_number=PHONE, user_id=3003, first_name="Budi")
    refused = (await user.next_message()).text or ""

    assert "bukan nomor Anda sendiri" in refused
    assert await steps_of(bot, 2517) == []


async def test_a_code_typed_wrong_gets_a_code_answer_and_counts_as_an_attempt(
    bot: RunningBot,
) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone=None)
        await add_code(session, employee=budi, code="GRSK-TNHP", now=bot.clock.now())
    user = bot.user(2521)
    await start_linking(user, NIP_BUDI)

    typo = await say(user, "grsk tnhp0")
    async with bot.db() as session:
        counted = (await session.scalars(select(LinkAttempt.method))).all()
    for _ in range(4):
        await say(user, "GRSK-TNH")
    locked = await say(user, "GRSK-TNHP")  # the right code, after five failures

    assert "Kode aktivasi tidak cocok" in typo and "ABCD-EFGH" in typo
    assert "bukan angka" not in typo
    assert counted == ["code"]
    assert "Terlalu banyak percobaan" in locked
    assert await links(bot) == [(2521, None)]


async def test_a_nip_typed_at_the_code_step_is_taken_as_the_new_nip(bot: RunningBot) -> None:
    user = bot.user(2522)
    await start_linking(user, NIP_BUDI)

    again = await say(user, NIP_SITI)

    assert "NIP **************2002 diterima" in again
    async with bot.db() as session:
        payload = await session.scalar(
            select(ConversationStep.payload).where(ConversationStep.telegram_user_id == 2522)
        )
    assert payload == {"nip": NIP_SITI}


async def test_words_at_the_code_step_are_not_taken_for_a_code(bot: RunningBot) -> None:
    user = bot.user(2523)
    await start_linking(user, NIP_BUDI)

    answer = await say(user, "halo pak")

    assert "Kode aktivasi" not in answer
    async with bot.db() as session:
        assert (await session.scalars(select(LinkAttempt))).all() == []


async def test_tidak_setuju_says_what_it_means_and_stores_nothing(bot: RunningBot) -> None:
    user = bot.user(2531, language_code="id")
    await user.send("/bahasa")
    await user.next_message()
    await user.press("Bahasa Indonesia")
    await user.next_edit()
    await user.send("/start ABCDEFGH")  # a deep link's code waits, too
    asked = await user.next_message()

    await user.press("Tidak setuju")
    declined = await user.next_edit()

    assert asked.button_texts == ["Setuju", "Tidak setuju"]
    assert "Jika Anda menekan Tidak setuju, tidak ada data tentang Anda yang disimpan" in (
        asked.text or ""
    )
    text = declined.text or ""
    assert "Tidak ada data tentang Anda yang disimpan" in text
    assert "tidak dapat menampilkan data kepegawaian Anda" in text
    assert "tekan Setuju di bawah atau ketik /start" in text
    assert declined.button_texts == ["Setuju"]
    async with bot.db() as session:
        assert (await session.scalars(select(ChatLink))).all() == []
        assert (await session.scalars(select(Consent))).all() == []
        assert (await session.scalars(select(AuditEvent))).all() == []
    assert await steps_of(bot, 2531) == []


async def test_after_tidak_setuju_setuju_still_works(bot: RunningBot) -> None:
    user = bot.user(2532, language_code="id")
    await user.send("/start")
    await user.next_message()
    await user.press("Tidak setuju")
    await user.next_edit()

    await user.press("Setuju")
    agreed = await user.next_edit()

    assert "persetujuan Anda sudah dicatat" in (agreed.text or "")
    assert "ketik NIP" in (agreed.text or "")
    async with bot.db() as session:
        assert len((await session.scalars(select(Consent))).all()) == 1


@pytest.mark.parametrize(
    ("typed", "client", "recorded"),
    [
        ("setuju", "id", "persetujuan Anda sudah dicatat"),
        ("Ya pak", "id", "persetujuan Anda sudah dicatat"),
        ("oke", "id", "persetujuan Anda sudah dicatat"),
        ("I agree", "en", "your consent has been recorded"),
        ("yes", "en", "your consent has been recorded"),
    ],
)
async def test_a_typed_yes_counts_as_setuju(
    bot: RunningBot, typed: str, client: str, recorded: str
) -> None:
    user = bot.user(2541, language_code=client)
    await user.send("/start")
    await user.next_message()

    answer = await say(user, typed)
    then = await say(user, NIP_BUDI)

    assert recorded in answer
    assert "NIP **************1001" in then
    async with bot.db() as session:
        consents = (await session.scalars(select(Consent))).all()
    assert [c.telegram_user_id for c in consents] == [2541]
    assert await steps_of(bot, 2541) == ["link.nip"]


@pytest.mark.parametrize(("typed", "client"), [("tidak", "id"), ("nggak", "id"), ("no", "en")])
async def test_a_typed_no_counts_as_tidak_setuju(bot: RunningBot, typed: str, client: str) -> None:
    user = bot.user(2542, language_code=client)
    await user.send("/start")
    await user.next_message()

    await user.send(typed)
    answer = await user.next_message()

    assert ("Tidak ada data" if client == "id" else "Nothing about you is stored") in (
        answer.text or ""
    )
    assert answer.button_texts == ["Setuju" if client == "id" else "I agree"]
    async with bot.db() as session:
        assert (await session.scalars(select(Consent))).all() == []
        assert (await session.scalars(select(ChatLink))).all() == []
    assert await steps_of(bot, 2542) == []


async def test_a_typed_yes_without_the_question_consents_to_nothing(bot: RunningBot) -> None:
    user = bot.user(2543, language_code="id")

    answer = await say(user, "setuju")

    assert "Tekan /start dan setujui" in answer
    async with bot.db() as session:
        assert (await session.scalars(select(Consent))).all() == []
