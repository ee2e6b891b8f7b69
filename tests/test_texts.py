"""The catalogues: both languages say the same things, with the same blanks, in valid HTML."""

from __future__ import annotations

import string
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from telegram.constants import MessageLimit

from bot.texts import LANGUAGES, t
from bot.texts.catalogue import LOCALE_DIR, load, po_path
from sandbox.html import parse_html

FIELD = string.Formatter()
ID, EN = load("id"), load("en")


def fields(template: str) -> set[tuple[str, str]]:
    """Placeholders with their format specs: ``{count:n}`` -> ("count", "n")."""
    return {(name, spec or "") for _, name, spec, _ in FIELD.parse(template) if name}


def forms(lang: str, key: str) -> tuple[str, ...]:
    found = load(lang).messages[key]
    return (found,) if isinstance(found, str) else found


def test_the_catalogues_are_gettext_files_not_python() -> None:
    locale = Path(str(LOCALE_DIR))
    assert [Path(str(po_path(lang))).relative_to(locale).as_posix() for lang in LANGUAGES] == [
        "id/LC_MESSAGES/messages.po",
        "en/LC_MESSAGES/messages.po",
    ]
    assert sorted(path.name for path in locale.parent.glob("*.py") if path.stem in LANGUAGES) == []


def test_both_languages_have_the_same_keys() -> None:
    assert set(ID.messages) == set(EN.messages)
    assert len(ID.messages) > 500


def test_both_languages_and_every_plural_form_use_the_same_placeholders() -> None:
    for key in ID.messages:
        expected = fields(forms("id", key)[0])
        for lang in LANGUAGES:
            for form in forms(lang, key):
                assert fields(form) == expected, (lang, key)


def test_indonesian_has_one_plural_form_and_english_two() -> None:
    plural = [key for key, found in ID.messages.items() if not isinstance(found, str)]
    assert len(plural) >= 10
    for key in plural:
        assert len(forms("id", key)) == 1, key
        assert len(forms("en", key)) == 2, key
        assert ("count", "n") in fields(forms("id", key)[0]), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_html_telegram_accepts_and_fits_a_message(lang: str) -> None:
    for key, template in load(lang).every_form().items():
        text, _ = parse_html(template)  # raises on a tag Telegram refuses or one left open
        assert len(text) < MessageLimit.MAX_TEXT_LENGTH, key


def test_numbers_follow_the_readers_locale() -> None:
    params = {"linked": 8971, "total": 9012, "percent": Decimal("99.5")}

    assert t("admin.stats.linked", "id", **params) == (
        "Pegawai tertaut: 8.971 dari 9.012 pegawai aktif (99,5%)."
    )
    assert t("admin.stats.linked", "en", **params) == (
        "Linked employees: 8,971 of 9,012 active employees (99.5%)."
    )


def test_a_number_without_a_spec_is_not_grouped() -> None:
    assert "2025" in t("jp.mine.summary", "id", year=2025, earned=12, target=20, percent=60)


def test_english_chooses_the_plural_form_by_count_and_indonesian_has_one() -> None:
    assert t("import.warnings", "en", count=1).startswith("1 warning (")
    assert t("import.warnings", "en", count=1234).startswith("1,234 warnings (")
    assert t("import.warnings", "id", count=1).startswith("1 peringatan")
    assert t("import.warnings", "id", count=1234).startswith("1.234 peringatan")


def test_a_plural_message_without_a_count_is_a_bug() -> None:
    with pytest.raises(TypeError):
        t("import.warnings", "en")


def test_a_key_missing_everywhere_is_a_bug_and_an_unknown_language_reads_indonesian() -> None:
    with pytest.raises(KeyError):
        t("no.such.key", "en")
    assert t("competency.M.04", "fr") == t("competency.M.04", "id") == "Orientasi pada Hasil"


def test_the_catalogues_ship_in_the_wheel() -> None:
    pyproject = tomllib.loads((Path(str(LOCALE_DIR)).parents[2] / "pyproject.toml").read_text())
    assert (
        "locale/*/LC_MESSAGES/*.po" in pyproject["tool"]["setuptools"]["package-data"]["bot.texts"]
    )
