"""JPM, categories from data, display capping and competency gaps."""

from decimal import Decimal

import pytest

from bot.core.competencies import COMPETENCY_CODES, DEFAULT_REQUIRED_LEVELS
from bot.core.errors import DomainError
from bot.core.jpm import (
    DEFAULT_THRESHOLDS,
    PASS_FAIL_THRESHOLDS,
    CategoryThreshold,
    CompetencyScore,
    category_for,
    gaps,
    jpm,
    shortfalls,
    shown_percent,
    thresholds_from_mapping,
)
from bot.texts.catalogue import load
from bot.texts.domain import competency_name, describe
from bot.texts.numbers import format_percent_value

ID_TEXTS = load("id").every_form()
EN_TEXTS = load("en").every_form()

CODES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


def administrator_example() -> list[CompetencyScore]:
    """The worked example: nine competencies at standard 3, achieved sum 24."""
    achieved = [3, 3, 2, 3, 3, 2, 3, 3, 2]
    return [CompetencyScore(code, 3, level) for code, level in zip(CODES, achieved, strict=True)]


def domain_error(call, *args) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args)
    return caught.value


# The worked example


def test_administrator_example_has_jpm_88_9_percent_cukup_optimal_and_three_gaps():
    scores = administrator_example()

    value = jpm(scores)

    assert value == Decimal(2400) / Decimal(27)
    assert percent_text(value, "id") == "88,9%"
    assert percent_text(value, "en") == "88.9%"
    assert category_for(value, DEFAULT_THRESHOLDS) == "Cukup Optimal"
    assert [(s.code, s.gap) for s in shortfalls(scores)] == [
        ("M.03", -1),
        ("M.06", -1),
        ("SK.01", -1),
    ]


def test_jpm_above_100_is_kept_raw():
    scores = [CompetencyScore("M.01", 2, 3), CompetencyScore("M.02", 2, 2)]

    assert jpm(scores) == Decimal(125)


def test_jpm_of_no_scores_is_refused():
    err = domain_error(jpm, [])

    assert err.key == "jpm.no_scores"
    assert describe(err, "en")


# Categories


@pytest.mark.parametrize(
    ("percent", "category"),
    [
        ("125", "Optimal"),
        ("90", "Optimal"),
        ("89.99", "Cukup Optimal"),
        ("78", "Cukup Optimal"),
        ("77.99", "Kurang Optimal"),
        ("0", "Kurang Optimal"),
    ],
)
def test_default_categories_start_at_90_and_78(percent, category):
    assert category_for(Decimal(percent)) == category


@pytest.mark.parametrize(
    ("percent", "category"),
    [
        ("80", "Memenuhi Syarat"),
        ("79.9", "Masih Memenuhi Syarat"),
        ("68", "Masih Memenuhi Syarat"),
        ("67.9", "Kurang Memenuhi Syarat"),
    ],
)
def test_pass_fail_categories_start_at_80_and_68(percent, category):
    assert category_for(Decimal(percent), PASS_FAIL_THRESHOLDS) == category


def test_category_does_not_depend_on_threshold_order():
    shuffled = [DEFAULT_THRESHOLDS[2], DEFAULT_THRESHOLDS[0], DEFAULT_THRESHOLDS[1]]

    assert category_for(Decimal(95), shuffled) == "Optimal"


def test_thresholds_from_stored_json_are_sorted_highest_first():
    thresholds = thresholds_from_mapping({"Kurang Optimal": 0, "Optimal": 90, "Cukup Optimal": 78})

    assert thresholds == DEFAULT_THRESHOLDS


def test_thresholds_accept_floats_and_strings_exactly():
    thresholds = thresholds_from_mapping({"A": 77.8, "B": "50.5", "C": 0})

    assert thresholds == (
        CategoryThreshold("A", Decimal("77.8")),
        CategoryThreshold("B", Decimal("50.5")),
        CategoryThreshold("C", Decimal(0)),
    )


def test_thresholds_without_one_at_zero_are_refused():
    err = domain_error(thresholds_from_mapping, {"Optimal": 90, "Cukup Optimal": 78})

    assert err.key == "jpm.thresholds_no_zero"


def test_thresholds_sharing_a_value_are_refused_naming_both():
    err = domain_error(thresholds_from_mapping, {"A": 90, "B": 90.0, "C": 0})

    assert err.key == "jpm.thresholds_duplicate"
    for lang in ("id", "en"):
        assert '"A"' in describe(err, lang)
        assert '"B"' in describe(err, lang)


