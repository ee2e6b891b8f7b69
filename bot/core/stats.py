"""The arithmetic behind /statistik's summary and its paged details: which page of
a list is shown, and the pace the goal asks for. Pure: counts in, numbers out."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.core.coverage import Coverage, Projection

PAGE_SIZE = 10  # lines a phone shows without scrolling far


@dataclass(frozen=True)
class Page:
    """One page of a list of ``total`` items: ``number`` (1-based) of ``count``, and
    the slice ``[offset, offset + size)`` it shows."""

    number: int
    count: int
    offset: int
    size: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def page_of(total: int, number: int, size: int = PAGE_SIZE) -> Page:
    """Page ``number`` of ``total`` items, clamped to the pages there are (a button
    from a longer list, or a forged one, shows the last page, never an empty one)."""
    count = max(math.ceil(total / size), 1)
    shown = min(max(number, 1), count)
    return Page(shown, count, (shown - 1) * size, size)


def needed_per_year(coverage: Coverage, projection: Projection, this_year: int) -> int | None:
    """ASN to assess each year, this one included, to finish by the goal's last year;
    None when everyone is assessed or the goal's last year has passed."""
    years_left = projection.goal_by - this_year + 1
    if coverage.remaining == 0 or years_left <= 0:
        return None
    return math.ceil(coverage.remaining / years_left)
