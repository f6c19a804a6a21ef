"""Near-duplicate reports: one writer's text posted again under another title.

The reports table keeps such a repost as its own report (it is a distinct post, and the
gold labels list it); the analysis counts it once, folded into the original."""

from __future__ import annotations

import pandas as pd

from ..text import words

#: Word 5-grams two texts must share (Jaccard) to be one text reposted.
SIMILARITY = 0.9
#: Shorter texts are never called reposts: a short note can match by chance.
MIN_WORDS = 150


def _shingles(text: str) -> set[tuple[str, ...]]:
    w = [x.lower() for x in words(text)]
    return {tuple(w[i : i + 5]) for i in range(max(0, len(w) - 4))}


def _rank(row: pd.Series) -> tuple[object, ...]:
    """Which copy is the original: published first, no correction needed, fuller text."""
    published = row.get("published")
    return (
        pd.isna(published),
        published if not pd.isna(published) else pd.Timestamp.max,
        bool(isinstance(row.get("corrections"), str) and row.get("corrections")),
        -len(str(row.get("text") or "")),
        str(row["report_id"]),
    )


def repost_groups(reports: pd.DataFrame) -> list[list[str]]:
    """Report ids that are one text by one writer, original first (groups of two or more)."""
    groups: list[list[str]] = []
    for _, by_author in reports.dropna(subset=["author"]).groupby("author", sort=True):
        rows = [r for _, r in by_author.iterrows() if len(words(str(r["text"]))) >= MIN_WORDS]
        sh = {r["report_id"]: _shingles(str(r["text"])) for r in rows}
        seen: set[str] = set()
        for i, a in enumerate(rows):
            if a["report_id"] in seen:
                continue
            group = [a]
            for b in rows[i + 1 :]:
                x, y = sh[a["report_id"]], sh[b["report_id"]]
                if b["report_id"] not in seen and len(x & y) / len(x | y) >= SIMILARITY:
                    group.append(b)
            if len(group) > 1:
                group.sort(key=_rank)
                seen |= {g["report_id"] for g in group}
                groups.append([str(g["report_id"]) for g in group])
    return groups


def canonical_reports(reports: pd.DataFrame | None) -> dict[str, str]:
    """report_id -> the original report's id (itself unless it is a repost)."""
    if reports is None or reports.empty:
        return {}
    out = {str(r): str(r) for r in reports["report_id"]}
    for group in repost_groups(reports):
        for rid in group[1:]:
            out[rid] = group[0]
    return out


def with_canonical(facts: pd.DataFrame, reports: pd.DataFrame | None) -> pd.DataFrame:
    """``facts`` with ``canonical_report_id``: its report, a repost folded into its original."""
    canon = canonical_reports(reports)
    rid = facts["report_id"].astype(str)
    return facts.assign(canonical_report_id=rid.map(lambda r: canon.get(r, r)))