def test_empty_thresholds_are_refused():
    assert domain_error(thresholds_from_mapping, {}).key == "jpm.thresholds_empty"


@pytest.mark.parametrize("value", [-1, 101, "abc", True, None, float("nan"), "Infinity"])
def test_threshold_that_is_not_a_percentage_is_refused_naming_the_category(value):
    err = domain_error(thresholds_from_mapping, {"Optimal": value, "Kurang": 0})

    assert err.key == "jpm.threshold_invalid"
    assert '"Optimal"' in describe(err, "id")


# Display


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (Decimal(105), "id", "100,0%"),
        (Decimal(105), "en", "100.0%"),
        (Decimal(100), "id", "100,0%"),
        (Decimal("88.85"), "id", "88,9%"),
        (Decimal("88.84"), "en", "88.8%"),
        (Decimal(0), "id", "0,0%"),
        (Decimal(75), "id", "75,0%"),
    ],
)
def test_shown_percent_caps_at_100_with_one_decimal_in_the_users_language(value, lang, shown):
    assert percent_text(value, lang) == shown


# Scores and gaps


def test_gap_is_achieved_minus_required():
    assert CompetencyScore("M.01", 3, 2).gap == -1
    assert CompetencyScore("M.01", 3, 5).gap == 2


def test_gaps_list_the_largest_shortfall_first_then_by_code():
    scores = [
        CompetencyScore("M.05", 3, 4),
        CompetencyScore("M.02", 3, 2),
        CompetencyScore("M.08", 4, 2),
        CompetencyScore("M.01", 3, 2),
        CompetencyScore("M.03", 3, 3),
    ]

    assert [(s.code, s.gap) for s in gaps(scores)] == [
        ("M.08", -2),
        ("M.01", -1),
        ("M.02", -1),
        ("M.03", 0),
        ("M.05", 1),
    ]
    assert [s.code for s in shortfalls(scores)] == ["M.08", "M.01", "M.02"]


def test_no_shortfalls_when_every_standard_is_met():
    assert shortfalls([CompetencyScore("M.01", 2, 2), CompetencyScore("M.02", 2, 3)]) == []


def test_gaps_of_no_scores_are_empty():
    assert gaps([]) == []


@pytest.mark.parametrize(
    ("required", "achieved", "key", "level"),
    [
        (0, 3, "jpm.required_level_out_of_range", "0"),
        (6, 3, "jpm.required_level_out_of_range", "6"),
        (3, 0, "jpm.achieved_level_out_of_range", "0"),
        (3, 6, "jpm.achieved_level_out_of_range", "6"),
    ],
)
def test_level_outside_1_to_5_is_refused_naming_competency_and_level(
    required, achieved, key, level
):
    err = domain_error(CompetencyScore, "M.04", required, achieved)

    assert err.key == key
    for lang in ("id", "en"):
        assert "M.04" in describe(err, lang)
        assert level in describe(err, lang)
        assert "1-5" in describe(err, lang)


def test_non_integer_level_is_refused():
    assert domain_error(CompetencyScore, "M.04", 3, 2.5).key == "jpm.achieved_level_out_of_range"


def test_same_competency_twice_is_refused():
    scores = [CompetencyScore("M.01", 3, 3), CompetencyScore("M.01", 3, 2)]

    err = domain_error(jpm, scores)

    assert err.key == "jpm.duplicate_competency"
    assert "M.01" in describe(err, "id")


# Reference data


def test_there_are_eight_managerial_and_one_socio_cultural_competency():
    assert list(COMPETENCY_CODES) == CODES


def test_competency_name_follows_the_language_and_passes_unknown_codes_through():
    assert competency_name("M.04", "id") == "Orientasi pada Hasil"
    assert competency_name("M.04", "en") == "Results orientation"
    assert competency_name("T.07", "id") == "T.07"


def test_default_required_levels_per_position_type():
    assert DEFAULT_REQUIRED_LEVELS == {
        "JPT": 4,
        "Administrator": 3,
        "Pengawas": 2,
        "Pelaksana": 1,
        "Fungsional": 2,
    }


def test_every_jpm_key_exists_in_both_languages():
    jpm_keys = {key for key in ID_TEXTS if key.startswith("jpm.")}

    assert len(jpm_keys) >= 8
    assert jpm_keys == {key for key in EN_TEXTS if key.startswith("jpm.")}


def percent_text(value, lang):
    """A JPM as the reader sees it: capped, one decimal, in the reader's locale."""
    return format_percent_value(shown_percent(value), lang)
