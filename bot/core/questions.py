"""Free text read as one of the bot's tasks: "halo pak, jadwal saya kapan ya?" is the
schedule, "nilai sy brp" the results, "hi" the menu.

Local and deterministic: the text is normalised (lower case, no accents or
punctuation, doubled letters made single, common suffixes and abbreviations
undone), then phrases and words are matched against the keywords of
:mod:`bot.core.question_words`, exactly for short words and approximately (rapidfuzz's
ratio) for words of four letters or more, so typos still count. Each task collects
the weights of its matched keywords; :func:`read` turns the scores into a
:class:`Reading`:

- a personnel matter the bot does not handle (salary, leave, rank...) and no task
  clearly asked: ``elsewhere``, so the handler says where to ask;
- one task clearly ahead (``CONFIDENT`` points or more, ``MARGIN`` ahead of the next):
  answer it directly, unless it is unlinking, which is only ever offered as a button;
- some tasks suggested but none clearly: offer the two or three likeliest;
- no task, only a greeting or thanks: the menu;
- nothing at all (an emoji, a typo too far, another language): no reading, and the
  handler offers the menu with a friendly sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.question_words import (
    ABBREVIATIONS,
    ELSEWHERE,
    GREETINGS,
    KEYWORDS,
    LIKELIEST,
    Task,
)

# Points a task needs to be answered directly, and its lead over the next task.
CONFIDENT = 2.0
MARGIN = 1.0
# How alike (rapidfuzz ratio, 0-100) a word must be to a keyword to count: long words
# may be further off than short ones. Words shorter than FUZZY_FROM match exactly only.
FUZZY_FROM = 4
CLOSE_SHORT = 85.0  # four or five letters
CLOSE_LONG = 80.0  # six or more
# Only the start of a long message is read.
READ_AT_MOST = 300
# Suffixes taken off a word that is no keyword itself ("jadwalnya", "hasilku").
SUFFIXES = ("nya", "kah", "lah", "ku", "mu")


@dataclass(frozen=True)
class Reading:
    """What the text asks for: a task to answer at once, tasks to offer as buttons
    (likeliest first), or something the bot does not handle (``elsewhere``). None of
    them: the text was not understood."""

    answer: Task | None = None
    choices: tuple[Task, ...] = ()
    elsewhere: bool = False

    @property
    def understood(self) -> bool:
        return self.answer is not None or bool(self.choices) or self.elsewhere


def _single_letters(word: str) -> str:
    """Runs of one letter made single: "halooo" -> "halo", "tanggal" -> "tangal"."""
    return re.sub(r"(.)\1+", r"\1", word)


def normalise(text: str) -> list[str]:
    """The words of ``text``: lower case, without accents, apostrophes or punctuation,
    doubled letters single, abbreviations written out, suffixes off."""
    text = unicodedata.normalize("NFKD", text[:READ_AT_MOST].lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['\u2019`]", "", text)
    words: list[str] = []
    for raw in re.sub(r"[^a-z0-9]+", " ", text).split():
        expanded = ABBREVIATIONS.get(raw) or ABBREVIATIONS.get(_single_letters(raw)) or raw
        words += [_unsuffixed(_single_letters(word)) for word in expanded.split()]
    return words


def _unsuffixed(word: str) -> str:
    if word in _WEIGHTS or word in _GREETING_WORDS:
        return word
    for suffix in SUFFIXES:
        stem = word.removesuffix(suffix)
        if stem != word and len(stem) >= 3:
            return ABBREVIATIONS.get(stem, stem)
    return word


def _key(phrase: str) -> str:
    return " ".join(_single_letters(word) for word in phrase.split())


# The keywords as the text is normalised, single words and phrases apart.
_WEIGHTS = {_key(keyword): weights for keyword, weights in KEYWORDS.items()}
_SINGLE = sorted(k for k in _WEIGHTS if " " not in k)
_PHRASES = sorted((k for k in _WEIGHTS if " " in k), key=lambda k: -len(k.split()))
_GREETING_WORDS = sorted(_key(g) for g in GREETINGS if " " not in g)
_GREETING_PHRASES = sorted((_key(g) for g in GREETINGS if " " in g), key=lambda g: -len(g))


def _close(word: str, choices: list[str]) -> str | None:
    """The keyword ``word`` stands for: itself, or the likeliest one it is a typo of."""
    if word in choices:
        return word
    if len(word) < FUZZY_FROM:
        return None
    cutoff = CLOSE_LONG if len(word) >= 6 else CLOSE_SHORT
    candidates = [c for c in choices if len(c) >= FUZZY_FROM and c[0] == word[0]]
    found = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
    return None if found is None else str(found[0])


def _matched_phrases(words: list[str], phrases: list[str]) -> tuple[list[str], set[int]]:
    """The phrases found in ``words`` (typos allowed, each phrase once) and the
    positions of the words they took."""
    found: list[str] = []
    taken: set[int] = set()
    for phrase in phrases:
        size = len(phrase.split())
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if taken.intersection(span) or phrase in found:
                continue
            joined = " ".join(words[start : start + size])
            if joined == phrase or fuzz.ratio(joined, phrase) >= CLOSE_SHORT + 5:
                found.append(phrase)
                taken.update(span)
    return found, taken


def scores(words: list[str]) -> dict[Task, float]:
    """Each task's points for the normalised ``words`` (tasks without any left out)."""
    keywords, taken = _matched_phrases(words, _PHRASES)
    for position, word in enumerate(words):
        if position in taken:
            continue
        keyword = _close(word, _SINGLE)
        if keyword is not None and keyword not in keywords:
            keywords.append(keyword)
    points: dict[Task, float] = {}
    for keyword in keywords:
        for task, weight in _WEIGHTS[keyword].items():
            points[task] = points.get(task, 0.0) + weight
    return points


def greets(words: list[str]) -> bool:
    """Whether the normalised ``words`` hold a greeting or thanks."""
    phrases, _ = _matched_phrases(words, _GREETING_PHRASES)
    return bool(phrases) or any(_close(word, _GREETING_WORDS) is not None for word in words)


def read(text: str) -> Reading:
    """What ``text`` asks for (see the module's docstring)."""
    words = normalise(text)
    points = scores(words)
    elsewhere = bool(ELSEWHERE.intersection(words))
    if not points and elsewhere:
        return Reading(elsewhere=True)
    if not points:
        return Reading(answer=Task.MENU) if greets(words) else Reading()
    order = list(Task)
    ranked = sorted(points, key=lambda task: (-points[task], order.index(task)))
    best = ranked[0]
    second = points[ranked[1]] if len(ranked) > 1 else 0.0
    if best == Task.UNLINK:
        others = [task for task in ranked[1:] if points[task] >= 1]
        return Reading(choices=(Task.UNLINK, others[0] if others else Task.MENU))
    if points[best] >= CONFIDENT and points[best] - second >= MARGIN:
        return Reading(answer=best)
    if elsewhere:
        return Reading(elsewhere=True)
    likely = [task for task in ranked if points[task] >= points[best] / 2][:3]
    likely = [task for task in likely if task != Task.UNLINK] or likely
    for task in LIKELIEST:
        if len(likely) >= 2:
            break
        if task not in likely:
            likely.append(task)
    return Reading(choices=tuple(likely))
