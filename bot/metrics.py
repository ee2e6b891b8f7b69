"""Prometheus metrics of one application, served at ``/metrics`` by :mod:`bot.web`.

Each application owns a :class:`Metrics` (``context.bot_data.metrics``) with its
own registry, so tests and several instances in one process never collide.
Counters are labelled by command name, never by user. Gauges that describe the
database (pending notifications, announcement progress) are read at scrape time
by :func:`refresh_database_gauges`.

The notification dispatcher reports through :func:`mark_dispatcher_run` and
:func:`count_notification`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Literal, Protocol

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Update

from bot.core.vocabulary import BroadcastStatus, DeliveryStatus, NotificationStatus
from models.queries import ops

# Handler latency buckets (seconds): a chat reply should take well under a second.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """The application's counters, histogram and gauges, in a registry of its own."""

    def __init__(self, commands: Iterable[str] = ()) -> None:
        self.commands = frozenset(commands)
        self.registry = CollectorRegistry()
        self.last_dispatcher_run: datetime | None = None
        r = self.registry
        self.updates = Counter(
            "asnbot_updates", "Updates handled, by command (or kind).", ["command"], registry=r
        )
        self.latency = Histogram(
            "asnbot_handler_seconds",
            "Time to handle one update, by command (or kind).",
            ["command"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.notifications_sent = Counter(
            "asnbot_notifications_sent", "Notifications delivered.", registry=r
        )
        self.notifications_failed = Counter(
            "asnbot_notifications_failed", "Notifications given up on.", registry=r
        )
        self.notifications_pending = Gauge(
            "asnbot_notifications_pending", "Notifications waiting to be sent.", registry=r
        )
        self.broadcasts = Gauge(
            "asnbot_broadcasts", "Announcements by status.", ["status"], registry=r
        )
        self.broadcast_deliveries = Gauge(
            "asnbot_broadcast_deliveries",
            "Recipients of announcements being sent (sending or paused), by delivery status.",
            ["status"],
            registry=r,
        )
        self.database_errors = Counter(
            "asnbot_database_errors", "Failures to reach the database.", registry=r
        )
        self.dispatcher_last_run = Gauge(
            "asnbot_dispatcher_last_run_timestamp_seconds",
            "When the notification dispatcher last ran (Unix time; 0 = not yet).",
            registry=r,
        )

    def label(self, update: object) -> str:
        """The command name of a known command, else the kind of update: bounded labels."""
        if not isinstance(update, Update):
            return "other"
        if update.callback_query is not None:
            return "callback"
        message = update.effective_message
        if message is None or update.edited_message is not None:
            return "other"
        text = message.text or ""
        if text.startswith("/"):
            name = text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else ""
            return name if name in self.commands else "unknown_command"
        if message.contact is not None:
            return "contact"
        return "text" if message.text is not None else "other"

    @contextmanager
    def measure(self, update: object) -> Iterator[None]:
        """Count the update and time its handling, even when a handler fails."""
        label = self.label(update)
        self.updates.labels(command=label).inc()
        start = time.perf_counter()
        try:
            yield
        finally:
            self.latency.labels(command=label).observe(time.perf_counter() - start)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class _HasBotData(Protocol):
    @property
    def bot_data(self) -> Any: ...


def mark_dispatcher_run(context: _HasBotData, now: datetime) -> None:
    """Record that the dispatcher job ran at ``now`` (``/healthz`` shows it)."""
    metrics: Metrics = context.bot_data.metrics
    metrics.last_dispatcher_run = now
    metrics.dispatcher_last_run.set(now.timestamp())


def count_notification(
    context: _HasBotData,
    outcome: Literal[NotificationStatus.SENT, NotificationStatus.FAILED],
    count: int = 1,
) -> None:
    """Count notifications the dispatcher delivered or gave up on."""
    metrics: Metrics = context.bot_data.metrics
    counter = (
        metrics.notifications_sent
        if outcome == NotificationStatus.SENT
        else metrics.notifications_failed
    )
    counter.inc(count)


async def refresh_database_gauges(metrics: Metrics, db: async_sessionmaker[AsyncSession]) -> None:
    """Read pending notifications and announcement progress from the database."""
    async with db() as session:
        pending = await ops.pending_notifications(session)
        broadcasts = await ops.broadcasts_by_status(session)
        deliveries = await ops.active_deliveries_by_status(session)
    metrics.notifications_pending.set(pending)
    for status in BroadcastStatus:
        metrics.broadcasts.labels(status=status.value).set(broadcasts.get(status.value, 0))
    for delivery in DeliveryStatus:
        metrics.broadcast_deliveries.labels(status=delivery.value).set(
            deliveries.get(delivery.value, 0)
        )
