"""A Gapura course's evaluation: the survey engine with its own five questions, sent
the morning after the course's last day (never in the quiet hours) to those who took
part, answered by buttons, stored without a name, one reminder at most, switchable in
/pengingat; and /statistik's "Evaluasi pelatihan Gapura" page (a course under the
minimum shown without its figures)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.core.sending import OPTIONAL_KINDS
from bot.core.vocabulary import NotificationKind, SurveyKind, SurveyStatus
from jobs import CLOSE_SURVEYS
from models import SurveyAnswer, SurveyInvitation, SurveyResponse
from models.gapura import Course
from models.outbox import Notification
from sandbox import SimulatedUser
from sandbox.views import MessageView
from tests.factories import add_course, add_employee, add_enrollment, add_linked_user
from tests.journeys.conftest import ADMIN_ID, RunningBot
from tests.journeys.test_survey import answer, plan_and_send, sent_to, survey_rows

BUDI, SITI, KELUAR, ANTRE, LAIN = 6201, 6202, 6203, 6204, 6205
# Monday 2 to Wednesday 4 June 2025; the evaluation is due Thursday 5 June, 09.00 WIB.
BEFORE = datetime(2025, 6, 1, 3, 0, tzinfo=UTC)
LAST_DAY = date(2025, 6, 4)
DUE = datetime(2025, 6, 5, 2, 0, tzinfo=UTC)
THURSDAY_22 = datetime(2025, 6, 5, 15, 0, tzinfo=UTC)  # 22.00 WIB: quiet hours
FRIDAY_6 = datetime(2025, 6, 5, 23, 0, tzinfo=UTC)  # Friday 6 June, 06.00 WIB


async def finished_course(
    bot: RunningBot, places: dict[int, str], *, title: str = "Pelatihan Komunikasi Efektif"
) -> Course:
    """A course from 2 to 4 June 2025; each user linked, with a place of that status
    ("" for no place at all)."""
    bot.clock.set(BEFORE)
    async with bot.db.begin() as session:
        course = await add_course(
            session,
            title=title,
            now=BEFORE,
            starts_in=timedelta(days=1),
            ends_on=LAST_DAY,
            registration_opens_at=BEFORE - timedelta(days=30),
            registration_closes_at=BEFORE - timedelta(days=2),
        )
        for user_id, status in places.items():
            person = await add_employee(
                session, nip=f"19850101201001{user_id % 10000:04d}", name=f"Peserta {user_id}"
            )
            await add_linked_user(session, employee=person, telegram_user_id=user_id, now=BEFORE)
            if status:
                await add_enrollment(
                    session, course=course, employee=person, status=status, at=BEFORE
                )
        return course


async def test_participants_get_the_evaluation_after_the_course_past_quiet_hours(
    bot: RunningBot,
) -> None:
    user = bot.user(BUDI)
    for other in (SITI, KELUAR, ANTRE, LAIN):
        bot.user(other)
    course = await finished_course(
        bot,
        {BUDI: "registered", SITI: "completed", KELUAR: "withdrawn", ANTRE: "waitlisted", LAIN: ""},
    )

    await plan_and_send(bot, datetime(2025, 6, 4, 10, 0, tzinfo=UTC))  # the last day, 17.00
    assert sent_to(bot, BUDI) == 0
    await plan_and_send(bot, THURSDAY_22)  # due since 09.00, but now quiet hours
    assert sent_to(bot, BUDI) == 0

    await plan_and_send(bot, FRIDAY_6)
    invite = await user.next_message()
    text = invite.text or ""
    assert "Pelatihan Komunikasi Efektif" in text
    assert "sudah selesai" in text
    assert "Pelatihan Komunikasi Efektif (Senin, 2 Juni 2025 s.d. Rabu, 4 Juni 2025)" in text
    assert "Pertanyaan 1 dari 5" in text
    assert "materi pelatihan dengan pekerjaan Anda" in text
    assert invite.button_texts == [
        "1 Tidak sesuai",
        "2 Kurang sesuai",
        "3 Sesuai",
        "4 Sangat sesuai",
        "Berhenti",
    ]
    assert all(len((b.callback_data or "").encode()) <= 64 for r in invite.buttons for b in r)
    assert sent_to(bot, SITI) == 1  # completed: took part too
    assert [sent_to(bot, who) for who in (KELUAR, ANTRE, LAIN)] == [0, 0, 0]

    screens = [await answer(user, value) for value in (4, 3, 4, 2, 3)]

    assert "Pertanyaan 2 dari 5" in (screens[0].text or "")
    assert "4 Sangat baik" in screens[0].button_texts  # the trainer
    assert "1 Tidak bermanfaat" in screens[1].button_texts
    assert "3 Memadai" in screens[3].button_texts  # the materials and the venue
    assert "Ada saran atau komentar?" in (screens[-1].text or "")
    await user.press("Lewati")
    thanks = await user.next_edit()
    assert "Terima kasih! Jawaban Anda sudah tersimpan" in (thanks.text or "")

    responses, answers = await survey_rows(bot)
    assert [(r.survey, r.period, r.subject_id, r.comment) for r in responses] == [
        (SurveyKind.COURSE, "2025", course.id, None)
    ]
    completed = responses[0].completed_at
    assert completed is not None and FRIDAY_6 <= completed < FRIDAY_6 + timedelta(minutes=1)
    assert answers == list(enumerate((4, 3, 4, 2, 3)))
    # Without identity: neither table of answers has a column naming a person.
    for table in (SurveyResponse.__table__, SurveyAnswer.__table__):
        columns = {c.key for c in table.columns}
        assert not {c for c in columns if "employee" in c or "user" in c or "chat" in c}

    # Finished: the reminder is withdrawn; nothing more comes.
    await plan_and_send(bot, FRIDAY_6 + timedelta(days=4))
    assert sent_to(bot, BUDI) == 1


async def test_one_reminder_at_most_and_berhenti_ends_it(bot: RunningBot) -> None:
    user, other = bot.user(BUDI), bot.user(SITI)
    await finished_course(bot, {BUDI: "registered", SITI: "registered"})
    await plan_and_send(bot, DUE)
    await user.next_message()
    await other.next_message()
    for value in (3, 3):
        await answer(user, value)
    await other.press("Berhenti")
    assert "Survei dihentikan" in ((await other.next_edit()).text or "")

    # Two days later is Saturday: the reminder waits for Monday's working hours.
    await plan_and_send(bot, DUE + timedelta(days=2))
    assert sent_to(bot, BUDI) == 1
    await plan_and_send(bot, DUE + timedelta(days=4))
    reminder = await user.next_message()
    assert "Evaluasi Pelatihan Komunikasi Efektif belum selesai" in (reminder.text or "")
    assert "pengingat terakhir" in (reminder.text or "")
    assert reminder.button_texts == ["Lanjutkan survei", "Berhenti"]
    await user.press("Lanjutkan survei")
    assert "Pertanyaan 3 dari 5" in ((await user.next_edit()).text or "")

    for days in (5, 6, 9, 15):
        await plan_and_send(bot, DUE + timedelta(days=days))
    assert sent_to(bot, BUDI) == 2
    assert sent_to(bot, SITI) == 1  # stopped before the reminder: none
    async with bot.db() as session:
        statuses = sorted(
            (str(row.status), row.next_question)
            for row in (await session.scalars(select(SurveyInvitation))).all()
        )
    assert statuses == [(SurveyStatus.ANSWERING, 2), (SurveyStatus.STOPPED, 0)]


async def test_switched_off_in_pengingat_no_evaluation_comes(bot: RunningBot) -> None:
    user = bot.user(BUDI)
    await finished_course(bot, {BUDI: "registered"})
    await user.send("/pengingat")
    view = await user.next_message()
    assert "Evaluasi setelah pelatihan Gapura" in " ".join(view.button_texts)
    index = OPTIONAL_KINDS.index(NotificationKind.COURSE_EVALUATION)
    await user.press(callback_data=f"rem:t:{index}")
    await user.next_edit()

    await plan_and_send(bot, DUE)
    await plan_and_send(bot, DUE + timedelta(days=4))  # the reminder's Monday

    assert sent_to(bot, BUDI) == 1  # /pengingat's own view only
    async with bot.db() as session:
        rows = (await session.execute(select(Notification.kind, Notification.status))).all()
    assert sorted((str(k), str(s)) for k, s in rows) == [
        ("course_evaluation_survey", "skipped"),
        ("course_evaluation_survey", "skipped"),
    ]


async def test_only_those_who_took_part_answer_and_only_after_the_course(
    bot: RunningBot,
) -> None:
    user, stranger = bot.user(BUDI), bot.user(KELUAR)
    course = await finished_course(bot, {BUDI: "registered", KELUAR: "withdrawn"})
    await user.send("/menu")
    menu = await user.next_message()

    bot.clock.set(datetime(2025, 6, 4, 10, 0, tzinfo=UTC))  # still the last day
    await user.press_forged(f"srv:a:course_evaluation:{course.id}:0:4", message=menu)
    early = await user.next_edit()
    await stranger.send("/menu")
    await stranger.next_message()
    bot.clock.set(DUE)
    await stranger.press_forged(f"srv:a:course_evaluation:{course.id}:0:4")
    refused = await stranger.next_edit()

    assert "tidak dapat diisi" in (early.text or "")
    assert "tidak dapat diisi" in (refused.text or "")
    assert await survey_rows(bot) == ([], [])


# ---------------------------------------------------------------- /statistik


async def add_evaluations(
    bot: RunningBot, rows: Sequence[Sequence[int]], *, title: str, period: str = "2025"
) -> None:
    """Complete evaluations of a new course (``title``), ended 4 June 2025."""
    async with bot.db.begin() as session:
        course = await add_course(
            session, title=title, now=BEFORE, starts_in=timedelta(days=1), ends_on=LAST_DAY
        )
        for row in rows:
            response = SurveyResponse(
                survey=SurveyKind.COURSE,
                period=period,
                subject_id=course.id,
                completed_at=bot.clock.now(),
            )
            session.add(response)
            await session.flush()
            session.add_all(
                SurveyAnswer(response_id=response.id, question=q, value=v)
                for q, v in enumerate(row)
            )


async def course_eval_page(admin: SimulatedUser) -> MessageView:
    await admin.send("/statistik")
    summary = await admin.next_message()
    await admin.press("Evaluasi pelatihan Gapura", message=summary)
    return await admin.next_edit()


async def test_statistik_shows_each_courses_means_and_hides_a_small_one(bot: RunningBot) -> None:
    await add_evaluations(
        bot,
        [(4, 4, 4, 3, 3), (3, 4, 4, 3, 2), (4, 3, 3, 3, 3), (3, 4, 4, 2, 3), (4, 4, 3, 3, 4)],
        title="Pelatihan Komunikasi Efektif",
    )
    await add_evaluations(bot, [(1, 1, 1, 1, 1)] * 3, title="Bimtek Kearsipan Digital")
    await add_evaluations(bot, [(2, 2, 2, 2, 2)] * 5, title="Workshop Lama", period="2024")
    admin = bot.user(ADMIN_ID)

    page = await course_eval_page(admin)

    text = page.text or ""
    assert "Evaluasi pelatihan Gapura 2025" in text
    assert "Pelatihan Komunikasi Efektif (2 Jun 2025 – 4 Jun 2025) · 5 responden" in text
    assert "1. Kesesuaian materi dengan pekerjaan: 3,6" in text  # 18/5
    assert "2. Pengajar: 3,8" in text
    assert "3. Manfaat: 3,6" in text
    assert "4. Penyelenggaraan: 2,8" in text
    assert "5. Bahan ajar dan sarana: 3" in text
    assert "Bimtek Kearsipan Digital (2 Jun 2025 – 4 Jun 2025): kurang dari 5 responden" in text
    assert "1,0" not in text and ": 1\n" not in text + "\n"  # the small course's means
    assert "IKM" not in text  # no index for courses
    assert page.button_texts == ["Tahun 2024", "Kembali ke ringkasan"]

    await admin.press("Tahun 2024", message=page)
    older = await admin.next_edit()
    assert "Evaluasi pelatihan Gapura 2024" in (older.text or "")
    assert "Workshop Lama" in (older.text or "") and "1. Kesesuaian" in (older.text or "")


async def test_statistik_without_evaluations_says_so(bot: RunningBot) -> None:
    admin = bot.user(ADMIN_ID)
    page = await course_eval_page(admin)
    assert "Belum ada evaluasi pelatihan yang selesai diisi" in (page.text or "")
    assert page.button_texts == ["Kembali ke ringkasan"]


async def test_when_the_year_closes_the_link_to_a_course_evaluation_is_forgotten(
    bot: RunningBot,
) -> None:
    user = bot.user(BUDI)
    await finished_course(bot, {BUDI: "completed"})
    await plan_and_send(bot, DUE)
    await user.next_message()
    for value in (4, 4, 3, 3, 4):
        await answer(user, value)
    await user.send("Materinya bagus, waktunya kurang")
    await user.next_message()

    bot.clock.set(datetime(2026, 1, 31, 17, 0, tzinfo=UTC))  # 1 Feb 2026, 00.00 WIB
    await bot.run_job(CLOSE_SURVEYS)

    async with bot.db() as session:
        assert (await session.scalars(select(SurveyInvitation))).all() == []
    responses, answers = await survey_rows(bot)
    assert [(r.survey, r.comment) for r in responses] == [
        (SurveyKind.COURSE, "Materinya bagus, waktunya kurang")
    ]
    assert answers == list(enumerate((4, 4, 3, 3, 4)))
