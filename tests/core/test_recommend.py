"""Recommending Gapura courses from an employee's own gaps."""

from decimal import Decimal
from typing import TypedDict

from bot.core.jpm import CompetencyScore
from bot.core.recommend import (
    REASON_GAP,
    REASON_GAPS,
    REASON_LARGEST_GAP,
    REASON_MARGIN,
    CourseFacts,
    all_met,
    is_open_to,
    recommend,
)
from bot.texts import t
from bot.texts.catalogue import load
from bot.texts.domain import reason_params

ID_TEXTS = load("id").every_form()
EN_TEXTS = load("en").every_form()


class Person(TypedDict):
    position_type: str
    status: str
    unit_ids: frozenset[int]


ME: Person = {"position_type": "Administrator", "status": "PNS", "unit_ids": frozenset({10, 1})}


def course(
    course_id: int,
    competencies: dict[str, int | None],
    *,
    position_types: frozenset[str] = frozenset(),
    statuses: frozenset[str] = frozenset(),
    unit_id: int | None = None,
    seats_left: int = 10,
) -> CourseFacts:
    return CourseFacts(
        course_id=course_id,
        title=f"Kursus {course_id}",
        competencies=competencies,
        position_types=position_types,
        statuses=statuses,
        unit_id=unit_id,
        jp=Decimal("16"),
        seats_left=seats_left,
    )


def scores(**achieved: int) -> list[CompetencyScore]:
    """Standard 3 everywhere; keyword M_03=2 means M.03 achieved 2."""
    return [CompetencyScore(code.replace("_", "."), 3, level) for code, level in achieved.items()]


def test_the_course_for_the_largest_gap_ranks_first() -> None:
    mine = scores(M_01=3, M_02=2, M_03=1)
    courses = [course(1, {"M.02": None}), course(2, {"M.03": None}), course(3, {"M.01": None})]

    found = recommend(mine, courses, **ME)

    assert [r.course_id for r in found] == [2, 1]  # M.01 is met: course 3 is not recommended
    assert found[0].reason_key == REASON_LARGEST_GAP
    assert found[0].reason_params == {"competency": "M.03", "gap": -2}
    assert found[1].reason_key == REASON_GAP


def test_a_course_closing_several_gaps_names_the_largest_and_counts_them() -> None:
    mine = scores(M_01=2, M_02=2, M_03=1)
    courses = [course(1, {"M.03": None}), course(2, {"M.01": None, "M.02": None, "M.03": None})]

    found = recommend(mine, courses, **ME)

    assert [r.course_id for r in found] == [2, 1]
    assert found[0].reason_key == REASON_GAPS
    assert found[0].reason_params == {"competency": "M.03", "gap": -2, "count": 3}


def test_ties_are_broken_by_course_id() -> None:
    mine = scores(M_01=2, M_02=2)
    courses = [course(7, {"M.02": None}), course(4, {"M.01": None}), course(5, {"M.02": None})]

    assert [r.course_id for r in recommend(mine, courses, **ME)] == [4, 5, 7]


def test_a_course_whose_target_level_is_not_above_mine_does_not_count() -> None:
    mine = scores(M_01=2, M_02=1)
    courses = [
        course(1, {"M.01": 2}),  # stops where I already am
        course(2, {"M.02": 2}),  # closes one of my two levels
        course(3, {"M.02": 5}),  # closes all of it (up to the standard)
    ]

    found = recommend(mine, courses, **ME)

    assert [r.course_id for r in found] == [3, 2]
    assert found[0].score > found[1].score


def test_a_course_whose_audience_excludes_me_is_never_recommended() -> None:
    mine = scores(M_01=1)
    courses = [
        course(1, {"M.01": None}, position_types=frozenset({"Pelaksana"})),
        course(2, {"M.01": None}, statuses=frozenset({"PPPK"})),
        course(3, {"M.01": None}, unit_id=99),
        course(4, {"M.01": None}, position_types=frozenset({"Administrator", "Pengawas"})),
        course(5, {"M.01": None}, unit_id=1),  # my unit's parent OPD
        course(6, {"M.01": None}, statuses=frozenset({"PNS"}), seats_left=0),  # waitlist
    ]

    assert [r.course_id for r in recommend(mine, courses, **ME)] == [4, 5, 6]
    assert not is_open_to(courses[0], **ME)


def test_the_limit_keeps_the_best() -> None:
    mine = scores(M_01=1, M_02=2)
    courses = [course(i, {"M.02": None}) for i in range(1, 8)] + [course(50, {"M.01": None})]

    found = recommend(mine, courses, **ME, limit=3)

    assert [r.course_id for r in found] == [50, 1, 2]


def test_with_every_standard_met_the_smallest_margin_is_strengthened() -> None:
    mine = scores(M_01=3, M_02=4, M_03=5)
    courses = [
        course(1, {"M.02": None}),
        course(2, {"M.01": 4}),
        course(3, {"M.01": 3}),  # nothing above where I am
        course(4, {"M.03": 5}),
    ]

    found = recommend(mine, courses, **ME)

    assert all_met(mine)
    assert [r.course_id for r in found] == [2, 1]
    assert found[0].reason_key == REASON_MARGIN
    assert found[0].reason_params == {"competency": "M.01", "gap": 0}


def test_no_scores_and_no_matching_courses_give_nothing() -> None:
    assert recommend([], [course(1, {"M.01": None})], **ME) == []
    assert recommend(scores(M_01=1), [course(1, {"M.05": None})], **ME) == []
    assert recommend(scores(M_01=1), [], **ME) == []


def test_the_reason_names_the_competency_in_the_readers_language() -> None:
    found = recommend(scores(M_03=1), [course(1, {"M.03": None})], **ME)[0]

    assert reason_params(found, "id")["competency"] == "Komunikasi"
    assert reason_params(found, "en")["competency"] == "Communication"
    assert found.reason_params["competency"] == "M.03"  # unchanged


def test_every_reason_key_is_in_both_catalogues() -> None:
    for key in (REASON_LARGEST_GAP, REASON_GAP, REASON_GAPS, REASON_MARGIN):
        assert key in ID_TEXTS and key in EN_TEXTS
        t(key, "id", competency="Komunikasi", gap="-1", count=2)
