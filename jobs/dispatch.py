"""The dispatcher: the one repeating job that sends due notifications.

Each run gives back claims left by a process that died (older than the lease),
then takes due notices in batches: claims a batch (committed, so another
process on the same database skips those rows), and for each notice decides
(send, defer for quiet hours or a day off, skip as stale or opted out), sends,
and commits the outcome at once. A restart mid-batch therefore repeats nothing
already recorded and loses nothing: what was still claimed goes back to pending
after the lease. Time is ``context.clock``'s, never the wall clock's.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.context import BotContext
from bot.core import outbox as rules
from bot.core import reminders as r
from bot.metrics import count_notification, mark_dispatcher_run
from bot.texts import t
from jobs.planning import calendar_for
from jobs.render import render, send_rendered
from models.chat import ChatLink
from models.enums import BroadcastStatus, LinkStatus
from models.outbox import Notification
from models.queries import broadcasts as bq
from models.queries import outbox as q

log = logging.getLogger(__name__)

# Who claims: unique per process, so two bot processes never mistake each other's claims.
INSTANCE = f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
_batches = itertools.count(1)
# Batches per run at most: a long backlog is drained over a few runs, not in one.
MAX_BATCHES_PER_RUN = 20


@dataclass
class RunCount:
    """What one run did (the admins hear about stale ones)."""

    sent: int = 0
    stale: int = 0
    stop: bool = False


async def dispatch_due(context: BotContext) -> None:
    """Send what is due now, batch by batch, recording each outcome as it happens."""
    now = context.clock.now()
    settings = context.settings
    mark_dispatcher_run(context, now)
    async with context.db.begin() as session:
        reclaimed = await q.reclaim_expired(session, now=now, lease=rules.CLAIM_LEASE)
        calendar = calendar_for(settings, await q.holidays(session, since=now - timedelta(days=1)))
    if reclaimed:
        log.warning(
            "outbox: %d notification(s) left claimed by a stopped process, retried", reclaimed
        )
    count = RunCount()
    for _ in range(MAX_BATCHES_PER_RUN):
        token = f"{INSTANCE}:{next(_batches)}"
        async with context.db.begin() as session:
            batch = await q.claim_due(
                session, now=now, token=token, limit=settings.dispatch_batch_size
            )
            links = await q.links_of(session, employee_ids={n.employee_id for n in batch})
            held = await bq.statuses(session, ids={n.broadcast_id for n in batch if n.broadcast_id})
        if not batch:
            break
        for notification in batch:
            if await _held_back(context, notification, held, token, now):
                continue
            await _deliver(context, notification, links, calendar, token, now, count)
            if count.stop:  # flood control: the rest of the batch waits with it
                async with context.db.begin() as session:
                    await q.release(session, token=token)
                break
        # A run cut short (a crash, a kill) leaves its claims: the lease gives them back.
        if count.stop or len(batch) < settings.dispatch_batch_size:
            break
    if count.stale:
        log.info("outbox: %d stale notification(s) skipped", count.stale)
        if settings.admin_chat_id is not None:
            await context.bot.send_message(
                settings.admin_chat_id, t("notify.admin.stale", "id", count=count.stale)
            )


async def _deliver(
    context: BotContext,
    notification: Notification,
    links: dict[int, ChatLink],
    calendar: r.Calendar,
    token: str,
    now: datetime,
    count: RunCount,
) -> None:
    link = links.get(notification.employee_id)
    if link is None or link.status != LinkStatus.ACTIVE:
        blocked = link is not None and link.status == LinkStatus.BLOCKED
        reason = "blocked" if blocked else "no active link"
        delivery = "blocked" if blocked else "failed"
        await _finish(
            context, notification, token, "skipped", delivery=delivery, now=now, last_error=reason
        )
        return
    decision = r.decide(
        kind=notification.kind,
        due_at=notification.due_at,
        stale_after=notification.stale_after,
        payload=notification.payload,
        prefs=link.notification_prefs,
        calendar=calendar,
        now=now,
    )
    if decision.action == r.STALE:
        count.stale += 1
        await _finish(context, notification, token, "skipped", last_error="stale")
        return
    if decision.action == r.OPTED_OUT:
        await _finish(context, notification, token, "skipped", last_error="opted out")
        return
    if decision.action == r.DEFER:
        await _finish(
            context,
            notification,
            token,
            "pending",
            due_at=decision.until,
            claimed_by=None,
            claimed_at=None,
        )
        return
    lang = link.language
    text, keyboard = render(
        notification_id=notification.id,
        kind=notification.kind,
        payload=notification.payload,
        due_at=notification.due_at,
        late=decision.late,
        lang=lang,
        tz=context.settings.tz,
    )
    chat_id = link.telegram_user_id
    try:
        await send_rendered(context.bot, chat_id, text, keyboard, notification.payload)
    except RetryAfter as exc:
        await _failed(context, notification, token, now, rules.RETRY_AFTER, exc, count)
        return
    except Forbidden as exc:
        await _failed(context, notification, token, now, rules.FORBIDDEN, exc, count)
        return
    except BadRequest as exc:
        await _failed(context, notification, token, now, rules.REFUSED, exc, count)
        return
    except (NetworkError, TelegramError) as exc:
        await _failed(context, notification, token, now, rules.TRANSIENT, exc, count)
        return
    count.sent += 1
    count_notification(context, "sent")
    await _finish(
        context,
        notification,
        token,
        "sent",
        delivery="delivered",
        now=now,
        sent_at=now,
        attempts=notification.attempts + 1,
        last_error=None,
    )
    await _pace(context.settings.broadcast_rate)


async def _failed(
    context: BotContext,
    notification: Notification,
    token: str,
    now: datetime,
    failure: str,
    exc: TelegramError,
    count: RunCount,
) -> None:
    retry_after = getattr(exc, "retry_after", 0) or 0
    seconds = retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after
    outcome = rules.after_failure(
        failure,
        attempts=notification.attempts,
        now=now,
        error=f"{type(exc).__name__}: {exc.message}",
        retry_after=float(seconds),
        retry_limit=context.settings.outbox_retry_limit,
    )
    log.warning("outbox: notification %d: %s", notification.id, outcome.last_error)
    if outcome.status == rules.FAILED:
        count_notification(context, "failed")
    values: dict[str, object] = {"attempts": outcome.attempts, "last_error": outcome.last_error}
    if outcome.status == rules.PENDING:
        values.update(due_at=outcome.due_at, claimed_by=None, claimed_at=None)
    async with context.db.begin() as session:
        await q.finish(
            session, notification_id=notification.id, token=token, status=outcome.status, **values
        )
        if outcome.block_link:
            await q.block_employee(session, employee_id=notification.employee_id, now=now)
        if notification.broadcast_id is not None and outcome.status != rules.PENDING:
            await bq.record_delivery(
                session,
                broadcast_id=notification.broadcast_id,
                employee_id=notification.employee_id,
                status="blocked" if outcome.block_link else "failed",
                now=now,
            )
    count.stop = count.stop or outcome.stop_batch


async def _finish(
    context: BotContext,
    notification: Notification,
    token: str,
    status: str,
    *,
    delivery: str | None = None,
    now: datetime | None = None,
    **values: object,
) -> None:
    """Record the outcome; an announcement's delivery row with it (one transaction)."""
    async with context.db.begin() as session:
        ours = await q.finish(
            session, notification_id=notification.id, token=token, status=status, **values
        )
        if ours and delivery and notification.broadcast_id is not None and now is not None:
            await bq.record_delivery(
                session,
                broadcast_id=notification.broadcast_id,
                employee_id=notification.employee_id,
                status=delivery,
                now=now,
            )


