"""The one clause splitter: where the words around a number stop speaking about it.

Each extractor reads a number's own clause, but clauses end at different marks for
different questions, so the break marks are named here, once (:data:`BREAKS`), and
:func:`before` and :func:`after` cut at them.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

#: Named sets of clause breaks.
BREAKS: dict[str, re.Pattern[str]] = {
    # a list or aside: punctuation and the conjunctions that join two figures
    # ("415,000, of which 33,000 are in arrears", "30,000 and 15,000")
    # (a conjunction takes the character after it: the clause starts past its space)
    "phrase": re.compile(r"[,;:(]|\b(?:and|but|while|whereas|compared\s+(?:to|with))\b[\s\S]?"),
    # the same, read after a number ("... in January 2020, when ...")
    "phrase_after": re.compile(r"[;,(]|\band\b|\bbut\b|\bwhich\b|\bwhile\b|\bwhereas\b", _I),
    # a clause that changes subject ("..., and the target is to raise", "of which",
    # "after the contest brought in")
    "subject": re.compile(
        r";|,\s*(?:and|but)\b|\bbut\b|\bwhile\b|\bwhereas\b|\bof\s+which\b|\bafter\b|"
        r"\bbecause\b|\bunless\b|\balthough\b|\bthough\b",
        _I,
    ),
    # a subordinate clause about another event ("noted by 17 votes to 11, after an
    # attempt to refer it back failed"); a "which" clause still speaks about the vote
    "subordinate": re.compile(
        r"[;:]|\b(?:after|because|although|though|since|before|once|until|unless|whereas|"
        r"while|when|as)\b",
        _I,
    ),
    # after a tie, the recount
    "recount": re.compile(
        r"\b(?:but|then|recount|re-?count|re-?vote|second\s+(?:vote|count))\b", _I
    ),
    # where a motion's words stop ("to ask the committee to draft a code, which ...")
    "motion": re.compile(
        r"[;,(]|\s[–—]\s|\b(?:so\s+that|but|while|whereas|which|by\s+\d+\s+votes?)\b"
    ),
}


def before(text: str, kind: str) -> str:
    """The end of ``text`` after its last break of ``kind`` (all of it if none)."""
    last = None
    for last in BREAKS[kind].finditer(text):  # noqa: B007 (the last match is wanted)
        pass
    return text[last.end() :] if last else text


def after(text: str, kind: str) -> str:
    """The start of ``text`` up to its first break of ``kind`` (all of it if none)."""
    m = BREAKS[kind].search(text)
    return text[: m.start()] if m else text
