"""Fault rules: endless ones, ones that apply by chance (seeded), and a delay with any kind."""

from __future__ import annotations

import time

import aiohttp
import pytest
from telegram import Bot
from telegram.error import NetworkError

from sandbox import Emulator
from sandbox.faults import Fault, Faults

USER = 1001


def outcomes(faults: Faults, calls: int) -> list[str | None]:
    """The kind of fault each of ``calls`` sendMessage calls meets (None: none)."""
    taken = (faults.take("sendMessage") for _ in range(calls))
    return [rule.kind if rule else None for rule in taken]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (Fault("error", times=0), "times must be at least 1"),
        (Fault("error", chance=0.0), "chance must be above 0"),
        (Fault("error", chance=1.5), "chance must be above 0"),
        (Fault("error", chance=-0.1), "chance must be above 0"),
        (Fault("delay", delay=-1.0), "delay must not be negative"),
    ],
)
def test_nonsense_rules_are_refused(rule: Fault, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Faults().add(rule)


def test_an_endless_rule_stays_after_many_calls() -> None:
    faults = Faults()
    rule = faults.fail("sendMessage", times=None)

    assert outcomes(faults, 500) == ["error"] * 500
    assert faults.rules == [rule]


def test_an_endless_rule_keeps_to_its_method() -> None:
    faults = Faults()
    faults.fail("sendMessage", times=None)

    assert faults.take("getMe") is None
    assert faults.take("SENDMESSAGE") is not None


def test_a_chance_applies_to_about_that_share_of_calls() -> None:
    faults = Faults()
    faults.fail(times=None, chance=0.1, seed=7)

    failed = outcomes(faults, 2000).count("error")

    assert 150 <= failed <= 250


def test_the_same_seed_gives_the_same_faults_on_every_run() -> None:
    runs = []
    for _ in range(2):
        faults = Faults()
        faults.fail(times=None, chance=0.3, seed=42)
        runs.append(outcomes(faults, 200))
    other = Faults()
    other.fail(times=None, chance=0.3, seed=43)

    assert runs[0] == runs[1]
    assert outcomes(other, 200) != runs[0]


def test_a_call_the_chance_passes_over_goes_to_the_next_rule() -> None:
    faults = Faults()
    faults.fail(times=None, chance=0.25, seed=1)
    faults.delay(0.025, times=None)

    met = outcomes(faults, 400)

    assert set(met) == {"error", "delay"}
    assert 60 <= met.count("error") <= 140


def test_a_counted_rule_with_a_chance_counts_only_the_calls_it_applied_to() -> None:
    faults = Faults()
    faults.fail(times=3, chance=0.5, seed=3)

    met = outcomes(faults, 100)

    assert met.count("error") == 3
    assert faults.rules == []


async def test_an_error_with_a_delay_comes_late(bot: Bot, emu: Emulator) -> None:
    emu.user(USER)
    emu.faults.fail("sendMessage", times=None, status=502, description="Bad Gateway", delay=0.05)

    started = time.monotonic()
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(USER, "x")

    assert time.monotonic() - started >= 0.05
    assert len(emu.faults.rules) == 1  # endless: still there


async def test_the_json_api_takes_endless_and_chance_rules(
    emu: Emulator, http: aiohttp.ClientSession
) -> None:
    api = f"{emu.url}/sandbox/api"
    body = {"kind": "error", "times": None, "chance": 0.1, "seed": 7, "delay": 0.025}

    async with http.post(f"{api}/faults", json=body) as resp:
        created = await resp.json()
    async with http.get(f"{api}/faults") as resp:
        listed = (await resp.json())["faults"]

    assert resp.status == 200
    assert created == {
        "kind": "error",
        "method": None,
        "times": None,
        "status": 500,
        "description": "Internal Server Error",
        "delay": 0.025,
        "chance": 0.1,
        "seed": 7,
    }
    assert listed == [created]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"kind": "error", "times": 0}, "times must be at least 1"),
        ({"kind": "error", "chance": 0}, "chance must be above 0"),
        ({"kind": "error", "chance": 2}, "chance must be above 0"),
        ({"kind": "error", "chance": "often"}, "could not convert"),
        ({"kind": "error", "seed": "x"}, "invalid literal"),
    ],
)
async def test_the_json_api_refuses_nonsense_rules(
    emu: Emulator, http: aiohttp.ClientSession, body: dict[str, object], message: str
) -> None:
    async with http.post(f"{emu.url}/sandbox/api/faults", json=body) as resp:
        answer = await resp.json()

    assert resp.status == 400
    assert message in answer["error"]
    assert emu.faults.rules == []
