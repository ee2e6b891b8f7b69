"""Failed verifications lock out whoever guesses, never the owner of a NIP.

A NIP is public: anyone may type the victim's NIP and fail on purpose. Codes
stay limited per account and per NIP (they can be guessed); the owner's own
Telegram-verified phone is never blocked by what others did on that NIP.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from bot.core.attempts import nip_digest
from bot.keys import KEY_FILE
from jobs import FORGET_FAILURES
from models import LinkAttempt
from sandbox import SimulatedUser
from tests.factories import NIP_BUDI, add_code, add_employee
from tests.journeys.conftest import RunningBot
from tests.journeys.test_linking import consent, links, start_linking

PHONE = "+6281234567890"  # Budi's, on record
WRONG = "ZZZZ-ZZZZ"
LOCKED = "Terlalu banyak percobaan"
UNTIL = "09.15 WIB"  # 09:00 WIB, the test clock, + 15 minutes


async def say(user: SimulatedUser, text: str) -> str:
    await user.send(text)
    return (await user.next_message()).text or ""


async def share_own(user: SimulatedUser) -> str:
    await user.share_contact()
    return (await user.next_message()).text or ""


async def test_a_stranger_typing_wrong_codes_cannot_lock_the_owner_out(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone="0812-3456-7890")
    stranger = bot.user(2201)
    await start_linking(stranger, NIP_BUDI)
    refused = [await say(stranger, WRONG) for _ in range(5)]
    stranger_locked = await say(stranger, WRONG)
    owner = bot.user(2202, phone_number=PHONE)

    await start_linking(owner, NIP_BUDI)
    await owner.tap("Bagikan nomor HP")
    linked = await owner.next_message()

    assert all("tidak cocok" in text for text in refused)
    assert LOCKED in stranger_locked and UNTIL in stranger_locked
    assert "berhasil ditautkan" in (linked.text or "")
    assert sorted(await links(bot)) == [(2201, None), (2202, budi.id)]


async def test_strangers_failed_contacts_do_not_block_the_owners_own_phone(
    bot: RunningBot,
) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
    for user_id in (2211, 2212):
        stranger = bot.user(user_id, phone_number="+6287777777777")
        await start_linking(stranger, NIP_BUDI)
        # Budi's number, forwarded from an address book (Telegram sets Budi's user_id,
        # never the sender's), and the stranger's own verified number.
        await stranger.share_contact(phone_number=PHONE, user_id=2213, first_name="Budi")
        await stranger.next_message()
        for _ in range(2):
            assert "tidak cocok" in await share_own(stranger)
    owner = bot.user(2213, phone_number=PHONE)
    await start_linking(owner, NIP_BUDI)

    linked = await share_own(owner)

    assert "berhasil ditautkan" in linked
    assert (2213, budi.id) in await links(bot)


async def test_the_owners_own_mistyped_codes_do_not_stop_their_phone(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
    owner = bot.user(2221, phone_number=PHONE)
    await start_linking(owner, NIP_BUDI)
    for _ in range(5):
        await say(owner, WRONG)

    await owner.send(WRONG)
    locked = await owner.next_message()
    await owner.tap("Bagikan nomor HP")
    linked = await owner.next_message()

    assert LOCKED in (locked.text or "") and UNTIL in (locked.text or "")
    assert locked.reply_keyboard == [["Bagikan nomor HP"]]
    assert "berhasil ditautkan" in (linked.text or "")
    assert await links(bot) == [(2221, budi.id)]


async def test_failed_contacts_do_not_stop_an_activation_code(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session, phone="+6281111111111")  # an old number
        await add_code(session, employee=budi, code="ABCD-EFGH", now=bot.clock.now())
    owner = bot.user(2231, phone_number=PHONE)
    await start_linking(owner, NIP_BUDI)
    for _ in range(5):
        assert "tidak cocok dengan data BKPSDM" in await share_own(owner)

    linked = await say(owner, "ABCD-EFGH")

    assert "berhasil ditautkan" in linked
    assert await links(bot) == [(2231, budi.id)]


async def test_wrong_phone_own_contacts_still_count_per_account(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session)
    user = bot.user(2241, phone_number="+6285555555555")
    await start_linking(user, NIP_BUDI)
    for _ in range(5):
        assert "tidak cocok dengan data BKPSDM" in await share_own(user)

    locked = await share_own(user)
    await user.send("198609262015051002")  # another NIP does not start over
    await user.next_message()
    still_locked = await share_own(user)

    assert LOCKED in locked and UNTIL in locked
    assert "kode aktivasi" in locked
    assert LOCKED in still_locked
    assert await links(bot) == [(2241, None)]


async def test_code_guesses_stay_limited_per_nip_across_accounts_mixing_methods(
    bot: RunningBot,
) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_code(session, employee=budi, code="ABCD-EFGH", now=bot.clock.now())
    for user_id in range(2251, 2256):
        stranger = bot.user(user_id, phone_number="+6287777777777")
        await start_linking(stranger, NIP_BUDI)
        assert "tidak cocok" in await share_own(stranger)
        assert "tidak cocok" in await say(stranger, WRONG)
    guesser = bot.user(2256)
    await start_linking(guesser, NIP_BUDI)

    # Even the right code is refused while the NIP is locked: the lock tells nothing.
    locked = await say(guesser, "ABCD-EFGH")

    assert LOCKED in locked and UNTIL in locked
    assert (2256, None) in await links(bot)


async def test_code_guesses_stay_limited_per_account_across_nips(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        budi = await add_employee(session)
        await add_code(session, employee=budi, code="ABCD-EFGH", now=bot.clock.now())
    guesser = bot.user(2261)
    await consent(guesser)
    for serial in range(2, 7):
        await say(guesser, f"19860926201505100{serial}")
        assert "tidak cocok" in await say(guesser, WRONG)
    await say(guesser, NIP_BUDI)

    locked = await say(guesser, "ABCD-EFGH")

    assert LOCKED in locked and UNTIL in locked
    assert await links(bot) == [(2261, None)]


async def test_failed_attempts_store_the_nip_keyed_not_plainly_hashed(
    bot: RunningBot, data_dir: Path
) -> None:
    async with bot.db.begin() as session:
        await add_employee(session)
    user = bot.user(2271)
    await start_linking(user, NIP_BUDI)
    await say(user, WRONG)

    async with bot.db() as session:
        stored = (await session.scalars(select(LinkAttempt.nip_hash))).all()

    # No ASNBOT_HASH_KEY in the tests: the key made on first start in the data folder.
    key = (data_dir / KEY_FILE).read_text().strip().encode()
    assert stored == [nip_digest(NIP_BUDI, key=key)]
    assert stored[0] != hashlib.sha256(NIP_BUDI.encode()).hexdigest()


async def test_failed_attempts_are_forgotten_a_day_after_the_limit_stops_counting_them(
    bot: RunningBot,
) -> None:
    await add_employee_in(bot)
    stranger = bot.user(2291)
    await start_linking(stranger, NIP_BUDI)
    await say(stranger, WRONG)

    bot.clock.advance(timedelta(hours=24, minutes=14))
    await bot.run_job(FORGET_FAILURES)
    kept = await attempt_count(bot)
    bot.clock.advance(timedelta(minutes=2))
    await bot.run_job(FORGET_FAILURES)

    assert (kept, await attempt_count(bot)) == (1, 0)


async def add_employee_in(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        await add_employee(session)


async def attempt_count(bot: RunningBot) -> int:
    async with bot.db() as session:
        return len((await session.scalars(select(LinkAttempt))).all())
