"""Fast ways to run the parser's regular expressions over long texts, finding exactly
what the plain expressions find.

Python's regex engine tries a pattern at every position of a text, and for a pattern
that opens with a case-insensitive alternation or an optional group that costs tens of
nanoseconds a character: a few such patterns per report make up most of a build.  The
tools here keep the patterns as they are and only spare the engine positions where no
match can start:

* :func:`gated` puts a lookahead for the characters a match can start with in front of
  a pattern (a cheap test that rules most positions out);
* :class:`Scan` finds, with plain substring searches on the lower-cased text, where
  words and digits start, and :func:`finditer_at` tries a pattern only there;
* :class:`Needles` rules out a sentence before its patterns are tried, when it lacks a
  word they all need;
* :class:`Spans` checks a span against those already claimed by bisection.

Lower-casing stands in for IGNORECASE only where it is exact (:func:`folded`); texts
with letters that fold otherwise are read the plain way.  ``tests/test_fast_paths.py``
compares each shortcut with the plain code.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator

#: Every pattern made by :func:`gated`, with the pattern and flags it stands for (a test
#: checks each finds exactly what the plain pattern finds).
GATED: list[tuple[re.Pattern[str], str, int]] = []


def gated(first: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for ``first``, a character class every match starts
    with.  The matches are the same, but the regex engine rules out most positions of a
    long text with one cheap test instead of trying every branch of the pattern there."""
    rx = re.compile(f"(?={first}){pattern}", flags)
    GATED.append((rx, pattern, flags))
    return rx


# Characters that match an ASCII letter case-insensitively but do not lower-case to one
# (U+0130 also lower-cases to two characters).
_ODD_CASE = ("\u0130", "\u0131", "\u017f", "\u212a")


def odd_case(text: str) -> bool:
    """True when ``text`` has letters for which lower-casing is not case-folding."""
    return any(c in text for c in _ODD_CASE)


def folded(text: str) -> str | None:
    """``text`` lower-cased, when that is exact: the same length, every character where it
    was, word characters, digits and spaces unchanged in kind, and an ASCII letter
    wherever a case-insensitive pattern would match one.  Then a pattern of lower-case
    letters finds in it just what the pattern with IGNORECASE finds in ``text``.
    None when ``text`` has letters that fold otherwise (dotted and dotless i, long s,
    the Kelvin sign)."""
    return None if odd_case(text) else text.lower()


class Needles:
    """Cheap tests of whether a text can hold a case-insensitive pattern at all: the
    pattern needs one of some lower-case words, and a plain substring test on the
    lower-cased text rules most texts out before the pattern is tried."""

    __slots__ = ("_low", "_odd", "_text")

    def __init__(self, text: str, odd: bool | None = None) -> None:
        """``odd``: :func:`odd_case` of ``text`` or of a text it is part of, if known."""
        self._text = text
        self._low: str | None = None  # lower-cased when first asked
        # with such letters every test says "maybe"
        self._odd = odd_case(text) if odd is None else odd

    def _lower(self) -> str:
        if self._low is None:
            self._low = self._text.lower()
        return self._low

    def any(self, *needles: str) -> bool:
        """False only when the text holds none of ``needles`` in any letter case."""
        if self._odd:
            return True
        low = self._lower()
        return any(n in low for n in needles)

    def search(self, rx: re.Pattern[str]) -> bool:
        """False only when the text holds nothing ``rx`` (a pattern of lower-case
        letters, compiled without IGNORECASE) finds in any letter case."""
        return self._odd or rx.search(self._lower()) is not None


class Spans:
    """Disjoint character spans already claimed, kept sorted so that checking a new span
    against them costs a bisection, not a pass over them all."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, a: int, b: int) -> bool:
        """True when ``a:b`` overlaps no span (touching is fine)."""
        # spans are disjoint, so the one starting last before b also ends last
        i = bisect_left(self._starts, b) - 1
        return i < 0 or self._ends[i] <= a

    def covers(self, pos: int) -> bool:
        """True when some span holds position ``pos``."""
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def add(self, a: int, b: int) -> None:
        """Claim ``a:b``, which must be free and not empty."""
        i = bisect_left(self._starts, a)
        self._starts.insert(i, a)
        self._ends.insert(i, b)


def finditer_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What ``rx.finditer(text)`` gives, trying ``rx`` only at ``starts`` (ascending): the
    same whenever every match of ``rx`` in ``text`` starts at one of them.  ``rx`` must
    not match the empty string."""
    pos = 0
    match = rx.match
    for c in starts:
        if c < pos:
            continue
        m = match(text, c)
        if m is not None:
            yield m
            pos = m.end()


