"""``asnbot import holidays``: national holidays and cuti bersama by date.

Non-urgent notifications due on one of these days wait for the next working day
(``bot.core.reminders.Calendar``). Re-importing updates the names in place.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update

from bot.imports.importer import Importer
from bot.imports.rows import HolidayRow
from bot.imports.types import RowError
from models.outbox import Holiday


class HolidayImporter(Importer[HolidayRow]):
    """Holidays keyed by their date."""

    async def load(self) -> list[RowError]:
        rows = await self.session.execute(select(Holiday.day, Holiday.name))
        self.stored: dict[object, str] = {day: name for day, name in rows.all()}
        self.seen: dict[object, int] = {}
        return []

    async def check(self, batch: Sequence[HolidayRow]) -> list[RowError]:
        errors = []
        for row in batch:
            if row.day in self.seen:
                errors.append(
                    RowError(row.row, "Tanggal", "import.duplicate", {"first": self.seen[row.day]})
                )
            self.seen.setdefault(row.day, row.row)
        return errors

    async def write(self, batch: Sequence[HolidayRow]) -> None:
        for row in batch:
            if row.day not in self.stored:
                self.session.add(Holiday(day=row.day, name=row.name))
                self.created += 1
            elif self.stored[row.day] != row.name:
                await self.session.execute(
                    update(Holiday).where(Holiday.day == row.day).values(name=row.name)
                )
                self.updated += 1
            self.stored[row.day] = row.name
        await self.session.flush()
