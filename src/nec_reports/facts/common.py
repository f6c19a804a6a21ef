"""What every extractor shares: a found fact, its sentence, and dates it describes."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..dates import MONTH_RE, month_number
from .numbers import Number, find_numbers
from .sentences import Sentence, split_sentences


@dataclass(slots=True)
class Hit:
    """One fact found in a text: ``text[start:end]`` is its number (or, for a unanimous
    vote, the word saying so); ``sentence`` is the sentence it sits in; ``fields`` are
    the table's own columns (``value``, ``measure``, ``votes_for``, ...)."""

    start: int
    end: int
    sentence: Sentence
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Parsed:
    """A text read once: its sentences and the numbers in each.

    ``numbers`` are in text order; lookups by sentence use the offsets (bisection and an
    index by start), so reading a long report costs no more per sentence than a short one.
    """

    text: str
    sentences: list[Sentence]
    numbers: list[Number]
    _starts: list[int] = field(init=False, repr=False)
    _index: dict[int, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts = [n.start for n in self.numbers]
        # find_numbers gives them in order; bisection needs that
        self._starts = starts if all(a <= b for a, b in pairwise(starts)) else []
        self._index = {s.start: i for i, s in enumerate(self.sentences)}

    def numbers_in(self, s: Sentence) -> list[Number]:
        """Numbers starting inside ``s``, in text order."""
        if len(self._starts) != len(self.numbers):
            return [n for n in self.numbers if s.start <= n.start < s.end]
        lo = bisect_left(self._starts, s.start)
        hi = bisect_left(self._starts, s.end, lo)
        return self.numbers[lo:hi]

    def _position(self, s: Sentence) -> int:
        i = self._index.get(s.start)
        return i if i is not None and self.sentences[i] == s else self.sentences.index(s)

    def previous(self, s: Sentence) -> Sentence | None:
        i = self._position(s)
        return self.sentences[i - 1] if i > 0 else None

    def following(self, s: Sentence) -> Sentence | None:
        i = self._position(s)
        return self.sentences[i + 1] if i + 1 < len(self.sentences) else None


def parse(text: str) -> Parsed:
    return Parsed(text, split_sentences(text), find_numbers(text))


_QUARTER = re.compile(r"\bQ([1-4])(?:\s+(?:of\s+)?((?:19|20)\d\d))?\b")
_MONTH_YEAR = re.compile(
    rf"\b(?:in|of|at|on|as\s+(?:of|at)|from|since)?\s*({MONTH_RE})\s+((?:19|20)\d\d)\b"
)
_YEAR = re.compile(r"\b(?:in|of|at|from)\s+((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)")


def when_stated(fragment: str, default_year: int | None = None) -> tuple[str, str] | None:
    """The month or year a figure describes, as written just after it: "in January
    2020" -> ("2020-01", "month"), "in 2020" -> ("2020", "year"), "in Q1" ->
    (last month of the quarter, "month").  Periods ("since", "so far this year") are
    not dates a figure describes and give None."""
    if re.match(r"^\W*(?:since|so far|this year|until|up to|by)\b", fragment, re.I):
        return None
    m = _MONTH_YEAR.search(fragment)
    if m and not re.search(r"\bsince\s*$", fragment[: m.start(1)], re.I):
        return f"{int(m.group(2)):04d}-{month_number(m.group(1)):02d}", "month"
    q = _QUARTER.search(fragment)
    if q:
        year = int(q.group(2)) if q.group(2) else default_year
        if year:
            return f"{year:04d}-{int(q.group(1)) * 3:02d}", "month"
    y = _YEAR.search(fragment)
    if y and not re.search(r"\bsince\b", fragment[: y.start()], re.I):
        return y.group(1), "year"
    return None


def clause_after(text: str, end: int, limit: int) -> str:
    """The text from ``end`` up to the next clause break (or ``limit``)."""
    frag = text[end:limit]
    m = re.search(r"[;,(]|\band\b|\bbut\b|\bwhich\b|\bwhile\b|\bwhereas\b", frag)
    return frag[: m.start()] if m else frag
