"""Claiming and recording notices: what keeps two bot processes on one database
from sending the same notice.

A batch is claimed with a conditional ``UPDATE ... WHERE status = 'pending'``
under a token unique to the batch, and right before each send the claim is
renewed with another conditional ``UPDATE`` (same token, not older than the
lease): a notice whose renewal fails is not this batch's any more and is not
sent. On PostgreSQL and MariaDB the candidates are first picked with ``FOR
UPDATE SKIP LOCKED`` so two dispatchers take different rows instead of waiting
on each other. Due rows are found through the ``(status, due_at)`` index.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.vocabulary import NotificationStatus
from models.outbox import Notification
from models.queries.outbox import IN_CHUNK
from models.queries.seats import rowcount

PENDING = NotificationStatus.PENDING
CLAIMED = NotificationStatus.CLAIMED


async def reclaim_expired(session: AsyncSession, *, now: datetime, lease: timedelta) -> int:
    """Claims older than ``lease`` (their process died or stalled mid-batch) go back to
    pending."""
    expired = Notification.status == CLAIMED, Notification.claimed_at <= now - lease
    # A plain read first (an idle dispatcher takes no lock), then one row at a time by
    # its primary key, as every other update of a claim: on MariaDB an UPDATE that
    # scanned the status index would lock rows in another order than a running batch
    # renewing its claims, and the two could deadlock.
    ids = (await session.scalars(select(Notification.id).where(*expired))).all()
    count = 0
    for notification_id in sorted(ids):
        result = await session.execute(
            update(Notification)
            .where(Notification.id == notification_id, *expired)
            .values(status=PENDING, claimed_by=None, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        count += rowcount(result)
    return count


async def claim_due(
    session: AsyncSession,
    *,
    now: datetime,
    token: str,
    limit: int,
    together: Collection[str] = (),
) -> list[Notification]:
    """Claim up to ``limit`` due notices for the batch ``token``, oldest due first,
    and with them the other due notices of ``together`` kinds for the same people
    (one message can then carry them all).

    Commit right after: the claim is what other processes see.
    """
    pick = (
        select(Notification.id, Notification.employee_id)
        .where(Notification.status == PENDING, Notification.due_at <= now)
        .order_by(Notification.due_at, Notification.id)
        .limit(limit)
    )
    locking = session.get_bind().dialect.name in ("postgresql", "mysql", "mariadb")
    if locking:
        pick = pick.with_for_update(skip_locked=True)
    picked = (await session.execute(pick)).all()
    ids = {notification_id for notification_id, _ in picked}
    if together and picked:
        people = sorted({employee_id for _, employee_id in picked})
        more = select(Notification.id).where(
            Notification.status == PENDING,
            Notification.due_at <= now,
            Notification.kind.in_(list(together)),
            Notification.employee_id.in_(people[:IN_CHUNK]),
            Notification.id.not_in(sorted(ids)),
        )
        if locking:
            more = more.with_for_update(skip_locked=True)
        ids.update((await session.scalars(more.limit(limit))).all())
    for notification_id in sorted(ids):
        await session.execute(
            update(Notification)
            .where(Notification.id == notification_id, Notification.status == PENDING)
            .values(status=CLAIMED, claimed_by=token, claimed_at=now)
            .execution_options(synchronize_session=False)
        )
    if not ids:
        return []
    rows = await session.scalars(
        select(Notification)
        .where(Notification.claimed_by == token, Notification.status == CLAIMED)
        .order_by(Notification.due_at, Notification.id)
    )
    return list(rows.all())


def _held(notification_id: int, token: str, now: datetime, lease: timedelta) -> Any:
    """The notice, claimed under ``token`` and younger than the lease: still the batch's.

    Always one row by its primary key (see :func:`reclaim_expired`).
    """
    return (
        (Notification.id == notification_id)
        & (Notification.status == CLAIMED)
        & (Notification.claimed_by == token)
        & (Notification.claimed_at > now - lease)
    )


async def renew(
    session: AsyncSession,
    *,
    ids: Collection[int],
    token: str,
    now: datetime,
    lease: timedelta,
) -> set[int]:
    """Prove, right before a send, that these claims are still the batch's; renew them.

    Returns the ids that are: the others went back to pending after the lease (and
    maybe to another instance); sending them would send them twice.
    """
    held = set()
    for notification_id in sorted(ids):
        result = await session.execute(
            update(Notification)
            .where(_held(notification_id, token, now, lease))
            .values(claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        if rowcount(result) == 1:
            held.add(notification_id)
    return held


async def extend(
    session: AsyncSession, *, ids: Collection[int], token: str, now: datetime, lease: timedelta
) -> int:
    """Renew the claims the batch ``token`` (of these ``ids``) still holds: a long run
    keeps its batch."""
    return len(await renew(session, ids=ids, token=token, now=now, lease=lease))


async def finish(
    session: AsyncSession, *, notification_id: int, token: str, status: str, **values: Any
) -> bool:
    """Record the outcome of a claimed notice (only if the claim is still ours)."""
    result = await session.execute(
        update(Notification)
        .where(
            Notification.id == notification_id,
            Notification.status == CLAIMED,
            Notification.claimed_by == token,
        )
        .values(status=NotificationStatus(status), **values)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def sent(session: AsyncSession, *, notification_id: int, now: datetime) -> bool:
    """Record a notice Telegram accepted, whoever claims it now.

    Normally this batch still does. If its lease ran out while the message was on
    its way and another instance took the notice, that one has not sent it yet (it
    renews its claim right before sending, and that fails once this is written).
    """
    result = await session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.status.in_([PENDING, CLAIMED]))
        .values(
            status=NotificationStatus.SENT,
            sent_at=now,
            attempts=Notification.attempts + 1,
            last_error=None,
        )
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def release(session: AsyncSession, *, ids: Collection[int], token: str) -> int:
    """Give back what the batch ``token`` (of these ``ids``) still holds: it stopped early."""
    count = 0
    for notification_id in sorted(ids):
        result = await session.execute(
            update(Notification)
            .where(
                Notification.id == notification_id,
                Notification.claimed_by == token,
                Notification.status == CLAIMED,
            )
            .values(status=PENDING, claimed_by=None, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        count += rowcount(result)
    return count
