"""NIP parsing: hard checks reject with a precise message, soft checks warn."""

from datetime import date

import pytest

from bot.core.errors import DomainError, InvalidNip
from bot.core.nip import (
    MIN_AGE_YEARS,
    MIN_BIRTH_YEAR,
    Nip,
    mask_nip,
    parse_nip,
)
from bot.texts.catalogue import load
from bot.texts.domain import describe

ID_TEXTS = load("id").every_form()
EN_TEXTS = load("en").every_form()

TODAY = date(2025, 6, 15)
EXAMPLE = "198609262015051001"  # 26 Sep 1986, May 2015, male, 001
PPPK_EXAMPLE = "199001012023212001"  # 1 Jan 1990, appointed 2023, code 21, female, 001


def make_nip(
    birth: str = "19860926", appointed: str = "201505", gender: str = "1", seq: str = "001"
) -> str:
    return birth + appointed + gender + seq


def rejection(raw: str, today: date = TODAY) -> InvalidNip:
    with pytest.raises(InvalidNip) as caught:
        parse_nip(raw, today=today)
    return caught.value


def assert_message_names(err: DomainError, *fragments: str) -> None:
    for lang in ("id", "en"):
        text = describe(err, lang)
        for fragment in fragments:
            assert fragment in text, (lang, fragment, text)


# The worked examples


def test_domain_example_nip_is_parsed_into_its_parts():
    nip = parse_nip(EXAMPLE, today=TODAY)

    assert nip == Nip(
        value=EXAMPLE,
        birth_date=date(1986, 9, 26),
        appointment_year=2015,
        appointment_month=5,
        kind="PNS",
        gender="L",
        sequence=1,
        warnings=(),
    )


def test_pppk_number_has_appointment_year_and_no_month():
    nip = parse_nip(PPPK_EXAMPLE, today=TODAY)

    assert nip.kind == "PPPK"
    assert nip.birth_date == date(1990, 1, 1)
    assert nip.appointment_year == 2023
    assert nip.appointment_month is None
    assert nip.gender == "P"
    assert nip.sequence == 1
    assert nip.warnings == ()


def test_digits_13_14_of_12_mean_a_pns_appointed_in_december():
    nip = parse_nip(make_nip(appointed="201512"), today=TODAY)

    assert (nip.kind, nip.appointment_month) == ("PNS", 12)


def test_female_pns_has_gender_p_and_keeps_its_sequence_number():
    nip = parse_nip(make_nip(gender="2", seq="014"), today=TODAY)

    assert (nip.gender, nip.sequence) == ("P", 14)


# Separators


@pytest.mark.parametrize(
    "typed",
    [
        "19860926 201505 1 001",
        "19860926.201505.1.001",
        "19860926-201505-1-001",
        "  198609262015051001 \n",
        "1986 09 26 - 2015.05 - 1 001",
        "19860926\t201505\u00a01001",
    ],
)
def test_spaces_dots_and_dashes_between_digits_are_tolerated(typed):
    assert parse_nip(typed, today=TODAY).value == EXAMPLE


def test_a_letter_is_rejected_naming_the_letter_and_its_position():
    err = rejection("19860926201505100O")

    assert err.key == "nip.invalid_character"
    assert err.params == {"char": "O", "position": 18}
    assert_message_names(err, '"O"', "18")


def test_a_slash_is_rejected_naming_the_slash():
    err = rejection("19860926/201505/1/001")

    assert err.key == "nip.invalid_character"
    assert err.params["char"] == "/"
    assert_message_names(err, '"/"', "9")


def test_non_ascii_digits_are_rejected():
    err = rejection("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١")

    assert err.key == "nip.invalid_character"


# Hard checks, in digit order


def test_nip_with_17_digits_says_how_many_were_typed():
    err = rejection(EXAMPLE[:-1])

    assert err.key == "nip.wrong_length"
    assert err.params == {"count": 17, "expected": 18}
    assert describe(err, "id") == "NIP harus 18 angka; yang Anda ketik 17 angka."
    assert_message_names(err, "18", "17")


def test_nip_with_19_digits_is_rejected():
    err = rejection(EXAMPLE + "1")

    assert (err.key, err.params["count"]) == ("nip.wrong_length", 19)


def test_empty_input_is_a_wrong_length_of_zero():
    err = rejection("   ")

    assert (err.key, err.params["count"]) == ("nip.wrong_length", 0)


def test_nip_with_birth_year_before_the_minimum_names_the_year():
    err = rejection(make_nip(birth=f"{MIN_BIRTH_YEAR - 1}0926"))

    assert err.key == "nip.birth_year_too_early"
    assert_message_names(err, str(MIN_BIRTH_YEAR - 1), str(MIN_BIRTH_YEAR))


def test_nip_born_in_the_minimum_year_is_accepted():
    nip = parse_nip(make_nip(birth=f"{MIN_BIRTH_YEAR}0101", appointed="196501"), today=TODAY)

    assert nip.birth_date == date(MIN_BIRTH_YEAR, 1, 1)


def test_nip_with_month_13_names_the_month():
    err = rejection(make_nip(birth="19861326"))

    assert err.key == "nip.birth_month_invalid"
    assert err.params == {"month": "13"}
    assert_message_names(err, "13", "01-12")


def test_nip_with_month_00_names_the_month():
    err = rejection(make_nip(birth="19860026"))

    assert (err.key, err.params["month"]) == ("nip.birth_month_invalid", "00")


def test_nip_with_31_february_names_the_day_and_the_month_length():
    err = rejection(make_nip(birth="19860231"))

    assert err.key == "nip.birth_day_invalid"
    assert err.params == {"day": "31", "month": "02", "year": "1986", "days_in_month": 28}
    assert_message_names(err, "31", "02/1986", "01-28")


