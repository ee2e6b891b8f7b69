"""Files the bot reads at run time are package data read with importlib.resources,
never paths computed next to the source (which only work in a checkout)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "jobs", "models", "sandbox")
# The import worker puts the folder holding ``bot`` on the child's path: not a data file.
ALLOWED = {"bot/imports/worker.py"}


def test_no_module_finds_files_next_to_its_source() -> None:
    found = sorted(
        path.relative_to(ROOT).as_posix()
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "__file__" in path.read_text(encoding="utf-8")
    )

    assert [name for name in found if name not in ALLOWED] == []
    assert set(found) == ALLOWED  # when the worker stops needing it, drop the exception
