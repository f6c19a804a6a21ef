"""The reconciled membership series beside the outside figures (``data/external``)."""

from __future__ import annotations

import pandas as pd

from ._common import typed
from .columns import EXTERNAL_COMPARISON
from .series import as_of_date

#: How far apart (days) an outside figure and a series figure may be to be compared.
WINDOW_DAYS = 92
_STOCK = {"members": "paid_up", "paid_up": "members"}
_SIDE = {"members": "total", "paid_up": "paid-up"}


def _period(date: str) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
    """First and last day of the period an outside date names, and its precision."""
    start, precision = as_of_date(date)
    if start is None or precision is None:
        return None
    if precision == "year":
        return start, start + pd.offsets.YearEnd(0), precision
    if precision == "month":
        return start, start + pd.offsets.MonthEnd(0), precision
    return start, start, precision


def _days_outside(when: pd.Timestamp, lo: pd.Timestamp, hi: pd.Timestamp) -> int:
    return 0 if lo <= when <= hi else int(min(abs((when - lo).days), abs((when - hi).days)))


def _nearest(series: pd.DataFrame, measure: str, lo: pd.Timestamp, hi: pd.Timestamp):
    cands = series[series["measure"] == measure]
    if cands.empty:
        return None, None
    mid = lo + (hi - lo) / 2
    gap = cands["as_of"].map(lambda w: _days_outside(w, lo, hi))
    tie = (cands["as_of"] - mid).abs()
    order = pd.DataFrame({"gap": gap, "tie": tie}).sort_values(["gap", "tie"], kind="stable")
    best = order.index[0]
    return (cands.loc[best], int(gap.loc[best])) if gap.loc[best] <= WINDOW_DAYS else (None, None)


def _note(ext: pd.Series, row: pd.Series, gap: int, lo: pd.Timestamp) -> str | None:
    notes = []
    if row["measure"] != ext["measure"]:
        notes.append(f"{_SIDE[row['measure']]} against {_SIDE[ext['measure']]}")
    if gap:
        side = "later" if row["as_of"] > lo else "earlier"
        notes.append(f"series date {gap} day{'s' if gap != 1 else ''} {side}")
    if str(ext.get("date", "")).endswith("-12"):
        notes.append("year-end accounts figure")
    if int(ext["members"]) % 1000 == 0 or int(row["value"]) % 1000 == 0:
        notes.append("a rounded figure")
    if row["agree"] is False or (not pd.isna(row["agree"]) and not bool(row["agree"])):
        notes.append("the reports disagree")
    if "independent" in ext.index and not bool(ext["independent"]):
        notes.append("quotes an NEC member's report (not independent)")
    return "; ".join(notes) or None


def compare_external(series: pd.DataFrame, external: pd.DataFrame) -> pd.DataFrame:
    """Each outside figure beside the nearest series figure of the same measure within
    three months (a total against a paid-up count when only that is near, noted).

    ``series``: :func:`membership_series`; ``external``: the outside figures (columns
    ``date``, ``members``, ``measure``, ``source_name``, ``url``).  Outside figures with
    nothing near are left out."""
    rows = []
    for _, ext in external.dropna(subset=["members"]).iterrows():
        period = _period(str(ext["date"]))
        if period is None:
            continue
        lo, hi, precision = period
        row, gap = _nearest(series, str(ext["measure"]), lo, hi)
        if row is None and ext["measure"] in _STOCK:
            row, gap = _nearest(series, _STOCK[str(ext["measure"])], lo, hi)
        if row is None or gap is None:
            continue
        outside = int(ext["members"])
        rows.append(
            {
                "as_of": lo,
                "external_precision": precision,
                "measure": ext["measure"],
                "external_value": outside,
                "source": ext.get("source_name"),
                "url": ext.get("url"),
                "series_as_of": row["as_of"],
                "series_measure": row["measure"],
                "value": int(row["value"]),
                "series_agree": row["agree"],
                "days_apart": gap,
                "diff_pct": round(100 * (int(row["value"]) - outside) / outside, 1) + 0.0,
                "note": _note(ext, row, gap, lo),
            }
        )
    return typed(rows, EXTERNAL_COMPARISON)
