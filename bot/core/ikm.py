"""The service-satisfaction index (IKM) of PermenPANRB 14/2017, from the answers.

The regulation (Peraturan Menteri PANRB Nomor 14 Tahun 2017, Pedoman Penyusunan
Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik) asks about nine
elements (unsur), each answered 1-4 (nilai persepsi). Its annex computes:

- per element the mean of the answers (NRR, nilai rata-rata);
- each mean weighted by 1/9 (the elements weigh the same, the weights sum to 1):
  NRR tertimbang = NRR x 1/9;
- the index: the sum of the weighted means (between 1 and 4), "IKM unit pelayanan";
- the converted index: that sum x 25 (between 25 and 100);
- the quality grade (mutu pelayanan) and performance (kinerja unit) by interval:

  ======  ===============  ===============  =====  ===========
  persep  interval IKM     converted        mutu   kinerja
  ======  ===============  ===============  =====  ===========
  1       1,00 - 2,5996    25,00 - 64,99    D      Tidak Baik
  2       2,60 - 3,064     65,00 - 76,60    C      Kurang Baik
  3       3,0644 - 3,532   76,61 - 88,30    B      Baik
  4       3,5324 - 4,00    88,31 - 100,00   A      Sangat Baik
  ======  ===============  ===============  =====  ===========

Where that was checked (public copies, searched 1 Dec 2026): the nine elements and
the 1-4 answer words per element in questionnaires published after the regulation
(the SKM questionnaire of Kantor Camat Ulu Manna, pdfcoffee.com "Permen 14 2017";
the element definitions in the DKP3 Kota Sukabumi 2019 report); Pasal 1 (at least
once a year) in a copy of the regulation's text; the interval table above and "the
weights of all elements sum to 1 (a unit may weight them differently)" as cited from
the annex in the BLU BPPP Tegal 2024 performance book (fliphtml5.com), which prints
the C converted upper bound as 76,66 where every other citation has 76,60 (76,60 is
kept: 3,064 x 25 = 76,60). The annex's own PDF was not among the searched pages.

The table's intervals leave gaps (2,5996 to 2,60 and so on), so the grade is read
from the unrounded index with the lower bounds: below 2,60 D, below 3,0644 C, below
3,5324 B, else A. Arithmetic is exact (fractions); the figures shown are rounded
only when shown (:func:`rounded`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

LOWEST, HIGHEST = 1, 4
SCALE = range(LOWEST, HIGHEST + 1)
CONVERSION = 25
# (lowest index of the grade, grade): the annex's lower bounds, best first.
GRADES: tuple[tuple[Fraction, str], ...] = (
    (Fraction("3.5324"), "A"),
    (Fraction("3.0644"), "B"),
    (Fraction("2.60"), "C"),
    (Fraction(1), "D"),
)


class InvalidAnswer(ValueError):
    """An answer outside 1-4, or a respondent without an answer to every element."""


@dataclass(frozen=True)
class Element:
    """One element's figures: the sum and number of answers, the mean (NRR) and the
    weighted mean (NRR x weight)."""

    sum: int
    count: int
    weight: Fraction

    @property
    def mean(self) -> Fraction:
        return Fraction(self.sum, self.count) if self.count else Fraction(0)

    @property
    def weighted(self) -> Fraction:
        return self.mean * self.weight


@dataclass(frozen=True)
class Index:
    """The survey's result: per element, the index (1-4), IKM (25-100) and grade."""

    respondents: int
    elements: tuple[Element, ...]

    @property
    def value(self) -> Fraction:
        """The unconverted index: the sum of the weighted element means."""
        return sum((e.weighted for e in self.elements), Fraction(0))

    @property
    def ikm(self) -> Fraction:
        """The converted index, 25-100."""
        return self.value * CONVERSION

    @property
    def grade(self) -> str:
        """A, B, C or D (mutu pelayanan)."""
        return grade(self.value)


def grade(value: Fraction) -> str:
    """The quality grade of an unconverted index (1-4)."""
    for lowest, letter in GRADES:
        if value >= lowest:
            return letter
    return GRADES[-1][1]


def from_sums(sums: Sequence[int], respondents: int) -> Index:
    """The index from each element's sum of answers, every respondent having answered
    every element (what the database aggregates); equal weights 1/len(sums)."""
    weight = Fraction(1, len(sums))
    return Index(respondents, tuple(Element(s, respondents, weight) for s in sums))


def compute(answers: Sequence[Sequence[int]], elements: int = 9) -> Index:
    """The index of complete answer sets, one sequence of ``elements`` answers each."""
    sums = [0] * elements
    for row in answers:
        if len(row) != elements:
            raise InvalidAnswer(f"a respondent answered {len(row)} of {elements} elements")
        for position, value in enumerate(row):
            if value not in SCALE:
                raise InvalidAnswer(f"answer {value!r} is outside {LOWEST}-{HIGHEST}")
            sums[position] += value
    return from_sums(sums, len(answers))


def rounded(value: Fraction, places: int = 2) -> Decimal:
    """A figure for people and spreadsheets, rounded half up as reports do."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def sums_by_element(per_question: Mapping[int, int], elements: int = 9) -> list[int]:
    """Sums keyed by question index (0-based) as a list, missing ones 0."""
    return [int(per_question.get(position, 0)) for position in range(elements)]
