"""Fault injection: make the next N calls of a method (or any) fail, drop or stall."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

FAULT_KINDS = ("error", "drop", "delay")


@dataclass
class Fault:
    """One rule; `method` None matches every method, `times` counts down to 0."""

    kind: str
    method: str | None = None
    times: int = 1
    status: int = 500
    description: str = "Internal Server Error"
    delay: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The rule as the JSON API shows it."""
        return asdict(self)


class Faults:
    """The active fault rules, consumed in the order they were added."""

    def __init__(self) -> None:
        self.rules: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        """Activate a rule; raises ValueError on nonsense."""
        if fault.kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(FAULT_KINDS)}")
        if fault.times < 1:
            raise ValueError("times must be at least 1")
        if fault.kind == "error" and not 400 <= fault.status <= 599:
            raise ValueError("status must be a 4xx or 5xx code")
        if fault.delay < 0:
            raise ValueError("delay must not be negative")
        self.rules.append(fault)
        return fault

    def fail(
        self,
        method: str | None = None,
        times: int = 1,
        status: int = 500,
        description: str = "Internal Server Error",
    ) -> Fault:
        """The next `times` matching calls answer `status` with `description`."""
        return self.add(Fault("error", method, times, status, description))

    def drop(self, method: str | None = None, times: int = 1) -> Fault:
        """The next `times` matching calls get their connection closed without an answer."""
        return self.add(Fault("drop", method, times))

    def delay(self, seconds: float, method: str | None = None, times: int = 1) -> Fault:
        """The next `times` matching calls are answered after `seconds`."""
        return self.add(Fault("delay", method, times, delay=seconds))

    def clear(self) -> None:
        """Remove every rule."""
        self.rules.clear()

    def take(self, method: str) -> Fault | None:
        """The first rule matching `method` (case-insensitive), counted down."""
        for rule in self.rules:
            if rule.method is None or rule.method.lower() == method.lower():
                rule.times -= 1
                if rule.times <= 0:
                    self.rules.remove(rule)
                return rule
        return None
