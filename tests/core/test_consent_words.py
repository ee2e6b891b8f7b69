"""A typed answer to the consent question, read like its buttons."""

from __future__ import annotations

import pytest

from bot.core.consent_words import consent_answer


@pytest.mark.parametrize(
    "text",
    [
        "setuju",
        "Setuju.",
        "ya",
        "Iyaaa",
        "ya pak",
        "oke",
        "Ok, terima kasih",
        "siap bu",
        "boleh",
        "yes",
        "Yes!",
        "I agree",
        "ya 👍",
    ],
)
def test_a_typed_yes_is_a_yes(text: str) -> None:
    assert consent_answer(text) is True


@pytest.mark.parametrize(
    "text",
    ["tidak", "Tidak setuju", "nggak", "gak mau", "tdk", "no", "No thanks", "I do not agree"],
)
def test_a_typed_no_is_a_no(text: str) -> None:
    assert consent_answer(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "",
        "👍",
        "terima kasih",
        "ya tapi hasil saya kapan?",
        "198609262015051001",
        "setuju 1",
        "halo",
        "ya ya ya ya ya ya ya",  # a sentence, not an answer
    ],
)
def test_anything_else_is_no_answer(text: str) -> None:
    assert consent_answer(text) is None
