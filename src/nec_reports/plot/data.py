"""Reading built tables and outside figures for charts, and shaping them for plotting.

The chart functions take plain DataFrames and are tolerant of how a column arrives
(a date as text or a timestamp, a list as a list or as ``a;b`` text), so they work on
tables read from Parquet, from CSV, or straight from :func:`nec_reports.build.build_tables`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import data_dir

PathLike = str | Path

#: Columns that hold lists (joined by ';' in CSV).
LIST_COLUMNS = {"meeting_dates", "bodies", "report_ids", "authors"}
#: Columns that hold dates.
DATE_COLUMNS = {"meeting_date", "published", "posted"}
BOOL_COLUMNS = {"is_excerpt", "unanimous", "fundraising", "in_comment"}
INT_COLUMNS = {
    "value",
    "votes_for",
    "votes_against",
    "abstentions",
    "n_reports",
    "n_words",
    "n_comments",
    "section",
    "start",
    "end",
    "line",
    "posts",
}
FLOAT_COLUMNS = {"amount_gbp"}

#: The tables each group of charts needs.
FACT_TABLES = ("membership", "votes", "money", "donors", "fundraising")


class MissingTableError(FileNotFoundError):
    """A table the chart or notebook needs is not in the data folder."""


def default_data_dir() -> Path:
    """Where ``nec-reports build`` writes by default: the repository's ``data/processed``."""
    return data_dir() / "processed"


def default_external_dir() -> Path:
    """Outside reference figures (``data/external``), with their sources in its README."""
    return data_dir() / "external"


def _as_list(v: object) -> list[str]:
    if v is None:
        return []
    if isinstance(v, (list, tuple, np.ndarray)):
        return [str(x) for x in v if not (isinstance(x, float) and np.isnan(x))]
    if isinstance(v, float) and np.isnan(v):
        return []
    s = str(v)
    return [p for p in s.split(";") if p] if s else []


def _as_bool(v: object) -> object:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
        return pd.NA
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    s = str(v).strip().lower()
    if s in {"true", "t", "1", "yes", "y"}:
        return True
    if s in {"false", "f", "0", "no", "n"}:
        return False
    return pd.NA


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Give the columns charts use their proper types, however the table was stored."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if col in LIST_COLUMNS:
            out[col] = pd.Series([_as_list(v) for v in s], index=out.index, dtype=object)
        elif col in DATE_COLUMNS:
            out[col] = to_dates(s)
        elif col in BOOL_COLUMNS:
            out[col] = pd.Series([_as_bool(v) for v in s], index=out.index, dtype="boolean")
        elif col in INT_COLUMNS:
            num = pd.to_numeric(s, errors="coerce").astype("float64")
            # counts are whole numbers; a column that is not (the long ``fundraising``
            # table's ``value`` holds pounds too) stays as floats rather than be rounded
            whole = bool(((num.dropna() % 1) == 0).all())
            out[col] = num.astype("Int64") if whole else num
        elif col in FLOAT_COLUMNS:
            out[col] = pd.to_numeric(s, errors="coerce").astype("float64")
    return out


