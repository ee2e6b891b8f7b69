"""The IKM of PermenPANRB 14/2017 (``bot.core.ikm``) and the survey's timing rules
(``bot.core.survey``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from bot.core import ikm
from bot.core.survey import (
    SKM,
    is_closed,
    latest_closed,
    period_of,
    shown_apart,
    survey_notices,
)

WIB = ZoneInfo("Asia/Jakarta")

# Five respondents, the nine elements in the regulation's order (U1 persyaratan ...
# U9 sarana dan prasarana).
KNOWN = [
    (4, 4, 3, 4, 3, 4, 4, 3, 3),
    (3, 3, 3, 4, 3, 3, 4, 2, 3),
    (4, 3, 2, 4, 3, 3, 3, 3, 4),
    (3, 4, 3, 4, 4, 4, 4, 3, 3),
    (3, 3, 3, 4, 3, 3, 4, 3, 2),
]


def test_a_known_set_of_answers_gives_the_hand_computed_ikm_and_grade() -> None:
    """By hand:

    element sums (5 respondents): U1 17, U2 17, U3 14, U4 20, U5 16, U6 17, U7 19,
    U8 14, U9 15; NRR = sum / 5: 3,40 3,40 2,80 4,00 3,20 3,40 3,80 2,80 3,00.
    NRR tertimbang = NRR x 1/9; their sum (the index) = (17+17+14+20+16+17+19+14+15)
    / (5 x 9) = 149 / 45 = 3,3111...; IKM = 3,3111... x 25 = 82,777... = 82,78.
    3,0644 <= 3,3111 < 3,5324 (and 76,61 <= 82,78 <= 88,30): mutu B, kinerja Baik.
    """
    index = ikm.compute(KNOWN)

    assert index.respondents == 5
    assert [e.sum for e in index.elements] == [17, 17, 14, 20, 16, 17, 19, 14, 15]
    assert [ikm.rounded(e.mean) for e in index.elements] == [
        Decimal(v) for v in ("3.40", "3.40", "2.80", "4.00", "3.20", "3.40", "3.80", "2.80", "3.00")
    ]
    assert index.value == Fraction(149, 45)
    assert ikm.rounded(index.ikm) == Decimal("82.78")
    assert index.grade == "B"
    # The weighted mean of U4 (4,00 x 1/9) as the XLSX shows it.
    assert ikm.rounded(index.elements[3].weighted, 4) == Decimal("0.4444")


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("1", "D"),
        ("2.5996", "D"),
        ("2.5999", "D"),  # in the table's gap: below C's lower bound
        ("2.60", "C"),
        ("3.064", "C"),
        ("3.0643", "C"),
        ("3.0644", "B"),
        ("3.532", "B"),
        ("3.5324", "A"),
        ("4", "A"),
    ],
)
def test_grades_follow_the_lower_bounds_of_the_regulations_intervals(
    value: str, grade: str
) -> None:
    assert ikm.grade(Fraction(value)) == grade


def test_all_best_is_100_and_all_worst_is_25() -> None:
    assert ikm.compute([(4,) * 9] * 3).ikm == 100
    assert ikm.compute([(4,) * 9] * 3).grade == "A"
    assert ikm.compute([(1,) * 9]).ikm == 25
    assert ikm.compute([(1,) * 9]).grade == "D"


def test_the_index_from_sums_equals_the_index_from_rows() -> None:
    sums = [sum(row[i] for row in KNOWN) for i in range(9)]
    assert ikm.from_sums(sums, 5).value == ikm.compute(KNOWN).value
    assert ikm.sums_by_element({0: 17, 8: 15}) == [17, 0, 0, 0, 0, 0, 0, 0, 15]


@pytest.mark.parametrize("row", [(5,) * 9, (0,) * 9, (4,) * 8])
def test_an_answer_outside_1_to_4_or_a_missing_one_is_refused(row: tuple[int, ...]) -> None:
    with pytest.raises(ikm.InvalidAnswer):
        ikm.compute([row])


def test_the_survey_is_due_half_an_hour_after_the_session_then_one_reminder() -> None:
    starts = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 08.00 WIB
    ends = starts + timedelta(hours=6)
    notices = survey_notices(
        kind=SKM.kind,
        session_id=4,
        employee_id=7,
        starts_at=starts,
        ends_at=ends,
        venue="BKPSDM",
        finished=False,
        tz=WIB,
        now=ends,
    )
    assert [(n.key, n.due_at) for n in notices] == [
        ("survey:skm:session:4:emp:7", ends + timedelta(minutes=30)),
        ("survey:skm:session:4:emp:7:again", ends + timedelta(days=2, minutes=30)),
    ]
    assert notices[1].payload["again"] is True
    assert {n.stale_after for n in notices} == {ends + timedelta(days=14, minutes=30)}


def test_no_survey_once_finished_lapsed_or_its_period_closed() -> None:
    starts = datetime(2025, 12, 30, 1, 0, tzinfo=UTC)
    common = {
        "kind": SKM.kind,
        "session_id": 4,
        "employee_id": 7,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=6),
        "venue": "BKPSDM",
        "tz": WIB,
    }
    assert survey_notices(finished=True, now=starts, **common) == []  # type: ignore[arg-type]
    later = starts + timedelta(days=15)
    assert survey_notices(finished=False, now=later, **common) == []  # type: ignore[arg-type]
    assert period_of(starts, WIB) == "2025"
    assert not is_closed("2025", now=datetime(2026, 1, 31, 0, 0, tzinfo=UTC), tz=WIB)
    assert is_closed("2025", now=datetime(2026, 1, 31, 17, 0, tzinfo=UTC), tz=WIB)
    assert latest_closed(datetime(2026, 1, 15, tzinfo=UTC), WIB) == "2024"
    assert latest_closed(datetime(2026, 2, 15, tzinfo=UTC), WIB) == "2025"


def test_a_group_under_the_minimum_is_not_shown_apart() -> None:
    assert not shown_apart(4, 5)
    assert shown_apart(5, 5)
    assert shown_apart(1, 0)  # a minimum below 1 still needs one answer
