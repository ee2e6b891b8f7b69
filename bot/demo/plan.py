"""Pure pieces of the demo generator: scaling, people and their NIPs, scores and
report wording. No database here; ``bot.demo.build`` writes what these make.

Scaling rule: every count taken from the real Gresik figures (the 8,971 ASN, the
555/703/742 assessed in 2024, the 800 pelaksana and 30 JPT of 2025) becomes
``round(count * employees / 8971)`` (half up) for another ``--employees``, so the
default size reproduces the article exactly; the head count per position type
is split by largest remainder so it always sums to ``employees``.
"""

from __future__ import annotations

import calendar
import random
from bisect import bisect
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

from bot.core.competencies import COMPETENCY_CODES, DEFAULT_REQUIRED_LEVELS
from bot.core.jpm import CategoryThreshold, CompetencyScore, category_for, gaps, jpm
from bot.core.vocabulary import EmployeeStatus, PositionType
from bot.demo.catalogue import DEVELOPMENT_PHRASES, STRENGTH_PHRASES
from bot.demo.gresik import UnitSpec
from bot.demo.names import person_name, with_degree
from bot.demo.positions import AGE_RANGE, RAISED_PELAKSANA, TYPE_MIX, PositionSpec
from bot.texts.domain import competency_name

BASE_EMPLOYEES = 8971
# Personnel records are "as of" this day: ages and appointments are before it.
REFERENCE_DATE = date(2024, 6, 30)
WIB = timezone(timedelta(hours=7), "WIB")
CODES = tuple(sorted(COMPETENCY_CODES))  # M.01 ... M.08, SK.01
THRESHOLDS_2024 = {"Optimal": 90, "Cukup Optimal": 78, "Kurang Optimal": 0}

# Share of each category aimed at when a result is drawn (most Cukup Optimal).
CATEGORY_MIX = (("Optimal", 0.2), ("Cukup Optimal", 0.57), ("Kurang Optimal", 0.23))
# Which competencies fall short more often: change and decisions more than integrity.
SHORTFALL_WEIGHT = {
    "M.01": 0.5,
    "M.02": 0.8,
    "M.03": 1.0,
    "M.04": 1.0,
    "M.05": 0.8,
    "M.06": 1.3,
    "M.07": 1.4,
    "M.08": 1.5,
    "SK.01": 0.6,
}
PHONE_SHARE, EMAIL_SHARE = 0.92, 0.72
# Two digits after +628: Telkomsel, Indosat, XL, Axis, Tri, Smartfren.
PHONE_PREFIXES = (
    "11",
    "12",
    "13",
    "21",
    "22",
    "23",
    "51",
    "52",
    "53",
    "15",
    "16",
    "55",
    "56",
    "57",
    "58",
    "77",
    "78",
    "59",
    "17",
    "18",
    "19",
    "95",
    "96",
    "97",
    "98",
    "99",
    "81",
    "82",
    "83",
    "85",
    "87",
    "88",
)
# CPNS appointments (TMT) cluster on a few months.
APPOINTMENT_MONTHS = (1, 1, 1, 2, 3, 3, 4, 4, 5, 6, 7, 10, 12, 12)
PPPK_YEARS = (2021, 2022, 2022, 2023, 2023, 2024)


def scaled(count: int, employees: int) -> int:
    """``round(count * employees / 8971)``, halves rounded up."""
    return (2 * count * employees + BASE_EMPLOYEES) // (2 * BASE_EMPLOYEES)


def type_counts(employees: int) -> dict[PositionType, int]:
    """Head count per position type, proportional to TYPE_MIX, summing to ``employees``."""
    exact = {t: Decimal(n * employees) / BASE_EMPLOYEES for t, n in TYPE_MIX.items()}
    counts = {t: int(v) for t, v in exact.items()}
    left = employees - sum(counts.values())
    by_remainder = sorted(exact, key=lambda t: exact[t] - counts[t], reverse=True)
    for t in by_remainder[:left]:
        counts[t] += 1
    return counts


def at_wib(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Gresik, as an aware UTC datetime."""
    return datetime.combine(day, time(hour, minute), WIB).astimezone(UTC)


def next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def required_levels(spec: PositionSpec) -> tuple[int, ...]:
    """The position's standard, in CODES order."""
    default = DEFAULT_REQUIRED_LEVELS[spec.type.value]
    if spec.raised:
        return tuple(2 if code in RAISED_PELAKSANA else default for code in CODES)
    return (default,) * len(CODES)


@dataclass(frozen=True)
class Person:
    nip: str
    name: str
    status: EmployeeStatus
    position: PositionSpec
    unit: int  # index into the unit list
    phone: str | None
    email: str | None


class _Weighted:
    """A fast weighted choice from a fixed list."""

    def __init__(self, items: list[int], weights: list[float]) -> None:
        if not items:
            raise ValueError("nothing to choose from")
        self.items = items
        self.cum = list(accumulate(weights))

    def pick(self, rng: random.Random) -> int:
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]


