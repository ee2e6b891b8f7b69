"""The satisfaction survey (SKM) after a session, and its index (IKM) in /statistik:
the invitation after the session outside quiet hours, nine questions by buttons, the
comment skipped, one reminder at most, Berhenti, /pengingat, no second answer, and
the figures (no group under the minimum shown apart), the XLSX table."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.core.sending import OPTIONAL_KINDS
from bot.core.vocabulary import NotificationKind, SurveyKind, SurveyStatus
from jobs import CLOSE_SURVEYS, DISPATCHER, PLANNER
from models import SurveyAnswer, SurveyInvitation, SurveyResponse
from models.outbox import Notification
from sandbox import SimulatedUser
from sandbox.views import MessageView
from tests.core.test_ikm import KNOWN
from tests.factories import (
    add_assessment_session,
    add_employee,
    add_linked_user,
    add_participation,
    add_program,
)
from tests.journeys.conftest import ADMIN_ID, RunningBot
from tests.journeys.test_steps_elsewhere import Elsewhere, elsewhere  # noqa: F401 (a fixture)

BUDI = 6101
# Monday 5 May 2025, 13.00 WIB; eight hours: it ends at 21.00, in the quiet hours.
STARTS = datetime(2025, 5, 5, 6, 0, tzinfo=UTC)
ENDS = STARTS + timedelta(hours=8)
TUESDAY_6 = datetime(2025, 5, 5, 23, 0, tzinfo=UTC)  # Tuesday 6 May, 06.00 WIB


async def plan_and_send(bot: RunningBot, at: datetime) -> None:
    bot.clock.set(at)
    await bot.run_job(PLANNER)
    await bot.run_job(DISPATCHER)


def sent_to(bot: RunningBot, chat_id: int) -> int:
    return sum(
        1
        for call in bot.emulator.calls_to("sendMessage")
        if call.status == 200 and int(call.params["chat_id"]) == chat_id
    )


async def attended_session(
    bot: RunningBot | Elsewhere,
    user_ids: list[int],
    *,
    status: str = "attended",
    code: str = "S-0505",
) -> int:
    """A session that ends at 21.00 on 5 May, each user a linked participant."""
    async with bot.db.begin() as session:
        program = await add_program(session, code=f"PK-{code}")
        sitting = await add_assessment_session(
            session, program=program, code=code, starts_at=STARTS, hours=8
        )
        for n, user_id in enumerate(user_ids):
            person = await add_employee(
                session, nip=f"19800101200501{user_id % 10000:04d}", name=f"Peserta {n}"
            )
            await add_linked_user(
                session, employee=person, telegram_user_id=user_id, now=bot.clock.now()
            )
            await add_participation(
                session, employee=person, assessment_session=sitting, status=status
            )
        return sitting.id


async def answer(user: SimulatedUser, value: int) -> MessageView:
    """Press the answer ``value`` (1-4) of the question on screen; the next screen."""
    await user.press(callback_data=_answer_data(user, value))
    return await user.next_edit()


def _answer_data(user: SimulatedUser, value: int) -> str:
    """The callback data of answer ``value`` on the newest question."""
    for message in reversed(user.chat_messages):
        for row in message.buttons:
            for button in row:
                if button.text.startswith(f"{value} ") and button.callback_data:
                    return button.callback_data
    raise AssertionError("no question on screen")


async def survey_rows(bot: RunningBot) -> tuple[list[SurveyResponse], list[tuple[int, int]]]:
    async with bot.db() as session:
        responses = list((await session.scalars(select(SurveyResponse))).all())
        answers = (
            await session.execute(
                select(SurveyAnswer.question, SurveyAnswer.value).order_by(SurveyAnswer.question)
            )
        ).all()
    return responses, [(q, v) for q, v in answers]


async def test_the_survey_comes_after_the_session_past_quiet_hours_and_stores_each_answer(
    bot: RunningBot,
) -> None:
    user = bot.user(BUDI)
    await attended_session(bot, [BUDI])

    await plan_and_send(bot, ENDS)
    await plan_and_send(bot, ENDS + timedelta(minutes=30))  # 21.30: quiet hours
    assert sent_to(bot, BUDI) == 0

    await plan_and_send(bot, TUESDAY_6)
    invite = await user.next_message()
    assert "Terima kasih telah mengikuti penilaian kompetensi" in (invite.text or "")
    assert "Senin, 5 Mei 2025 pukul 13.00 WIB" in (invite.text or "")
    assert "Pertanyaan 1 dari 9" in (invite.text or "")
    assert "kesesuaian persyaratan pelayanan" in (invite.text or "")
    assert invite.button_texts == [
        "1 Tidak sesuai",
        "2 Kurang sesuai",
        "3 Sesuai",
        "4 Sangat sesuai",
        "Berhenti",
    ]

    screens = [await answer(user, value) for value in KNOWN[0]]

    assert "Pertanyaan 2 dari 9" in (screens[0].text or "")
    assert "1 Tidak mudah" in screens[0].button_texts
    assert "4 Dikelola dengan baik" in screens[6].button_texts  # question 8: complaints
    assert "Ada saran atau komentar?" in (screens[-1].text or "")
    assert screens[-1].button_texts == ["Lewati"]
    responses, answers = await survey_rows(bot)
    assert answers == list(enumerate(KNOWN[0]))  # stored as they came
    assert responses[0].completed_at is None

    await user.press("Lewati")
    thanks = await user.next_edit()
    assert "Terima kasih! Jawaban Anda sudah tersimpan" in (thanks.text or "")
    responses, _ = await survey_rows(bot)
    assert [(r.survey, r.period, r.comment) for r in responses] == [(SurveyKind.SKM, "2025", None)]
    assert responses[0].completed_at == TUESDAY_6

    # Finished: the reminder two days later is withdrawn, nothing more comes.
    await plan_and_send(bot, TUESDAY_6 + timedelta(days=3))
    assert sent_to(bot, BUDI) == 1


async def test_a_comment_typed_after_the_last_question_is_kept_without_a_name(
    bot: RunningBot,
) -> None:
    user = bot.user(BUDI)
    await attended_session(bot, [BUDI])
    await plan_and_send(bot, TUESDAY_6)
    await user.next_message()
    for value in KNOWN[1]:
        await answer(user, value)

    await user.send("Ruang tunggunya panas, mohon kipas angin")
    thanks = await user.next_message()

    assert "Terima kasih!" in (thanks.text or "")
    responses, _ = await survey_rows(bot)
    assert responses[0].comment == "Ruang tunggunya panas, mohon kipas angin"
    assert responses[0].completed_at is not None
    await user.send("halo")
    assert "Terima kasih!" not in ((await user.next_message()).text or "")  # taken once


async def test_one_reminder_at_most_and_it_continues_where_the_person_stopped(
    bot: RunningBot,
) -> None:
    user = bot.user(BUDI)
    await attended_session(bot, [BUDI])
    await plan_and_send(bot, TUESDAY_6)
    await user.next_message()
    for value in (3, 3, 4):
        await answer(user, value)

    await plan_and_send(bot, TUESDAY_6 + timedelta(days=2))
    reminder = await user.next_message()
    assert "belum selesai" in (reminder.text or "")
    assert "pengingat terakhir" in (reminder.text or "")
    assert reminder.button_texts == ["Lanjutkan survei", "Berhenti"]
    await user.press("Lanjutkan survei")
    resumed = await user.next_edit()
    assert "Pertanyaan 4 dari 9" in (resumed.text or "")

    for days in (3, 5, 9, 15):
        await plan_and_send(bot, TUESDAY_6 + timedelta(days=days))
    assert sent_to(bot, BUDI) == 2


async def test_berhenti_at_any_time_deletes_the_answers_and_no_reminder_follows(
    bot: RunningBot,
) -> None:
    user = bot.user(BUDI)
    await attended_session(bot, [BUDI])
    await plan_and_send(bot, TUESDAY_6)
    await user.next_message()
    await answer(user, 4)
    await answer(user, 2)

    await user.press("Berhenti")
    stopped = await user.next_edit()

    assert "Survei dihentikan" in (stopped.text or "")
    assert stopped.button_texts == []
    assert await survey_rows(bot) == ([], [])
    async with bot.db() as session:
        invitation = await session.scalar(select(SurveyInvitation))
        notices = dict((await session.execute(select(Notification.key, Notification.status))).all())
    assert invitation is not None and invitation.status == SurveyStatus.STOPPED
    assert sorted(map(str, notices.values())) == ["cancelled", "sent"]
    await plan_and_send(bot, TUESDAY_6 + timedelta(days=3))
    assert sent_to(bot, BUDI) == 1


async def test_a_survey_answered_half_here_and_half_elsewhere_is_one_complete_response(
    elsewhere: Elsewhere,  # noqa: F811 (the fixture imported above)
) -> None:
    user = elsewhere.user(BUDI)
    await attended_session(elsewhere, [BUDI])
    elsewhere.clock.set(TUESDAY_6)
    await elsewhere.run_job(PLANNER)
    await elsewhere.run_job(DISPATCHER)
    await user.next_message()
    for value in KNOWN[3][:4]:
        await answer(user, value)

    await elsewhere.hop()
    screens = [await answer(user, value) for value in KNOWN[3][4:]]
    await elsewhere.hop()
    await user.press("Lewati")
    thanks = await user.next_edit()

    assert "Pertanyaan 6 dari 9" in (screens[0].text or "")
    assert "Terima kasih!" in (thanks.text or "")
    async with elsewhere.db() as session:
        responses = (await session.scalars(select(SurveyResponse))).all()
        answers = (
            await session.execute(
                select(SurveyAnswer.question, SurveyAnswer.value).order_by(SurveyAnswer.question)
            )
        ).all()
    assert [r.completed_at for r in responses] == [TUESDAY_6]
    assert [(q, v) for q, v in answers] == list(enumerate(KNOWN[3]))


async def test_surveys_switched_off_in_pengingat_do_not_come(bot: RunningBot) -> None:
    user = bot.user(BUDI)
    await attended_session(bot, [BUDI])
    await user.send("/pengingat")
    view = await user.next_message()
    assert any("Survei kepuasan setelah penilaian" in label for label in view.button_texts)
    index = OPTIONAL_KINDS.index(NotificationKind.SURVEY)
    await user.press(callback_data=f"rem:t:{index}")
    await user.next_edit()

    await plan_and_send(bot, TUESDAY_6)
    await plan_and_send(bot, TUESDAY_6 + timedelta(days=2))

    assert sent_to(bot, BUDI) == 1  # /pengingat's own view only
    async with bot.db() as session:
        statuses = (await session.scalars(select(Notification.status))).all()
    assert sorted(map(str, statuses)) == ["skipped", "skipped"]


async def test_nobody_answers_twice_and_only_participants_answer(bot: RunningBot) -> None:
    user, stranger = bot.user(BUDI), bot.user(BUDI + 1)
    session_id = await attended_session(bot, [BUDI])
    async with bot.db.begin() as session:
        other = await add_employee(session, nip="198001012005019999", name="Bukan Peserta")
        await add_linked_user(
            session, employee=other, telegram_user_id=BUDI + 1, now=bot.clock.now()
        )
    await plan_and_send(bot, TUESDAY_6)
    invite = await user.next_message()
    for value in KNOWN[2]:
        await answer(user, value)
    await user.press("Lewati")
    await user.next_edit()

    await user.press_forged(f"srv:a:skm:{session_id}:0:1", message=invite)
    again = await user.next_edit()
    await stranger.send("/menu")
    await stranger.next_message()
    await stranger.press_forged(f"srv:a:skm:{session_id}:0:1")
    refused = await stranger.next_edit()

    assert "sudah mengisi survei ini" in (again.text or "")
    assert "tidak dapat diisi" in (refused.text or "")
    responses, answers = await survey_rows(bot)
    assert len(responses) == 1
    assert answers == list(enumerate(KNOWN[2]))


async def test_a_survey_before_the_session_ended_or_without_attendance_is_not_sent(
    bot: RunningBot,
) -> None:
    await attended_session(bot, [BUDI], status="confirmed")
    await plan_and_send(bot, TUESDAY_6)
    assert sent_to(bot, BUDI) == 0


# ---------------------------------------------------------------- /statistik


async def add_responses(
    bot: RunningBot, rows: Sequence[Sequence[int]], *, period: str, code: str
) -> None:
    """Complete responses about a new session (``code``) in ``period``."""
    async with bot.db.begin() as session:
        program = await add_program(session, code=f"PK-{code}")
        sitting = await add_assessment_session(
            session, program=program, code=code, starts_at=STARTS, hours=8
        )
        for row in rows:
            response = SurveyResponse(
                survey=SurveyKind.SKM,
                period=period,
                subject_id=sitting.id,
                completed_at=bot.clock.now(),
            )
            session.add(response)
            await session.flush()
            session.add_all(
                SurveyAnswer(response_id=response.id, question=q, value=v)
                for q, v in enumerate(row)
            )


async def survey_page(admin: SimulatedUser) -> MessageView:
    await admin.send("/statistik")
    summary = await admin.next_message()
    await admin.press("Survei kepuasan (IKM)", message=summary)
    return await admin.next_edit()


async def until(admin: SimulatedUser, kind: str) -> MessageView:
    """The next message holding a ``kind`` (photo, document), past the others."""
    for _ in range(10):
        message = await admin.next_message()
        if getattr(message, kind) is not None and (
            kind != "photo" or "Survei" in (message.text or "")
        ):
            return message
    raise AssertionError(f"no {kind}")


async def test_statistik_shows_the_ikm_grade_and_respondents_of_a_known_set(
    bot: RunningBot,
) -> None:
    await add_responses(bot, KNOWN, period="2025", code="S-A")
    await add_responses(bot, KNOWN[:3], period="2024", code="S-B")
    admin = bot.user(ADMIN_ID)

    page = await survey_page(admin)

    text = page.text or ""
    assert "Survei Kepuasan Masyarakat 2025" in text
    assert "IKM 82,78: mutu B, Baik · 5 responden" in text
    assert "1. Persyaratan: 3,4" in text
    assert "4. Biaya/tarif: 4" in text
    assert "9. Sarana dan prasarana: 3" in text
    assert "Sen 5 Mei 13.00 · UPT Penilaian Kompetensi BKPSDM Gresik: 5 responden" in text
    assert page.button_texts == [
        "Tahun 2024",
        "Unduh tabel IKM (XLSX)",
        "Kembali ke ringkasan",
    ]
    chart = await until(admin, "photo")
    assert chart.photo is not None and chart.photo.width == 1080

    # 2024 had three respondents: not shown with its own figures.
    await admin.press("Tahun 2024", message=page)
    small = await admin.next_edit()
    assert "2024: kurang dari 5 responden" in (small.text or "")
    assert "IKM" not in (small.text or "").replace("(IKM)", "")
    assert "Unduh tabel IKM (XLSX)" not in small.button_texts


async def test_a_session_under_the_minimum_is_not_shown_apart(bot: RunningBot) -> None:
    await add_responses(bot, [(3,) * 9] * 5, period="2025", code="S-BESAR")
    await add_responses(bot, [(4,) * 9] * 2, period="2025", code="S-KECIL")
    admin = bot.user(ADMIN_ID)

    page = await survey_page(admin)

    text = page.text or ""
    assert "7 responden" in text
    lines = [line for line in text.splitlines() if line.startswith("• ")]
    assert lines == [
        "• Sen 5 Mei 13.00 · UPT Penilaian Kompetensi BKPSDM Gresik: 5 responden",
        "• Sen 5 Mei 13.00 · UPT Penilaian Kompetensi BKPSDM Gresik: kurang dari 5 responden",
    ]


async def test_the_xlsx_holds_the_regulations_per_element_table(bot: RunningBot) -> None:
    await add_responses(bot, KNOWN, period="2025", code="S-A")
    admin = bot.user(ADMIN_ID)
    page = await survey_page(admin)
    await until(admin, "photo")

    await admin.press("Unduh tabel IKM (XLSX)", message=page)
    sent = await until(admin, "document")

    assert sent.document is not None and sent.document.file_name == "ikm-2025.xlsx"
    sheet = load_workbook(io.BytesIO(sent.document.data)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Indeks Kepuasan Masyarakat 2025 (PermenPANRB 14/2017)"
    assert rows[1] == ["No", "Unsur pelayanan", "NRR per unsur", "NRR tertimbang (x 1/9)"]
    assert rows[2] == [1, "Persyaratan", 3.4, 0.3778]
    assert rows[5] == [4, "Biaya/tarif", 4.0, 0.4444]
    assert rows[10] == [9, "Sarana dan prasarana", 3.0, 0.3333]
    assert rows[11][1:] == ["IKM unit pelayanan (jumlah NRR tertimbang)", None, 3.3111]
    assert rows[12][1:] == ["IKM konversi (x 25)", None, 82.78]
    assert rows[13][1:] == ["Mutu pelayanan", None, "B"]
    assert rows[14][1:] == ["Kinerja unit pelayanan", None, "Baik"]
    assert rows[15][1:] == ["Jumlah responden", None, 5]


async def test_nothing_counts_before_a_survey_is_complete(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        session.add(SurveyResponse(survey=SurveyKind.SKM, period="2025", subject_id=1))
    admin = bot.user(ADMIN_ID)

    page = await survey_page(admin)

    assert "Belum ada survei yang selesai diisi" in (page.text or "")
    async with bot.db() as session:
        assert await session.scalar(select(func.count()).select_from(SurveyResponse)) == 1


async def test_when_the_period_closes_the_link_to_the_answers_is_forgotten(
    bot: RunningBot,
) -> None:
    user = bot.user(BUDI)
    await attended_session(bot, [BUDI])
    await plan_and_send(bot, TUESDAY_6)
    await user.next_message()
    for value in KNOWN[4]:
        await answer(user, value)
    await user.press("Lewati")
    await user.next_edit()

    bot.clock.set(datetime(2026, 1, 31, 16, 0, tzinfo=UTC))  # 31 Jan 2026, 23.00 WIB
    await bot.run_job(CLOSE_SURVEYS)
    async with bot.db() as session:
        kept = await session.scalar(select(func.count()).select_from(SurveyInvitation))
    bot.clock.set(datetime(2026, 1, 31, 17, 0, tzinfo=UTC))  # 1 Feb 2026, 00.00 WIB
    await bot.run_job(CLOSE_SURVEYS)

    assert kept == 1
    async with bot.db() as session:
        assert await session.scalar(select(func.count()).select_from(SurveyInvitation)) == 0
    responses, answers = await survey_rows(bot)
    assert len(responses) == 1 and responses[0].completed_at is not None
    assert answers == list(enumerate(KNOWN[4]))
