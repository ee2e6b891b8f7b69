"""What the dispatcher (``jobs.dispatch``) writes after deciding or sending: a notice
sent, failed, skipped, deferred or held back with its announcement, each with the
announcement's delivery row when it belongs to one. Every write is conditional on
the batch's claim token (``models.queries.claims.finish``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram.error import TelegramError

from bot.context import BotContext
from bot.core import outbox as rules
from bot.core.vocabulary import BroadcastStatus, DeliveryStatus, NotificationStatus, SendFailure
from bot.metrics import count_notification
from models.outbox import Notification
from models.queries import broadcasts as bq
from models.queries import claims
from models.queries import outbox as q

log = logging.getLogger(__name__)


@dataclass
class RunCount:
    """What one run did (the admins hear about stale ones)."""

    sent: int = 0
    stale: int = 0
    stop: bool = False


async def record_sent(
    context: BotContext, notifications: list[Notification], count: RunCount
) -> None:
    """Telegram accepted the message: record it at once (one transaction)."""
    now = context.clock.now()
    async with context.db.begin() as session:
        for notification in notifications:
            recorded = await claims.sent(session, notification_id=notification.id, now=now)
            if recorded and notification.broadcast_id is not None:
                await bq.record_delivery(
                    session,
                    broadcast_id=notification.broadcast_id,
                    employee_id=notification.employee_id,
                    status=DeliveryStatus.DELIVERED,
                    now=now,
                )
    count.sent += len(notifications)
    count_notification(context, NotificationStatus.SENT, len(notifications))


async def record_failure(
    context: BotContext,
    notifications: list[Notification],
    token: str,
    failure: SendFailure,
    exc: TelegramError,
    count: RunCount,
) -> None:
    """Telegram refused the message: each notice retries later, fails or is skipped."""
    retry_after = getattr(exc, "retry_after", 0) or 0
    seconds = retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after
    now = context.clock.now()
    async with context.db.begin() as session:
        for notification in notifications:
            outcome = rules.after_failure(
                failure,
                attempts=notification.attempts,
                now=now,
                error=f"{type(exc).__name__}: {exc.message}",
                retry_after=float(seconds),
                retry_limit=context.settings.outbox_retry_limit,
            )
            log.warning("outbox: notification %d: %s", notification.id, outcome.last_error)
            await _write_failure(session, context, notification, token, outcome, now)
            count.stop = count.stop or outcome.stop_batch


async def _write_failure(
    session: AsyncSession,
    context: BotContext,
    notification: Notification,
    token: str,
    outcome: rules.Outcome,
    now: datetime,
) -> None:
    if outcome.status == NotificationStatus.FAILED:
        count_notification(context, NotificationStatus.FAILED)
    values: dict[str, object] = {"attempts": outcome.attempts, "last_error": outcome.last_error}
    if outcome.status == NotificationStatus.PENDING:
        values.update(due_at=outcome.due_at, claimed_by=None, claimed_at=None)
    await claims.finish(
        session, notification_id=notification.id, token=token, status=outcome.status, **values
    )
    if outcome.block_link:
        await q.block_employee(session, employee_id=notification.employee_id, now=now)
    if notification.broadcast_id is not None and outcome.status != NotificationStatus.PENDING:
        await bq.record_delivery(
            session,
            broadcast_id=notification.broadcast_id,
            employee_id=notification.employee_id,
            status=DeliveryStatus.BLOCKED if outcome.block_link else DeliveryStatus.FAILED,
            now=now,
        )


async def finish(
    context: BotContext,
    notification: Notification,
    token: str,
    status: NotificationStatus,
    *,
    delivery: DeliveryStatus | None = None,
    **values: object,
) -> None:
    """Record an outcome without a send; an announcement's delivery row with it."""
    async with context.db.begin() as session:
        ours = await claims.finish(
            session, notification_id=notification.id, token=token, status=status, **values
        )
        if ours and delivery and notification.broadcast_id is not None:
            await bq.record_delivery(
                session,
                broadcast_id=notification.broadcast_id,
                employee_id=notification.employee_id,
                status=delivery,
                now=context.clock.now(),
            )


async def defer(
    context: BotContext, notification: Notification, token: str, until: datetime | None
) -> None:
    """Give the notice back, due again at ``until``."""
    await finish(
        context,
        notification,
        token,
        NotificationStatus.PENDING,
        due_at=until,
        claimed_by=None,
        claimed_at=None,
    )


async def held_back(
    context: BotContext,
    notification: Notification,
    held: dict[int, str],
    token: str,
) -> bool:
    """An announcement paused (its notice waits, parked) or cancelled (withdrawn)."""
    status = held.get(notification.broadcast_id or 0)
    if status == BroadcastStatus.PAUSED:
        await defer(context, notification, token, context.clock.now() + bq.PARKED)
        return True
    if status == BroadcastStatus.CANCELLED:
        await finish(context, notification, token, NotificationStatus.CANCELLED)
        return True
    return False
