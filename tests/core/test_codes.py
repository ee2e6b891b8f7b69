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
    looks_like_mistyped_code,
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


@pytest.mark.parametrize(
    "text",
    [
        "grsk tnhp0",  # a zero, which no code has
        "GRSK-TNH",  # a letter short
        "GRSK-TNHPP",  # a letter too many
        "GRSK - TNHP0",
        "grsktnhp0",
        "ABCD-EFG1",
    ],
)
def test_a_code_typed_wrong_is_still_taken_for_a_code(text: str) -> None:
    assert not looks_like_code(text)
    assert looks_like_mistyped_code(text)


@pytest.mark.parametrize(
    "text",
    [
        "GRSK-TNHP",  # well formed: a code, not a mistyped one
        "198609262015051001",  # a NIP
        "19860926201505100l",  # a NIP with a letter l for a one
        "halo pak",
        "jadwal saya",
        "hasil sy",  # a short word beside a long one
        "terima kasih",
        "cek hasil",
        "abc",
        "grsk tnhp 0000",  # three groups
        "GRSK-TNH!",
    ],
)
def test_a_nip_or_words_are_not_taken_for_a_code_typed_wrong(text: str) -> None:
    assert not looks_like_mistyped_code(text)


def test_almost_every_random_code_with_one_character_wrong_is_taken_for_one() -> None:
    rng = random.Random(5)
    found = 0
    for _ in range(500):
        code = normalise_code(generate_code(rng))
        position = rng.randrange(len(code))
        typo = code[:position] + rng.choice("0O1I8") + code[position + 1 :]
        found += looks_like_mistyped_code(typo[:4] + " " + typo[4:])
    # Those with three vowels or more read like words, and get the NIP's answer (27 of
    # these 500).
    assert found >= 450
