"""Small text helpers shared across stages: normalising for comparison, slugs, names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

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


# Characters that match an ASCII letter case-insensitively but do not lower-case to one.
_ODD_CASE = frozenset("\u0130\u0131\u017f\u212a")


class Needles:
    """Cheap tests of whether a text can hold a case-insensitive pattern at all: the
    pattern needs one of some lower-case words, and a plain substring test on the
    lower-cased text rules most texts out before the pattern is tried."""

    __slots__ = ("_low", "_odd")

    def __init__(self, text: str, odd: bool | None = None) -> None:
        """``odd``: :func:`odd_case` of ``text`` or of a text it is part of, if known."""
        self._low = text.lower()
        # with such letters every test says "maybe"
        self._odd = odd_case(text) if odd is None else odd

    def any(self, *needles: str) -> bool:
        """False only when the text holds none of ``needles`` in any letter case."""
        return self._odd or any(n in self._low for n in needles)

    def search(self, rx: re.Pattern[str]) -> bool:
        """False only when the text holds nothing ``rx`` (a pattern of lower-case
        letters, compiled without IGNORECASE) finds in any letter case."""
        return self._odd or rx.search(self._low) is not None


def odd_case(text: str) -> bool:
    """True when ``text`` has letters for which lower-casing is not case-folding."""
    return not _ODD_CASE.isdisjoint(text)


_DASHES = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"'})


def clean_line(text: str) -> str:
    """NFKC-normalise a display string (titles, names): no-break spaces become spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def norm(text: str) -> str:
    """Lower-case, dash- and quote-folded, whitespace-collapsed text for comparisons."""
    return clean_line(text).translate(_DASHES).lower()


def words(text: str, n: int | None = None) -> list[str]:
    """Lower-case word tokens; with ``n``, only the first ``n`` (reading only as much
    text as that needs)."""
    if n is not None:
        text = text[: 40 * n + 40]  # ample for n words; avoids normalising a whole report
    ws = re.findall(r"[a-z0-9]+", norm(text))
    return ws if n is None else ws[:n]


def slug(text: str, limit: int = 48) -> str:
    s = "-".join(words(text))[:limit].strip("-")
    return s or "untitled"


def short_hash(*parts: str, n: int = 8) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


_NAME = r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?"
PERSON = rf"{_NAME}(?: {_NAME}){{1,2}}"
# Capitalised words that start titles and blog names but are never part of a person's name.
NOT_NAMES = frozenset(
    """Labour Party National Executive Committee Report Reports Update Meeting Meetings Policy
    Forum Blog Record Regional Conference South East West North Equalities Organisation
    Disputes Nec Unite Council Elections Special Annual Away Day Tackling Standing Report
    Women Womens Young Youth Scottish Welsh Parliamentary General Secretary Leader Deputy
    Today Yesterday Monday Tuesday Wednesday Thursday Friday Saturday Sunday In The From
    January February March April May June July August September October November December
    Left Right Grassroots Momentum Progress Labourlist Clpd Clga Campaign Democracy My Our""".split()
)


def as_person(candidate: str | None) -> str | None:
    """The candidate if it reads as a person's name (2-3 capitalised words, none a
    title word such as "Labour" or "Report"), else None."""
    if not candidate:
        return None
    parts = candidate.replace("’", "'").split()
    if not 2 <= len(parts) <= 3:
        return None
    if any(p.split("'")[0] in NOT_NAMES for p in parts):
        return None
    return candidate
