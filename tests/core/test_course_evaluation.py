"""The Gapura course evaluation's rules (``bot.core.survey``): due the day after the
course's last day at 09.00, one reminder, none once finished, lapsed or closed; its
period is the year of the last day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.sending import OPTIONAL_KINDS
from bot.core.survey import (
    COURSE,
    NOTICE_KINDS,
    SKM,
    SURVEYS,
    TOOK_PART,
    course_evaluation_notices,
    course_over,
    course_period,
    survey_key,
)
from bot.core.vocabulary import EnrollmentStatus, NotificationKind

WIB = ZoneInfo("Asia/Jakarta")
# Wednesday 3 to Friday 5 June 2026: due Saturday 6 June, 09.00 WIB (the dispatcher
# then waits for Monday: bot.core.sending).
STARTS, ENDS = date(2026, 6, 3), date(2026, 6, 5)
DUE = datetime(2026, 6, 6, 2, 0, tzinfo=UTC)


def notices(*, finished: bool = False, now: datetime, ends_on: date = ENDS) -> list[object]:
    return list(
        course_evaluation_notices(
            course_id=12,
            employee_id=7,
            title="Pelatihan Komunikasi Efektif",
            starts_on=STARTS,
            ends_on=ends_on,
            finished=finished,
            tz=WIB,
            now=now,
        )
    )


def test_the_evaluation_is_due_the_morning_after_the_last_day_then_one_reminder() -> None:
    planned = course_evaluation_notices(
        course_id=12,
        employee_id=7,
        title="Pelatihan Komunikasi Efektif",
        starts_on=STARTS,
        ends_on=ENDS,
        finished=False,
        tz=WIB,
        now=datetime(2026, 6, 5, 3, 0, tzinfo=UTC),
    )
    assert [(n.key, n.kind, n.due_at) for n in planned] == [
        ("survey:course_evaluation:course:12:emp:7", NotificationKind.COURSE_EVALUATION, DUE),
        (
            "survey:course_evaluation:course:12:emp:7:again",
            NotificationKind.COURSE_EVALUATION,
            DUE + timedelta(days=2),
        ),
    ]
    assert {n.stale_after for n in planned} == {DUE + timedelta(days=14)}
    assert planned[0].payload == {
        "survey": "course_evaluation",
        "course_id": 12,
        "period": "2026",
        "title": "Pelatihan Komunikasi Efektif",
        "starts_on": "2026-06-03",
        "ends_on": "2026-06-05",
    }
    assert planned[1].payload["again"] is True


def test_no_evaluation_once_finished_lapsed_or_its_period_closed() -> None:
    assert notices(finished=True, now=DUE) == []
    assert notices(now=DUE + timedelta(days=14)) == []
    assert len(notices(now=DUE + timedelta(days=13))) == 2
    # A course that ended on 30 December 2025: its period (2025) closed on 1 Feb 2026.
    assert notices(ends_on=date(2025, 12, 30), now=datetime(2026, 2, 2, tzinfo=UTC)) == []


def test_a_course_is_over_when_its_last_day_is_and_counts_in_that_year() -> None:
    assert course_over(ENDS, WIB) == datetime(2026, 6, 5, 17, 0, tzinfo=UTC)  # midnight WIB
    assert course_period(date(2026, 1, 2)) == "2026"


def test_the_course_evaluation_is_its_own_survey_and_its_own_reminder_kind() -> None:
    assert {SKM.kind: SKM, COURSE.kind: COURSE} == SURVEYS
    assert COURSE.questions == 5
    assert NOTICE_KINDS[COURSE.kind] == NotificationKind.COURSE_EVALUATION
    assert NOTICE_KINDS[SKM.kind] == NotificationKind.SURVEY
    assert survey_key(SKM.kind, 4, 7) == "survey:skm:session:4:emp:7"  # unchanged
    # Appended last: /pengingat's buttons name positions (rem:t:<index>).
    assert OPTIONAL_KINDS[-1] == NotificationKind.COURSE_EVALUATION
    assert OPTIONAL_KINDS.index(NotificationKind.SURVEY) == 6
    assert TOOK_PART == (EnrollmentStatus.REGISTERED, EnrollmentStatus.COMPLETED)
