"""Import employees, creating or updating their units and positions on the way.

Built for a million rows: existing employees are streamed once into a compact
map (NIP -> id and a hash of the stored values), so a re-import updates only the
rows that changed, in bulk. Units and positions are few and kept whole.

A column left out of the file (``No HP``, ``Email``, ``Aktif``) leaves the stored
value alone; a column that is there but empty clears it (``Aktif`` empty means
``Ya``). A unit's ``Jenis Unit`` and ``Unit Induk`` change only when given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.imports.columns import DEFAULT_UNIT_KIND
from bot.imports.importer import Importer
from bot.imports.rows import EmployeeRow
from bot.imports.types import RowError, row_error
from models import upserts
from models.org import Employee, Position, Unit

OPTIONAL_FIELDS = (("No HP", "phone"), ("Email", "email"), ("Aktif", "active"))


@dataclass
class FileUnit:
    """A unit as the file describes it: the first row that names it wins."""

    row: int
    name: str
    kind: str | None
    kind_row: int
    parent_code: str | None
    parent_row: int


class EmployeeImporter(Importer[EmployeeRow]):
    async def load(self) -> list[RowError]:
        self.fields = ["status", "name", "unit_id", "position_id"] + [
            field for header, field in OPTIONAL_FIELDS if header in self.headers
        ]
        self.units = await upserts.units_by_code(self.session)
        self.stored_units = {code: dict(unit) for code, unit in self.units.items()}
        self.positions = await upserts.position_ids(self.session)
        # NIPs have no leading zero (birth year >= 1940): an int key halves the memory.
        self.existing: dict[int, tuple[int, int]] = {}
        async for nip, eid, *values in upserts.stream_employees(
            self.session, columns=self.fields[:]
        ):
            self.existing[int(nip)] = (eid, hash(_normalised(values)))
        self.seen: dict[int, int] = {}
        self.file_units: dict[str, FileUnit] = {}
        return []

    async def check(self, batch: Sequence[EmployeeRow]) -> list[RowError]:
        errors: list[RowError] = []
        for row in batch:
            key = int(row.nip)
            first = self.seen.setdefault(key, row.row)
            if first != row.row:
                errors.append(row_error(row.row, "NIP", "import.duplicate", first=first))
            errors.extend(self._check_unit(row))
        return errors

    def _check_unit(self, row: EmployeeRow) -> list[RowError]:
        unit = self.file_units.get(row.unit_code)
        if unit is None:
            self.file_units[row.unit_code] = FileUnit(
                row.row, row.unit_name, row.unit_kind, row.row, row.parent_code, row.row
            )
            return []
        errors = []
        if row.unit_name != unit.name:
            errors.append(_conflict(row.row, "Unit Kerja", unit.row, row.unit_code))
        if row.unit_kind:
            if unit.kind is None:
                unit.kind, unit.kind_row = row.unit_kind, row.row
            elif row.unit_kind != unit.kind:
                errors.append(_conflict(row.row, "Jenis Unit", unit.kind_row, row.unit_code))
        if row.parent_code:
            if unit.parent_code is None:
                unit.parent_code, unit.parent_row = row.parent_code, row.row
            elif row.parent_code != unit.parent_code:
                errors.append(_conflict(row.row, "Unit Induk", unit.parent_row, row.unit_code))
        return errors

    async def write(self, batch: Sequence[EmployeeRow]) -> None:
        await self._create_units(batch)
        await self._create_positions(batch)
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for row in batch:
            values: dict[str, Any] = {
                "status": row.status,
                "name": row.name,
                "unit_id": self.units[row.unit_code]["id"],
                "position_id": self.positions[_position_key(row)],
                "phone": row.phone,
                "email": row.email,
                "active": row.active,
            }
            values = {field: values[field] for field in self.fields}
            stored = self.existing.get(int(row.nip))
            if stored is None:
                inserts.append(
                    {
                        "phone": None,
                        "email": None,
                        "active": True,
                        **values,
                        "nip": row.nip,
                        "last_synced_at": self.ctx.now,
                    }
                )
            elif stored[1] != hash(_normalised(values.values())):
                updates.append({**values, "id": stored[0], "last_synced_at": self.ctx.now})
        self.created += await upserts.insert_many(self.session, model=Employee, rows=inserts)
        self.updated += await upserts.update_many(self.session, model=Employee, rows=updates)

    async def _create_units(self, batch: Sequence[EmployeeRow]) -> None:
        new = {row.unit_code for row in batch} - self.units.keys()
        if not new:
            return
        rows = [
            {
                "code": code,
                "name": self.file_units[code].name,
                "kind": self.file_units[code].kind or DEFAULT_UNIT_KIND,
                "parent_id": None,
            }
            for code in sorted(new)
        ]
        self.count(
            "units_created",
            await upserts.insert_many(self.session, model=Unit, rows=rows),
        )
        self.units = await upserts.units_by_code(self.session)

    async def _create_positions(self, batch: Sequence[EmployeeRow]) -> None:
        new = {_position_key(row) for row in batch} - self.positions.keys()
        if not new:
            return
        rows = [
            {"name": name, "position_type": ptype, "grade": grade}
            for name, ptype, grade in sorted(new)
        ]
        self.count(
            "positions_created",
            await upserts.insert_many(self.session, model=Position, rows=rows),
        )
        self.positions = await upserts.position_ids(self.session)

    async def finish(self, *, write: bool) -> list[RowError]:
        known = self.stored_units.keys() | self.file_units.keys()
        errors = [
            row_error(unit.parent_row, "Unit Induk", "import.unknown_unit", code=unit.parent_code)
            for unit in self.file_units.values()
            if unit.parent_code is not None and unit.parent_code not in known
        ]
        if errors or not write:
            return errors
        updates = []
        for code, unit in self.file_units.items():
            wanted: dict[str, Any] = {"name": unit.name}
            if unit.kind:
                wanted["kind"] = unit.kind
            if unit.parent_code:
                wanted["parent_id"] = self.units[unit.parent_code]["id"]
            current = self.units[code]
            if any(current[key] != value for key, value in wanted.items()):
                updates.append({"id": current["id"], **wanted})
                if code in self.stored_units:
                    self.count("units_updated")
        await upserts.update_many(self.session, model=Unit, rows=updates)
        return []


def _position_key(row: EmployeeRow) -> tuple[str, str, str]:
    return (row.position_name, row.position_type.value, row.grade)


def _normalised(values: Any) -> tuple[Any, ...]:
    """Stored and parsed values in one comparable form (enums as their text)."""
    return tuple(str(v) if isinstance(v, str) else v for v in values)


def _conflict(row: int, column: str, first: int, code: str) -> RowError:
    return row_error(row, column, "import.unit_conflict", first=first, code=code)
