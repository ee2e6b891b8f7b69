"""``present(x)``: the value a test expects to be there, narrowed from ``X | None`` for
mypy (a missing one fails the test where it is read)."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def present(value: T | None) -> T:
    assert value is not None
    return value
