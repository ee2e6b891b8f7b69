"""The dispatcher: the one repeating job that sends due notifications.

A run gives back claims whose lease ran out (their instance died or stalled),
then takes due notices batch by batch:

1. It claims a batch (committed, so another instance on the same database skips
   those rows); a person's other due notices of a merged kind come with it.
2. For each message of the batch (one notice, or several course openings for
   one person merged into one, ``bot.core.outbox.messages``) it decides: send,
   defer for quiet hours or a day off, skip as stale or opted out.
3. Before a send it takes a turn from the shared pace (``bot/flood.py``: this
   is where it waits); once the turn is its own it proves the claim is still
   this batch's with a conditional renewal at the clock's time
   (``models.queries.claims.renew``: same token, younger than the lease) and
   skips what is not; then it sends and writes the outcome at once. Every
   quarter lease the rest of the batch is renewed too, so a long run (slow
   answers, a flood wait) keeps its claims.

Hence the delivery guarantee (README, "Scale-out"): a notice is sent at most
once, except that a crash, or a lost database, between Telegram's answer and
the write repeats that one message after the lease; nothing is lost. Time is
``context.clock``'s, never the wall clock's.
"""

from __future__ import annotations

import itertools
import logging
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.context import BotContext
from bot.core import outbox as rules
from bot.core import sending
from bot.core.vocabulary import DeliveryStatus, LinkStatus, NotificationStatus, SendFailure
from bot.flood import TAKEN
from bot.metrics import mark_dispatcher_run
from bot.notices.render import render, render_merged, send_rendered
from bot.texts import t
from jobs.outcomes import RunCount, defer, finish, held_back, record_failure, record_sent
from jobs.planning import calendar_for
from models.chat import ChatLink
from models.outbox import Notification
from models.queries import broadcasts as bq
from models.queries import claims
from models.queries import outbox as q

log = logging.getLogger(__name__)

# Who claims: unique per process, so two bot processes never mistake each other's claims.
INSTANCE = f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
_batches = itertools.count(1)
# Batches per run at most: a long backlog is drained over a few runs, not in one.
MAX_BATCHES_PER_RUN = 20
# How a failed send is classified: the first class that matches (BadRequest is a
# NetworkError, every one a TelegramError).
FAILURES: tuple[tuple[type[TelegramError], SendFailure], ...] = (
    (RetryAfter, SendFailure.RETRY_AFTER),
    (Forbidden, SendFailure.FORBIDDEN),
    (BadRequest, SendFailure.REFUSED),
    (NetworkError, SendFailure.TRANSIENT),
    (TelegramError, SendFailure.TRANSIENT),
)


@dataclass
class Claim:
    """The batch being sent: its claim token, its notices, when they were last renewed."""

    token: str
    renewed: datetime
    ids: list[int] = field(default_factory=list)
    # Announcements of the batch their admin chose to send now, past quiet hours.
    anytime: set[int] = field(default_factory=set)


async def dispatch_due(context: BotContext) -> None:
    """Send what is due now, batch by batch, recording each outcome as it happens."""
    now = context.clock.now()
    settings = context.settings
    mark_dispatcher_run(context, now)
    async with context.db.begin() as session:
        reclaimed = await claims.reclaim_expired(session, now=now, lease=rules.CLAIM_LEASE)
        calendar = calendar_for(settings, await q.holidays(session, since=now - timedelta(days=1)))
    if reclaimed:
        log.warning("outbox: %d notification(s) whose claim had lapsed, retried", reclaimed)
    count = RunCount()
    for _ in range(MAX_BATCHES_PER_RUN):
        taken = await _send_batch(context, calendar, count)
        # A run cut short (a crash, a kill) leaves its claims: the lease gives them back.
        if count.stop or taken < settings.dispatch_batch_size:
            break
    if count.stale:
        log.info("outbox: %d stale notification(s) skipped", count.stale)
        if settings.admin_chat_id is not None:
            await context.bot.send_message(
                settings.admin_chat_id, t("notify.admin.stale", "id", count=count.stale)
            )


async def _send_batch(context: BotContext, calendar: sending.Calendar, count: RunCount) -> int:
    """Claim one batch and send it message by message; how many notices it took."""
    claim = Claim(f"{INSTANCE}:{next(_batches)}", context.clock.now())
    async with context.db.begin() as session:
        batch = await claims.claim_due(
            session,
            now=claim.renewed,
            token=claim.token,
            limit=context.settings.dispatch_batch_size,
            together=rules.MERGED,
        )
        links = await q.links_of(session, employee_ids={n.employee_id for n in batch})
        announced = {n.broadcast_id for n in batch if n.broadcast_id}
        held = await bq.statuses(session, ids=announced)
        claim.anytime = await bq.sent_now(session, ids=announced)
    claim.ids = [n.id for n in batch]
    for message in rules.messages(batch):
        if await held_back(context, message[0], held, claim.token):
            continue
        await _deliver(context, message, links.get(message[0].employee_id), calendar, claim, count)
        if count.stop:  # flood control: the rest of the batch waits with it
            async with context.db.begin() as session:
                await claims.release(session, ids=claim.ids, token=claim.token)
            break
    return len(batch)


