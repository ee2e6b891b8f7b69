"""Assessment coverage: how many ASN have been assessed, per OPD, and when everyone
will have been at the current pace, against BKPSDM's goal (every ASN within 2-3
years from 2024).

Pure: the caller brings counts from SQL aggregates (never the rows themselves).
An OPD is a top-level unit; a sub-unit (bidang, UPT, puskesmas...) rolls up to it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

N = TypeVar("N", int, Decimal)

GOAL_START_YEAR = 2024
GOAL_YEARS = (2, 3)  # every ASN assessed within 2-3 years of the start


@dataclass(frozen=True)
class Coverage:
    """Assessed employees against all active ASN."""

    assessed: int
    total: int

    @property
    def percent(self) -> Decimal:
        """Share assessed, in percent with one decimal (0 when there is nobody)."""
        if self.total <= 0:
            return Decimal(0)
        share = Decimal(self.assessed) * 100 / Decimal(self.total)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def remaining(self) -> int:
        return max(self.total - self.assessed, 0)


@dataclass(frozen=True)
class Projection:
    """When everyone will have been assessed at the pace seen so far.

    ``per_year`` is the average of newly assessed employees per year from the
    first to the last year with results; ``finish_year`` the year the last ASN
    would be assessed (None without any pace). ``goal_by`` is the latest year the
    goal allows; ``on_track`` whether the projection meets it.
    """

    per_year: int
    finish_year: int | None
    goal_from: int
    goal_by: int
    on_track: bool
    cumulative: tuple[tuple[int, int], ...]  # (year, assessed so far) per year with data


@dataclass(frozen=True)
class OpdCoverage:
    """One OPD with its sub-units rolled up."""

    unit_id: int
    name: str
    coverage: Coverage


def goal_years(
    start: int = GOAL_START_YEAR, within: tuple[int, int] = GOAL_YEARS
) -> tuple[int, int]:
    """The years by which the goal is reached at the earliest and latest: 2024 counts
    as the first year, so "within 2-3 years" means by the end of 2025-2026."""
    return start + within[0] - 1, start + within[1] - 1


def project(
    coverage: Coverage,
    first_assessed_by_year: Mapping[int, int],
    *,
    start: int = GOAL_START_YEAR,
    within: tuple[int, int] = GOAL_YEARS,
) -> Projection:
    """Project the year the last active ASN is assessed.

    ``first_assessed_by_year`` counts employees by the year of their first
    assessment (so the counts add up to ``coverage.assessed``).
    """
    goal_from, goal_by = goal_years(start, within)
    years = sorted(y for y, n in first_assessed_by_year.items() if n > 0)
    cumulative: list[tuple[int, int]] = []
    running = 0
    for year in years:
        running += first_assessed_by_year[year]
        cumulative.append((year, running))
    if not years:
        return Projection(0, None, goal_from, goal_by, False, ())
    span = years[-1] - years[0] + 1
    per_year = math.ceil(running / span)
    if coverage.remaining == 0:
        finish: int | None = years[-1]
    else:
        finish = years[-1] + math.ceil(coverage.remaining / per_year)
    return Projection(
        per_year=per_year,
        finish_year=finish,
        goal_from=goal_from,
        goal_by=goal_by,
        on_track=finish is not None and finish <= goal_by,
        cumulative=tuple(cumulative),
    )


def top_level(parents: Mapping[int, int | None]) -> dict[int, int]:
    """Each unit's OPD (its top-level ancestor); a loop in the data stops the climb."""
    roots: dict[int, int] = {}
    for unit in parents:
        seen = {unit}
        current = unit
        while (parent := parents.get(current)) is not None and parent not in seen:
            seen.add(parent)
            current = parent
        roots[unit] = current
    return roots


def roll_up(parents: Mapping[int, int | None], counts: Mapping[int, N]) -> dict[int, N]:
    """Counts (or sums) per unit added up per OPD."""
    roots = top_level(parents)
    total: dict[int, N] = {}
    for unit, count in counts.items():
        root = roots.get(unit, unit)
        total[root] = total[root] + count if root in total else count
    return total


def per_opd(
    parents: Mapping[int, int | None],
    names: Mapping[int, str],
    employees: Mapping[int, int],
    assessed: Mapping[int, int],
) -> list[OpdCoverage]:
    """Coverage of every OPD that has employees, lowest coverage first."""
    totals = roll_up(parents, employees)
    done = roll_up(parents, assessed)
    rows = [
        OpdCoverage(unit, names.get(unit, str(unit)), Coverage(done.get(unit, 0), total))
        for unit, total in totals.items()
        if total > 0
    ]
    rows.sort(key=lambda r: (r.coverage.percent, r.name))
    return rows


def share(part: int, whole: int) -> Decimal:
    """``part`` of ``whole`` in percent with one decimal (0 for an empty whole)."""
    return Coverage(part, whole).percent


@dataclass(frozen=True)
class OpdJp:
    """JP progress of one OPD in a year: employees, average JP, how many met the target."""

    unit_id: int
    name: str
    employees: int
    average_jp: Decimal
    met: int

    @property
    def met_percent(self) -> Decimal:
        return share(self.met, self.employees)


def jp_per_opd(
    parents: Mapping[int, int | None],
    names: Mapping[int, str],
    employees: Mapping[int, int],
    jp: Mapping[int, Decimal],
    met: Mapping[int, int],
) -> list[OpdJp]:
    """Per-unit JP sums rolled up per OPD, by name."""
    people = roll_up(parents, employees)
    hours = roll_up(parents, jp)
    done = roll_up(parents, met)
    rows = []
    for unit, count in people.items():
        if count <= 0:
            continue
        average = (hours.get(unit, Decimal(0)) / count).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        rows.append(OpdJp(unit, names.get(unit, str(unit)), count, average, done.get(unit, 0)))
    rows.sort(key=lambda r: r.name)
    return rows
