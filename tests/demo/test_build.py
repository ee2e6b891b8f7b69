"""The Gresik demo: the right counts, valid NIPs, consistent results, fixed logins."""

import shutil
from collections import Counter
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import func, select

from bot.core import ikm
from bot.core.codes import hash_code
from bot.core.jpm import CompetencyScore, category_for, jpm, thresholds_from_mapping
from bot.core.nip import parse_nip
from bot.core.survey import DEFAULT_MIN_RESPONDENTS
from bot.core.vocabulary import CourseStatus, SessionStatus, SurveyKind
from bot.demo import DEMO_ADMIN_ID, DEMO_EMPLOYEES, DemoRefused, build_demo
from bot.demo.names import FEMALE_GIVEN, MALE_GIVEN
from bot.demo.plan import scaled
from models import (
    ActivationCode,
    Admin,
    AssessmentProgram,
    AssessmentSession,
    CheckinCode,
    Course,
    CourseCompetency,
    Employee,
    Enrollment,
    EnrollmentStatus,
    JpEntry,
    Participation,
    Position,
    Result,
    ResultScore,
    SurveyInvitation,
)
from models.db import create_engine, create_sessionmaker
from models.queries import surveys as survey_queries
from models.queries.course_evaluations import per_course

SMALL = 300


async def _build(db, clock, employees=SMALL, seed=7):
    return await build_demo(db, employees=employees, seed=seed, now=clock.now())


async def _all(db, statement):
    async with db() as session:
        return (await session.execute(statement)).all()


async def test_builds_exactly_the_requested_number_of_employees(db, clock):
    summary = await _build(db, clock)

    (count,) = (await _all(db, select(func.count()).select_from(Employee)))[0]
    assert count == summary.employees == SMALL
    assert sum(summary.by_type.values()) == SMALL


async def test_every_nip_is_valid_unique_and_matches_the_person(db, clock):
    await _build(db, clock)

    rows = await _all(db, select(Employee.nip, Employee.name, Employee.status))
    assert len({nip for nip, _, _ in rows}) == len(rows)
    for nip, name, status in rows:
        parsed = parse_nip(nip, today=clock.now().date())
        assert parsed.warnings == (), (nip, parsed.warnings)
        assert parsed.kind == status.value
        given = name.removeprefix("dr. ").split()[0].rstrip(",")
        assert given in (FEMALE_GIVEN if parsed.gender == "P" else MALE_GIVEN), (nip, name)
        assert parsed.sequence == 1 or nip[:15] in {n for n, _, _ in rows if n != nip}


async def test_most_employees_have_an_indonesian_mobile_number(db, clock):
    await _build(db, clock)

    phones = [p for (p,) in await _all(db, select(Employee.phone)) if p is not None]
    assert len(phones) > SMALL * 0.8
    assert all(p.startswith("+628") and p[1:].isdigit() for p in phones)
    assert len(set(phones)) == len(phones)


async def test_assessed_counts_scale_with_the_documented_rule(db, clock):
    summary = await _build(db, clock)

    rows = await _all(
        db,
        select(Position.position_type, func.count())
        .select_from(Result)
        .join(Employee, Employee.id == Result.employee_id)
        .join(Position, Position.id == Employee.position_id)
        .join(AssessmentProgram, AssessmentProgram.id == Result.program_id)
        .where(AssessmentProgram.code == "PK-2024")
        .group_by(Position.position_type),
    )
    expected = {
        "Administrator": scaled(555, SMALL),
        "Pengawas": scaled(703, SMALL),
        "Pelaksana": scaled(742, SMALL),
    }
    assert {kind.value: n for kind, n in rows} == expected == summary.assessed_2024
    assert expected == {"Administrator": 19, "Pengawas": 24, "Pelaksana": 25}


async def test_results_jpm_and_category_follow_from_their_scores(db, clock):
    await _build(db, clock)

    (program,) = (
        await _all(db, select(AssessmentProgram).where(AssessmentProgram.code == "PK-2024"))
    )[0]
    thresholds = thresholds_from_mapping(program.thresholds)
    results = [r for (r,) in await _all(db, select(Result).where(Result.program_id == program.id))]
    scores: Counter[int] = Counter()
    by_result: dict[int, list[CompetencyScore]] = {}
    for (score,) in await _all(db, select(ResultScore)):
        by_result.setdefault(score.result_id, []).append(
            CompetencyScore(score.competency_code, score.required_level, score.achieved_level)
        )
        scores[score.result_id] += 1
    assert program.results_released_at is not None
    assert {r.category for r in results} == {"Optimal", "Cukup Optimal", "Kurang Optimal"}
    for result in results:
        assert scores[result.id] == 9
        raw = jpm(by_result[result.id])
        assert Decimal(result.jpm) == raw.quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert result.category == category_for(raw, thresholds)
        assert result.released_at is not None
        assert result.strengths and result.development_areas and result.recommendation


