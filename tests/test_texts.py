"""The catalogue: both languages say the same things, with the same blanks."""

from __future__ import annotations

import re
import string

from telegram.constants import MessageLimit

from bot.texts import en, id

FIELD = string.Formatter()


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in FIELD.parse(template) if name}


def test_both_languages_have_the_same_keys() -> None:
    assert set(id.TEXTS) == set(en.TEXTS)


def test_both_languages_use_the_same_placeholders() -> None:
    for key, template in id.TEXTS.items():
        assert fields(template) == fields(en.TEXTS[key]), key


def test_every_message_uses_only_telegram_html_and_fits_a_message() -> None:
    allowed = {"b", "i", "u", "s", "code", "pre", "a", "blockquote", "tg-spoiler"}
    for catalogue in (id.TEXTS, en.TEXTS):
        for key, template in catalogue.items():
            tags = set(re.findall(r"</?([a-z-]+)", template))
            assert tags <= allowed, key
            assert len(template) < MessageLimit.MAX_TEXT_LENGTH, key