async def _deliver(
    context: BotContext,
    message: list[Notification],
    link: ChatLink | None,
    calendar: sending.Calendar,
    claim: Claim,
    count: RunCount,
) -> None:
    """Decide, then send one message (one notice or several merged) and record it."""
    if link is None or link.status != LinkStatus.ACTIVE:
        blocked = link is not None and link.status == LinkStatus.BLOCKED
        for notification in message:
            await finish(
                context,
                notification,
                claim.token,
                NotificationStatus.SKIPPED,
                delivery=DeliveryStatus.BLOCKED if blocked else DeliveryStatus.FAILED,
                last_error="blocked" if blocked else "no active link",
            )
        return
    ready: list[Notification] = []
    late = False
    for notification in message:
        decision = sending.decide(
            kind=notification.kind,
            due_at=notification.due_at,
            stale_after=notification.stale_after,
            payload=notification.payload,
            prefs=link.notification_prefs,
            calendar=calendar,
            now=context.clock.now(),
            anytime=notification.broadcast_id in claim.anytime,
        )
        if decision.action == sending.SEND:
            ready.append(notification)
            late = late or decision.late
        else:
            await _not_now(context, notification, decision, claim.token, count)
    if ready:
        await _send(context, ready, link, late, claim, count)


async def _send(
    context: BotContext,
    ready: list[Notification],
    link: ChatLink,
    late: bool,
    claim: Claim,
    count: RunCount,
) -> None:
    """Take a turn, prove the claim is still ours, send the message and record it."""
    chat_id = link.telegram_user_id
    ours: set[int] = set()

    async def prove(session: AsyncSession) -> None:
        ours.update(await _still_ours(session, context, ready, claim))

    await context.flood.take_turn(chat_id, then=prove)
    ready = [n for n in ready if n.id in ours]
    if not ready:
        return
    text, keyboard = _words(ready, late, link.language, context)
    try:
        await send_rendered(
            context.bot, chat_id, text, keyboard, ready[0].payload, rate_limit_args=TAKEN
        )
    except TelegramError as exc:
        failure = next(kind for error, kind in FAILURES if isinstance(exc, error))
        await record_failure(context, ready, claim.token, failure, exc, count)
        return
    await record_sent(context, ready, count)


def _words(
    ready: list[Notification], late: bool, lang: str, context: BotContext
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The message: one notice rendered, or several of a merged kind together."""
    first = ready[0]
    if len(ready) == 1:
        return render(
            notification_id=first.id,
            kind=first.kind,
            payload=first.payload,
            due_at=first.due_at,
            late=late,
            lang=lang,
            tz=context.settings.tz,
        )
    return render_merged(
        kind=first.kind,
        payloads=[n.payload for n in ready],
        due_at=min(n.due_at for n in ready),
        late=late,
        lang=lang,
        tz=context.settings.tz,
    )


async def _not_now(
    context: BotContext,
    notification: Notification,
    decision: sending.Decision,
    token: str,
    count: RunCount,
) -> None:
    """A notice not to send now: stale, opted out, or deferred."""
    if decision.action == sending.STALE:
        count.stale += 1
        await finish(context, notification, token, NotificationStatus.SKIPPED, last_error="stale")
    elif decision.action == sending.OPTED_OUT:
        await finish(
            context, notification, token, NotificationStatus.SKIPPED, last_error="opted out"
        )
    else:
        await defer(context, notification, token, decision.until)


async def _still_ours(
    session: AsyncSession, context: BotContext, notifications: list[Notification], claim: Claim
) -> set[int]:
    """The ids of the notices still claimed by this batch, renewed now (the message
    goes right after); every quarter lease the rest of the batch is renewed too."""
    now = context.clock.now()
    ours = await claims.renew(
        session,
        ids=[n.id for n in notifications],
        token=claim.token,
        now=now,
        lease=rules.CLAIM_LEASE,
    )
    if now - claim.renewed >= rules.RENEW_EVERY:
        await claims.extend(
            session, ids=claim.ids, token=claim.token, now=now, lease=rules.CLAIM_LEASE
        )
        claim.renewed = now
    lost = len(notifications) - len(ours)
    if lost:
        log.warning("outbox: %d notification(s) no longer claimed by this run, not sent", lost)
    return ours
