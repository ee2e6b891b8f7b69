"""/statistik's paging and the pace the goal asks for."""

import pytest

from bot.core.coverage import Coverage, project
from bot.core.stats import needed_per_year, page_of


@pytest.mark.parametrize(
    ("total", "asked", "number", "count", "offset", "previous", "following"),
    [
        (43, 1, 1, 5, 0, False, True),
        (43, 3, 3, 5, 20, True, True),
        (43, 5, 5, 5, 40, True, False),
        (43, 99, 5, 5, 40, True, False),  # a forged or stale page: the last one
        (43, 0, 1, 5, 0, False, True),
        (0, 1, 1, 1, 0, False, False),  # nothing: one empty page
        (10, 2, 1, 1, 0, False, False),
    ],
)
def test_a_page_of_ten_lines(total, asked, number, count, offset, previous, following):
    page = page_of(total, asked)

    assert (page.number, page.count, page.offset, page.size) == (number, count, offset, 10)
    assert (page.has_previous, page.has_next) == (previous, following)


def test_the_pace_needed_to_finish_by_the_goal_counts_this_year():
    coverage = Coverage(2000, 8971)
    projection = project(coverage, {2024: 2000})  # goal by 2026

    assert needed_per_year(coverage, projection, 2025) == 3486  # 6971 left over two years
    assert needed_per_year(coverage, projection, 2026) == 6971
    assert needed_per_year(coverage, projection, 2027) is None  # the goal year has passed
    assert needed_per_year(Coverage(5, 5), projection, 2025) is None
