"""Scale-out: two webhook instances behind one load balancer share one database.

One emulator calls the webhook of a tiny round-robin load balancer, which
forwards each update (headers included) to instance A or B in turn. Users are
answered exactly once; both instances then run their dispatcher at the same
time and every recipient still gets the announcement exactly once, because
notices are claimed in the database (``FOR UPDATE SKIP LOCKED``). Together they
keep to the one rate the operator set, replies to users included, because every
new message takes its turn from a pace kept in the database (``bot/flood.py``):
the emulator enforces Telegram's limits on the test's clock and answers no 429.

PostgreSQL and MariaDB only: SQLite is for one process.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from bot.clock import FakeClock
from bot.core.vocabulary import NotificationStatus
from models import Notification
from models.db import create_engine, create_sessionmaker
from sandbox.limits import busiest
from sandbox.state import CallRecord
from tests.factories import add_employee, add_linked_user
from tests.journeys.cluster import SECRET, Cluster, running_cluster

RECIPIENTS = 60


@pytest.fixture
async def cluster(database_url: str, clock: FakeClock) -> AsyncIterator[Cluster]:
    if not database_url.startswith(("postgresql", "mysql")):
        pytest.skip("several instances need PostgreSQL or MariaDB")
    # Telegram's limits at their defaults, on the clock both instances pace themselves by.
    async with running_cluster(database_url, clock, limits=True, dispatch_batch_size=5) as c:
        yield c


async def test_each_user_is_answered_once_by_one_of_two_instances(cluster: Cluster) -> None:
    users = [cluster.emulator.user(2000 + i, first_name=f"Pegawai {i}") for i in range(10)]

    for user in users:
        await user.send("/start")
    replies = [await user.next_message() for user in users]

    assert all("Selamat datang" in (reply.text or "") for reply in replies)
    chats = Counter(call.params["chat_id"] for call in cluster.emulator.calls_to("sendMessage"))
    assert chats == Counter({user.id: 1 for user in users})
    assert cluster.forwarded[0] > 0 and cluster.forwarded[1] > 0
    assert cluster.emulator.state.webhook is not None
    assert cluster.emulator.state.webhook["secret_token"] == SECRET


async def test_two_dispatchers_send_each_announcement_exactly_once(
    cluster: Cluster, database_url: str, clock: FakeClock
) -> None:
    engine = create_engine(database_url)
    db = create_sessionmaker(engine)
    async with db.begin() as session:
        for i in range(RECIPIENTS):
            employee = await add_employee(
                session, nip=f"1990010120150110{i:02d}", name=f"Pegawai {i}"
            )
            await add_linked_user(
                session, employee=employee, telegram_user_id=3000 + i, now=clock.now()
            )
            session.add(
                Notification(
                    key=f"broadcast:1:{employee.id}",
                    employee_id=employee.id,
                    kind="broadcast",
                    due_at=clock.now(),
                    payload={"text": "Pengumuman BKPSDM"},
                )
            )

    for i in range(RECIPIENTS):
        cluster.emulator.user(3000 + i, first_name=f"Pegawai {i}")

    await cluster.dispatch_everywhere()
    await cluster.dispatch_everywhere()  # nothing left: a second round sends nothing

    sent = Counter(call.params["chat_id"] for call in cluster.emulator.calls_to("sendMessage"))
    assert sent == Counter({3000 + i: 1 for i in range(RECIPIENTS)})
    by_instance = [
        app.bot_data.metrics.notifications_sent._value.get() for app in cluster.instances
    ]
    assert sum(by_instance) == RECIPIENTS
    assert all(count > 0 for count in by_instance), by_instance
    async with db() as session:
        statuses = await session.execute(
            select(Notification.status, func.count()).group_by(Notification.status)
        )
        assert {status: n for status, n in statuses.all()} == {NotificationStatus.SENT: RECIPIENTS}
    await engine.dispose()


def busiest_second(calls: list[CallRecord]) -> int:
    """The most accepted messages within any one second, as the emulator received them."""
    return busiest(call.at for call in calls if call.status == 200)


async def test_two_instances_and_their_replies_keep_to_one_rate_together(
    cluster: Cluster, database_url: str, clock: FakeClock
) -> None:
    recipients = 80
    engine = create_engine(database_url)
    db = create_sessionmaker(engine)
    async with db.begin() as session:
        for i in range(recipients):
            employee = await add_employee(
                session, nip=f"1991020220160210{i:02d}", name=f"Pegawai {i}"
            )
            await add_linked_user(
                session, employee=employee, telegram_user_id=4000 + i, now=clock.now()
            )
            session.add(
                Notification(
                    key=f"broadcast:2:{employee.id}",
                    employee_id=employee.id,
                    kind="broadcast",
                    due_at=clock.now(),
                    payload={"text": "Pengumuman BKPSDM"},
                )
            )
    for i in range(recipients):
        cluster.emulator.user(4000 + i, first_name=f"Pegawai {i}")
    talkers = [cluster.emulator.user(5000 + i, first_name=f"Tamu {i}") for i in range(10)]

    async def talk() -> None:  # replies from both instances while they send
        for user in talkers:
            await user.send("/start")
        for user in talkers:
            await user.next_message()

    await asyncio.gather(cluster.dispatch_everywhere(), cluster.dispatch_everywhere(), talk())
    await cluster.dispatch_everywhere()

    calls = cluster.sends()
    assert [c.status for c in calls if c.status != 200] == []  # not one 429
    got = Counter(int(c.params["chat_id"]) for c in calls)
    assert got == Counter({4000 + i: 1 for i in range(recipients)} | {u.id: 1 for u in talkers})
    by_instance = [
        app.bot_data.metrics.notifications_sent._value.get() for app in cluster.instances
    ]
    assert all(count > 0 for count in by_instance), by_instance
    rate = cluster.instances[0].bot_data.settings.broadcast_rate
    assert busiest_second(calls) <= rate
    await engine.dispose()
