"""Which members reported which meeting, and how well each quarter is covered."""

from __future__ import annotations

import pandas as pd

from ._common import typed
from .columns import MEETING_COVERAGE
from .reposts import canonical_reports


def _as_list(v: object) -> list[str]:
    if isinstance(v, str):
        return [p for p in v.split(";") if p]
    if v is None or (isinstance(v, float) and v != v):
        return []
    return [str(x) for x in v]  # type: ignore[attr-defined]


def meeting_coverage(meetings: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per (meeting, body, member who reported it), with their report(s) of it:
    a repost is listed beside its original, and the member counts once."""
    canon = canonical_reports(reports)
    author = dict(zip(reports["report_id"].astype(str), reports["author"], strict=True))
    rows = []
    for m in meetings.itertuples(index=False):
        by_author: dict[str, list[str]] = {}
        for rid in _as_list(m.report_ids):
            who = author.get(rid)
            by_author.setdefault(who if isinstance(who, str) else "unknown", []).append(rid)
        for who, rids in sorted(by_author.items()):
            rids.sort(key=lambda r: (canon.get(r, r) != r, r))
            rows.append(
                {
                    "meeting_date": m.meeting_date,
                    "body": m.body,
                    "author": who,
                    "report_ids": rids,
                    "n_reporters": len(by_author),
                }
            )
    return typed(rows, MEETING_COVERAGE)


def quarter_coverage(meetings: pd.DataFrame) -> pd.DataFrame:
    """One row per calendar quarter from the first meeting to the last, empty quarters
    included: ``meetings`` (dated meetings reported: date and body), and how many of
    them were covered by one report (``one_report``), two, or three or more."""
    m = meetings.dropna(subset=["meeting_date"])
    cols = ["quarter", "meetings", "one_report", "two_reports", "three_or_more"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    q = pd.to_datetime(m["meeting_date"]).dt.to_period("Q")
    n = pd.to_numeric(m["n_reports"], errors="coerce").fillna(0).astype(int)
    table = pd.DataFrame(
        {
            "one_report": (n <= 1).groupby(q).sum(),
            "two_reports": (n == 2).groupby(q).sum(),
            "three_or_more": (n >= 3).groupby(q).sum(),
        }
    )
    table = table.reindex(pd.period_range(q.min(), q.max(), freq="Q"), fill_value=0)
    table.insert(0, "meetings", table.sum(axis=1))
    table = table.astype("Int64").rename_axis("quarter").reset_index()
    return table[cols]


def coverage_gaps(coverage: pd.DataFrame) -> pd.DataFrame:
    """Runs of consecutive quarters with no meeting reported (from
    :func:`quarter_coverage`): ``first``, ``last`` and ``quarters`` (length), longest first."""
    runs: list[dict[str, object]] = []
    start = prev = None
    for q, n in zip(coverage["quarter"], coverage["meetings"], strict=True):
        if n == 0:
            start = start if start is not None else q
            prev = q
        elif start is not None:
            runs.append({"first": start, "last": prev})
            start = prev = None
    if start is not None:
        runs.append({"first": start, "last": prev})
    out = pd.DataFrame(runs, columns=["first", "last"])
    out["quarters"] = pd.Series(
        [(b - a).n + 1 for a, b in zip(out["first"], out["last"], strict=True)],
        index=out.index,
        dtype="Int64",
    )
    return out.sort_values(
        ["quarters", "first"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