def read_table(name: str, data_dir: PathLike | None = None) -> pd.DataFrame:
    """``<data_dir>/<name>.parquet`` (or ``.csv``) as a tidy DataFrame.

    ``data_dir`` defaults to the repository's ``data/processed`` (``nec-reports build``)."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    pq, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if pq.exists():
        df = pd.read_parquet(pq)
    elif csv.exists():
        df = pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
    else:
        raise MissingTableError(
            f"no {name}.parquet or {name}.csv in {folder.resolve()}; "
            f"run `nec-reports build --out {folder.resolve()}`"
        )
    return tidy(df)


def read_tables(names: Iterable[str], data_dir: PathLike | None = None) -> dict[str, pd.DataFrame]:
    """Several tables by name (see :func:`read_table`)."""
    return {n: read_table(n, data_dir) for n in names}


_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")


def _one_date(v: object) -> pd.Timestamp | None:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.normalize()
    if hasattr(v, "year") and hasattr(v, "month"):
        return pd.Timestamp(v).normalize()  # type: ignore[arg-type]
    m = _PARTIAL.match(str(v))
    if not m:
        try:
            ts = pd.Timestamp(str(v))
        except ValueError:
            return None
        return None if pd.isna(ts) else ts.normalize()
    year, mon, day = m.groups()
    # A month without a day is drawn mid-month; a year alone mid-year.
    if mon is None:
        return pd.Timestamp(int(year), 7, 1)
    if day is None:
        return pd.Timestamp(int(year), int(mon), 15)
    return pd.Timestamp(int(year), int(mon), int(day))


def to_dates(values: Iterable[object]) -> pd.Series:
    """Dates from timestamps or ISO text ('2023-07-25', '2023-07' -> mid-month,
    '2023' -> mid-year); anything unreadable becomes NaT."""
    idx = values.index if isinstance(values, pd.Series) else None
    if isinstance(values, pd.Series) and pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.normalize().astype("datetime64[s]")
    out = pd.Series([_one_date(v) for v in values], index=idx, dtype="object")
    return pd.to_datetime(out).astype("datetime64[s]")


def fact_dates(df: pd.DataFrame) -> pd.Series:
    """When each fact is about: its ``as_of`` if it has one, else the meeting's date, else
    the date the report was published."""
    when = pd.Series(pd.NaT, index=df.index, dtype="datetime64[s]")
    for col in ("as_of", "meeting_date", "published"):
        if col in df.columns:
            when = when.fillna(to_dates(df[col]))
    return when


def report_dates(df: pd.DataFrame) -> pd.Series:
    """The date of the meeting a row's report covers, else when it was published, else the
    date the fact is about: what a source line cites."""
    when = pd.Series(pd.NaT, index=df.index, dtype="datetime64[s]")
    for col in ("meeting_date", "published"):
        if col in df.columns:
            when = when.fillna(to_dates(df[col]))
    if "meeting_dates" in df.columns:
        first = [min(_as_list(v)) if _as_list(v) else None for v in df["meeting_dates"]]
        when = when.fillna(to_dates(pd.Series(first, index=df.index, dtype=object)))
    if "as_of" in df.columns:
        when = when.fillna(to_dates(df["as_of"]))
    return when


def report_years(reports: pd.DataFrame) -> pd.Series:
    """The year of each report: when published, else of the earliest meeting it covers."""
    pub = to_dates(reports["published"]) if "published" in reports else None
    first_meeting = pd.Series(
        [min(_as_list(v)) if _as_list(v) else None for v in reports.get("meeting_dates", [])],
        index=reports.index,
        dtype=object,
    )
    when = to_dates(first_meeting) if len(first_meeting) else pd.Series(dtype="datetime64[s]")
    if pub is not None:
        when = pub.fillna(when)
    return when.dt.year.astype("Int64")


def without_comments(df: pd.DataFrame) -> pd.DataFrame:
    """Drop rows taken from reader comments (``in_comment`` true), if the table marks them."""
    if "in_comment" in df.columns:
        return df[~df["in_comment"].astype("boolean").fillna(False)]
    return df


def source_line(
    df: pd.DataFrame,
    *,
    what: str = "Labour NEC members' reports",
    extra: str | None = None,
) -> str:
    """'Source: 12 Labour NEC members' reports — Luke Akehurst (8), Ann Black (4) —
    Mar 2021 to Jul 2023. Tables: nec-reports.'  Names the reports a chart draws on by
    author and period; ``extra`` names any outside data on the same chart."""
    from .theme import month

    parts: list[str] = []
    if len(df) and "report_id" in df.columns:
        rows = df.dropna(subset=["report_id"])
        n = rows["report_id"].nunique()
        desc = f"{n} {what}" if n != 1 else f"1 of the {what}"
        if "author" in rows.columns:
            by = (
                rows.assign(author=rows["author"].fillna("unknown author"))
                .groupby("author")["report_id"]
                .nunique()
                .sort_values(ascending=False, kind="stable")
            )
            names = [f"{a} ({c})" for a, c in by.items()]
            if len(names) > 5:
                names = [*names[:4], f"{len(names) - 4} others"]
            desc += " by " + ", ".join(names)
        when = report_dates(rows).dropna()
        if len(when):
            lo, hi = month(when.min()), month(when.max())
            desc += f", {lo}" if lo == hi else f", {lo} to {hi}"
        parts.append(desc)
    else:
        parts.append(f"no {what} with data for this chart")
    if extra:
        parts.append(extra)
    return "Source: " + "; ".join(parts) + ". Tables: nec-reports."


# --- outside figures -------------------------------------------------------------------


def read_external_membership(path: PathLike | None = None) -> pd.DataFrame:
    """``labour_membership_external.csv``: outside membership figures, one row per source.

    Adds ``when`` (the date as a timestamp: 'YYYY-MM' mid-month, 'YYYY' mid-year),
    ``year_end`` (a 'YYYY-12' figure: the year-end count in the party's accounts),
    ``precision`` ('day', 'month' or 'year') and ``independent`` (false for NEC members'
    own reports quoted second-hand: not an outside check on the reports)."""
    p = (
        Path(path)
        if path is not None
        else default_external_dir() / "labour_membership_external.csv"
    )
    df = pd.read_csv(
        p, dtype={"date": str, "measure": str, "source_name": str, "url": str, "quote": str}
    )
    df["members"] = pd.to_numeric(df["members"], errors="coerce").astype("Int64")
    df["when"] = to_dates(df["date"])
    df["precision"] = df["date"].str.count("-").map({0: "year", 1: "month", 2: "day"})
    df["year_end"] = df["date"].str.fullmatch(r"\d{4}-12")
    # NEC members' own reports quoted second-hand are the kind of source this library
    # reads, so they are not an independent check on it (data/external/README.md).
    df["independent"] = ~df["source_name"].fillna("").str.contains(
        r"\bNEC (?:report|member)", case=False, regex=True
    )
    return df


def read_external_finances(path: PathLike | None = None) -> pd.DataFrame:
    """``labour_finances_external.csv``: yearly income and spending from the accounts and
    the press (``item``: total_income, membership_income, donations, other)."""
    p = Path(path) if path is not None else default_external_dir() / "labour_finances_external.csv"
    df = pd.read_csv(p, dtype={"item": str, "source_name": str, "url": str, "quote": str})
    df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
    df["amount_gbp"] = pd.to_numeric(df["amount_gbp"], errors="coerce").astype("float64")
    df["expenditure"] = df["quote"].fillna("").str.endswith("[expenditure]")
    return df


def external_year_end(external: pd.DataFrame) -> pd.DataFrame:
    """One year-end total per year from the outside figures (the party's accounts): the
    exact count most sources give for December, ties to the first listed.  The accounts
    give exact counts, so a round December figure (a press estimate, "around 544,000") is
    never taken as the year-end count."""
    ye = external[(external["measure"] == "members") & external["year_end"].fillna(False)]
    ye = ye[ye["members"] % 1000 != 0]
    if ye.empty:
        return ye.assign(n_sources=pd.Series(dtype="Int64"))
    counts = (
        ye.groupby(["date", "members"], sort=False)
        .agg(
            when=("when", "first"),
            n_sources=("source_name", "nunique"),
            sources=("source_name", lambda s: "; ".join(dict.fromkeys(s))),
        )
        .reset_index()
    )
    best = counts.sort_values(["date", "n_sources"], ascending=[True, False], kind="stable")
    return best.drop_duplicates("date").reset_index(drop=True)


# --- shaping fact tables ----------------------------------------------------------------


def membership_points(
    membership: pd.DataFrame, measures: Iterable[str] | None = None
) -> pd.DataFrame:
    """One row per figure a reporter gave: ``when`` (as_of, else the meeting date), the
    measure, the author, the value, and the report and sentence it came from.  A report
    that repeats a figure counts once."""
    df = without_comments(tidy(membership))
    if measures is not None:
        df = df[df["measure"].isin(list(measures))]
    df = df.assign(when=fact_dates(df)).dropna(subset=["value", "when"])
    cols = [
        c
        for c in (
            "when",
            "measure",
            "author",
            "value",
            "qualifier",
            "report_id",
            "meeting_date",
            "evidence",
            "source_url",
        )
        if c in df.columns
    ]
    out = df[cols].drop_duplicates(subset=["when", "measure", "author", "value"])
    return out.sort_values(["when", "measure", "author"], kind="stable").reset_index(drop=True)


def membership_agreement(points: pd.DataFrame) -> pd.DataFrame:
    """For each date and measure: how many reporters gave a figure, the lowest and highest,
    and whether they agree exactly."""
    if points.empty:
        return pd.DataFrame(
            columns=[
                "when",
                "measure",
                "n_reporters",
                "n_figures",
                "low",
                "high",
                "spread",
                "agree",
                "authors",
            ]
        )
    g = points.groupby(["when", "measure"], sort=True)
    out = g.agg(
        n_reporters=("author", "nunique"),
        n_figures=("value", "size"),
        low=("value", "min"),
        high=("value", "max"),
        authors=("author", lambda s: ", ".join(sorted(set(s.dropna())))),
    ).reset_index()
    out["spread"] = (out["high"] - out["low"]).astype("Int64")
    out["agree"] = out["spread"] == 0
    return out


def nearest_outside(
    points: pd.DataFrame,
    external: pd.DataFrame,
    *,
    independent_only: bool = True,
) -> pd.DataFrame:
    """Each report figure (from :func:`membership_points`) beside the outside figure of the
    same measure nearest in date: ``outside_when``, ``outside_value``, ``outside_source``,
    ``outside_year_end``, ``days_apart``, ``difference`` (report minus outside) and
    ``pct_difference``.  Report figures with no outside figure of their measure get NA."""
    ext = external.dropna(subset=["when", "members"])
    if independent_only and "independent" in ext.columns:
        ext = ext[ext["independent"].fillna(True).astype(bool)]
    right = (
        ext.rename(
            columns={
                "members": "outside_value",
                "source_name": "outside_source",
                "year_end": "outside_year_end",
            }
        )
        .assign(outside_when=ext["when"])[
            [
                "when",
                "measure",
                "outside_when",
                "outside_value",
                "outside_source",
                "outside_year_end",
            ]
        ]
        .sort_values("when", kind="stable")
    )
    left = points.sort_values("when", kind="stable")
    if left.empty:
        out = left.assign(
            outside_when=pd.Series(dtype="datetime64[s]"),
            outside_value=pd.Series(dtype="Int64"),
            outside_source=pd.Series(dtype="str"),
            outside_year_end=pd.Series(dtype="boolean"),
        )
    else:
        out = pd.merge_asof(left, right, on="when", by="measure", direction="nearest")
    out["days_apart"] = (out["outside_when"] - out["when"]).dt.days.abs().astype("Int64")
    out["difference"] = out["value"].astype("Int64") - out["outside_value"].astype("Int64")
    out["pct_difference"] = (
        100 * out["difference"].astype("Float64") / out["outside_value"].astype("Float64")
    ).round(1)
    return out.sort_values(["when", "measure", "author"], kind="stable").reset_index(drop=True)


def vote_splits(votes: pd.DataFrame) -> pd.DataFrame:
    """Votes with a numeric split or marked unanimous, with ``share_for`` (% of for+against),
    ``margin`` (for - against, in the vote's unit), ``total`` and ``divided``."""
    df = without_comments(tidy(votes))
    if "unanimous" not in df.columns:
        df = df.assign(unanimous=pd.array([pd.NA] * len(df), dtype="boolean"))
    vf = df["votes_for"].astype("Float64")
    va = df["votes_against"].astype("Float64")
    both = vf.notna() & va.notna() & ((vf + va) > 0)
    share = (100 * vf / (vf + va)).where(both)
    unanimous = df["unanimous"].fillna(False).astype(bool)
    share = share.mask(unanimous & share.isna(), 100.0)
    out = df.assign(
        meeting_date=fact_dates(df),
        share_for=share.astype("float64"),
        margin=(vf - va).where(both).astype("Float64"),
        total=(vf + va + df["abstentions"].astype("Float64").fillna(0)).where(both),
        divided=both & (va.fillna(0) > 0),
        unanimous=unanimous,
    )
    keep = both | unanimous
    return out[keep].reset_index(drop=True)


def money_rows(money: pd.DataFrame) -> pd.DataFrame:
    """Money facts with an amount and a date (``when``: as_of, else the meeting date)."""
    df = without_comments(tidy(money))
    df = df.assign(when=fact_dates(df)).dropna(subset=["amount_gbp"])
    return df.reset_index(drop=True)


def quarter_coverage(meetings: pd.DataFrame) -> pd.DataFrame:
    """One row per calendar quarter from the first meeting to the last, empty quarters
    included: ``meetings`` (dated meetings reported: date and body), and how many of
    them were covered by one report (``one_report``), two, or three or more."""
    m = tidy(meetings).dropna(subset=["meeting_date"])
    cols = ["quarter", "meetings", "one_report", "two_reports", "three_or_more"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    q = m["meeting_date"].dt.to_period("Q")
    n = m["n_reports"].fillna(0).astype(int)
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
    """Runs of consecutive quarters with no meeting reported: ``first``, ``last`` (quarters)
    and ``quarters`` (length), longest first."""
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


def meeting_reporters(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings table long: one row per (meeting, body, author who reported it)."""
    m = tidy(meetings)
    rows = [
        {"meeting_date": r.meeting_date, "body": r.body, "author": a, "n_reports": r.n_reports}
        for r in m.itertuples()
        for a in (r.authors or ["unknown author"])
    ]
    out = pd.DataFrame(rows, columns=["meeting_date", "body", "author", "n_reports"])
    out["meeting_date"] = to_dates(out["meeting_date"])
    return out
