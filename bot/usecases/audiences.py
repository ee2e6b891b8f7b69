"""Who an announcement reaches: the recipients of an audience an admin chose, and an
audience made from a file of NIPs.

The NIP file is read with the import's limits (the caller runs :func:`nips_in` in a
thread: a big or hostile file must not hold other users' answers); a NIP that Excel
stored as a number has lost its last digits and is named, never matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.broadcast import Reach, unreached_because
from bot.core.broadcast import reach as count_reach
from bot.core.jp import is_behind, jp_progress
from bot.imports.limits import ImportLimits
from bot.imports.reader import normalise_header, open_table
from models.queries import audiences as q

NipRow = tuple[int, str | None]  # (row number, NIP digits; None: stored as a number)


@dataclass(frozen=True)
class NipFileAudience:
    """The employees a NIP file names, and the rows that name nobody."""

    employee_ids: list[int]  # sorted, each once
    rows: int  # non-blank rows read
    unknown: list[NipRow]  # rows whose NIP is no employee's (or was stored as a number)


@dataclass(frozen=True)
class Unreached:
    """Someone an audience names whom the bot cannot reach, and why (``bot.core.broadcast``)."""

    person: q.Person
    reason: str


async def recipients(
    session: AsyncSession,
    *,
    audience: Mapping[str, Any],
    today: date,
    jp_target: Callable[[str], int],
) -> list[int]:
    """Employee ids of the linked people the audience names (a draft's ``audience``:
    its kind, item, and the employees of a NIP file), in id order."""
    return await q.recipient_ids(session, **_named(audience, today, jp_target))


async def reach(
    session: AsyncSession,
    *,
    audience: Mapping[str, Any],
    today: date,
    jp_target: Callable[[str], int],
) -> Reach:
    """How many of the people the audience names the bot reaches, and who it does not."""
    found = await q.members(session, **_named(audience, today, jp_target))
    return count_reach([m.link_status for m in found])


async def unreached(
    session: AsyncSession,
    *,
    audience: Mapping[str, Any],
    today: date,
    jp_target: Callable[[str], int],
) -> list[Unreached]:
    """The people the audience names whom the bot cannot reach (not linked, or they
    blocked the bot), with NIP, name and unit: BKPSDM writes to them another way."""
    found = await q.members(session, **_named(audience, today, jp_target))
    why = {m.employee_id: unreached_because(m.link_status) for m in found}
    ids = [employee_id for employee_id, reason in why.items() if reason is not None]
    people = await q.people(session, employee_ids=ids)
    return [Unreached(p, str(why[p.employee_id])) for p in people]


def _named(
    audience: Mapping[str, Any], today: date, jp_target: Callable[[str], int]
) -> dict[str, Any]:
    """The query's arguments for an audience (JP behind: the rule of ``bot.core.jp``)."""

    def behind(status: str, earned: Decimal) -> bool:
        return is_behind(jp_progress(earned, jp_target(status)), today=today)

    return {
        "kind": audience["kind"],
        "item": audience.get("item"),
        "employee_ids": audience.get("employee_ids", ()),
        "jp_year": today.year,
        "behind": behind,
    }


async def match_nip_file(session: AsyncSession, *, rows: list[NipRow]) -> NipFileAudience:
    """The employees of the NIPs read from a file (:func:`nips_in`)."""
    known = await q.employees_by_nip(session, nips=[nip for _, nip in rows if nip])
    return NipFileAudience(
        employee_ids=sorted(set(known.values())),
        rows=len(rows),
        unknown=[(row, nip) for row, nip in rows if nip not in known],
    )


def nips_in(path: Path, limits: ImportLimits) -> list[NipRow]:
    """(row number, NIP digits) of every non-blank row: the column headed NIP, else the
    first (then the first row is a NIP too)."""
    with open_table(path, limits) as table:
        headers = [normalise_header(h) for h in table.headers]
        column = next((i for i, h in enumerate(headers) if "nip" in h), 0)
        first = _digits(table.headers[column])
        found: list[NipRow] = [] if "nip" in headers[column] or not first else [(1, first)]
        for number, cells in table.rows:
            cell = cells[column] if column < len(cells) else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            found.append((number, _digits(cell)))
    return found


def _digits(cell: object) -> str | None:
    """The digits of a NIP cell; None for a number (Excel has rounded it)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return None
    return re.sub(r"\D", "", str(cell))[:40]
