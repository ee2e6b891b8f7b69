"""Fault injection: make calls of a method (or any) fail, drop or stall.

A rule applies to the next ``times`` matching calls, or to every one (``times``
None: an endless rule); with a ``chance`` below 1 it applies to each matching
call with that probability, drawn from the rule's own generator seeded with
``seed``, so the same calls meet the same faults on every run. A call the chance
passes over goes on to the next rule, as if this one did not match. ``delay``
seconds pass before the call is answered, whatever the kind (an error or a drop
then comes late).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from random import Random
from typing import Any

FAULT_KINDS = ("error", "drop", "delay")
SHOWN = ("kind", "method", "times", "status", "description", "delay", "chance", "seed")


@dataclass
class Fault:
    """One rule; `method` None matches every method, `times` counts down to 0 (None:
    endless), `chance` is the probability it applies to one matching call."""

    kind: str
    method: str | None = None
    times: int | None = 1
    status: int = 500
    description: str = "Internal Server Error"
    delay: float = 0.0
    chance: float = 1.0
    seed: int = 0
    random: Random = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.random = Random(self.seed)

    def to_json(self) -> dict[str, Any]:
        """The rule as the JSON API shows it."""
        return {name: getattr(self, name) for name in SHOWN}

    def applies(self) -> bool:
        """Whether the rule applies to this matching call (its chance comes up)."""
        return self.chance >= 1 or self.random.random() < self.chance


class Faults:
    """The active fault rules, consumed in the order they were added."""

    def __init__(self) -> None:
        self.rules: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        """Activate a rule; raises ValueError on nonsense."""
        if fault.kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(FAULT_KINDS)}")
        if fault.times is not None and fault.times < 1:
            raise ValueError("times must be at least 1, or null for a rule without end")
        if fault.kind == "error" and not 400 <= fault.status <= 599:
            raise ValueError("status must be a 4xx or 5xx code")
        if fault.delay < 0:
            raise ValueError("delay must not be negative")
        if not 0 < fault.chance <= 1:
            raise ValueError("chance must be above 0 and at most 1")
        self.rules.append(fault)
        return fault

    def fail(
        self,
        method: str | None = None,
        times: int | None = 1,
        status: int = 500,
        description: str = "Internal Server Error",
        *,
        delay: float = 0.0,
        chance: float = 1.0,
        seed: int = 0,
    ) -> Fault:
        """The next `times` matching calls answer `status` with `description`."""
        return self.add(
            Fault("error", method, times, status, description, delay, chance=chance, seed=seed)
        )

    def drop(
        self,
        method: str | None = None,
        times: int | None = 1,
        *,
        delay: float = 0.0,
        chance: float = 1.0,
        seed: int = 0,
    ) -> Fault:
        """The next `times` matching calls get their connection closed without an answer."""
        return self.add(Fault("drop", method, times, delay=delay, chance=chance, seed=seed))

    def delay(
        self,
        seconds: float,
        method: str | None = None,
        times: int | None = 1,
        *,
        chance: float = 1.0,
        seed: int = 0,
    ) -> Fault:
        """The next `times` matching calls are answered after `seconds`."""
        return self.add(Fault("delay", method, times, delay=seconds, chance=chance, seed=seed))

    def clear(self) -> None:
        """Remove every rule."""
        self.rules.clear()

    def take(self, method: str) -> Fault | None:
        """The first rule matching `method` (case-insensitive) whose chance comes up,
        counted down."""
        for rule in self.rules:
            if rule.method is not None and rule.method.lower() != method.lower():
                continue
            if not rule.applies():
                continue
            if rule.times is not None:
                rule.times -= 1
                if rule.times <= 0:
                    self.rules.remove(rule)
            return rule
        return None
