"""Yearly development hours (JP): progress, minutes, and who is behind."""

from datetime import date
from decimal import Decimal

import pytest

from bot.core.errors import DomainError
from bot.core.jp import is_behind, jp_progress, minutes_to_jp
from bot.texts.catalogue import load
from bot.texts.domain import describe
from bot.texts.numbers import format_number

ID_TEXTS = load("id").every_form()
EN_TEXTS = load("en").every_form()

TARGET = Decimal(20)


def test_progress_counts_what_remains_towards_the_target():
    progress = jp_progress(Decimal(12), TARGET)

    assert progress.earned == Decimal(12)
    assert progress.target == TARGET
    assert progress.remaining == Decimal(8)
    assert progress.percent == Decimal(60)
    assert progress.met is False
    assert progress.shown_percent == Decimal("60.0")


def test_progress_beyond_the_target_keeps_raw_percent_but_shows_100():
    progress = jp_progress(Decimal(25), TARGET)

    assert progress.remaining == Decimal(0)
    assert progress.percent == Decimal(125)
    assert progress.shown_percent == Decimal("100.0")
    assert progress.met is True


def test_exactly_the_target_is_met():
    assert jp_progress(Decimal(20), TARGET).met is True


def test_a_target_of_zero_is_met_at_100_percent():
    progress = jp_progress(Decimal(0), Decimal(0))

    assert (progress.met, progress.percent, progress.remaining) == (True, Decimal(100), Decimal(0))


def test_progress_accepts_whole_numbers():
    assert jp_progress(5, 20).percent == Decimal(25)


def test_negative_jp_is_refused():
    with pytest.raises(DomainError) as caught:
        jp_progress(Decimal(-1), TARGET)

    assert caught.value.key == "jp.negative_hours"
    assert "-1" in describe(caught.value, "id")


@pytest.mark.parametrize(
    ("minutes", "jp"),
    [(0, "0.00"), (45, "1.00"), (90, "2.00"), (30, "0.66"), (899, "19.97"), (900, "20.00")],
)
def test_minutes_become_jp_at_45_minutes_each_rounded_down_to_hundredths(minutes, jp):
    assert minutes_to_jp(minutes) == Decimal(jp)


def test_minutes_per_jp_is_a_setting():
    assert minutes_to_jp(100, minutes_per_jp=60) == Decimal("1.66")


def test_negative_minutes_are_refused():
    with pytest.raises(DomainError) as caught:
        minutes_to_jp(-5)

    assert caught.value.key == "jp.negative_minutes"
    assert "-5" in describe(caught.value, "en")


def test_a_jp_of_zero_minutes_is_refused():
    with pytest.raises(DomainError) as caught:
        minutes_to_jp(90, minutes_per_jp=0)

    assert caught.value.key == "jp.invalid_minutes_per_jp"


# Behind schedule: by default, from October with less than half the target


def test_less_than_half_in_october_is_behind():
    assert is_behind(jp_progress(Decimal("9.99"), TARGET), today=date(2025, 10, 1)) is True


def test_less_than_half_at_the_end_of_september_is_not_yet_behind():
    assert is_behind(jp_progress(Decimal(0), TARGET), today=date(2025, 9, 30)) is False


def test_half_the_target_in_december_is_not_behind():
    assert is_behind(jp_progress(Decimal(10), TARGET), today=date(2025, 12, 31)) is False


def test_target_met_is_never_behind():
    assert is_behind(jp_progress(Decimal(0), Decimal(0)), today=date(2025, 12, 31)) is False


def test_behind_rule_month_and_share_are_parameters():
    today = date(2025, 7, 1)

    assert is_behind(jp_progress(4, TARGET), today=today, after_month=6, min_share=0.25)
    assert not is_behind(jp_progress(5, TARGET), today=today, after_month=6, min_share=0.25)
    assert not is_behind(
        jp_progress(4, TARGET), today=today, after_month=7, min_share=Decimal("0.25")
    )


def test_behind_rule_refuses_a_month_outside_the_year():
    with pytest.raises(ValueError):
        is_behind(jp_progress(0, TARGET), today=date(2025, 7, 1), after_month=13)


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (Decimal("12.5"), "id", "12,5"),
        (Decimal("12.5"), "en", "12.5"),
        (Decimal("20.00"), "id", "20"),
        (Decimal("19.97"), "id", "19,97"),
        (Decimal(0), "en", "0"),
    ],
)
def test_jp_is_shown_without_trailing_zeros_in_the_users_language(value, lang, shown):
    assert format_number(value, lang) == shown


def test_every_jp_key_exists_in_both_languages():
    jp_keys = {key for key in ID_TEXTS if key.startswith("jp.")}

    assert len(jp_keys) >= 3
    assert jp_keys == {key for key in EN_TEXTS if key.startswith("jp.")}
