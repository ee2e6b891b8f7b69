"""Domain failures with a human message.

Every failure the core raises on purpose is a :class:`DomainError`. It carries a
catalogue key and its parameters, so the edge (a chat handler, the CLI) can say
it in the user's language with ``bot.texts.domain.describe(err, lang)``; the core
itself never imports the texts.
Anything that is not a ``DomainError`` is a bug and goes to the error handler.
"""

from __future__ import annotations


class DomainError(Exception):
    """A failure the user can understand and fix."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params: dict[str, object] = params


class InvalidNip(DomainError):
    """A NIP that fails a hard check."""