async def test_demo_employees_can_log_in_with_phone_or_activation_code(db, clock):
    await _build(db, clock)

    for demo in DEMO_EMPLOYEES:
        rows = await _all(db, select(Employee).where(Employee.nip == demo.nip))
        assert len(rows) == 1, demo.key
        employee = rows[0][0]
        assert (employee.name, employee.phone, employee.status) == (
            demo.name,
            demo.phone,
            demo.status,
        )
        codes = await _all(
            db, select(ActivationCode).where(ActivationCode.employee_id == employee.id)
        )
        assert [c.code_hash for (c,) in codes] == [hash_code(demo.code.lower())]
        assert codes[0][0].expires_at > clock.now()
    assert any(d.phone is None for d in DEMO_EMPLOYEES)
    assert await _all(db, select(Admin.telegram_user_id)) == [(DEMO_ADMIN_ID,)]


async def test_demo_administrator_has_the_worked_example_result(db, clock):
    await _build(db, clock)

    rows = await _all(
        db,
        select(Result.jpm, Result.category)
        .join(Employee, Employee.id == Result.employee_id)
        .where(Employee.nip == DEMO_EMPLOYEES[0].nip),
    )
    assert [(Decimal(j), c) for j, c in rows] == [(Decimal("88.89"), "Cukup Optimal")]


async def test_upcoming_sessions_are_after_now_with_places_and_a_link(db, clock):
    summary = await _build(db, clock)

    sessions = [
        s
        for (s,) in await _all(
            db,
            select(AssessmentSession)
            .join(AssessmentProgram)
            .where(
                AssessmentProgram.year == clock.now().year,
                AssessmentSession.status != SessionStatus.DONE,  # not the one held already
            ),
        )
    ]
    assert len(sessions) == summary.sessions_2025
    assert all(s.starts_at > clock.now() for s in sessions)
    assert any("Surabaya" in s.venue_name for s in sessions)
    assert any("Gresik" in s.address for s in sessions)
    online = [s for s in sessions if s.online_url]
    assert len(online) == 1 and online[0].latitude is None
    taken = dict(
        await _all(
            db, select(Participation.session_id, func.count()).group_by(Participation.session_id)
        )
    )
    assert all(taken.get(s.id, 0) == s.seats_taken <= s.capacity for s in sessions)
    (booking,) = (
        await _all(db, select(AssessmentProgram).where(AssessmentProgram.self_booking.is_(True)))
    )[0]
    assert booking.results_released_at is None and booking.expected_release_on
    assert booking.booking_deadline > clock.now()
    assert any(taken.get(s.id, 0) < s.capacity for s in sessions if s.program_id == booking.id)


async def test_courses_target_competencies_and_one_is_full_with_a_waitlist(db, clock):
    summary = await _build(db, clock)

    courses = [c for (c,) in await _all(db, select(Course))]
    targets = Counter(cid for (cid,) in await _all(db, select(CourseCompetency.course_id)))
    assert len(courses) == summary.courses >= 20
    assert all(targets[c.id] >= 1 and 2 <= c.jp <= 40 for c in courses)
    assert (
        sum(c.registration_opens_at <= clock.now() < c.registration_closes_at for c in courses)
        > len(courses) / 2
    )
    enrolled = Counter(await _all(db, select(Enrollment.course_id, Enrollment.status)))
    assert all(enrolled[(c.id, EnrollmentStatus.REGISTERED)] == c.seats_taken for c in courses)
    full = [c for c in courses if enrolled[(c.id, EnrollmentStatus.REGISTERED)] == c.quota]
    assert full and enrolled[(full[0].id, EnrollmentStatus.WAITLISTED)] > 0
    years = {y for (y,) in await _all(db, select(JpEntry.year))}
    assert years == {clock.now().year}


async def test_same_seed_gives_the_same_people(tmp_path, migrated_sqlite, clock):
    async def people(name, seed):
        path = tmp_path / f"{name}.db"
        shutil.copyfile(migrated_sqlite, path)
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        db = create_sessionmaker(engine)
        await _build(db, clock, seed=seed)
        rows = await _all(
            db, select(Employee.nip, Employee.name, Employee.phone).order_by(Employee.id)
        )
        await engine.dispose()
        return rows

    first = await people("a", 11)
    assert await people("b", 11) == first
    assert await people("c", 12) != first