class PersonFactory:
    """Makes employees with valid, unique NIPs that match their gender and age."""

    def __init__(
        self,
        rng: random.Random,
        units: list[UnitSpec],
        positions: tuple[PositionSpec, ...],
        *,
        reserved_nips: list[str],
        reserved_phones: list[str],
    ) -> None:
        self.rng = rng
        self.positions = positions
        self.sequences: dict[str, int] = {}
        for nip in reserved_nips:
            self.sequences[nip[:15]] = max(self.sequences.get(nip[:15], 0), int(nip[15:]))
        self.phones = set(reserved_phones)
        self._locals: dict[str, str] = {}
        self.by_type: dict[PositionType, _Weighted] = {}
        for t in PositionType:
            idx = [i for i, p in enumerate(positions) if p.type is t]
            self.by_type[t] = _Weighted(idx, [positions[i].weight for i in idx])
        self.units_for: list[_Weighted] = []
        for spec in positions:
            idx = [i for i, u in enumerate(units) if u.kind in spec.where or u.code in spec.where]
            self.units_for.append(_Weighted(idx, [units[i].weight for i in idx]))

    def make(self, position_type: PositionType) -> Person:
        # rng.random() arithmetic instead of randint/choice: a third of the time
        # for a million people, and just as reproducible.
        rnd = self.rng.random
        p_index = self.by_type[position_type].pick(self.rng)
        spec = self.positions[p_index]
        pppk = rnd() < spec.pppk
        female = rnd() < spec.female
        low, high = (24, 56) if pppk else AGE_RANGE[position_type]
        birth_year = REFERENCE_DATE.year - low - int(rnd() * (high - low + 1))
        birth_month = 1 + int(rnd() * 12)
        days = calendar.monthrange(birth_year, birth_month)[1]
        birth_day = 1 + int(rnd() * days)
        if pppk:
            appointed = f"{PPPK_YEARS[int(rnd() * len(PPPK_YEARS))]}21"
        else:
            year = min(birth_year + 21 + int(rnd() * 13), REFERENCE_DATE.year)
            month = APPOINTMENT_MONTHS[int(rnd() * len(APPOINTMENT_MONTHS))]
            if (year, month) > (REFERENCE_DATE.year, REFERENCE_DATE.month):
                month = 1 + int(rnd() * REFERENCE_DATE.month)
            appointed = f"{year}{month:02d}"
        prefix = f"{birth_year}{birth_month:02d}{birth_day:02d}{appointed}{2 if female else 1}"
        sequence = self.sequences.get(prefix, 0) + 1
        self.sequences[prefix] = sequence
        name = person_name(self.rng, female=female)
        return Person(
            nip=f"{prefix}{sequence:03d}",
            name=with_degree(name, spec.degrees[int(rnd() * len(spec.degrees))]),
            status=EmployeeStatus.PPPK if pppk else EmployeeStatus.PNS,
            position=spec,
            unit=self.units_for[p_index].pick(self.rng),
            phone=self._phone() if rnd() < PHONE_SHARE else None,
            email=self._email(name) if rnd() < EMAIL_SHARE else None,
        )

    def _phone(self) -> str:
        rnd = self.rng.random
        while True:
            prefix = PHONE_PREFIXES[int(rnd() * len(PHONE_PREFIXES))]
            phone = f"+628{prefix}{10**7 + int(rnd() * 9 * 10**7)}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def _email(self, name: str) -> str:
        local = self._locals.get(name)
        if local is None:
            parts = ["".join(c for c in part.lower() if c.isalpha()) for part in name.split()]
            local = self._locals[name] = ".".join(part for part in parts[:2] if part)
        rnd = self.rng.random
        # Reserved .example domains: demo addresses can never reach a real inbox.
        domain = "asn-gresik.example" if rnd() < 0.4 else "mail.example"
        return f"{local}{1 + int(rnd() * 999)}@{domain}"


