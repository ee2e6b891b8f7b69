"""Which Gapura courses to recommend from an employee's own competency gaps.

Development plans come from the gap between the profile and the position's
standard (PP 11/2017 art. 205-206). A course earns
points for each of my competencies it develops, weighted by the size of my
shortfall there, so one course closing a gap of 2 outranks one closing a gap
of 1. A course whose audience excludes me (position type, PNS/PPPK, unit) is
never recommended. Full courses stay in the list: they can still be joined on
the waitlist.

With every standard met, courses for the competencies with the smallest margin
above the standard are recommended instead (reason ``rec.reason.margin``), so
the caller can say "all standards met" (see :func:`all_met`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.core.jpm import CompetencyScore, shortfalls

# Reason keys (catalogue keys; params: competency (a code), gap (an int), count).
REASON_LARGEST_GAP = "rec.reason.gap"  # covers (one of) my largest gaps
REASON_GAP = "rec.reason.gap_other"  # covers a smaller gap
REASON_GAPS = "rec.reason.gaps"  # covers several gaps; names the largest
REASON_MARGIN = "rec.reason.margin"  # no gaps: strengthens a low-margin competency


@dataclass(frozen=True)
class CourseFacts:
    """What the rule needs to know about one open course."""

    course_id: int
    title: str
    competencies: dict[str, int | None]  # code -> target level, or None for "any"
    position_types: frozenset[str]  # empty = every position type
    statuses: frozenset[str]  # PNS/PPPK; empty = both
    unit_id: int | None  # None = every unit
    jp: Decimal
    seats_left: int


@dataclass(frozen=True)
class Recommendation:
    """A course worth taking and why, as a catalogue key and its parameters.

    ``reason_params["competency"]`` is a competency code: show it with
    ``bot.texts.domain.reason_params``, which puts the name in the reader's language.
    """

    course_id: int
    score: float
    reason_key: str
    reason_params: dict[str, object]


def is_open_to(
    course: CourseFacts, *, position_type: str, status: str, unit_ids: frozenset[int]
) -> bool:
    """Whether the course's audience includes this employee."""
    if course.position_types and position_type not in course.position_types:
        return False
    if course.statuses and status not in course.statuses:
        return False
    return course.unit_id is None or course.unit_id in unit_ids


def all_met(scores: Sequence[CompetencyScore]) -> bool:
    """True when no competency is below its standard (recommendations use margins)."""
    return not shortfalls(scores)


def recommend(
    scores: Sequence[CompetencyScore],
    courses: Sequence[CourseFacts],
    *,
    position_type: str,
    status: str,
    unit_ids: frozenset[int],
    limit: int = 5,
) -> list[Recommendation]:
    """Up to ``limit`` courses, best first (score descending, then course id).

    ``unit_ids`` holds the employee's unit and its parents, so a course for an
    OPD reaches the people of its sub-units. No scores give no recommendations.
    """
    open_to_me = [
        c
        for c in courses
        if is_open_to(c, position_type=position_type, status=status, unit_ids=unit_ids)
    ]
    if all_met(scores):
        found = [_for_margins(c, scores) for c in open_to_me]
    else:
        found = [_for_gaps(c, scores) for c in open_to_me]
    ranked = sorted((r for r in found if r is not None), key=lambda r: (-r.score, r.course_id))
    return ranked[:limit]


def _for_gaps(course: CourseFacts, scores: Sequence[CompetencyScore]) -> Recommendation | None:
    below = shortfalls(scores)
    largest = -below[0].gap
    covered: list[CompetencyScore] = []
    score = 0.0
    for s in below:  # largest shortfall first
        if s.code not in course.competencies:
            continue
        target = course.competencies[s.code]
        reach = s.required if target is None else min(target, s.required)
        closable = reach - s.achieved
        if closable <= 0:  # the course stops at or below where I already am
            continue
        covered.append(s)
        score += closable * -s.gap
    if not covered:
        return None
    first = covered[0]
    params: dict[str, object] = {"competency": first.code, "gap": first.gap}
    if len(covered) > 1:
        key = REASON_GAPS
        params["count"] = len(covered)
    else:
        key = REASON_LARGEST_GAP if -first.gap == largest else REASON_GAP
    return Recommendation(course.course_id, score, key, params)


def _for_margins(course: CourseFacts, scores: Sequence[CompetencyScore]) -> Recommendation | None:
    best: CompetencyScore | None = None
    score = 0.0
    for s in sorted(scores, key=lambda s: (s.gap, s.code)):  # smallest margin first
        if s.code not in course.competencies:
            continue
        target = course.competencies[s.code]
        if target is not None and target <= s.achieved:
            continue
        score += 1.0 / (1 + s.gap)
        best = best or s
    if best is None:
        return None
    return Recommendation(
        course.course_id, score, REASON_MARGIN, {"competency": best.code, "gap": best.gap}
    )
