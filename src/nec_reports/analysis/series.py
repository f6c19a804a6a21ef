"""One membership figure per date and measure, reconciled across the reports.

Several members report one meeting, so one figure appears once per report (and twice
when a report is reposted).  :func:`membership_series` folds those into one row: the
agreed figure, the lowest and highest given, who gave them and whether they agree
within rounding.  Disagreements are kept and flagged, never averaged away."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ._common import names, typed
from .columns import SERIES
from .reposts import with_canonical

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True, slots=True)
class Figure:
    """One report's figure for one date and measure."""

    when: pd.Timestamp
    precision: str
    measure: str
    value: int
    qualifier: str
    report: str
    author: str | None
    fact_ids: tuple[str, ...]
    evidence: str
    url: str | None
    order: int


def as_of_date(as_of: object) -> tuple[pd.Timestamp | None, str | None]:
    """'2022-07-19' -> (that day, 'day'); '2022-07' -> (1 July, 'month'); '2022' -> year."""
    s = str(as_of or "").strip()
    parts = s.split("-")
    if not s or not all(p.isdigit() for p in parts) or len(parts) > 3:
        return None, None
    nums = [int(p) for p in parts] + [1] * (3 - len(parts))
    try:
        return pd.Timestamp(nums[0], nums[1], nums[2]), ("year", "month", "day")[len(parts) - 1]
    except ValueError:
        return None, None


def rounding_unit(value: int) -> int:
    """10 to the number of trailing zeros: 415000 -> 1000, 407328 -> 1."""
    unit = 1
    while value and value % (unit * 10) == 0:
        unit *= 10
    return unit


