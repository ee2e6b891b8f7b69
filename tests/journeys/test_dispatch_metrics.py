"""The dispatcher reports to /healthz and /metrics what it did."""

from __future__ import annotations

from models import Notification
from tests.factories import add_employee, add_linked_user
from tests.journeys.conftest import RunningBot


async def test_the_dispatcher_run_and_what_it_sent_show_in_the_metrics(bot: RunningBot) -> None:
    async with bot.db.begin() as session:
        employee = await add_employee(session)
        await add_linked_user(
            session, telegram_user_id=4242, employee=employee, now=bot.clock.now()
        )
        session.add(
            Notification(
                key="test:1",
                employee_id=employee.id,
                kind="broadcast",
                due_at=bot.clock.now(),
                payload={"text": "Halo semua"},
            )
        )

    user = bot.user(4242)

    await bot.run_job("dispatch_notifications")
    received = await user.next_message()

    assert received.text == "Halo semua"
    metrics = bot.application.bot_data.metrics
    assert metrics.last_dispatcher_run == bot.clock.now()
    assert metrics.notifications_sent._value.get() == 1
