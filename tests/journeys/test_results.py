"""/hasil: my own released results behind a reveal button, the chart, pending
statuses, audited views, auto-deletion and Gapura recommendations."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from jobs import DELETIONS
from models import (
    AssessmentProgram,
    AuditEvent,
    Course,
    CourseCompetency,
    CourseMode,
    CourseStatus,
    Employee,
    Result,
    ResultScore,
    ScheduledDeletion,
)
from sandbox import SimulatedUser
from sandbox.views import MessageView
from tests.factories import (
    NIP_SITI,
    add_assessment_session,
    add_employee,
    add_linked_user,
    add_participation,
    add_program,
    add_released_result,
)
from tests.journeys.conftest import RunningBot, linked

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


async def linked_budi(bot: RunningBot, user_id: int, *, language: str = "id") -> Employee:
    _, budi = await linked(bot, user_id, language=language)
    return budi


async def add_course(
    session: AsyncSession,
    *,
    code: str,
    title: str,
    now: datetime,
    competencies: dict[str, int | None],
    audience_position_types: str = "",
    registration_closes_at: datetime | None = None,
    quota: int = 20,
    seats_taken: int = 0,
) -> Course:
    course = Course(
        code=code,
        title=title,
        jp=Decimal("16"),
        starts_on=date(2025, 4, 14),
        ends_on=date(2025, 4, 15),
        mode=CourseMode.LURING,
        venue="Aula BKPSDM Gresik",
        provider="BKPSDM Gresik",
        quota=quota,
        seats_taken=seats_taken,
        registration_opens_at=now - timedelta(days=7),
        registration_closes_at=registration_closes_at or now + timedelta(days=14),
        audience_position_types=audience_position_types,
        status=CourseStatus.OPEN,
        competencies=[
            CourseCompetency(competency_code=c, target_level=level)
            for c, level in competencies.items()
        ],
    )
    session.add(course)
    await session.flush()
    return course


async def reveal(user: SimulatedUser) -> tuple[MessageView, MessageView]:
    """/hasil, then Tampilkan hasil: returns the summary and the chart."""
    await user.send("/hasil")
    await user.next_message()
    await user.press("Tampilkan hasil")
    return await user.next_message(), await user.next_message()


async def views(bot: RunningBot) -> list[AuditEvent]:
    async with bot.db() as session:
        rows = await session.scalars(select(AuditEvent).where(AuditEvent.action == "result.viewed"))
        return list(rows.all())


async def test_the_result_appears_only_after_the_reveal_button(bot: RunningBot) -> None:
    budi = await linked_budi(bot, 3001)
    async with bot.db.begin() as session:
        result = await add_released_result(session, employee=budi, now=bot.clock.now())
    user = bot.user(3001)

    await user.send("/hasil")
    prompt = await user.next_message()
    before = await views(bot)
    await user.press("Tampilkan hasil")
    summary = await user.next_message()
    chart = await user.next_message()

    assert "Penilaian Kompetensi ASN 2024" in (prompt.text or "")
    assert "88,9%" not in (prompt.text or "")
    assert prompt.button_texts == ["Tampilkan hasil"]
    assert before == []
    text = summary.text or ""
    assert "JPM: 88,9% (Cukup Optimal)" in text
    assert "6 Agu 2024" in text or "6 Agustus 2024" in text
    # Largest gap first: the three -1 gaps (by code) come before the met ones.
    lines = [line for line in text.splitlines() if line.startswith("•")]
    assert lines[0] == "• Komunikasi: 3 → 2 (-1)"
    assert lines[2] == "• Perekat Bangsa: 3 → 2 (-1)"
    assert lines[3] == "• Integritas: 3 → 3 (sesuai standar)"
    assert len(lines) == 9
    assert summary.button_texts == ["Rekomendasi Gapura"]
    assert chart.kind == "photo"
    assert "Standar dan capaian" in (chart.text or "")
    events = await views(bot)
    assert [(e.employee_id, e.actor_telegram_id, e.detail) for e in events] == [
        (budi.id, 3001, {"result_id": result.id})
    ]


async def test_the_chart_is_a_small_png(bot: RunningBot) -> None:
    budi = await linked_budi(bot, 3002)
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=bot.clock.now())
    user = bot.user(3002)

    _, chart = await reveal(user)

    assert chart.photo is not None
    assert chart.photo.data.startswith(PNG_SIGNATURE)
    assert 0 < len(chart.photo.data) < 150_000
    assert chart.photo.width >= 400 and chart.photo.height >= 300


async def test_every_reveal_is_audited(bot: RunningBot) -> None:
    budi = await linked_budi(bot, 3003)
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=bot.clock.now())
    user = bot.user(3003)

    await reveal(user)
    await reveal(user)

    assert len(await views(bot)) == 2


async def test_the_summary_shows_strengths_areas_and_recommendation_escaped(
    bot: RunningBot,
) -> None:
    budi = await linked_budi(bot, 3004)
    async with bot.db.begin() as session:
        result = await add_released_result(session, employee=budi, now=bot.clock.now())
        result.strengths = "Integritas tinggi & konsisten <selalu>"
        result.development_areas = "Komunikasi lisan"
        result.recommendation = "Coaching komunikasi " + "sangat panjang " * 400
    user = bot.user(3004)

    summary, _ = await reveal(user)

    text = summary.text or ""
    assert "Kekuatan\nIntegritas tinggi & konsisten <selalu>" in text
    assert "Area pengembangan\nKomunikasi lisan" in text
    assert "Rekomendasi pengembangan\nCoaching komunikasi" in text
    assert text.endswith("…") and len(text) <= 4096


async def test_english_users_read_english(bot: RunningBot) -> None:
    budi = await linked_budi(bot, 3005, language="en")
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=bot.clock.now())
    user = bot.user(3005)

    await user.send("/hasil")
    await user.next_message()
    await user.press("Show result")
    summary = await user.next_message()
    chart = await user.next_message()

    assert "JPM: 88.9% (Cukup Optimal)" in (summary.text or "")
    assert "• Communication: 3 → 2 (-1)" in (summary.text or "")
    assert summary.button_texts == ["Gapura recommendations"]
    assert "Standard and achieved" in (chart.text or "")


async def test_someone_elses_result_id_is_refused(bot: RunningBot) -> None:
    budi = await linked_budi(bot, 3006)
    async with bot.db.begin() as session:
        budis = await add_released_result(session, employee=budi, now=bot.clock.now())
        siti = await add_employee(session, nip=NIP_SITI, name="Siti Aminah", phone=None)
        await add_linked_user(session, employee=siti, telegram_user_id=3007, now=bot.clock.now())
        program = await add_program(session)
        sitis = Result(
            program_id=program.id,
            employee_id=siti.id,
            assessed_on=date(2025, 2, 1),
            jpm=Decimal("100"),
            category="Optimal",
            released_at=bot.clock.now(),
            scores=[ResultScore(competency_code="M.01", required_level=3, achieved_level=3)],
        )
        session.add(sitis)
    user = bot.user(3007)
    await user.send("/hasil")
    prompt = await user.next_message()
    # A modified client sends Budi's result id instead of Siti's own.
    stored = user.chat.messages[prompt.message_id].data
    for action in ("show", "rec"):
        stored["reply_markup"] = {
            "inline_keyboard": [[{"text": "x", "callback_data": f"res:{action}:{budis.id}"}]]
        }

        answer = await user.press("x")

        assert answer.show_alert and answer.text == "Hasil ini tidak tersedia."
    assert await views(bot) == []
    assert not [m for m in user.chat_messages if "88,9%" in (m.text or "")]


async def test_a_result_id_too_large_for_the_database_is_refused(bot: RunningBot) -> None:
    await linked_budi(bot, 3008)
    user = bot.user(3008)
    await user.send("/hasil")
    await user.next_message()

    # Found by the fuzz (tests/journeys/test_fuzz.py): the query failed with OverflowError.
    answer = await user.press_forged("res:show:9223372036854775808")

    assert answer.show_alert and answer.text == "Hasil ini tidak tersedia."
    await user.send("/bantuan")
    reply = await user.next_message()
    assert (reply.text or "").startswith("Yang bisa saya bantu")  # no apology came first


async def test_a_forged_button_on_the_chart_is_answered_and_edits_nothing(bot: RunningBot) -> None:
    budi = await linked_budi(bot, 3009)
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=bot.clock.now())
    user = bot.user(3009)
    _, chart = await reveal(user)

    # Found by the fuzz: editing a photo's text was refused, and the user got an apology.
    answer = await user.press_forged("delete:no", message=chart)

    assert answer.answered
    await user.send("/bantuan")
    reply = await user.next_message()
    assert (reply.text or "").startswith("Yang bisa saya bantu")  # no apology came first
    [shown] = [m for m in user.chat_messages if m.message_id == chart.message_id]
    assert shown.kind == "photo" and "Standar dan capaian" in (shown.text or "")


async def test_an_unreleased_result_shows_its_status_and_expected_date(bot: RunningBot) -> None:
    budi = await linked_budi(bot, 3008)
    now = bot.clock.now()
    async with bot.db.begin() as session:
        attended = await add_program(session, code="PK-2025A", name="Uji Kompetensi Pengawas")
        attended.expected_release_on = date(2025, 5, 5)
        past = await add_assessment_session(
            session, program=attended, code="S-1", starts_at=now - timedelta(days=20)
        )
        await add_participation(session, employee=budi, assessment_session=past, status="attended")
        coming = await add_program(session, code="PK-2025B", name="Penilaian Kompetensi 2025")
        future = await add_assessment_session(
            session, program=coming, code="S-2", starts_at=now + timedelta(days=5)
        )
        await add_participation(session, employee=budi, assessment_session=future)
        scoring = AssessmentProgram(
            code="PK-2024",
            name="Penilaian Kompetensi ASN 2024",
            year=2024,
            method="CACT",
            thresholds={"Optimal": 90, "Cukup Optimal": 78, "Kurang Optimal": 0},
            expected_release_on=date(2025, 4, 1),
        )
        session.add(scoring)
        await session.flush()
        session.add(
            Result(
                program_id=scoring.id,
                employee_id=budi.id,
                assessed_on=date(2024, 11, 5),
                jpm=Decimal("70"),
                category="Kurang Optimal",
            )
        )
    user = bot.user(3008)

    await user.send("/hasil")
    said = [(await user.next_message()).text or "" for _ in range(3)]

    by_program = {text.splitlines()[0]: text for text in said}
    assert "Status: sedang dinilai" in by_program["Penilaian Kompetensi ASN 2024"]
    assert "1 Apr 2025" in by_program["Penilaian Kompetensi ASN 2024"]
    assert "perkiraan" in by_program["Penilaian Kompetensi ASN 2024"]
    assert "JPM" not in by_program["Penilaian Kompetensi ASN 2024"]
    assert "Status: sudah mengikuti penilaian" in by_program["Uji Kompetensi Pengawas"]
    assert "Perkiraan rilis hasil: 5 Mei 2025" in by_program["Uji Kompetensi Pengawas"]
    assert "Status: terjadwal" in by_program["Penilaian Kompetensi 2025"]
    assert "belum diumumkan" in by_program["Penilaian Kompetensi 2025"]
    assert all(not m.buttons for m in user.chat_messages)


async def test_without_any_result_the_user_is_told_so(bot: RunningBot) -> None:
    await linked_budi(bot, 3009)
    user = bot.user(3009)

    await user.send("/hasil")
    reply = await user.next_message()

    assert "Belum ada hasil penilaian yang dirilis" in (reply.text or "")
    assert reply.buttons == []


async def test_recommendations_list_reasons_and_course_buttons(bot: RunningBot) -> None:
    budi = await linked_budi(bot, 3010)
    now = bot.clock.now()
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=now)
        talk = await add_course(
            session,
            code="C-1",
            title="Komunikasi Efektif & Publik",
            now=now,
            competencies={"M.03": None},
            quota=10,
            seats_taken=10,
        )
        both = await add_course(
            session,
            code="C-2",
            title="Pelayanan Prima",
            now=now,
            competencies={"M.06": 3, "SK.01": None},
        )
        await add_course(
            session,
            code="C-3",
            title="Untuk Pelaksana",
            now=now,
            competencies={"M.03": None},
            audience_position_types="Pelaksana",
        )
        await add_course(
            session,
            code="C-4",
            title="Sudah Tutup",
            now=now,
            competencies={"M.03": None},
            registration_closes_at=now - timedelta(hours=1),
        )
        await add_course(
            session, code="C-5", title="Integritas", now=now, competencies={"M.01": None}
        )
    user = bot.user(3010)
    await reveal(user)

    await user.press("Rekomendasi Gapura")
    listing = await user.next_message()

    text = listing.text or ""
    assert text.startswith("Rekomendasi Gapura dari kesenjangan kompetensi Anda")
    assert "1. Pelayanan Prima (16 JP)\nMenutup 2 kesenjangan Anda, terbesar: " in text
    assert "2. Komunikasi Efektif & Publik (16 JP)\n" in text
    assert "Menutup kesenjangan terbesar Anda: Komunikasi (-1)" in text
    assert "kuota penuh" in text
    assert "Pelaksana" not in text and "Sudah Tutup" not in text and "Integritas" not in text
    assert [[b.callback_data for b in row] for row in listing.buttons] == [
        [f"gap:c:{both.id}"],
        [f"gap:c:{talk.id}"],
    ]
    assert listing.button_texts == ["1. Pelayanan Prima", "2. Komunikasi Efektif & Publik"]


async def test_recommendations_say_so_when_nothing_fits(bot: RunningBot) -> None:
    budi = await linked_budi(bot, 3011)
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=bot.clock.now())
    user = bot.user(3011)
    await reveal(user)

    await user.press("Rekomendasi Gapura")
    listing = await user.next_message()

    assert "belum ada pelatihan Gapura terbuka" in (listing.text or "")
    assert listing.buttons == []


async def revealed_with_autodelete(
    bot: RunningBot, user_id: int
) -> tuple[SimulatedUser, MessageView, MessageView]:
    """Budi's result revealed with ASNBOT_RESULTS_AUTODELETE_MINUTES=5; once /bantuan is
    answered, the reveal is done (one user's updates are handled in order)."""
    bot.application.bot_data.settings = bot.settings.model_copy(
        update={"results_autodelete_minutes": 5}
    )
    budi = await linked_budi(bot, user_id)
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=bot.clock.now())
    user = bot.user(user_id)
    summary, chart = await reveal(user)
    await user.send("/bantuan")
    await user.next_message()
    return user, summary, chart


