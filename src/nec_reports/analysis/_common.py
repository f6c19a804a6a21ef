"""Small helpers the analysis functions share: typed frames, words, report lookups."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ..schema import Col, frame

#: Words too common to tell two motions apart.
_STOP = """a an the and or but of to in on at by for from with as is was were be been being it its
    this that these those there their they them we our us i my me he she his her you your
    which who whom what when where than then so not no nor also very just only into onto
    over under about after before again all any both each few more most other some such own
    same too can will would should could may might must had has have having do does did
    said says told meeting nec votes vote voted voting motion paper proposal against
    favour carried rejected defeated passed agreed"""
STOPWORDS = frozenset(_STOP.split())
_WORD = re.compile(r"[a-z][a-z'’-]{2,}")


def typed(
    rows: Iterable[Mapping[str, Any]] | pd.DataFrame, columns: Mapping[str, Col]
) -> pd.DataFrame:
    """Exactly ``columns``, in order, each cast to its declared dtype."""
    if isinstance(rows, pd.DataFrame):
        rows = rows.to_dict("records")
    return frame(({k: _clean(r.get(k)) for k in columns} for r in rows), columns)


def _clean(v: object) -> object:
    if isinstance(v, float) and v != v:
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    return v


def content_words(text: object) -> set[str]:
    """Lower-cased words of three letters or more, common words left out, crude stems."""
    out = set()
    for w in _WORD.findall(str(text or "").lower()):
        w = w.strip("'’-")
        if w in STOPWORDS or len(w) < 3:
            continue
        for suffix in ("ions", "ion", "ing", "ed", "es", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
        out.add(w)
    return out


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def names(values: Iterable[object]) -> list[str]:
    """Distinct non-empty names, sorted."""
    return sorted({str(v) for v in values if isinstance(v, str) and v})


def context(text: str, start: int, end: int, before: int = 700) -> tuple[str, str]:
    """The paragraph holding ``text[start:end]`` (up to its end) and the paragraph before
    it (at most ``before`` characters back): what a report of a vote talks about."""
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    para_start = text.rfind("\n", 0, start) + 1
    prev_end = text[:para_start].rstrip().rfind("\n") + 1  # skip blank lines
    lo = max(prev_end, para_start - before, 0)
    return text[para_start:para_end], text[lo:para_start]


def weighted_jaccard(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Sum of the smaller weights over the words both share, over the larger over all."""
    keys = set(a) | set(b)
    den = sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    return sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys) / den if den else 0.0
