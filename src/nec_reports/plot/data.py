"""Reading built tables and outside figures for charts, and shaping them for plotting.

The chart functions take plain DataFrames and are tolerant of how a column arrives
(a date as text or a timestamp, a list as a list or as ``a;b`` text), so they work on
tables read from Parquet, from CSV, or straight from :func:`nec_reports.build.build_tables`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .. import external as _external
from ..analysis import coverage as _coverage
from ..analysis.columns import DERIVED
from ..analysis.decisions import decisions as _decisions
from ..analysis.series import bounds
from ..build import read_table as _read_built
from ..schema import Columns
from ..tables import declared

PathLike = str | Path


def _declared() -> dict[str, Columns]:
    """Every table's declared columns: the published ones and the derived ones."""
    out: dict[str, Columns] = declared()
    out.update({name: columns for name, (_, columns) in DERIVED.items()})
    return out


def _by_dtype(kind: str) -> set[str]:
    """Column names declared with a dtype of ``kind`` in some table."""
    return {
        c
        for columns in _declared().values()
        for c, col in columns.items()
        if col.dtype == kind or (kind == "datetime" and col.dtype.startswith("datetime64"))
    }


#: Columns that hold lists (joined by ';' in CSV), dates, flags, counts and amounts, as the
#: tables declare them (a name declared differently by two tables, such as ``value``, is
#: read as a count when its values are whole and as an amount otherwise).
LIST_COLUMNS = _by_dtype("list")
DATE_COLUMNS = _by_dtype("datetime") - {"as_of"}
BOOL_COLUMNS = _by_dtype("boolean")
INT_COLUMNS = _by_dtype("Int64")
FLOAT_COLUMNS = _by_dtype("Float64") - INT_COLUMNS

#: The tables each group of charts needs.
FACT_TABLES = ("membership", "votes", "money", "donors", "fundraising")


class MissingTableError(FileNotFoundError):
    """A table the chart or notebook needs is not in the data folder."""


def default_data_dir() -> Path:
    """Where ``nec-reports build`` writes by default: the repository's ``data/processed``."""
    from ..corpus import data_dir

    return data_dir() / "processed"


default_external_dir = _external.default_external_dir
read_external_membership = _external.read_external_membership
read_external_finances = _external.read_external_finances


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


def _as_declared(s: pd.Series, dtype: str) -> bool:
    """``s`` already holds its declared dtype (a list column: Python lists)."""
    if dtype == "list":
        return s.dtype == object and all(isinstance(v, list) for v in s)
    return str(s.dtype) == dtype


def tidy(df: pd.DataFrame, table: str | None = None) -> pd.DataFrame:
    """Give the columns their declared types, however the table was stored (Parquet, CSV
    text, lists as ``a;b``).  ``table`` names the table, so its own declarations decide."""
    own = _declared().get(table or "", {})
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if col in own and _as_declared(s, own[col].dtype):
            continue  # as load_* and read_table give it
        if col in own and own[col].dtype in ("Float64", "Int64"):
            num = pd.to_numeric(s, errors="coerce")
            out[col] = num.astype(own[col].dtype)
        elif col in LIST_COLUMNS:
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
            out[col] = pd.to_numeric(s, errors="coerce").astype("Float64")
    return out


