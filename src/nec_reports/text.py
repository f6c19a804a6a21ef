"""Small text helpers shared across stages: normalising for comparison, slugs, names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

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
    [
        "Labour",
        "Party",
        "National",
        "Executive",
        "Committee",
        "Report",
        "Reports",
        "Update",
        "Meeting",
        "Meetings",
        "Policy",
        "Forum",
        "Blog",
        "Record",
        "Regional",
        "Conference",
        "South",
        "East",
        "West",
        "North",
        "Equalities",
        "Organisation",
        "Disputes",
        "Nec",
        "Unite",
        "Council",
        "Elections",
        "Special",
        "Annual",
        "Away",
        "Day",
        "Tackling",
        "Standing",
        "Report",
        "Women",
        "Womens",
        "Young",
        "Youth",
        "Scottish",
        "Welsh",
        "Parliamentary",
        "General",
        "Secretary",
        "Leader",
        "Deputy",
        "Today",
        "Yesterday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "In",
        "The",
        "From",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Left",
        "Right",
        "Grassroots",
        "Momentum",
        "Progress",
        "Labourlist",
        "Clpd",
        "Clga",
        "Campaign",
        "Democracy",
        "My",
        "Our",
    ]
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
