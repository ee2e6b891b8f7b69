"""The shape every kind's importer has, and the helpers they share.

The driver (:mod:`bot.imports.service`) feeds parsed rows in batches:
``check`` finds the problems only the database or the whole file can show
(unknown codes, duplicates, capacity); ``write`` runs only while no error has
been found anywhere, so a rejected file costs no writes after its first error,
and the caller's transaction is rolled back anyway.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.imports.types import ImportContext, RowError

R = TypeVar("R")


class Importer(Generic[R]):
    """Base class: counts what it created and updated."""

    def __init__(self, session: AsyncSession, ctx: ImportContext, headers: Sequence[str]) -> None:
        self.session = session
        self.ctx = ctx
        self.headers = set(headers)
        self.created = 0
        self.updated = 0
        self.details: dict[str, int] = {}

    async def load(self) -> list[RowError]:
        """Read what exists; return problems with the header row itself."""
        return []

    async def check(self, batch: Sequence[R]) -> list[RowError]:
        raise NotImplementedError

    async def write(self, batch: Sequence[R]) -> None:
        raise NotImplementedError

    async def finish(self, *, write: bool) -> list[RowError]:
        """Checks that need the whole file, and the writes they decide."""
        return []

    def count(self, detail: str, amount: int = 1) -> None:
        if amount:
            self.details[detail] = self.details.get(detail, 0) + amount


def same(old: Any, new: Any) -> bool:
    """Equal as stored: floats to about 6 significant digits (what MariaDB's single
    precision FLOAT gives back), numerics by value."""
    if isinstance(old, float) or isinstance(new, float):
        if old is None or new is None:
            return old is new
        return math.isclose(float(old), float(new), rel_tol=1e-6, abs_tol=1e-6)
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is new
        return Decimal(str(old)) == Decimal(str(new))
    if old is None or new is None:
        return old is new
    return str(old) == str(new) if isinstance(old, str) or isinstance(new, str) else old == new


def changes(existing: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The values in ``new`` that differ from ``existing``."""
    return {key: value for key, value in new.items() if not same(existing.get(key), value)}