def bounds(value: int, qualifier: str) -> tuple[float, float]:
    """The counts a figure as written is consistent with: a round figure stands for
    anything that rounds to it (to two significant digits at most); "about" allows its
    half rounding unit, and at least 1%, either way; "over" and "under" one rounding
    unit above or below."""
    unit = rounding_unit(value)
    half = unit // 2 if unit >= 100 else 0
    if qualifier == "about":
        wide = max(half, 0.01 * value)
        return value - wide, value + wide
    if qualifier == "over":
        return value, value + max(unit, 1)
    if qualifier == "under":
        return value - max(unit, 1), value
    # an unhedged round figure keeps two significant digits at least (300,000 is not
    # anything from 250,000 to 349,999); counts are whole: 415,000 is what 414,500 to
    # 415,499 round to
    half = min(half, 10 ** max(len(str(value)) - 2, 0) // 2)
    return value - half, value + max(half - 1, 0)


def consistent(figures: Iterable[Figure]) -> bool:
    """Whether one count is consistent with every figure."""
    spans = [bounds(f.value, f.qualifier) for f in figures]
    return max(lo for lo, _ in spans) <= min(hi for _, hi in spans)


def agree(figures: list[Figure]) -> bool:
    """Whether the reports agree: each report's figure nearest the clearest one, taken
    together, is consistent.  Two figures in one report (a total and a part of it, a
    figure and an earlier one) are not a disagreement between reporters."""
    best = min(figures, key=clarity)
    nearest: dict[str, Figure] = {}
    for f in sorted(figures, key=lambda f: (abs(f.value - best.value), clarity(f))):
        nearest.setdefault(f.report, f)
    return consistent(nearest.values())


def clarity(f: Figure) -> tuple[object, ...]:
    """Clearest first: an exact figure, a day's date, more significant digits."""
    return (f.qualifier != "exact", _PRECISION_RANK[f.precision], rounding_unit(f.value), f.order)


def _figures(membership: pd.DataFrame, reports: pd.DataFrame | None) -> list[Figure]:
    df = with_canonical(membership, reports)
    out: dict[tuple[object, ...], Figure] = {}
    for i, r in enumerate(df.itertuples(index=False)):
        when, precision = as_of_date(r.as_of)
        if when is None:
            if pd.isna(r.meeting_date):
                continue
            when, precision = pd.Timestamp(r.meeting_date), "day"
        key = (when, precision, r.measure, int(r.value), r.canonical_report_id)
        prev = out.get(key)
        if prev is not None:  # a report (or its repost) repeating its own figure
            out[key] = _with_fact(prev, r.fact_id)
            continue
        out[key] = Figure(
            when=when,
            precision=str(precision),
            measure=str(r.measure),
            value=int(r.value),
            qualifier=str(r.qualifier or "exact"),
            report=str(r.canonical_report_id),
            author=r.author if isinstance(r.author, str) else None,
            fact_ids=(str(r.fact_id),),
            evidence=str(r.evidence),
            url=r.source_url if isinstance(r.source_url, str) else None,
            order=i,
        )
    return list(out.values())


def _with_fact(f: Figure, fact_id: str) -> Figure:
    from dataclasses import replace

    return replace(f, fact_ids=(*f.fact_ids, str(fact_id)))


def _contains(coarse: Figure, when: pd.Timestamp) -> bool:
    if coarse.precision == "year":
        return when.year == coarse.when.year
    return (when.year, when.month) == (coarse.when.year, coarse.when.month)


def group_figures(figures: list[Figure]) -> list[list[Figure]]:
    """Figures for one date and measure.  A month's (or year's) figure joins the finer
    dated group inside its period it agrees with, or the only one there is; else it
    stands alone."""
    groups: dict[tuple[object, ...], list[Figure]] = {}
    for rank in ("day", "month", "year"):
        for f in sorted((f for f in figures if f.precision == rank), key=lambda f: f.order):
            inside = [
                k
                for k, g in groups.items()
                if k[1] == f.measure and rank != "day" and _contains(f, g[0].when)
            ]
            fits = [k for k in inside if consistent([*groups[k], f])]
            target = fits[0] if len(fits) == 1 else inside[0] if len(inside) == 1 else None
            if target is None:
                target = (f.when, f.measure, rank)
            groups.setdefault(target, []).append(f)
    return list(groups.values())


def _row(group: list[Figure]) -> dict[str, object]:
    best = min(group, key=clarity)
    ok = agree(group)
    if not ok:  # the figure most reports give; ties go to the clearest
        counts = pd.Series([f.value for f in group]).value_counts()
        modal = set(counts[counts == counts.max()].index)
        best = min((f for f in group if f.value in modal), key=clarity)
    finest = min(group, key=lambda f: (_PRECISION_RANK[f.precision], f.order))
    return {
        "as_of": finest.when,
        "as_of_precision": finest.precision,
        "measure": best.measure,
        "value": best.value,
        "low": min(f.value for f in group),
        "high": max(f.value for f in group),
        "qualifier": best.qualifier,
        "n_reports": len({f.report for f in group}),
        "authors": names(f.author for f in group),
        "agree": ok,
        "figures": [
            f"{f.author or 'unknown'}: {f.value}"
            + ("" if f.qualifier == "exact" else f" ({f.qualifier})")
            for f in sorted(group, key=lambda f: (f.author or "", f.value))
        ],
        "fact_ids": [i for f in group for i in f.fact_ids],
        "report_ids": list(dict.fromkeys(f.report for f in group)),
        "evidence": best.evidence,
        "source_url": best.url,
    }


def membership_series(
    membership: pd.DataFrame,
    reports: pd.DataFrame | None = None,
    measure: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per (as_of, measure): the agreed figure, its range and who gave it.

    ``reports`` (the reports table) lets a repost of a report count once; ``measure``
    keeps one measure (or several)."""
    df = membership
    if measure is not None:
        wanted = [measure] if isinstance(measure, str) else list(measure)
        df = df[df["measure"].isin(wanted)]
    rows = [_row(g) for g in group_figures(_figures(df, reports))]
    rows.sort(key=lambda r: (r["as_of"], str(r["measure"])))
    return typed(rows, SERIES)
