"""Linking a Telegram account to an employee: verified, consented, private."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from models import AuditEvent, ChatLink, Consent, LinkAttempt
from sandbox import SimulatedUser
from tests.factories import NIP_BUDI, NIP_SITI, add_code, add_employee, add_released_result
from tests.journeys.conftest import RunningBot
from tests.narrow import present

PHONE = "+6281234567890"


async def consent(user: SimulatedUser) -> None:
    await user.send("/start")
    await user.next_message()
    await user.press("Setuju")
    await user.next_edit()


async def start_linking(user: SimulatedUser, nip: str = NIP_BUDI) -> str:
    """Consent and type the NIP; returns the bot's answer to the NIP."""
    await consent(user)
    await user.send(nip)
    return (await user.next_message()).text or ""


async def unlink_confirmed(user: SimulatedUser) -> str:
    """/putus and "Ya, putuskan": what the confirmation message then says."""
    await user.send("/putus")
    await user.next_message()
    await user.press("Ya, putuskan")
    return (await user.next_edit()).text or ""


async def links(bot: RunningBot) -> list[tuple[int, int | None]]:
    async with bot.db() as session:
        rows = await session.execute(select(ChatLink.telegram_user_id, ChatLink.employee_id))
    return [(telegram_user_id, employee_id) for telegram_user_id, employee_id in rows.all()]


async def test_employee_links_by_sharing_their_own_contact(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone="0812-3456-7890")
    user = bot.user(2001, phone_number="6281234567890")

    answer = await start_linking(user, "1986 0926 2015 05 1 001")
    asked = user.chat_messages[-1]
    await user.tap("Bagikan nomor HP")
    linked = await user.next_message()

    assert "NIP **************1001 diterima" in answer
    assert NIP_BUDI not in answer
    assert asked.reply_keyboard == [["Bagikan nomor HP"]]
    assert "berhasil ditautkan" in (linked.text or "")
    assert "Budi Santoso" in (linked.text or "")
    assert await links(bot) == [(2001, budi.id)]
    async with bot.db() as session:
        actions = (await session.scalars(select(AuditEvent.action))).all()
    assert "link.created" in actions


async def test_someone_elses_contact_is_refused(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session)
    user = bot.user(2002, phone_number="+6289999999999")
    await start_linking(user)

    await user.share_contact(phone_number=PHONE, user_id=3003, first_name="Budi")
    reply = await user.next_message()

    assert "bukan nomor Anda sendiri" in (reply.text or "")
    assert await links(bot) == [(2002, None)]


async def test_own_contact_with_another_phone_is_refused(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session)
    user = bot.user(2003, phone_number="+6285555555555")
    await start_linking(user)

    await user.share_contact()
    reply = await user.next_message()

    assert "tidak cocok dengan data BKPSDM" in (reply.text or "")
    assert await links(bot) == [(2003, None)]


async def test_employee_links_with_an_activation_code(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone=None)
        code = await add_code(session, employee=budi, code="ABCD-EFGH", now=bot.clock.now())
    user = bot.user(2004)
    await start_linking(user)

    sent_at = bot.clock.now()
    await user.send("abcd efgh")
    reply = await user.next_message()

    assert "berhasil ditautkan" in (reply.text or "")
    assert await links(bot) == [(2004, budi.id)]
    async with bot.db() as session:
        used = await session.get(type(code), code.id)
    # The clock moves while the bot paces its replies (bot/flood.py): the code was
    # used at the moment of the message, not later.
    assert used is not None and sent_at <= present(used.used_at) <= bot.clock.now()


async def test_deep_link_code_links_once_the_nip_is_typed(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone=None)
        await add_code(session, employee=budi, code="ABCD-EFGH", now=bot.clock.now())
    user = bot.user(2005)

    await user.send("/start ABCDEFGH")
    await user.next_message()
    await user.press("Setuju")
    edited = await user.next_edit()
    await user.send(NIP_BUDI)
    reply = await user.next_message()

    assert "Kode aktivasi diterima" in (edited.text or "")
    assert "berhasil ditautkan" in (reply.text or "")
    assert await links(bot) == [(2005, budi.id)]