def read_table(name: str, data_dir: PathLike | None = None) -> pd.DataFrame:
    """``<data_dir>/<name>.parquet`` (or ``.csv``) as a tidy DataFrame: the library's
    reader (:func:`nec_reports.build.read_table`, the dtypes ``load_<name>()`` gives),
    then :func:`tidy` for any column the table does not declare.

    ``data_dir`` defaults to the repository's ``data/processed`` (``nec-reports build``)."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    try:
        df = _read_built(name, folder)
    except FileNotFoundError as exc:
        raise MissingTableError(str(exc)) from None
    return tidy(df, name)


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


#: What a source line calls the tables' maker: where the data can be found.
PROJECT = "nec-reports"


def source_line(
    df: pd.DataFrame,
    *,
    table: str | Sequence[str],
    extra: str | None = None,
    left_out: str | None = None,
) -> str:
    """'Source: nec-reports, table `membership_series`: 20 reports by 5 NEC members
    (Luke Akehurst 11, Mish Rahman 4, ...), Nov 2018 to Jul 2023.'  Names the table the
    chart draws (where a reader finds the data), the reports behind it by writer and
    period; ``extra`` names any outside data on the same chart and ``left_out`` what the
    chart leaves out (undated facts, say)."""
    from .theme import month

    tables = [table] if isinstance(table, str) else list(table)
    named = " and ".join(f"`{t}`" for t in tables)
    desc = f"{PROJECT}, table{'s' if len(tables) > 1 else ''} {named}"
    if len(df) and "report_id" in df.columns:
        rows = df.dropna(subset=["report_id"])
        n = rows["report_id"].nunique()
        desc += f": {n} report{'s' if n != 1 else ''}"
        if "author" in rows.columns:
            by = (
                rows.assign(author=rows["author"].fillna("unknown author"))
                .groupby("author")["report_id"]
                .nunique()
                .sort_values(ascending=False, kind="stable")
            )
            names = [f"{a} {c}" for a, c in by.items()]
            if len(names) > 5:
                names = [*names[:4], f"{len(names) - 4} others"]
            who = f"{len(by)} NEC member{'s' if len(by) != 1 else ''}"
            desc += f" by {who} (" + ", ".join(names) + ")"
        when = report_dates(rows).dropna()
        if len(when):
            lo, hi = month(when.min()), month(when.max())
            desc += f", {lo}" if lo == hi else f", {lo} to {hi}"
    else:
        desc += ": no reports with data for this chart"
    parts = [desc]
    if extra:
        parts.append(extra)
    line = "Source: " + "; ".join(parts) + "."
    if left_out:
        line += f" Left out: {left_out}."
    return line


# --- outside figures -------------------------------------------------------------------


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
    df = tidy(membership, "membership")
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
    """For each date and measure of :func:`membership_points`: how many reporters gave a
    figure, the lowest and highest, and whether they ``agree`` within rounding (as
    :func:`nec_reports.analysis.membership_series` decides: "about 30,000" agrees with
    33,000).  The reconciled table itself is ``nr.membership_series()``."""
    cols = ["when", "measure", "n_reporters", "n_figures", "low", "high", "spread", "agree"]
    if points.empty:
        return pd.DataFrame(columns=[*cols, "authors"])
    quals = points["qualifier"] if "qualifier" in points else pd.Series("exact", points.index)
    spans = [
        bounds(int(v), str(q)) for v, q in zip(points["value"], quals.fillna("exact"), strict=True)
    ]
    df = points.assign(_lo=[lo for lo, _ in spans], _hi=[hi for _, hi in spans])
    g = df.groupby(["when", "measure"], sort=True)
    out = g.agg(
        n_reporters=("author", "nunique"),
        n_figures=("value", "size"),
        low=("value", "min"),
        high=("value", "max"),
        _lo=("_lo", "max"),
        _hi=("_hi", "min"),
        authors=("author", lambda s: ", ".join(sorted(set(s.dropna())))),
    ).reset_index()
    out["spread"] = (out["high"] - out["low"]).astype("Int64")
    out["agree"] = out["_lo"] <= out["_hi"]
    return out[[*cols, "authors"]]


def vote_splits(votes: pd.DataFrame, *, once: bool = True) -> pd.DataFrame:
    """Votes with a numeric split or marked unanimous, with ``share_for`` (% of for+against),
    ``margin`` (for - against, in the vote's unit), ``total`` and ``divided``.

    ``once``: a vote several members reported is one row (its first report's), as
    :func:`nec_reports.analysis.decisions` joins them; ``decision_id`` names it.  False
    keeps one row per report of a vote."""
    df = tidy(votes, "votes")
    if once and len(df):
        df = _one_per_decision(df)
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


def _one_per_decision(votes: pd.DataFrame) -> pd.DataFrame:
    """The votes table, each vote taken once (``decision_id`` added)."""
    decided = _decisions(votes)
    of = {
        f: d for d, fs in zip(decided["decision_id"], decided["fact_ids"], strict=True) for f in fs
    }
    out = votes.assign(decision_id=votes["fact_id"].map(of))
    repeat = out["decision_id"].notna() & out["decision_id"].duplicated()
    return out[~repeat]


def money_rows(money: pd.DataFrame) -> pd.DataFrame:
    """Money facts with an amount and a date (``when``: as_of, else the meeting date)."""
    df = tidy(money, "money")
    df = df.assign(when=fact_dates(df)).dropna(subset=["amount_gbp"])
    return df.reset_index(drop=True)


def quarter_coverage(meetings: pd.DataFrame) -> pd.DataFrame:
    """Meetings reported per calendar quarter (:func:`nec_reports.analysis.quarter_coverage`)."""
    return _coverage.quarter_coverage(tidy(meetings, "meetings"))


coverage_gaps = _coverage.coverage_gaps


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