async def test_results_are_deleted_after_the_configured_minutes(bot: RunningBot) -> None:
    revealed_at = bot.clock.now()
    user, summary, chart = await revealed_with_autodelete(bot, 3012)
    async with bot.db() as session:
        planned = (
            await session.execute(
                select(
                    ScheduledDeletion.chat_id,
                    ScheduledDeletion.message_id,
                    ScheduledDeletion.due_at,
                ).order_by(ScheduledDeletion.message_id)
            )
        ).all()
    assert "dihapus otomatis dalam 5 menit" in (summary.text or "")
    assert [(chat, message) for chat, message, _ in planned] == [
        (3012, summary.message_id),
        (3012, chart.message_id),
    ]
    # 5 minutes after the reveal (the clock moves while the bot paces its replies).
    due = planned[0].due_at
    assert planned[1].due_at == due
    assert revealed_at + timedelta(minutes=5) <= due <= bot.clock.now() + timedelta(minutes=5)

    bot.clock.advance(due - bot.clock.now() - timedelta(seconds=1))  # a second early
    await bot.run_job(DELETIONS)
    shown = {m.message_id for m in user.chat_messages}
    assert {summary.message_id, chart.message_id} <= shown

    bot.clock.advance(timedelta(seconds=1))
    await bot.run_job(DELETIONS)
    deleted = {await user.next_deletion(), await user.next_deletion()}
    assert deleted == {summary.message_id, chart.message_id}
    async with bot.db() as session:
        assert (await session.scalars(select(ScheduledDeletion))).all() == []


async def test_a_result_the_user_deleted_first_is_forgotten_too(bot: RunningBot) -> None:
    user, summary, chart = await revealed_with_autodelete(bot, 3013)
    # Gone before its time (to the Bot API, as when the user deletes it themselves).
    await bot.application.bot.delete_message(3013, summary.message_id)

    bot.clock.advance(timedelta(minutes=6))
    await bot.run_job(DELETIONS)

    assert await user.next_deletion() == summary.message_id  # the early one
    assert await user.next_deletion() == chart.message_id
    assert [m.message_id for m in user.chat_messages if m.message_id == summary.message_id] == []
    async with bot.db() as session:
        assert (await session.scalars(select(ScheduledDeletion))).all() == []


async def test_the_menu_button_opens_results(bot: RunningBot) -> None:
    budi = await linked_budi(bot, 3013)
    async with bot.db.begin() as session:
        await add_released_result(session, employee=budi, now=bot.clock.now())
    user = bot.user(3013)

    await user.send("/menu")
    await user.next_message()
    await user.press("Lihat hasil penilaian")
    prompt = await user.next_message()

    assert prompt.button_texts == ["Tampilkan hasil"]
