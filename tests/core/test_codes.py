"""Activation codes: friendly to type, normalised before hashing, only hashes stored."""

import hashlib
import random

import pytest

from bot.core.codes import (
    ALPHABET,
    format_code,
    generate_code,
    hash_code,
    is_well_formed,
    looks_like_code,
    normalise_code,
)


def test_generated_code_is_two_groups_of_four_without_look_alikes():
    code = generate_code(random.Random(1))

    assert len(code) == 9 and code[4] == "-"
    assert all(char in ALPHABET for char in code.replace("-", ""))
    assert not set("0O1I8") & set(code)


def test_generation_is_reproducible_with_a_seeded_rng_and_varies_otherwise():
    assert generate_code(random.Random(7)) == generate_code(random.Random(7))
    codes = {generate_code(random.SystemRandom()) for _ in range(200)}
    assert len(codes) == 200


def test_normalise_accepts_any_case_spaces_and_dashes():
    assert normalise_code(" grsk-admn ") == "GRSKADMN"
    assert normalise_code("GRSK ADMN") == "GRSKADMN"
    assert normalise_code("g-r-s-k.a_d m n") == "GRSKADMN"


def test_hash_is_sha256_of_the_normalised_code():
    expected = hashlib.sha256(b"GRSKADMN").hexdigest()

    assert hash_code("GRSK-ADMN") == expected
    assert hash_code("grsk admn") == expected
    assert hash_code("GRSK-ADMX") != expected


def test_format_groups_a_normalised_code():
    assert format_code("grskadmn") == "GRSK-ADMN"


def test_well_formed_checks_length_and_alphabet():
    assert is_well_formed("grsk-admn")
    assert not is_well_formed("GRSK-ADM")  # seven characters
    assert not is_well_formed("GRSK-ADM0")  # zero is not in the alphabet
    assert not is_well_formed("198609262015051001")


@pytest.mark.parametrize("text", ["ABCD-EFGH", "abcd efgh", "GRSK-ADMN"])
def test_a_code_typed_while_linking_is_taken_as_a_code(text: str) -> None:
    assert looks_like_code(text)


@pytest.mark.parametrize("text", ["198609262015051001", "1986 0926 2015 05 1 001", "ZZZ"])
def test_a_nip_or_anything_else_is_not_taken_as_a_code(text: str) -> None:
    assert not looks_like_code(text)
