"""Progress towards the yearly development hours (JP, jam pelajaran).

Every PNS is owed at least 20 JP of competency development a year (PP 11/2017
art. 203(4)); the target and the length of one JP (usually 45 minutes) are
settings, passed in by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from bot.core.errors import DomainError
from bot.core.jpm import HUNDRED, shown_percent

DEFAULT_MINUTES_PER_JP = 45
_HUNDREDTH = Decimal("0.01")

# is_behind(): from October on, less than half the target is behind.
DEFAULT_BEHIND_AFTER_MONTH = 9
DEFAULT_BEHIND_MIN_SHARE = Decimal("0.5")


@dataclass(frozen=True)
class JpProgress:
    """JP earned against the yearly target.

    ``percent`` is raw (it can exceed 100); show :attr:`shown_percent` to people.
    """

    earned: Decimal
    target: Decimal
    remaining: Decimal
    percent: Decimal
    met: bool

    @property
    def shown_percent(self) -> Decimal:
        """Percent for people: capped at 100, one decimal."""
        return shown_percent(self.percent)


def jp_progress(earned: Decimal | int, target: Decimal | int) -> JpProgress:
    """Progress of ``earned`` JP towards ``target`` JP.

    A target of 0 (no obligation) counts as met at 100%.
    """
    earned, target = Decimal(earned), Decimal(target)
    for value in (earned, target):
        if value < 0:
            raise DomainError("jp.negative_hours", value=value)
    percent = earned * HUNDRED / target if target else HUNDRED
    return JpProgress(
        earned=earned,
        target=target,
        remaining=max(target - earned, Decimal(0)),
        percent=percent,
        met=earned >= target,
    )


def minutes_to_jp(minutes: int, minutes_per_jp: int = DEFAULT_MINUTES_PER_JP) -> Decimal:
    """Convert minutes of training into JP, to two decimals, rounded down.

    Rounding down never credits a JP that was not earned (899 minutes is 19.97
    JP, not 20). Convert a total, not each record, so small remainders add up.
    """
    if minutes < 0:
        raise DomainError("jp.negative_minutes", minutes=minutes)
    if minutes_per_jp <= 0:
        raise DomainError("jp.invalid_minutes_per_jp", minutes_per_jp=minutes_per_jp)
    return (Decimal(minutes) / Decimal(minutes_per_jp)).quantize(_HUNDREDTH, rounding=ROUND_DOWN)


def is_behind(
    progress: JpProgress,
    *,
    today: date,
    after_month: int = DEFAULT_BEHIND_AFTER_MONTH,
    min_share: Decimal | float = DEFAULT_BEHIND_MIN_SHARE,
) -> bool:
    """Whether someone is behind on this year's JP.

    The rule: once ``after_month`` is over (from October with the default 9),
    having earned less than ``min_share`` of the target (half by default) is
    behind. A met target is never behind; earlier in the year nobody is.
    """
    if not 0 <= after_month <= 12:
        raise ValueError(f"after_month must be 0-12, not {after_month}")
    share = Decimal(str(min_share)) if isinstance(min_share, float) else min_share
    if progress.met or today.month <= after_month:
        return False
    return progress.earned < share * progress.target
