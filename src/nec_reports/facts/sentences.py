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
_LINE = re.compile(r"\n")
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
    out: list[Sentence] = []
    pos = 0
    for line_end in [m.start() for m in _LINE.finditer(text)] + [len(text)]:
        line = text[pos:line_end]
        cut = 0
        for m in _END.finditer(line):
            if _is_abbreviation(line, m.start()):
                continue
            _add(out, text, pos + cut, pos + m.end())
            cut = m.end()
        _add(out, text, pos + cut, line_end)
        pos = line_end + 1
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    s, e = start + lead, end - trail
    if e > s:
        out.append(Sentence(s, e, text[s:e]))


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing character ``offset``, if any."""
    for s in sentences:
        if s.start <= offset < s.end:
            return s
    return None
