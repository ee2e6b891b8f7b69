"""requirements.lock against pyproject.toml, so the two cannot drift apart.

pyproject.toml's ranges are what a library user gets; the lock is what scripts/venv
installs and CI tests. Every requirement (runtime, extras, build backend) must be pinned
in the lock at a version its range allows, and every pin must carry hashes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
SHA256 = re.compile(r"sha256:[0-9a-f]{64}")


@dataclass
class Pin:
    name: NormalizedName
    version: Version
    hashes: list[str] = field(default_factory=list)


def read_lock() -> list[Pin]:
    """The lock's pins in order; a pin's continuation lines carry its hashes."""
    pins: list[Pin] = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        text = line.strip().removesuffix("\\").strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("--hash="):
            pins[-1].hashes.append(text.removeprefix("--hash="))
            continue
        requirement = Requirement(text)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"not an exact pin: {text}"
        pins.append(Pin(canonicalize_name(requirement.name), Version(specifier.version)))
    return pins


def pinned() -> dict[NormalizedName, Version]:
    return {pin.name: pin.version for pin in read_lock()}


def declared() -> list[Requirement]:
    """Every requirement pyproject.toml states: runtime, each extra, the build backend."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    texts = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        texts.extend(extra)
    texts.extend(pyproject["build-system"]["requires"])
    return [Requirement(text) for text in texts]


def unmet(requirement: Requirement, pins: dict[NormalizedName, Version]) -> str | None:
    """Why the lock does not satisfy ``requirement``, or None when it does."""
    name = canonicalize_name(requirement.name)
    if name not in pins:
        return f"{requirement}: not in the lock"
    if not requirement.specifier.contains(pins[name], prereleases=True):
        return f"{requirement}: the lock pins {pins[name]}"
    return None


def test_every_pin_in_the_lock_is_exact_unique_and_hashed() -> None:
    pins = read_lock()
    names = [pin.name for pin in pins]
    assert len(pins) > 20
    assert sorted(set(names)) == sorted(names), "a package is pinned twice"
    for pin in pins:
        assert pin.hashes, f"{pin.name}=={pin.version} has no --hash"
        assert all(SHA256.fullmatch(value) for value in pin.hashes), pin.name


def test_the_lock_pins_every_requirement_of_pyproject_inside_its_range() -> None:
    pins = pinned()
    requirements = [r for r in declared() if r.marker is None or r.marker.evaluate()]
    assert any(canonicalize_name(r.name) == "aiohttp" for r in requirements)
    problems = [problem for r in requirements if (problem := unmet(r, pins))]
    assert not problems, "run scripts/lock: " + "; ".join(problems)


def test_the_lock_pins_what_the_requested_extras_of_a_dependency_need() -> None:
    """``python-telegram-bot[job-queue]`` needs APScheduler."""
    pins = pinned()
    needed: list[Requirement] = []
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        for extra in sorted(requirement.extras):
            installed = Version(metadata.version(name))
            assert installed == pins[name], f"{name} {installed} is installed: run scripts/venv"
            for text in metadata.requires(name) or []:
                need = Requirement(text)
                if need.marker is not None and need.marker.evaluate({"extra": extra}):
                    needed.append(need)
    assert "apscheduler" in {canonicalize_name(r.name) for r in needed}
    problems = [problem for r in needed if (problem := unmet(r, pins))]
    assert not problems, "run scripts/lock: " + "; ".join(problems)


def test_the_extras_nothing_uses_are_not_installed() -> None:
    """bot/flood.py paces the sends (no ``[rate-limiter]``: aiolimiter) and bot/web.py
    serves the webhook on aiohttp (no ``[webhooks]``: tornado)."""
    pins = pinned()
    assert "aiolimiter" not in pins
    assert "tornado" not in pins
    (telegram,) = [r for r in declared() if canonicalize_name(r.name) == "python-telegram-bot"]
    assert telegram.extras == {"job-queue"}


def test_the_lock_holds_sqlalchemy_2_1() -> None:
    """The stock aiosqlite dialect on the current SQLAlchemy (no private subclasses)."""
    assert Version("2.1") <= pinned()[canonicalize_name("sqlalchemy")] < Version("2.2")
