"""Phone normalisation and the failed-attempt limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.attempts import AttemptLimit
from bot.core.phone import normalise_phone, same_phone


@pytest.mark.parametrize(
    "raw",
    [
        "+6281234567890",
        "6281234567890",
        "081234567890",
        "0812-3456-7890",
        "+62 812 3456 7890",
        "81234567890",
        "(0812) 3456.7890",
    ],
)
def test_every_way_of_writing_a_mobile_number_normalises_the_same(raw: str) -> None:
    assert normalise_phone(raw) == "+6281234567890"


@pytest.mark.parametrize("raw", ["", "12345", "0212345678", "+1 650 555 0100", "08abc", "0812"])
def test_numbers_that_are_not_indonesian_mobiles_are_refused(raw: str) -> None:
    assert normalise_phone(raw) is None


def test_same_phone_compares_normalised_forms_and_never_matches_a_missing_record() -> None:
    assert same_phone("081234567890", "6281234567890")
    assert not same_phone("081234567890", "6281234567891")
    assert not same_phone(None, "6281234567890")
    assert not same_phone("", "")


NOW = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


def test_four_failures_leave_one_more_try() -> None:
    failures = [NOW - timedelta(minutes=m) for m in (1, 2, 3, 4)]
    assert AttemptLimit().locked_until(failures, now=NOW) is None


def test_five_failures_lock_until_the_oldest_leaves_the_window() -> None:
    failures = [NOW - timedelta(minutes=m) for m in (1, 2, 3, 4, 10)]
    assert AttemptLimit().locked_until(failures, now=NOW) == NOW + timedelta(minutes=5)


def test_failures_older_than_the_window_do_not_count() -> None:
    failures = [NOW - timedelta(minutes=m) for m in (1, 2, 3, 4, 15, 20)]
    assert AttemptLimit().locked_until(failures, now=NOW) is None
