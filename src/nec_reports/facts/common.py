"""What every extractor shares: a found fact, its sentence, and dates it describes."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..dates import MONTH_RE, month_number
from ..scan import Needles, Scan
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
    _grouped: list[tuple[Sentence, list[Number]]] | None = field(
        init=False, repr=False, default=None
    )
    _scan: Scan | None = field(default=None, repr=False)
    _holding: dict[tuple[str, ...], set[int] | None] = field(
        init=False, repr=False, default_factory=dict
    )
    _apart: bool = field(init=False, repr=False)
    _sent_starts: list[int] | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        starts = [n.start for n in self.numbers]
        # find_numbers gives them in order; bisection needs that
        self._starts = starts if all(a <= b for a, b in pairwise(starts)) else []
        self._index = {s.start: i for i, s in enumerate(self.sentences)}
        # sentences in text order, none overlapping the next (as split_sentences gives)
        self._apart = all(a.end <= b.start for a, b in pairwise(self.sentences))

    def with_numbers(self) -> list[tuple[Sentence, list[Number]]]:
        """Every sentence that holds numbers, with its numbers (:meth:`numbers_in`), in
        text order: the same as asking each sentence, without visiting the many that
        hold none."""
        if self._grouped is None:
            sents = self.sentences
            sent_starts = [s.start for s in sents]
            if len(self._starts) != len(self.numbers) or not self._apart:
                self._grouped = [(s, ns) for s in sents if (ns := self.numbers_in(s))]
                return self._grouped
            grouped: list[tuple[Sentence, list[Number]]] = []
            last = -1
            for n in self.numbers:
                i = bisect_right(sent_starts, n.start) - 1
                if i < 0 or n.start >= sents[i].end:
                    continue  # between sentences
                if i != last:
                    grouped.append((sents[i], []))
                    last = i
                grouped[-1][1].append(n)
            self._grouped = grouped
        return self._grouped

    def numbers_in(self, s: Sentence) -> list[Number]:
        """Numbers starting inside ``s``, in text order."""
        if len(self._starts) != len(self.numbers):
            return [n for n in self.numbers if s.start <= n.start < s.end]
        lo = bisect_left(self._starts, s.start)
        hi = bisect_left(self._starts, s.end, lo)
        return self.numbers[lo:hi]

    @property
    def scan(self) -> Scan:
        """The text read for where words and digits start (shared by the extractors)."""
        if self._scan is None:
            self._scan = Scan(self.text)
        return self._scan

    def sentences_at(self, positions: Iterable[int]) -> list[Sentence]:
        """The sentences holding any of ``positions``, in text order."""
        sents = self.sentences
        if not self._apart:
            return [s for s in sents if any(s.start <= p < s.end for p in positions)]
        starts = [s.start for s in sents]
        hit = set()
        for p in positions:
            i = bisect_right(starts, p) - 1
            if i >= 0 and p < sents[i].end:
                hit.add(i)
        return [sents[i] for i in sorted(hit)]

    def holds(self, s: Sentence, words: tuple[str, ...]) -> bool:
        """False only when sentence ``s`` holds none of ``words`` (lower-case, without
        spaces) in any letter case.  Each tuple of words is looked up once for the whole
        text (:meth:`~nec_reports.scan.Scan.occurrences`), so asking many sentences
        costs a set lookup each."""
        if words not in self._holding:
            self._holding[words] = self._sentences_holding(words)
        holding = self._holding[words]
        i = self._index.get(s.start)
        if holding is None or i is None or self.sentences[i] is not s:
            return Needles(self.text[s.start : s.end]).any(*words)
        return i in holding

    def _sentences_holding(self, words: tuple[str, ...]) -> set[int] | None:
        """Indices of the sentences in which one of ``words`` starts (None when the text
        does not fold exactly or its sentences are out of order)."""
        scan = self.scan
        sents = self.sentences
        if scan.low is None or not self._apart:
            return None
        starts = self._sentence_starts()
        out = set()
        for w in words:
            for q in scan.occurrences(w):
                i = bisect_right(starts, q) - 1
                if i >= 0 and q < sents[i].end:
                    out.add(i)
        return out

    def _sentence_starts(self) -> list[int]:
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in self.sentences]
        return self._sent_starts

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
    scan = Scan(text)
    return Parsed(text, split_sentences(text), find_numbers(text, scan), scan)


_END_OF_YEAR = re.compile(r"\b(?:at|by)\s+the\s+end\s+of\s+((?:19|20)\d\d)\b", re.I)
_QUARTER = re.compile(r"\bQ([1-4])(?:\s+(?:of\s+)?((?:19|20)\d\d))?\b")
_MONTH_YEAR = re.compile(
    rf"\b(?:in|of|at|on|as\s+(?:of|at)|from|since)?\s*({MONTH_RE})\s+((?:19|20)\d\d)\b"
)
_END_OF_YEAR = re.compile(r"\b(?:at|by)\s+the\s+end\s+of\s+((?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"\b(?:in|of|at|from)\s+((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)")


def when_stated(fragment: str, default_year: int | None = None) -> tuple[str, str] | None:
    """The month or year a figure describes, as written just after it: "in January
    2020" -> ("2020-01", "month"), "in 2020" -> ("2020", "year"), "in Q1" ->
    (last month of the quarter, "month").  Periods ("since", "so far this year") are
    not dates a figure describes and give None."""
    if re.match(r"^\W*(?:since|so far|this year|until|up to|by)\b", fragment, re.I):
        return None
    end = _END_OF_YEAR.search(fragment)
    if end:
        return f"{end.group(1)}-12", "month"  # "at the end of 2017"
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
    from .clauses import after

    return after(text[end:limit], "phrase_after")
