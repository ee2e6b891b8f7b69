"""The notification outbox: plan (insert what is missing), cancel, read the live
rows; the recipients' side (links, blocking, preferences, acknowledgements).

Claiming and recording a send are in :mod:`models.queries.claims`; what the planner
reads to decide what to plan is in :mod:`models.queries.planning`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.reminders import Planned
from bot.core.vocabulary import LinkStatus, NotificationStatus
from models.chat import ChatLink
from models.outbox import Holiday, Notification
from models.queries.seats import rowcount
from models.upserts import table_of

IN_CHUNK = 500
PENDING = NotificationStatus.PENDING
CLAIMED = NotificationStatus.CLAIMED


@dataclass(frozen=True)
class PlanCount:
    """What one planning pass wrote."""

    created: int = 0
    revived: int = 0
    cancelled: int = 0


async def existing_keys(session: AsyncSession, *, keys: Collection[str]) -> dict[str, Any]:
    """Key -> (id, status) of the rows that exist among ``keys``."""
    found: dict[str, Any] = {}
    items = list(keys)
    for start in range(0, len(items), IN_CHUNK):
        rows = await session.execute(
            select(Notification.key, Notification.id, Notification.status).where(
                Notification.key.in_(items[start : start + IN_CHUNK])
            )
        )
        found.update({key: (id_, status) for key, id_, status in rows.all()})
    return found


async def plan(session: AsyncSession, *, planned: Sequence[Planned]) -> tuple[int, int]:
    """Insert the notices whose key is new; bring back cancelled ones wanted again.

    Returns (created, revived). Rows that exist in any other state are left
    alone, so planning again never doubles or resends anything.
    """
    if not planned:
        return 0, 0
    existing = await existing_keys(session, keys=[p.key for p in planned])
    new = [p for p in planned if p.key not in existing]
    revive = [
        p
        for p in planned
        if p.key in existing and existing[p.key][1] == NotificationStatus.CANCELLED
    ]
    if new:
        statement = _insert_ignore(session)
        for start in range(0, len(new), IN_CHUNK):
            await session.execute(
                statement,
                [
                    {
                        "key": p.key,
                        "employee_id": p.employee_id,
                        "kind": p.kind,
                        "due_at": p.due_at,
                        "stale_after": p.stale_after,
                        "status": PENDING,
                        "payload": p.payload,
                        "attempts": 0,
                    }
                    for p in new[start : start + IN_CHUNK]
                ],
            )
    for p in revive:
        await session.execute(
            update(Notification)
            .where(Notification.key == p.key, Notification.status == NotificationStatus.CANCELLED)
            .values(
                status=PENDING,
                due_at=p.due_at,
                stale_after=p.stale_after,
                payload=p.payload,
                attempts=0,
                last_error=None,
            )
            .execution_options(synchronize_session=False)
        )
    return len(new), len(revive)


def _insert_ignore(session: AsyncSession) -> Any:
    """INSERT that skips a key another planner inserted meanwhile."""
    dialect = session.get_bind().dialect.name
    table = table_of(Notification)
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=["key"])
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing(index_elements=["key"])
    return insert(table).prefix_with("IGNORE")


@dataclass(frozen=True)
class Row:
    """A planned notice as the planner compares it with the present."""

    id: int
    key: str
    employee_id: int
    kind: str
    status: str
    payload: dict[str, Any]


async def live_rows(
    session: AsyncSession,
    *,
    kinds: Collection[str],
    since: datetime,
    employee_ids: Collection[int] | None = None,
) -> list[Row]:
    """Pending, claimed and sent notices of ``kinds`` whose event is not long past."""
    query = select(
        Notification.id,
        Notification.key,
        Notification.employee_id,
        Notification.kind,
        Notification.status,
        Notification.payload,
    ).where(
        Notification.kind.in_(list(kinds)),
        Notification.status.in_([PENDING, CLAIMED, NotificationStatus.SENT]),
        Notification.stale_after >= since,
    )
    if employee_ids is not None:
        query = query.where(Notification.employee_id.in_(list(employee_ids)))
    rows = await session.execute(query.order_by(Notification.id))
    return [Row(i, k, e, kind, str(s), dict(p or {})) for i, k, e, kind, s, p in rows.all()]


async def cancel(session: AsyncSession, *, ids: Collection[int]) -> int:
    """Withdraw pending notices (sent ones stay as they are); returns how many."""
    count = 0
    items = sorted(ids)
    for start in range(0, len(items), IN_CHUNK):
        result = await session.execute(
            update(Notification)
            .where(
                Notification.id.in_(items[start : start + IN_CHUNK]), Notification.status == PENDING
            )
            .values(status=NotificationStatus.CANCELLED)
            .execution_options(synchronize_session=False)
        )
        count += rowcount(result)
    return count


async def links_of(session: AsyncSession, *, employee_ids: Collection[int]) -> dict[int, ChatLink]:
    """Employee id -> chat link, for the recipients of a batch."""
    if not employee_ids:
        return {}
    rows = await session.scalars(
        select(ChatLink).where(ChatLink.employee_id.in_(list(employee_ids)))
    )
    return {row.employee_id: row for row in rows.all() if row.employee_id is not None}


async def set_blocked(
    session: AsyncSession, *, telegram_user_id: int, blocked: bool, now: datetime
) -> bool:
    """Mark a linked user blocked (they blocked the bot) or active again."""
    if blocked:
        statement = (
            update(ChatLink)
            .where(
                ChatLink.telegram_user_id == telegram_user_id, ChatLink.status == LinkStatus.ACTIVE
            )
            .values(status=LinkStatus.BLOCKED, blocked_at=now)
        )
    else:
        statement = (
            update(ChatLink)
            .where(
                ChatLink.telegram_user_id == telegram_user_id, ChatLink.status == LinkStatus.BLOCKED
            )
            .values(status=LinkStatus.ACTIVE, blocked_at=None)
        )
    result = await session.execute(statement.execution_options(synchronize_session=False))
    return rowcount(result) == 1


async def block_employee(session: AsyncSession, *, employee_id: int, now: datetime) -> None:
    """Telegram said 403: this employee's user blocked the bot."""
    await session.execute(
        update(ChatLink)
        .where(ChatLink.employee_id == employee_id, ChatLink.status == LinkStatus.ACTIVE)
        .values(status=LinkStatus.BLOCKED, blocked_at=now)
        .execution_options(synchronize_session=False)
    )