_DIGIT_RUN = re.compile(r"\d+")
_WORD_CHAR = re.compile(r"\w")


class Scan:
    """A text read for where words and digit runs start, with substring searches on its
    exact lower-casing (:func:`folded`).  ``low`` is None when the text does not fold
    exactly; then callers read it the plain way."""

    __slots__ = ("_digit_runs", "_digit_words", "_found", "low", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = folded(text)
        self._digit_runs: list[int] | None = None
        self._digit_words: list[int] | None = None
        self._found: dict[str, list[int]] = {}

    def digit_runs(self) -> list[int]:
        """Where each maximal run of digits starts."""
        if self._digit_runs is None:
            self._digit_runs = [m.start() for m in _DIGIT_RUN.finditer(self.text)]
        return self._digit_runs

    def word_start(self, q: int) -> bool:
        """True when a word character at ``q`` starts a word (``\\b`` holds before it)."""
        return q == 0 or _WORD_CHAR.match(self.text, q - 1) is None

    def digit_word_starts(self) -> list[int]:
        """Digit runs that start a word: where ``\\b`` followed by a digit can match."""
        if self._digit_words is None:
            self._digit_words = [q for q in self.digit_runs() if self.word_start(q)]
        return self._digit_words

    def occurrences(self, word: str) -> list[int]:
        """Every position of ``word`` (lower-case) in the lower-cased text."""
        found = self._found.get(word)
        if found is None:
            assert self.low is not None, "the text does not fold exactly"
            found = []
            find = self.low.find
            q = find(word)
            while q != -1:
                found.append(q)
                q = find(word, q + 1)
            self._found[word] = found
        return found

    def word_starts(self, words: Iterable[str]) -> list[int]:
        """Ascending positions where one of ``words`` starts a word (in any case)."""
        return sorted({q for w in words for q in self.occurrences(w) if self.word_start(q)})

    def before(self, q: int, words: tuple[str, ...]) -> list[int]:
        """Where one of ``words`` (lower-case) stands just before ``q``, separated from it
        by whitespace only (at least one character) and starting a word."""
        low = self.low
        assert low is not None, "the text does not fold exactly"
        j = q
        while j > 0 and low[j - 1].isspace():
            j -= 1
        if j == q or j == 0:
            return []
        by_last = _BY_LAST.get(words)
        if by_last is None:
            by_last = _BY_LAST[words] = {}
            for w in words:
                by_last.setdefault(w[-1], []).append(w)
        return [
            j - len(w)
            for w in by_last.get(low[j - 1], ())
            if j >= len(w) and low.startswith(w, j - len(w)) and self.word_start(j - len(w))
        ]


_BY_LAST: dict[tuple[str, ...], dict[str, list[str]]] = {}


StartsFinder = Callable[[Scan], list[int]]

#: Each pattern read with :func:`finditer_at`, with the function that says where its
#: matches can start (a test checks the pairs against the plain patterns).
STARTS: list[tuple[re.Pattern[str], StartsFinder]] = []


def starts_of(rx: re.Pattern[str]) -> Callable[[StartsFinder], StartsFinder]:
    """Register a function that lists (ascending) every position of a folded text
    (``Scan.low`` is not None) where a match of ``rx`` can start."""

    def register(fn: StartsFinder) -> StartsFinder:
        STARTS.append((rx, fn))
        return fn

    return register


def matches(rx: re.Pattern[str], scan: Scan, starts: StartsFinder) -> Iterator[re.Match[str]]:
    """``rx.finditer(scan.text)``, tried only where ``starts`` says a match can start when
    the text folds exactly."""
    if scan.low is None:
        return rx.finditer(scan.text)
    return finditer_at(rx, scan.text, starts(scan))


def leading_words(words: Iterable[str]) -> tuple[str, ...]:
    """The fewest of ``words`` that every one of them starts with ("four" for "fourteen")."""
    ws = sorted(set(words))
    return tuple(w for w in ws if not any(w != v and w.startswith(v) for v in ws))
