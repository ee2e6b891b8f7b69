"""Every multi-step flow finished elsewhere: by the bot after a restart (every
database), or by the other instance behind the load balancer (PostgreSQL and
MariaDB). Each step is started on one side of the hop and answered on the other.

What a user is in the middle of lives in the database (``conversation_steps``),
so nothing is lost and nothing falls through to another handler.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FakeClock
from jobs import BROADCAST_PROGRESS, DISPATCHER
from models import ChatLink, Consent, Employee, Participation, ParticipationStatus
from models.db import create_engine, create_sessionmaker
from models.outbox import Broadcast
from sandbox import Emulator, SimulatedUser
from sandbox.views import MessageView
from tests.factories import (
    NIP_BUDI,
    add_assessment_session,
    add_code,
    add_employee,
    add_linked_user,
    add_participation,
    add_program,
    add_released_result,
    employees_csv,
)
from tests.journeys.cluster import running_cluster
from tests.journeys.conftest import ADMIN_ID, TOKEN, RunningBot, run_job, running_bot

BUDI = 3301
# Monday 5 May 2025, 08:00 WIB: after the test clock's 3 March.
MAY_5 = datetime(2025, 5, 5, 1, 0, tzinfo=UTC)


@dataclass
class Elsewhere:
    """The bot as a user meets it, and :meth:`hop`: the next update lands elsewhere."""

    emulator: Emulator
    db: async_sessionmaker[AsyncSession]
    clock: FakeClock
    _hop: Callable[[], Awaitable[None]]
    _run_job: Callable[[str], Awaitable[None]]

    async def hop(self) -> None:
        """The bot restarts, or the balancer turns to the other instance."""
        await self._hop()

    async def run_job(self, name: str) -> None:
        """A recurring job, on the instance the next update would reach."""
        await self._run_job(name)

    def user(self, user_id: int, **profile: object) -> SimulatedUser:
        profile.setdefault("first_name", f"Pengguna {user_id}")
        return self.emulator.user(user_id, **profile)  # type: ignore[arg-type]


class Restarts:
    """One bot at a time on the database: :meth:`restart` stops it and starts a new one."""

    def __init__(self, emulator: Emulator, database_url: str, clock: FakeClock) -> None:
        self.emulator, self.database_url, self.clock = emulator, database_url, clock
        self._stack = AsyncExitStack()
        self.bot: RunningBot | None = None

    async def start(self) -> None:
        self._stack = AsyncExitStack()
        self.bot = await self._stack.enter_async_context(
            running_bot(self.emulator, self.database_url, self.clock)
        )

    async def restart(self) -> None:
        await self._stack.aclose()
        await self.start()

    async def run_job(self, name: str) -> None:
        assert self.bot is not None
        await self.bot.run_job(name)

    async def stop(self) -> None:
        await self._stack.aclose()


@pytest.fixture(params=["after_a_restart", "on_the_other_instance"])
async def elsewhere(
    request: pytest.FixtureRequest, database_url: str, clock: FakeClock
) -> AsyncIterator[Elsewhere]:
    if request.param == "on_the_other_instance" and database_url.startswith("sqlite"):
        pytest.skip("several instances need PostgreSQL or MariaDB")
    engine = create_engine(database_url)
    db = create_sessionmaker(engine)
    if request.param == "after_a_restart":
        emulator = Emulator(token=TOKEN, chat_burst=50)
        await emulator.start(host="127.0.0.1", port=0)
        bots = Restarts(emulator, database_url, clock)
        await bots.start()
        try:
            yield Elsewhere(emulator, db, clock, bots.restart, bots.run_job)
        finally:
            await bots.stop()
            await emulator.stop()
    else:
        async with running_cluster(database_url, clock) as cluster:
            here = [0]
            cluster.route(0)

            async def hop() -> None:
                here[0] = 1 - here[0]
                cluster.route(here[0])

            async def job(name: str) -> None:
                await run_job(cluster.instances[here[0]], name)

            yield Elsewhere(cluster.emulator, db, clock, hop, job)
    await engine.dispose()


# ---------------------------------------------------------------- the flows


async def test_the_reason_after_tidak_bisa_hadir_is_taken_elsewhere(
    elsewhere: Elsewhere,
) -> None:
    participation_id = await budi_invited(elsewhere)
    budi = elsewhere.user(BUDI)
    await budi.send("/jadwal")
    await budi.next_message()
    await budi.press("Tidak bisa hadir")
    asked = await budi.next_message()

    await elsewhere.hop()
    await budi.send("Dinas luar ke Surabaya")
    answer = await budi.next_message()
    await budi.send("halo")
    after = await budi.next_message()

    assert "alasan Anda tidak bisa hadir" in (asked.text or "")
    assert "BKPSDM akan meninjaunya" in (answer.text or "")
    # Taken once; text is a question again ("halo": the menu).
    assert (after.text or "").startswith("Menu utama")
    async with elsewhere.db() as session:
        row = await session.get(Participation, participation_id)
    assert row is not None
    assert row.status == ParticipationStatus.RESCHEDULE_REQUESTED
    assert row.reason == "Dinas luar ke Surabaya"


async def test_an_announcement_composed_step_by_step_elsewhere_is_sent_as_composed(
    elsewhere: Elsewhere,
) -> None:
    await linked_employee(elsewhere.db, elsewhere.clock, 3401)
    elsewhere.user(3401)
    admin = elsewhere.user(ADMIN_ID)

    await admin.send("/umumkan")
    await admin.next_message()
    await elsewhere.hop()
    await admin.send("Rapat <b>koordinasi</b> SPBE")
    asked = await admin.next_message()
    await elsewhere.hop()
    await admin.press("Tanpa lampiran")
    await admin.next_edit()
    await elsewhere.hop()
    await admin.press("Semua yang tertaut")
    heading, preview, _ = [await admin.next_message() for _ in range(3)]
    await elsewhere.hop()
    await admin.press("Minta tombol Sudah dibaca")
    await admin.next_edit()  # the preview gets the button
    confirm = await admin.next_edit()
    await elsewhere.hop()
    await admin.press("Kirim ke 1 orang")
    queued = await admin.next_edit()

    assert "lampiran" in (asked.text or "").lower()
    assert "Pratinjau untuk 1 penerima" in (heading.text or "")
    assert preview.text == "Rapat koordinasi SPBE"
    assert "dengan tombol Sudah dibaca" in (confirm.text or "")
    assert "masuk antrean untuk 1 penerima" in (queued.text or "")
    async with elsewhere.db() as session:
        broadcasts = (await session.scalars(select(Broadcast))).all()
    assert [(b.text, b.audience["kind"], b.ask_ack) for b in broadcasts] == [
        ("Rapat <b>koordinasi</b> SPBE", "all", True)
    ]


async def test_the_progress_of_an_announcement_stays_one_message_elsewhere(
    elsewhere: Elsewhere,
) -> None:
    await linked_employee(elsewhere.db, elsewhere.clock, 3402)
    elsewhere.user(3402)
    admin = elsewhere.user(ADMIN_ID)
    await compose_and_send(admin, "Pengumuman untuk semua")
    shown = await admin.next_message()  # the live progress message

    await elsewhere.hop()
    await elsewhere.run_job(DISPATCHER)
    elsewhere.clock.advance(timedelta(seconds=5))
    await elsewhere.run_job(BROADCAST_PROGRESS)
    report = await admin.next_message()

    progress = [m for m in admin.chat_messages if re.search(r"Pengumuman #\d+: ", m.text or "")]
    reports = [m for m in admin.chat_messages if "selesai dikirim" in (m.text or "")]
    assert [m.message_id for m in progress] == [shown.message_id]
    assert ": selesai\n1/1 terkirim" in (progress[0].text or "")
    assert [m.message_id for m in reports] == [report.message_id]


async def test_the_kind_after_impor_is_taken_with_the_file_elsewhere(
    elsewhere: Elsewhere,
) -> None:
    admin = elsewhere.user(ADMIN_ID)
    await admin.send("/impor employees")
    await admin.next_message()

    await elsewhere.hop()
    await admin.send_document("pegawai.csv", employees_csv())
    reply = await admin.next_message()

    assert "1 baris dibaca, 1 baru" in (reply.text or "")
    async with elsewhere.db() as session:
        assert await session.scalar(select(func.count(Employee.id))) == 1


async def test_a_deep_link_code_and_the_chosen_language_are_kept_elsewhere(
    elsewhere: Elsewhere,
) -> None:
    async with elsewhere.db.begin() as session:
        budi = await add_employee(session, phone=None)
        await add_code(session, employee=budi, code="ABCD-EFGH", now=elsewhere.clock.now())
    user = elsewhere.user(3501)
    await user.send("/bahasa")
    await user.next_message()
    await user.press("English")
    await user.next_edit()

    await elsewhere.hop()
    await user.send("/start ABCDEFGH")
    welcome = await user.next_message()
    await elsewhere.hop()
    await user.press("I agree")
    agreed = await user.next_edit()
    await elsewhere.hop()
    await user.send(NIP_BUDI)
    linked = await user.next_message()

    assert "Welcome to the" in (welcome.text or "")
    assert "Activation code received" in (agreed.text or "")
    assert "Your account is linked" in (linked.text or "")
    async with elsewhere.db() as session:
        link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == 3501))
    assert link is not None and link.employee_id == budi.id and link.language == "en"


async def test_a_nip_typed_before_the_hop_is_verified_by_the_contact_after_it(
    elsewhere: Elsewhere,
) -> None:
    async with elsewhere.db.begin() as session:
        budi = await add_employee(session, phone="0812-3456-7890")
    user = elsewhere.user(3502, phone_number="6281234567890")
    await user.send("/start")
    await user.next_message()
    await user.press("Setuju")
    await user.next_edit()
    await user.send(NIP_BUDI)
    await user.next_message()

    await elsewhere.hop()
    await user.tap("Bagikan nomor HP")
    linked = await user.next_message()

    assert "berhasil ditautkan" in (linked.text or "")
    async with elsewhere.db() as session:
        link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == 3502))
    assert link is not None and link.employee_id == budi.id


async def test_a_phone_shared_before_the_hop_links_with_the_nip_after_it(
    elsewhere: Elsewhere,
) -> None:
    async with elsewhere.db.begin() as session:
        budi = await add_employee(session, phone="0812-3456-7890")
    user = elsewhere.user(3503, phone_number="6281234567890")
    await user.send("/start")
    await user.next_message()
    await user.press("Setuju")
    await user.next_edit()
    await user.share_contact()
    kept = await user.next_message()

    await elsewhere.hop()
    await user.send(NIP_BUDI)
    linked = await user.next_message()

    assert "Nomor HP Anda diterima" in (kept.text or "")
    assert "berhasil ditautkan" in (linked.text or "")
    async with elsewhere.db() as session:
        link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == 3503))
    assert link is not None and link.employee_id == budi.id


async def test_the_consent_question_asked_before_the_hop_is_answered_by_typing_after_it(
    elsewhere: Elsewhere,
) -> None:
    user = elsewhere.user(3504)
    await user.send("/start")
    await user.next_message()

    await elsewhere.hop()
    await user.send("setuju")
    agreed = await user.next_message()

    assert "persetujuan Anda sudah dicatat" in (agreed.text or "")
    async with elsewhere.db() as session:
        consents = (await session.scalars(select(Consent.telegram_user_id))).all()
    assert consents == [3504]


async def test_putus_asked_before_the_hop_is_confirmed_after_it(elsewhere: Elsewhere) -> None:
    async with elsewhere.db.begin() as session:
        budi = await add_employee(session)
        await add_linked_user(
            session, employee=budi, telegram_user_id=3505, now=elsewhere.clock.now()
        )
        await add_released_result(session, employee=budi, now=elsewhere.clock.now())
    user = elsewhere.user(3505)
    await user.send("/hasil")
    await user.next_message()
    await user.press("Tampilkan hasil")
    shown = {(await user.next_message()).message_id, (await user.next_message()).message_id}
    await user.send("/putus")
    await user.next_message()

    await elsewhere.hop()
    await user.press("Ya, putuskan")
    deleted = {await user.next_deletion(), await user.next_deletion()}
    done = await user.next_edit()

    assert deleted == shown
    assert "Tautan akun dilepas" in (done.text or "")
    async with elsewhere.db() as session:
        link = await session.scalar(select(ChatLink).where(ChatLink.telegram_user_id == 3505))
    assert link is not None and link.employee_id is None


async def test_kirim_pressed_twice_reaching_both_instances_sends_one_announcement(
    database_url: str, clock: FakeClock
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("several instances need PostgreSQL or MariaDB")
    engine = create_engine(database_url)
    db = create_sessionmaker(engine)
    async with running_cluster(database_url, clock) as cluster:
        await linked_employee(db, clock, 3403)
        cluster.emulator.user(3403, first_name="Pegawai")
        admin = cluster.emulator.user(ADMIN_ID, first_name="Admin")
        cluster.route(0)
        await compose(admin, "Pengumuman untuk semua")

        cluster.route(None)  # one press to each instance, both at once
        presses = [await admin.press("Kirim ke 1 orang", wait_answer=None) for _ in range(2)]
        ids = {press.query_id for press in presses}
        answers = [
            await cluster.emulator.wait_for_call(
                "answerCallbackQuery", predicate=lambda c: c.params["callback_query_id"] in ids
            )
            for _ in presses
        ]
    async with db() as session:
        count = await session.scalar(select(func.count(Broadcast.id)))
    await engine.dispose()

    assert cluster.forwarded[0] > 0 and cluster.forwarded[1] > 0
    assert count == 1
    assert sorted(bool(a.params.get("show_alert")) for a in answers) == [False, True]


# ---------------------------------------------------------------- helpers


async def budi_invited(where: Elsewhere) -> int:
    """Budi, linked, invited to a session on 5 May 2025; the participation's id."""
    async with where.db.begin() as session:
        budi = await add_employee(session)
        await add_linked_user(session, employee=budi, telegram_user_id=BUDI, now=where.clock.now())
        program = await add_program(session)
        sitting = await add_assessment_session(
            session, program=program, code="S-0505", starts_at=MAY_5
        )
        participation = await add_participation(session, employee=budi, assessment_session=sitting)
    return participation.id


async def linked_employee(
    db: async_sessionmaker[AsyncSession], clock: FakeClock, user_id: int
) -> None:
    async with db.begin() as session:
        person = await add_employee(session, nip=f"19860926201505{user_id:04d}")
        await add_linked_user(session, employee=person, telegram_user_id=user_id, now=clock.now())


async def compose_and_send(admin: SimulatedUser, text: str) -> MessageView:
    """/umumkan to everyone linked (one person), no attachment, Kirim: the queued note."""
    await compose(admin, text)
    await admin.press("Kirim ke 1 orang")
    return await admin.next_edit()


async def compose(admin: SimulatedUser, text: str) -> None:
    """/umumkan to everyone linked, no attachment, up to the preview and its Kirim."""
    await admin.send("/umumkan")
    await admin.next_message()
    await admin.send(text)
    await admin.next_message()
    await admin.press("Tanpa lampiran")
    await admin.next_edit()
    await admin.press("Semua yang tertaut")
    for _ in range(3):
        await admin.next_message()
