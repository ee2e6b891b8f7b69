"""Conversation steps for handlers, each call in its own short transaction.

A handler that changes other rows in the same breath (``Kirim`` takes the draft
and writes the announcement) calls ``models.queries.steps`` in its transaction
instead. The kinds of steps and how long each lasts: ``bot/core/steps.py``.
"""

from __future__ import annotations

from typing import Any

from bot.context import BotContext
from bot.core.steps import Held, Step
from models.queries import steps as q


async def remember(
    context: BotContext, telegram_user_id: int, step: Step, payload: dict[str, Any]
) -> None:
    """Start ``step`` (or start it again, from now) with ``payload``."""
    async with context.db.begin() as session:
        await q.put(
            session,
            telegram_user_id=telegram_user_id,
            step=step,
            payload=payload,
            now=context.clock.now(),
        )


async def recall(context: BotContext, telegram_user_id: int, step: Step) -> Held | None:
    """The user's ``step``, left in place (expired or not); None when there is none."""
    async with context.db() as session:
        return await q.peek(
            session, telegram_user_id=telegram_user_id, step=step, now=context.clock.now()
        )


async def take(context: BotContext, telegram_user_id: int, step: Step) -> Held | None:
    """Take the user's ``step`` away (expired or not): None when there is none, or when
    another instance took it a moment before."""
    now = context.clock.now()
    async with context.db.begin() as session:
        # A read first: most messages answer no step, and need no write at all.
        if await q.peek(session, telegram_user_id=telegram_user_id, step=step, now=now) is None:
            return None
        return await q.take(session, telegram_user_id=telegram_user_id, step=step, now=now)


async def forget(context: BotContext, telegram_user_id: int, *steps: Step) -> None:
    """End these steps of the user's, if they have any."""
    async with context.db.begin() as session:
        if await q.has_any(session, telegram_user_id=telegram_user_id, steps=steps):
            await q.forget(session, telegram_user_id=telegram_user_id, steps=steps)