def draw_achieved(rng: random.Random, required: tuple[int, ...]) -> tuple[int, ...]:
    """Achieved levels around ``required`` landing in a category drawn from CATEGORY_MIX.

    A standard of level 1 everywhere cannot be missed (levels start at 1), so
    such positions always land in Optimal.
    """
    total = sum(required)
    low_optimal = -(-90 * total // 100)
    low_cukup = -(-78 * total // 100)
    ranges = {
        "Optimal": (low_optimal, total + 2),
        "Cukup Optimal": (low_cukup, low_optimal - 1),
        "Kurang Optimal": (-(-60 * total // 100), low_cukup - 1),
    }
    roll, target = rng.random(), "Optimal"
    for name, share in CATEGORY_MIX:
        if roll < share:
            target = name
            break
        roll -= share
    floor, ceiling = len(required), 5 * len(required)
    low, high = ranges[target]
    low, high = max(low, floor), min(high, ceiling)
    if low > high:
        low, high = max(ranges["Optimal"][0], floor), min(ranges["Optimal"][1], ceiling)
    wanted = rng.randint(low, high)
    levels = list(required)
    while sum(levels) > wanted:
        # Prefer a competency still at its standard, so most gaps are -1.
        at_standard = [i for i, lv in enumerate(levels) if lv == required[i] and lv > 1]
        pool = at_standard or [i for i, lv in enumerate(levels) if lv > 1]
        i = rng.choices(pool, [SHORTFALL_WEIGHT[CODES[j]] for j in pool])[0]
        levels[i] -= 1
    while sum(levels) < wanted:
        pool = [i for i, lv in enumerate(levels) if lv < 5]
        i = rng.choices(pool, [2.0 - SHORTFALL_WEIGHT[CODES[j]] for j in pool])[0]
        levels[i] += 1
    return tuple(levels)


@dataclass(frozen=True)
class Report:
    jpm: Decimal  # rounded to the column's two decimals
    category: str
    strengths: str
    development_areas: str
    recommendation: str


_CENT = Decimal("0.01")


class ReportWriter:
    """JPM, category and report wording for a set of scores, computed once per pattern."""

    def __init__(self, thresholds: tuple[CategoryThreshold, ...], next_year: int) -> None:
        self.thresholds = thresholds
        self.next_year = next_year
        self._cache: dict[tuple[tuple[int, ...], tuple[int, ...]], Report] = {}

    def report(self, required: tuple[int, ...], achieved: tuple[int, ...]) -> Report:
        key = (required, achieved)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._write(required, achieved)
        return found

    def _write(self, required: tuple[int, ...], achieved: tuple[int, ...]) -> Report:
        scores = [
            CompetencyScore(c, r, a) for c, r, a in zip(CODES, required, achieved, strict=True)
        ]
        raw = jpm(scores)
        ranked = gaps(scores)  # largest shortfall first
        best = sorted(scores, key=lambda s: (-s.gap, SHORTFALL_WEIGHT[s.code], s.code))[:2]
        strengths = (
            "; ".join(f"{competency_name(s.code, 'id')}: {STRENGTH_PHRASES[s.code]}" for s in best)
            + "."
        )
        if best[0].gap < 0:
            names = " dan ".join(competency_name(s.code, "id") for s in best)
            strengths = f"Relatif paling kuat pada {names}, meski belum memenuhi standar jabatan."
        short = [s for s in ranked if s.gap < 0]  # every gap: none left out
        if short:
            development = (
                "; ".join(
                    f"{competency_name(s.code, 'id')} "
                    f"(level {s.achieved} dari standar {s.required}): "
                    f"{DEVELOPMENT_PHRASES[s.code]}"
                    for s in short
                )
                + "."
            )
            names = ", ".join(competency_name(s.code, "id") for s in short)
            recommendation = (
                f"Ikuti program Gapura yang menyasar {names}; susun rencana pengembangan "
                f"individu bersama atasan langsung dan penuhi minimal 20 JP pengembangan "
                f"kompetensi pada {self.next_year}."
            )
        else:
            lowest = ranked[0]
            development = (
                f"Tidak ada kesenjangan terhadap standar jabatan; kembangkan "
                f"{competency_name(lowest.code, 'id')} ke level berikutnya."
            )
            recommendation = (
                "Pertahankan capaian; dapat dilibatkan sebagai coach atau mentor bagi rekan "
                "kerja dan dipertimbangkan dalam manajemen talenta."
            )
        return Report(
            jpm=raw.quantize(_CENT, rounding=ROUND_HALF_UP),
            category=category_for(raw, self.thresholds),
            strengths=strengths,
            development_areas=development,
            recommendation=recommendation,
        )