async def test_a_used_code_is_refused(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_code(session, employee=budi, code="ABCD-EFGH", now=bot.clock.now())
    first = bot.user(2006)
    await start_linking(first)
    await first.send("ABCD-EFGH")
    await first.next_message()
    await unlink_confirmed(first)
    second = bot.user(2007)
    await start_linking(second)

    await second.send("ABCD-EFGH")
    reply = await second.next_message()

    assert "sudah pernah dipakai" in (reply.text or "")
    assert (2007, None) in await links(bot)


async def test_an_expired_code_is_refused(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_code(
            session,
            employee=budi,
            code="ABCD-EFGH",
            now=bot.clock.now(),
            valid_for=timedelta(days=1),
        )
    bot.clock.advance(timedelta(days=2))
    user = bot.user(2008)
    await start_linking(user)

    await user.send("ABCD-EFGH")
    reply = await user.next_message()

    assert "sudah kedaluwarsa" in (reply.text or "")
    assert await links(bot) == [(2008, None)]


async def test_failed_attempts_are_limited_and_the_reset_time_is_said(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_code(session, employee=budi, code="ABCD-EFGH", now=bot.clock.now())
    user = bot.user(2009)
    await start_linking(user)
    for _ in range(5):
        await user.send("ZZZZ-ZZZZ")
        assert "tidak cocok" in ((await user.next_message()).text or "")

    await user.send("ABCD-EFGH")  # the right code, but too late
    locked = await user.next_message()
    bot.clock.advance(timedelta(minutes=15))
    await user.send("ABCD-EFGH")
    after_window = await user.next_message()

    # 09:00 WIB + 15 minutes
    assert "Terlalu banyak percobaan" in (locked.text or "")
    assert "09.15 WIB" in (locked.text or "")
    assert "berhasil ditautkan" in (after_window.text or "")
    async with bot.db() as session:
        attempts = (await session.scalars(select(LinkAttempt.nip_hash))).all()
    assert len(attempts) == 5 and NIP_BUDI not in attempts


async def test_attempts_on_one_nip_are_limited_across_accounts(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session)
    for user_id in range(2100, 2105):
        other = bot.user(user_id)
        await start_linking(other)
        await other.send("ZZZZ-ZZZZ")
        await other.next_message()
    user = bot.user(2110)
    await start_linking(user)

    await user.send("ZZZZ-ZZZZ")
    reply = await user.next_message()

    assert "Terlalu banyak percobaan" in (reply.text or "")


async def test_a_nip_linked_elsewhere_is_refused(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_code(session, employee=budi, code="ABCD-EFGH", now=bot.clock.now())
    owner = bot.user(2011, phone_number=PHONE)
    await start_linking(owner)
    await owner.share_contact()
    await owner.next_message()
    other = bot.user(2012)
    await start_linking(other)

    await other.send("ABCD-EFGH")
    reply = await other.next_message()

    assert "sudah tertaut ke akun Telegram lain" in (reply.text or "")
    assert "hubungi BKPSDM" in (reply.text or "")
    assert sorted(await links(bot)) == [(2011, budi.id), (2012, None)]


async def test_results_are_refused_at_once_after_putus(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_released_result(session, employee=budi, now=bot.clock.now())
    user = bot.user(2013, phone_number=PHONE)
    await start_linking(user)
    await user.share_contact()
    await user.next_message()
    await user.send("/hasil")
    await user.next_message()
    await user.press("Tampilkan hasil")
    shown = await user.next_message()
    await user.next_message()  # the chart

    await unlink_confirmed(user)
    await user.send("/hasil")
    refused = await user.next_message()

    assert "88,9%" in (shown.text or "") and "Cukup Optimal" in (shown.text or "")
    assert "belum tertaut" in (refused.text or "")
    assert "88,9%" not in (refused.text or "")
    assert refused.button_texts == ["Tautkan akun"]


async def test_results_are_refused_at_once_after_hapus_and_the_chat_data_is_gone(
    bot: RunningBot,
) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_released_result(session, employee=budi, now=bot.clock.now())
    user = bot.user(2014, phone_number=PHONE)
    await start_linking(user)
    await user.share_contact()
    await user.next_message()

    await user.send("/hapus")
    confirm = await user.next_message()
    pressed_at = bot.clock.now()
    await user.press("Ya, hapus")
    done = await user.next_edit()
    await user.send("/hasil")
    refused = await user.next_message()

    assert confirm.button_texts == ["Ya, hapus", "Batal"]
    assert "data Anda di bot ini sudah dihapus" in (done.text or "")
    assert "hapus percakapan ini jika ingin" in (done.text or "")
    assert "belum tertaut" in (refused.text or "")
    async with bot.db() as session:
        consent_row = await session.scalar(select(Consent).where(Consent.telegram_user_id == 2014))
    assert await links(bot) == []
    assert consent_row is not None and consent_row.withdrawn_at is not None
    assert pressed_at <= consent_row.withdrawn_at <= bot.clock.now()


async def test_a_stranger_learns_nothing_about_any_nip(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session)  # NIP_BUDI exists, NIP_SITI does not
    answers = []
    for user_id, nip in ((2015, NIP_BUDI), (2016, NIP_SITI)):
        stranger = bot.user(user_id, phone_number="+6287777777777")
        said = await start_linking(stranger, nip)
        await stranger.share_contact()
        refused = await stranger.next_message()
        answers.append((said.replace(nip[-4:], "####"), refused.text))

    assert answers[0] == answers[1]
    assert "Budi" not in str(answers)


async def test_profile_shows_what_the_bot_holds_with_a_masked_nip(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session)
    user = bot.user(2017, phone_number=PHONE)
    await start_linking(user)
    await user.share_contact()
    await user.next_message()

    await user.send("/profil")
    profile = await user.next_message()

    assert "Budi Santoso" in (profile.text or "")
    assert "**************1001" in (profile.text or "")
    assert NIP_BUDI not in (profile.text or "")
    assert "BKPSDM" in (profile.text or "")
    assert "3 Mar 2025" in (profile.text or "")


async def test_a_wrong_nip_is_explained_and_changes_nothing(bot: RunningBot) -> None:
    user = bot.user(2018)
    await consent(user)

    await user.send("19861326201505100")
    reply = await user.next_message()

    assert "18 angka" in (reply.text or "") and "17" in (reply.text or "")
    assert await links(bot) == [(2018, None)]
