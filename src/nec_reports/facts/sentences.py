"""Splitting report text into sentences with character offsets.

A fact's ``evidence`` is the whole sentence it sits in.  Reports are plain text with
paragraphs separated by blank lines (and, in tweet threads, single line breaks), so a
line break always ends a sentence; inside a line a sentence ends at ``.``, ``!``, ``?``
or ``…`` followed by space and a capital, digit, quote or bracket, unless the full stop
belongs to an abbreviation ("approx.", "e.g.", "Cllr.") or an initial ("J. Smith").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that take a full stop without ending a sentence (compared lower-cased).
ABBREVIATIONS = frozenset(
    (
        "approx",
        "c",
        "ca",
        "cf",
        "cllr",
        "co",
        "dr",
        "e.g",
        "eg",
        "etc.al",
        "fig",
        "govt",
        "hon",
        "i.e",
        "ie",
        "inc",
        "jr",
        "ltd",
        "mr",
        "mrs",
        "ms",
        "no",
        "nos",
        "p.a",
        "pp",
        "prof",
        "re",
        "rt",
        "rev",
        "sr",
        "st",
        "vs",
        "viz",
    )
)
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[£$€#@]?[A-Z0-9])")
# The same, opening with a character class so that the engine skips quickly to the
# characters a stop can start with.
_END_ANYWHERE = re.compile("[.!?…]" + _END.pattern.replace("+", "*", 1))
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end]`` of the text it was split from."""

    start: int
    end: int
    text: str


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    if line[dot] != ".":
        return False
    # the run of letters and dots just before the stop, read backwards: searching
    # line[:dot] for a run at its end would rescan the whole line for every stop
    i = dot
    while i > 0 and line[i - 1] in _WORD_CHARS:
        i -= 1
    word = line[i:dot].lstrip(".")
    if not word:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower() in ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, stripped of surrounding whitespace, with offsets."""
    # One pass of _END over the whole text rather than one per line: within a line it
    # finds the same ends; at a line's end it may find one more (its lookahead reaching
    # the next line), which only cuts off the line's trailing whitespace.
    out: list[Sentence] = []
    cut = 0
    nl = text.find("\n")
    for m in _END_ANYWHERE.finditer(text):
        while nl != -1 and nl < m.start():  # line breaks before this stop come first
            _add(out, text, cut, nl)
            cut = nl + 1
            nl = text.find("\n", cut)
        if _is_abbreviation(text, m.start()):
            continue
        _add(out, text, cut, m.end())
        cut = m.end()
    while nl != -1:
        _add(out, text, cut, nl)
        cut = nl + 1
        nl = text.find("\n", cut)
    _add(out, text, cut, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        s = start + len(chunk) - len(chunk.lstrip())
        out.append(Sentence(s, s + len(stripped), stripped))


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing character ``offset``, if any."""
    for s in sentences:
        if s.start <= offset < s.end:
            return s
    return None
