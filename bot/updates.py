"""Several users' updates at once, each user's in the order they were sent.

python-telegram-bot handles one update at a time unless told otherwise, so one
user waits while another's answer is read from the database and sent. With
``concurrent_updates(True)`` it would also run two taps of the same user side by
side, and a reply could overtake the one before it. This processor takes up to
``ASNBOT_CONCURRENT_UPDATES`` updates at once but never two of the same user (or
of the same chat, for updates without a user): the next one waits its turn.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def sender_of(update: object) -> int | None:
    """The user (else the chat) whose updates must stay in order; None for neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """At most ``limit`` updates handled at once, never two of the same user."""

    # python-telegram-bot takes one of its own slots before calling do_process_update,
    # so an update waiting for its user's turn would hold one, and one user's burst of
    # taps could fill them all while everyone else waits. Its slots are made plentiful
    # and ``limit`` applies here, once the user's turn has come.
    _PLENTY = 10_000

    def __init__(self, limit: int) -> None:
        super().__init__(self._PLENTY if limit > 1 else 1)
        self.limit = limit
        self._running = asyncio.Semaphore(limit)
        # A lock per user with an update in flight, and how many of theirs hold or wait for it.
        self._turns: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        sender = sender_of(update)
        if sender is None:
            async with self._running:
                await coroutine
            return
        lock, waiting = self._turns.get(sender, (asyncio.Lock(), 0))
        self._turns[sender] = (lock, waiting + 1)
        try:
            async with lock, self._running:
                await coroutine
        finally:
            lock, waiting = self._turns[sender]
            if waiting == 1:
                del self._turns[sender]
            else:
                self._turns[sender] = (lock, waiting - 1)

    @property
    def users_in_flight(self) -> int:
        """How many users have an update being processed or waiting."""
        return len(self._turns)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: :meth:`Application.stop` waits for the updates in flight."""
