"""The shared state of a demo build: the connection, the seeded random
generator, ``now``, the population written so far, and small insert helpers;
plus the organisation itself (units, positions, employees) and the logins.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.codes import hash_code
from bot.core.vocabulary import (
    EmployeeStatus,
    PositionType,
)
from bot.demo import gresik
from bot.demo.people import DEMO_ADMIN_ID, DEMO_EMPLOYEES
from bot.demo.plan import (
    CODES,
    WIB,
    PersonFactory,
    next_weekday,
    required_levels,
    type_counts,
)
from bot.demo.positions import POSITIONS
from models import Base

CHUNK = 10_000


class Writer:
    """Writes the organisation and the logins; the phases build on its state."""

    def __init__(
        self,
        conn: AsyncConnection,
        employees: int,
        seed: int,
        now: datetime,
        progress: Callable[[str], None] | None,
    ) -> None:
        self.conn = conn
        self.n = employees
        self.rng = random.Random(seed)
        self.now = now
        self.today = now.astimezone(WIB).date()
        self.say = progress or (lambda _line: None)
        self.t = Base.metadata.tables
        self.started = time.perf_counter()
        self.demo_index = {d.key: i for i, d in enumerate(DEMO_EMPLOYEES)}

    # -- helpers ---------------------------------------------------------------

    def done(self, phase: str, rows: int) -> None:
        self.say(f"{phase:<22} {rows:>10,} rows  {time.perf_counter() - self.started:7.1f} s")

    async def insert(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        for start in range(0, len(rows), CHUNK):
            await self.conn.execute(insert(self.t[table]), rows[start : start + CHUNK])

    async def ids_by(self, table: str, key: str) -> dict[Any, int]:
        t: Table = self.t[table]
        rows = await self.conn.execute(select(t.c[key], t.c.id))
        return {k: i for k, i in rows.all()}

    def day(self, offset: int) -> date:
        return next_weekday(self.today + timedelta(days=offset))

    # -- organisation ----------------------------------------------------------

    async def _units(self) -> None:
        self.units = gresik.unit_specs()
        top = [u for u in self.units if u.parent is None]
        await self.insert(
            "units",
            [{"code": u.code, "name": u.name, "kind": u.kind, "parent_id": None} for u in top],
        )
        parents = await self.ids_by("units", "code")
        await self.insert(
            "units",
            [
                {"code": u.code, "name": u.name, "kind": u.kind, "parent_id": parents[u.parent]}
                for u in self.units
                if u.parent is not None
            ],
        )
        codes = await self.ids_by("units", "code")
        self.unit_ids = [codes[u.code] for u in self.units]
        self.unit_index = {u.code: i for i, u in enumerate(self.units)}
        self.done("units", len(self.units))

    async def _positions(self) -> None:
        await self.insert(
            "positions",
            [{"name": p.name, "position_type": p.type, "grade": p.grade} for p in POSITIONS],
        )
        t = self.t["positions"]
        found = await self.conn.execute(select(t.c.id, t.c.name, t.c.position_type, t.c.grade))
        by_key = {(name, str(kind), grade): pid for pid, name, kind, grade in found.all()}
        self.position_ids = [by_key[p.key] for p in POSITIONS]
        self.position_index = {p.name: i for i, p in enumerate(POSITIONS)}
        self.required = [required_levels(p) for p in POSITIONS]
        standards = [
            {"position_id": pid, "competency_code": code, "required_level": level}
            for pid, levels in zip(self.position_ids, self.required, strict=True)
            for code, level in zip(CODES, levels, strict=True)
        ]
        await self.insert("competency_standards", standards)
        self.done("positions, standards", len(POSITIONS) + len(standards))

    async def _employees(self) -> None:
        factory = PersonFactory(
            self.rng,
            self.units,
            POSITIONS,
            reserved_nips=[d.nip for d in DEMO_EMPLOYEES],
            reserved_phones=[d.phone for d in DEMO_EMPLOYEES if d.phone],
        )
        self.type_count = type_counts(self.n)
        left = dict(self.type_count)
        for d in DEMO_EMPLOYEES:
            left[POSITIONS[self.position_index[d.position]].type] -= 1
        kinds = [t for t in PositionType for _ in range(left[t])]
        self.rng.shuffle(kinds)

        self.nips: list[str] = []
        self.kind: list[PositionType] = []
        self.pppk = bytearray()
        self.position: list[int] = []
        self.unit: list[int] = []
        batch: list[dict[str, Any]] = []

        def add(
            nip: str,
            name: str,
            status: EmployeeStatus,
            position: int,
            unit: int,
            phone: str | None,
            email: str | None,
        ) -> None:
            self.nips.append(nip)
            self.kind.append(POSITIONS[position].type)
            self.pppk.append(status is EmployeeStatus.PPPK)
            self.position.append(position)
            self.unit.append(unit)
            batch.append(
                {
                    "nip": nip,
                    "status": status,
                    "name": name,
                    "unit_id": self.unit_ids[unit],
                    "position_id": self.position_ids[position],
                    "phone": phone,
                    "email": email,
                    "active": True,
                    "last_synced_at": None,
                }
            )

        for d in DEMO_EMPLOYEES:
            add(
                d.nip,
                d.name,
                d.status,
                self.position_index[d.position],
                self.unit_index[d.unit],
                d.phone,
                d.email,
            )
        for kind in kinds:
            p = factory.make(kind)
            add(
                p.nip,
                p.name,
                p.status,
                self.position_index[p.position.name],
                p.unit,
                p.phone,
                p.email,
            )
            if len(batch) >= CHUNK:
                await self.insert("employees", batch)
                batch.clear()
        await self.insert("employees", batch)

        t = self.t["employees"]
        found = (await self.conn.execute(select(t.c.id, t.c.nip).order_by(t.c.id))).all()
        if len(found) != self.n:
            raise RuntimeError(f"expected {self.n} employees, found {len(found)}")
        self.ids = [row[0] for row in found]
        if any(row[1] != nip for row, nip in zip(found, self.nips, strict=True)):
            by_nip = {nip: eid for eid, nip in found}
            self.ids = [by_nip[nip] for nip in self.nips]
        self.is_demo = bytearray(self.n)
        for i in range(len(DEMO_EMPLOYEES)):
            self.is_demo[i] = 1
        self.done("employees", self.n)

    def pool(
        self, *kinds: PositionType, pns_only: bool = True, exclude: set[int] | None = None
    ) -> list[int]:
        """Non-demo employees of these types, in index order."""
        exclude = exclude or set()
        return [
            i
            for i in range(self.n)
            if self.kind[i] in kinds
            and not self.is_demo[i]
            and not (pns_only and self.pppk[i])
            and i not in exclude
        ]

    # -- access -------------------------------------------------------------------

    async def _codes(self) -> None:
        expires = self.now + timedelta(days=365)
        await self.insert(
            "activation_codes",
            [
                {
                    "employee_id": self.ids[i],
                    "code_hash": hash_code(d.code),
                    "issued_at": self.now,
                    "expires_at": expires,
                    "used_at": None,
                }
                for i, d in enumerate(DEMO_EMPLOYEES)
            ],
        )
        await self.insert(
            "admins",
            [{"telegram_user_id": DEMO_ADMIN_ID, "added_at": self.now, "added_by": "asnbot demo"}],
        )
        self.done("activation codes, admin", len(DEMO_EMPLOYEES) + 1)
