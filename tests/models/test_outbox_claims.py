"""The outbox on every database: planning is idempotent, a claim is exclusive,
a dead process's claims come back after the lease, a send proves its claim
first, a long run keeps its batch, due rows use the index."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.reminders import Planned
from models.outbox import Notification
from models.queries import claims
from models.queries import outbox as q
from tests.factories import add_employee

NOW = datetime(2025, 5, 6, 3, 0, tzinfo=UTC)


async def planned(db: async_sessionmaker[AsyncSession], count: int) -> list[Planned]:
    async with db.begin() as session:
        employee = await add_employee(session)
        notices = [
            Planned(
                f"broadcast:1:emp:{employee.id}:{n}",
                employee.id,
                "broadcast",
                NOW - timedelta(minutes=n),
                None,
                {"text": f"#{n}"},
            )
            for n in range(count)
        ]
        assert await q.plan(session, planned=notices) == (count, 0)
    return notices


async def test_planning_twice_writes_each_key_once(db: async_sessionmaker[AsyncSession]) -> None:
    notices = await planned(db, 3)
    async with db.begin() as session:
        assert await q.plan(session, planned=notices) == (0, 0)
        ids = (await session.scalars(select(Notification.id))).all()
        assert len(ids) == 3
        assert await q.cancel(session, ids=ids[:1]) == 1
        assert await q.plan(session, planned=notices) == (0, 1)  # wanted again: back


async def test_two_claimers_never_get_the_same_row(db: async_sessionmaker[AsyncSession]) -> None:
    await planned(db, 30)

    async def claimer(name: str) -> list[int]:
        got: list[int] = []
        for n in range(10):
            async with db.begin() as session:
                batch = await claims.claim_due(session, now=NOW, token=f"{name}:{n}", limit=4)
            got += [row.id for row in batch]
        return got

    first, second = await asyncio.gather(claimer("a"), claimer("b"))
    assert not set(first) & set(second)
    assert len(first) + len(second) == 30


async def test_claims_of_a_dead_process_return_after_the_lease(
    db: async_sessionmaker[AsyncSession],
) -> None:
    await planned(db, 2)
    async with db.begin() as session:
        batch = await claims.claim_due(session, now=NOW, token="dead:1", limit=10)
        assert len(batch) == 2
    async with db.begin() as session:
        assert await claims.claim_due(session, now=NOW, token="alive:1", limit=10) == []
        assert (
            await claims.reclaim_expired(
                session, now=NOW + timedelta(seconds=30), lease=timedelta(minutes=2)
            )
            == 0
        )
        assert (
            await claims.reclaim_expired(
                session, now=NOW + timedelta(minutes=2), lease=timedelta(minutes=2)
            )
            == 2
        )
    async with db.begin() as session:
        again = await claims.claim_due(session, now=NOW, token="alive:2", limit=10)
        assert len(again) == 2
        assert (
            await claims.finish(session, notification_id=again[0].id, token="dead:1", status="sent")
            is False
        )  # not the dead one's to record
        assert (
            await claims.finish(
                session, notification_id=again[0].id, token="alive:2", status="sent", sent_at=NOW
            )
            is True
        )


LEASE = timedelta(minutes=2)


async def test_a_send_proves_its_claim_first_and_a_lapsed_claim_proves_nothing(
    db: async_sessionmaker[AsyncSession],
) -> None:
    await planned(db, 3)
    async with db.begin() as session:
        ids = [n.id for n in await claims.claim_due(session, now=NOW, token="a:1", limit=10)]
    async with db.begin() as session:  # within the lease: still ours, renewed
        later = NOW + timedelta(seconds=90)
        assert await claims.renew(session, ids=ids[:1], token="a:1", now=later, lease=LEASE) == {
            ids[0]
        }
        assert (
            await claims.renew(session, ids=ids[:1], token="b:1", now=later, lease=LEASE) == set()
        )
    async with db.begin() as session:  # the others lapsed, the renewed one did not
        late = NOW + timedelta(minutes=3)
        assert await claims.renew(session, ids=ids, token="a:1", now=late, lease=LEASE) == {ids[0]}
        assert await claims.reclaim_expired(session, now=late, lease=LEASE) == 2
        taken = await claims.claim_due(session, now=late, token="b:2", limit=10)
        assert sorted(n.id for n in taken) == sorted(ids[1:])
    async with db.begin() as session:  # reclaimed: never again the first batch's
        assert await claims.renew(session, ids=ids[1:], token="a:1", now=late, lease=LEASE) == set()


async def test_a_long_run_keeps_its_batch_by_renewing_it(
    db: async_sessionmaker[AsyncSession],
) -> None:
    await planned(db, 3)
    async with db.begin() as session:
        ids = [n.id for n in await claims.claim_due(session, now=NOW, token="a:1", limit=10)]
    for minutes in (1, 2, 3, 4):  # every minute: the batch outlives the lease by far
        async with db.begin() as session:
            now = NOW + timedelta(minutes=minutes)
            assert await claims.extend(session, ids=ids, token="a:1", now=now, lease=LEASE) == 3
            assert await claims.reclaim_expired(session, now=now, lease=LEASE) == 0


async def test_a_message_that_went_is_recorded_even_if_another_batch_took_it_meanwhile(
    db: async_sessionmaker[AsyncSession],
) -> None:
    await planned(db, 1)
    async with db.begin() as session:
        [first] = await claims.claim_due(session, now=NOW, token="a:1", limit=10)
    late = NOW + timedelta(minutes=3)
    async with db.begin() as session:
        assert await claims.reclaim_expired(session, now=late, lease=LEASE) == 1
        assert len(await claims.claim_due(session, now=late, token="b:1", limit=10)) == 1
    async with db.begin() as session:  # a's answer came back: it is sent, b must not send
        assert await claims.sent(session, notification_id=first.id, now=late) is True
        assert (
            await claims.renew(session, ids=[first.id], token="b:1", now=late, lease=LEASE) == set()
        )


async def test_due_rows_are_found_through_the_status_due_at_index(
    db: async_sessionmaker[AsyncSession],
) -> None:
    async with db() as session:
        if session.get_bind().dialect.name != "sqlite":
            return  # the planner's choice on a tiny table proves nothing elsewhere
        from sqlalchemy import text

        plan = await session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT id FROM notifications WHERE status = 'pending' "
                "AND due_at <= '2025-05-06' ORDER BY due_at, id LIMIT 50"
            )
        )
        assert "ix_notifications_status_due_at" in " ".join(str(row) for row in plan.all())
