"""Which open courses /jp suggests to close the year's JP shortfall."""

from __future__ import annotations

from decimal import Decimal

from bot.core.jp_plan import courses_to_close
from bot.core.recommend import CourseFacts


def course(course_id: int, jp: str) -> CourseFacts:
    return CourseFacts(
        course_id, f"Kursus {course_id}", {}, frozenset(), frozenset(), None, Decimal(jp), 10
    )


def ids(found: list[CourseFacts]) -> list[int]:
    return [c.course_id for c in found]


def test_courses_for_my_gaps_come_first_in_their_rank_order() -> None:
    courses = [course(1, "40"), course(2, "8"), course(3, "8"), course(4, "30")]

    found = courses_to_close(Decimal("7.5"), courses, ranked_for_gaps=[3, 2])

    assert ids(found) == [3, 2, 1]


def test_among_others_a_course_that_closes_the_remainder_wins_then_the_larger() -> None:
    courses = [course(1, "4"), course(2, "6"), course(3, "10"), course(4, "12")]

    found = courses_to_close(Decimal("7.5"), courses)

    assert ids(found) == [4, 3, 2]


def test_nothing_is_suggested_once_the_target_is_met() -> None:
    assert courses_to_close(Decimal(0), [course(1, "8")]) == []