def test_nip_with_29_february_in_a_non_leap_year_is_rejected():
    err = rejection(make_nip(birth="19860229"))

    assert (err.key, err.params["days_in_month"]) == ("nip.birth_day_invalid", 28)


def test_nip_with_29_february_in_a_leap_year_is_accepted():
    assert parse_nip(make_nip(birth="19880229"), today=TODAY).birth_date == date(1988, 2, 29)


def test_nip_with_day_00_is_rejected():
    err = rejection(make_nip(birth="19860900"))

    assert (err.key, err.params["day"]) == ("nip.birth_day_invalid", "00")


def test_nip_of_someone_younger_than_the_minimum_age_is_rejected():
    born = date(TODAY.year - MIN_AGE_YEARS, TODAY.month, TODAY.day + 1)

    err = rejection(make_nip(birth=born.strftime("%Y%m%d"), appointed="202501"))

    assert err.key == "nip.birth_too_recent"
    assert_message_names(err, str(born.year), str(MIN_AGE_YEARS))


def test_nip_of_someone_exactly_the_minimum_age_is_accepted():
    born = date(TODAY.year - MIN_AGE_YEARS, TODAY.month, TODAY.day)

    nip = parse_nip(make_nip(birth=born.strftime("%Y%m%d"), appointed="202501"), today=TODAY)

    assert nip.birth_date == born


def test_nip_with_a_birth_year_in_the_future_is_rejected():
    err = rejection(make_nip(birth="20860926"))

    assert err.key == "nip.birth_too_recent"


@pytest.mark.parametrize("code", ["00", "13", "20"])
def test_nip_with_digits_13_14_neither_a_month_nor_pppk_names_the_digits(code):
    err = rejection(make_nip(appointed="2015" + code))

    assert err.key == "nip.appointment_code_invalid"
    assert err.params["code"] == code
    assert_message_names(err, "13-14", code, "01-12", "21")


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_nip_with_gender_digit_other_than_1_or_2_names_the_digit(digit):
    err = rejection(make_nip(gender=digit))

    assert err.key == "nip.gender_digit_invalid"
    assert err.params == {"digit": digit}
    assert_message_names(err, "15", digit)


def test_nip_with_sequence_000_is_rejected():
    err = rejection(make_nip(seq="000"))

    assert err.key == "nip.sequence_zero"
    assert_message_names(err, "16-18", "000")


def test_invalid_nip_is_a_domain_error():
    assert issubclass(InvalidNip, DomainError)


# Soft checks


def test_appointment_the_month_before_the_18th_birthday_warns_but_parses():
    nip = parse_nip(make_nip(birth="19860926", appointed="200408"), today=TODAY)

    assert [w.key for w in nip.warnings] == ["nip.warning.appointed_before_18"]
    warning = nip.warnings[0]
    assert "08/2004" in describe(warning, "id")
    assert "08/2004" in describe(warning, "en")
    assert "18" in describe(warning, "id")


def test_appointment_in_the_month_of_the_18th_birthday_does_not_warn():
    nip = parse_nip(make_nip(birth="19860926", appointed="200409"), today=TODAY)

    assert nip.warnings == ()


def test_pppk_appointed_in_a_year_before_turning_18_warns():
    nip = parse_nip("199001012007212001", today=TODAY)

    assert [w.key for w in nip.warnings] == ["nip.warning.appointed_before_18"]
    assert "2007" in describe(nip.warnings[0], "id")


def test_pppk_appointed_in_the_year_of_turning_18_does_not_warn():
    assert parse_nip("199001012008212001", today=TODAY).warnings == ()


def test_appointment_next_month_warns_as_in_the_future():
    nip = parse_nip(make_nip(appointed="202507"), today=TODAY)

    assert [w.key for w in nip.warnings] == ["nip.warning.appointment_in_future"]
    assert "07/2025" in describe(nip.warnings[0], "id")
    assert "07/2025" in describe(nip.warnings[0], "en")


def test_appointment_this_month_is_not_in_the_future():
    assert parse_nip(make_nip(appointed="202506"), today=TODAY).warnings == ()


def test_pppk_appointed_next_year_warns_as_in_the_future():
    nip = parse_nip("199001012026212001", today=TODAY)

    assert [w.key for w in nip.warnings] == ["nip.warning.appointment_in_future"]


def test_both_soft_checks_can_warn_at_once():
    nip = parse_nip(make_nip(birth="20100101", appointed="202601"), today=TODAY)

    assert [w.key for w in nip.warnings] == [
        "nip.warning.appointed_before_18",
        "nip.warning.appointment_in_future",
    ]


# Masking


def test_masked_nip_shows_only_the_last_four_digits():
    assert parse_nip(EXAMPLE, today=TODAY).masked == "**************1001"


def test_mask_nip_drops_separators_and_keeps_the_length():
    assert mask_nip("1986-0926-2015-05-1-001") == "**************1001"
    assert mask_nip("19860926 20150510") == "************0510"


def test_mask_nip_hides_short_input_completely():
    assert mask_nip("1234") == "****"
    assert mask_nip("") == ""


def test_nip_repr_does_not_leak_the_birth_date():
    text = repr(parse_nip(EXAMPLE, today=TODAY))

    assert "1986" not in text
    assert EXAMPLE not in text


# Catalogue


@pytest.mark.parametrize("catalogue", [ID_TEXTS, EN_TEXTS], ids=["id", "en"])
def test_every_nip_key_exists_in_both_languages(catalogue):
    nip_keys = {key for key in ID_TEXTS if key.startswith("nip.")}

    assert nip_keys <= set(catalogue)
    assert len(nip_keys) >= 11
