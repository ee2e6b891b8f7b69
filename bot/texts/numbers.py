"""Numbers in messages, shown the way the reader's locale writes them (Babel).

A catalogue says how each number is shown with a format spec, so call sites
pass plain numbers:

``{count:n}``
    a quantity: thousands grouped, up to three decimals, no trailing zeros
    (8971 -> "8.971" in Indonesian, "8,971" in English; 12.50 -> "12,5").
``{percent:%}``
    a value in percent (0-100), one decimal: 88.89 -> "88,9%" / "88.9%".

Any other spec is Python's own (``{gap:+d}``), and a number without a spec is
shown as ``str()`` does: years, ids, hours and NIP digits are not quantities.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

_ONE_DECIMAL = Decimal("0.1")
_PERCENT = parse_pattern("#,##0.0%")


@cache
def _locale(lang: str) -> Locale:
    # Parsing a locale costs far more than formatting a number: once per language.
    return Locale.parse(lang)


@cache
def _decimal_pattern(lang: str) -> NumberPattern:
    pattern = _locale(lang).decimal_formats[None]
    return pattern if isinstance(pattern, NumberPattern) else parse_pattern(str(pattern))


@lru_cache(maxsize=4096)  # Babel takes ~50 us a number; counts and percents repeat
def format_number(value: float | Decimal, lang: str) -> str:
    """``100000`` -> "100.000" in Indonesian, "100,000" in English; ``25.3`` -> "25,3"."""
    return str(_decimal_pattern(lang).apply(_decimal(value), _locale(lang)))


@lru_cache(maxsize=4096)
def format_percent_value(value: float | Decimal, lang: str) -> str:
    """A percent (0-100) with one decimal, rounded half up: ``88.88`` -> "88,9%"."""
    shown = _decimal(value).quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return str(_PERCENT.apply(shown / 100, _locale(lang), decimal_quantization=False))


class LocalNumber:
    """A number that formats itself for ``lang`` under the ``n`` and ``%`` specs."""

    __slots__ = ("lang", "value")

    def __init__(self, value: int | float | Decimal, lang: str) -> None:
        self.value = value
        self.lang = lang

    def __format__(self, spec: str) -> str:
        if spec == "n":
            return format_number(self.value, self.lang)
        if spec == "%":
            return format_percent_value(self.value, self.lang)
        return format(self.value, spec)

    def __str__(self) -> str:
        return str(self.value)


class LocalParams(Mapping[str, object]):
    """Message parameters as ``str.format_map`` sees them: numbers wrapped for ``lang``."""

    __slots__ = ("lang", "params")

    def __init__(self, params: Mapping[str, object], lang: str) -> None:
        self.params = params
        self.lang = lang

    def __getitem__(self, name: str) -> object:
        value = self.params[name]
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return LocalNumber(value, self.lang)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.params)

    def __len__(self) -> int:
        return len(self.params)


def _decimal(value: float | Decimal) -> Decimal:
    # str() first so a float such as 77.8 becomes Decimal("77.8"), not its binary value.
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)
