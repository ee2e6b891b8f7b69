"""Job Person Match (JPM), its category, and per-competency gaps.

JPM = sum of achieved levels / sum of required levels x 100.
:func:`jpm` returns the raw value, which can exceed 100 and is what
gets stored and compared with the thresholds; :func:`shown_percent` caps it at
100 and rounds it to the one decimal people read (the texts write it as "88,9%").

Categories are data: each assessment program stores its own thresholds, read
with :func:`thresholds_from_mapping`. Since levels are whole numbers, a raw JPM
just below a threshold is at least ``10 / sum(required)`` points below it, so
the one-decimal display never rounds a result up across a threshold for any
realistic number of competencies (fewer than 40 at level 5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from bot.core.competencies import MAX_LEVEL, MIN_LEVEL
from bot.core.errors import DomainError

HUNDRED = Decimal(100)
_ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class CategoryThreshold:
    """A category reached when JPM is at least ``min_percent``."""

    name: str
    min_percent: Decimal


# Peraturan BRIN 3/2023 and the Gresik 2025 round.
DEFAULT_THRESHOLDS: tuple[CategoryThreshold, ...] = (
    CategoryThreshold("Optimal", Decimal(90)),
    CategoryThreshold("Cukup Optimal", Decimal(78)),
    CategoryThreshold("Kurang Optimal", Decimal(0)),
)

# The scheme used for pass/fail tests.
PASS_FAIL_THRESHOLDS: tuple[CategoryThreshold, ...] = (
    CategoryThreshold("Memenuhi Syarat", Decimal(80)),
    CategoryThreshold("Masih Memenuhi Syarat", Decimal(68)),
    CategoryThreshold("Kurang Memenuhi Syarat", Decimal(0)),
)


@dataclass(frozen=True)
class CompetencyScore:
    """One competency's required and achieved level (each 1-5)."""

    code: str
    required: int
    achieved: int

    def __post_init__(self) -> None:
        for key, level in (
            ("jpm.required_level_out_of_range", self.required),
            ("jpm.achieved_level_out_of_range", self.achieved),
        ):
            is_int = isinstance(level, int) and not isinstance(level, bool)
            if not is_int or not MIN_LEVEL <= level <= MAX_LEVEL:
                raise DomainError(key, code=self.code, level=level, min=MIN_LEVEL, max=MAX_LEVEL)

    @property
    def gap(self) -> int:
        """Achieved minus required: negative means below the standard."""
        return self.achieved - self.required


def jpm(scores: Iterable[CompetencyScore]) -> Decimal:
    """Raw JPM in percent (not capped, not rounded)."""
    scores = _checked(scores)
    if not scores:
        raise DomainError("jpm.no_scores")
    achieved = sum(s.achieved for s in scores)
    required = sum(s.required for s in scores)
    return Decimal(achieved) * HUNDRED / Decimal(required)


def gaps(scores: Iterable[CompetencyScore]) -> list[CompetencyScore]:
    """Every score, the largest shortfall first (most negative gap), ties by code.

    No scores give an empty list (nothing to develop yet), unlike :func:`jpm`.
    """
    return sorted(_checked(scores), key=lambda s: (s.gap, s.code))


def shortfalls(scores: Iterable[CompetencyScore]) -> list[CompetencyScore]:
    """Only the competencies below their required level, largest shortfall first."""
    return [s for s in gaps(scores) if s.gap < 0]


def category_for(
    jpm_percent: Decimal, thresholds: Iterable[CategoryThreshold] = DEFAULT_THRESHOLDS
) -> str:
    """Name of the highest threshold that ``jpm_percent`` (raw) meets."""
    met = [th for th in thresholds if jpm_percent >= th.min_percent]
    if not met:
        # Only possible with thresholds that skipped thresholds_from_mapping.
        raise ValueError(f"no threshold is met by {jpm_percent}")
    return max(met, key=lambda th: th.min_percent).name


def thresholds_from_mapping(
    mapping: Mapping[str, int | float | Decimal | str],
) -> tuple[CategoryThreshold, ...]:
    """Build thresholds from stored JSON such as ``{"Optimal": 90, ..., "Kurang Optimal": 0}``.

    Returns them highest first. Raises :class:`DomainError` when the mapping is
    empty, a value is not a number from 0 to 100, two categories share a
    threshold, or no category starts at 0 (some JPM would have no category).
    """
    if not mapping:
        raise DomainError("jpm.thresholds_empty")
    thresholds: list[CategoryThreshold] = []
    seen: dict[Decimal, str] = {}
    for name, raw in mapping.items():
        percent = _threshold_value(name, raw)
        if percent in seen:
            raise DomainError(
                "jpm.thresholds_duplicate", first=seen[percent], second=name, percent=percent
            )
        seen[percent] = name
        thresholds.append(CategoryThreshold(name, percent))
    if Decimal(0) not in seen:
        raise DomainError("jpm.thresholds_no_zero")
    return tuple(sorted(thresholds, key=lambda th: th.min_percent, reverse=True))


def shown_percent(value: Decimal) -> Decimal:
    """A percent for people: capped at 0-100, one decimal, rounded half up (88.888 -> 88.9).

    The catalogue formats it for the reader's locale (``{jpm:%}``: "88,9%", "88.9%").
    """
    return min(max(value, Decimal(0)), HUNDRED).quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _checked(scores: Iterable[CompetencyScore]) -> list[CompetencyScore]:
    checked = list(scores)
    codes: set[str] = set()
    for score in checked:
        if score.code in codes:
            raise DomainError("jpm.duplicate_competency", code=score.code)
        codes.add(score.code)
    return checked


def _threshold_value(name: str, raw: object) -> Decimal:
    invalid = DomainError("jpm.threshold_invalid", name=name, value=raw)
    if not name.strip() or isinstance(raw, bool):
        raise invalid
    try:
        # str() first so a float such as 77.8 becomes Decimal("77.8"), not its binary value.
        percent = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        raise invalid from None
    if not percent.is_finite() or not Decimal(0) <= percent <= HUNDRED:
        raise invalid
    return percent