async def test_refuses_a_database_that_already_holds_employees(db, clock):
    await _build(db, clock)

    with pytest.raises(DemoRefused, match="already holds 300 employees"):
        await _build(db, clock)


async def test_refuses_too_few_employees(db, clock):
    with pytest.raises(ValueError, match="at least 100"):
        await _build(db, clock, employees=10)


async def test_default_size_matches_the_article(tmp_path, migrated_sqlite, clock):
    path = tmp_path / "full.db"
    shutil.copyfile(migrated_sqlite, path)
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    summary = await build_demo(create_sessionmaker(engine), now=clock.now())
    await engine.dispose()

    assert summary.employees == 8971
    assert summary.assessed_2024 == {"Administrator": 555, "Pengawas": 703, "Pelaksana": 742}
    assert summary.categories_2024["Cukup Optimal"] == max(summary.categories_2024.values())


async def test_demo_employees_have_their_documented_invitations_and_hours(db, clock):
    await _build(db, clock)
    nips = {d.key: d.nip for d in DEMO_EMPLOYEES}

    invited = dict(
        await _all(
            db,
            select(Employee.nip, AssessmentSession.code)
            .join(Participation, Participation.employee_id == Employee.id)
            .join(AssessmentSession, AssessmentSession.id == Participation.session_id)
            .where(AssessmentSession.starts_at > clock.now()),
        )
    )
    hours = dict(
        await _all(
            db,
            select(Employee.nip, func.sum(JpEntry.jp))
            .join(JpEntry, JpEntry.employee_id == Employee.id)
            .group_by(Employee.nip),
        )
    )
    assert invited[nips["administrator"]].endswith("-GRS-1")
    assert invited[nips["pelaksana"]].endswith("-KR2-1")
    assert nips["pppk"] not in invited
    assert {key: Decimal(hours.get(nip, 0)) for key, nip in nips.items()} == {
        "administrator": 12,
        "pengawas": 24,
        "pelaksana": 0,
        "pppk": 6,
        "tanpa_hp": 3,
    }


async def test_a_finished_session_has_enough_survey_answers_to_show_an_ikm(db, clock):
    await _build(db, clock)

    async with db() as session:
        periods = await survey_queries.periods(session, kind=SurveyKind.SKM)
        assert len(periods) == 1
        period, respondents = periods[0]
        totals = await survey_queries.totals(session, kind=SurveyKind.SKM, period=period)
        invitations = await session.scalar(select(func.count()).select_from(SurveyInvitation))
    index = ikm.from_sums(ikm.sums_by_element(totals.sums), totals.respondents)
    assert respondents == totals.respondents >= DEFAULT_MIN_RESPONDENTS
    assert 25 <= index.ikm <= 100
    assert index.grade in {"A", "B", "C", "D"}
    assert invitations == 0  # the answers name nobody


async def test_a_finished_session_has_check_ins_and_some_who_did_not_come(db, clock):
    await _build(db, clock)

    rows = await _all(
        db,
        select(Participation.status, Participation.checked_in_at, AssessmentSession.starts_at)
        .join(AssessmentSession, AssessmentSession.id == Participation.session_id)
        .where(AssessmentSession.code.like("UKJF%-GRS-2")),
    )
    codes = await _all(db, select(CheckinCode.payload, CheckinCode.expires_at))

    came = [(status, at, start) for status, at, start in rows if at is not None]
    absent = [status for status, at, _ in rows if at is None]
    assert len(came) >= 5 and len(absent) >= 1
    assert {status for status, _, _ in came} == {"attended"}
    assert set(absent) == {"confirmed"}
    for _, at, start in came:
        assert start - timedelta(minutes=45) <= at <= start + timedelta(minutes=20)
        assert start < clock.now()
    assert len(codes) == 1 and codes[0][1] < clock.now()  # its code has lapsed


async def test_a_finished_course_has_evaluations_to_show_its_means(db, clock):
    await _build(db, clock)

    async with db() as session:
        periods = await survey_queries.periods(session, kind=SurveyKind.COURSE)
        assert len(periods) == 1
        courses = await per_course(session, period=periods[0][0])
        invitations = await session.scalar(select(func.count()).select_from(SurveyInvitation))
    assert len(courses) == 1
    evaluated = courses[0]
    assert evaluated.course.status == CourseStatus.DONE
    assert evaluated.respondents >= DEFAULT_MIN_RESPONDENTS
    assert sorted(evaluated.sums) == [0, 1, 2, 3, 4]
    assert all(
        evaluated.respondents <= s <= 4 * evaluated.respondents for s in evaluated.sums.values()
    )
    assert invitations == 0  # the answers name nobody