async def _held_back(
    context: BotContext,
    notification: Notification,
    held: dict[int, str],
    token: str,
    now: datetime,
) -> bool:
    """An announcement paused (its notice waits, parked) or cancelled (withdrawn)."""
    status = held.get(notification.broadcast_id or 0)
    if status == BroadcastStatus.PAUSED:
        await _finish(
            context,
            notification,
            token,
            "pending",
            due_at=now + bq.PARKED,
            claimed_by=None,
            claimed_at=None,
        )
        return True
    if status == BroadcastStatus.CANCELLED:
        await _finish(context, notification, token, "cancelled")
        return True
    return False


# When this process may send its next notice (time.monotonic()), see _pace.
_next_send = 0.0
# A send late by less than this is caught up (a burst of at most this x rate messages).
CATCH_UP = 0.25


async def _pace(rate: float) -> None:
    """At most ``rate`` messages a second from this process, on a monotonic schedule.

    Each send has a slot ``1/rate`` after the previous one; the time spent sending
    and recording counts toward it (sleeping a full ``1/rate`` after each send made
    the rate fall well short of the setting: 19/s of 25 in bench/RESULTS.md).
    """
    global _next_send
    now = time.monotonic()
    _next_send = max(_next_send + 1 / rate, now - CATCH_UP)
    if _next_send > now:
        await asyncio.sleep(_next_send - now)
