"""Words for what the core hands out: its failures, its competency codes, its reasons.

The core (``bot/core``) never imports the texts: it raises errors and returns
results that carry a catalogue key and parameters, and this module says them.
"""

from __future__ import annotations

from typing import Protocol

from bot.core.competencies import COMPETENCY_CODES
from bot.core.recommend import Recommendation
from bot.texts import DEFAULT_LANGUAGE, t

COMPETENCY_PREFIX = "competency."


class Keyed(Protocol):
    """A :class:`~bot.core.errors.DomainError`, a NIP warning: a key and its parameters."""

    @property
    def key(self) -> str: ...

    @property
    def params(self) -> dict[str, object]: ...


def describe(failure: Keyed, lang: str = DEFAULT_LANGUAGE) -> str:
    """The failure (or warning) in ``lang``: ``t(failure.key, lang, **failure.params)``."""
    return t(failure.key, lang, **failure.params)


def competency_name(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The competency's name in ``lang``; unknown (technical) codes come back as is."""
    if code not in COMPETENCY_CODES:
        return code
    return t(COMPETENCY_PREFIX + code, lang)


def gap_text(gap: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A competency's gap to its standard: "-1" below it, "sesuai standar" at it
    (never "+0"), "+1 di atas standar" above it."""
    if gap < 0:
        return f"{gap:d}"
    if gap == 0:
        return t("results.gap.at_standard", lang)
    return t("results.gap.above", lang, count=gap)


def reason_params(recommendation: Recommendation, lang: str) -> dict[str, object]:
    """A recommendation's reason parameters ready for the catalogue: the competency by
    name, the gap as :func:`gap_text` says it."""
    params = dict(recommendation.reason_params)
    code = params.get("competency")
    if isinstance(code, str):
        params["competency"] = competency_name(code, lang)
    gap = params.get("gap")
    if isinstance(gap, int):
        params["gap"] = gap_text(gap, lang)
    return params