async def set_prefs(session: AsyncSession, *, link_id: int, prefs: dict[str, Any]) -> None:
    await session.execute(
        update(ChatLink)
        .where(ChatLink.id == link_id)
        .values(notification_prefs=prefs)
        .execution_options(synchronize_session=False)
    )


async def holidays(session: AsyncSession, *, since: datetime) -> frozenset[Any]:
    """Holiday dates from ``since`` on (a year or so of rows)."""
    rows = await session.scalars(select(Holiday.day).where(Holiday.day >= since.date()))
    return frozenset(rows.all())


async def own_notification(
    session: AsyncSession, *, notification_id: int, employee_id: int
) -> Notification | None:
    """A notification, only if it was addressed to ``employee_id``."""
    found: Notification | None = await session.scalar(
        select(Notification).where(
            Notification.id == notification_id, Notification.employee_id == employee_id
        )
    )
    return found


async def acknowledge(
    session: AsyncSession, *, notification_id: int, employee_id: int, now: datetime
) -> bool:
    """Record that the recipient read a change notice; False if it is not theirs."""
    notification = await own_notification(
        session, notification_id=notification_id, employee_id=employee_id
    )
    if notification is None:
        return False
    if "read_at" not in notification.payload:
        notification.payload = {**notification.payload, "read_at": now.isoformat()}
        await session.flush()
    return True
