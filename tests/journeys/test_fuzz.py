"""Property tests: any text, any button, in any linking state, gets a proper reply:
no error, nothing Telegram refuses, and words in the user's language
(harness: tests/journeys/fuzzing.py, inputs: tests/journeys/fuzz_inputs.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.texts.catalogue import load
from sandbox import Emulator
from tests.journeys.conftest import TOKEN, RunningBot
from tests.journeys.fuzz_inputs import (
    LANGUAGE_CODES,
    OPENINGS,
    Action,
    Forged,
    Press,
    tapping,
    typing,
)
from tests.journeys.fuzzing import FUZZ, STATES, Fuzzer, reads_as

ID_TEXTS = load("id").every_form()
EN_TEXTS = load("en").every_form()

# SQLite only: the fuzz is about the handlers, not the SQL dialects.
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    # Hundreds of messages in a few seconds: Telegram's flood limits would only slow it.
    emu = Emulator(token=TOKEN, rate_limits=False)
    await emu.start(host="127.0.0.1", port=0)
    yield emu
    await emu.stop()


def _found(
    state: str, opening: str, *actions: Action, client: str | None = "id"
) -> dict[str, object]:
    """An input the fuzz once broke the bot with, replayed before the new ones."""
    return {
        "state": state,
        "client": client,
        "linked_language": "en",
        "opening": opening,
        "actions": list(actions),
    }


# Every one of these raised an error or went unanswered before its fix.
FOUND_BY_TAPPING = [
    # No handler for the data: the button spun until the app gave up.
    _found("none", "/bantuan", Forged("0")),
    # Ids over the database's integer range (OverflowError in the query) and digits
    # str.isdigit() takes but int() refuses.
    _found("linked", "/hasil", Forged("res:show:9223372036854775808")),
    _found("linked", "/jadwal", Forged("sch:yes:²")),
    _found("admin", "/jadwalulang", Forged("rq:to:9223372036854775808:1")),
    # A second tap on a button whose first tap edited the message already.
    _found("consent_pending", "/start", Press(0), Forged("consent:yes")),
    _found("admin", "/rilis", Forged("rel:no"), Forged("rel:no")),
    _found("linked", "/hapus", Forged("delete:no"), Forged("delete:no"), client="ms"),
    # A forged button on a photo: its text cannot be edited.
    _found("admin", "/statistik", Forged("consent:yes")),
]


async def _fuzz(
    bot: RunningBot, steps: st.SearchStrategy[list[Action]], found: list[dict[str, object]]
) -> None:
    async with Fuzzer(bot) as fuzzer:

        def check(
            state: str,
            client: str | None,
            linked_language: str,
            opening: str,
            actions: list[Action],
        ) -> None:
            person = fuzzer.run(lambda: fuzzer.person(state, client, linked_language, opening))
            for action in actions:
                problems = fuzzer.run(partial(fuzzer.act, person, action))
                assert not problems, (action, problems)

        test = given(
            state=st.sampled_from(STATES),
            client=st.sampled_from(LANGUAGE_CODES),
            linked_language=st.sampled_from(["id", "en"]),
            opening=st.sampled_from(OPENINGS),
            actions=steps,
        )(check)
        for arguments in found:
            test = example(**arguments)(test)
        await fuzzer.fuzz(FUZZ(test))


@sqlite_only
async def test_any_text_in_any_linking_state_gets_a_reply_in_the_users_language(
    bot: RunningBot,
) -> None:
    await _fuzz(bot, typing, [])


@sqlite_only
async def test_any_button_data_in_any_linking_state_is_answered_in_the_users_language(
    bot: RunningBot,
) -> None:
    await _fuzz(bot, tapping, FOUND_BY_TAPPING)


class _Nothing:
    """A blank for any placeholder, whatever its format spec ({count:n}, {jpm:%})."""

    def __format__(self, spec: str) -> str:
        return ""


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> object:
        return _Nothing()


@pytest.mark.parametrize(("lang", "other"), [("id", "en"), ("en", "id")])
def test_the_language_check_never_takes_a_message_for_the_other_language(
    lang: str, other: str
) -> None:
    catalogues = {"id": ID_TEXTS, "en": EN_TEXTS}
    for key, template in catalogues[lang].items():
        if template != catalogues[other].get(key):
            assert not reads_as(template.format_map(_Blank()), other), key
