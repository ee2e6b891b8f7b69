"""Use cases: one module per journey, each step an async function.

A use case takes a session, "now" and plain ids and values (never a Telegram
object); it loads, checks with the pure rules of :mod:`bot.core`, writes through
:mod:`models.queries` and returns a frozen outcome (what happened, as a ``StrEnum``,
and the data a message about it needs). Handlers turn an update into a call and the
outcome into a message; jobs call the same functions. The caller owns the
transaction: nothing here commits.
"""
