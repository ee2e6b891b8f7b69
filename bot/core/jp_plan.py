"""Which open courses would close this year's JP shortfall.

``/jp`` shows at most a few: first those that also develop my competency gaps
(in the order the recommendation ranks them), and among equals those whose JP
alone covers what remains, then the larger ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bot.core.recommend import CourseFacts

DEFAULT_LIMIT = 3


def courses_to_close(
    remaining: Decimal,
    courses: Sequence[CourseFacts],
    *,
    ranked_for_gaps: Sequence[int] = (),
    limit: int = DEFAULT_LIMIT,
) -> list[CourseFacts]:
    """Up to ``limit`` of ``courses`` (already open to me) to suggest; none once met.

    ``ranked_for_gaps`` are course ids recommended for my gaps, best first.
    """
    if remaining <= 0:
        return []
    rank = {course_id: n for n, course_id in enumerate(ranked_for_gaps)}

    def key(course: CourseFacts) -> tuple[int, int, int, Decimal, int]:
        fits = course.course_id in rank
        return (
            0 if fits else 1,
            0 if course.jp >= remaining else 1,
            rank.get(course.course_id, 0),
            -course.jp,
            course.course_id,
        )

    return sorted((c for c in courses if c.jp > 0), key=key)[:limit]
