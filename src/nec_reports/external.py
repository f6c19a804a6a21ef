"""Outside figures (``data/external``) for cross-checks, without the ``plot`` extra.

``nr.load_external_membership()`` and ``nr.load_external_finances()`` read the same
files, into the same columns, as ``nr.plot.read_external_membership`` /
``read_external_finances`` (which the charts use), but need only pandas.  Sources and
their reliability: ``data/external/README.md``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .schema import Col, dtypes

PathLike = str | Path

MEMBERSHIP_FILE = "labour_membership_external.csv"
FINANCES_FILE = "labour_finances_external.csv"

EXTERNAL_MEMBERSHIP: dict[str, Col] = {
    "date": Col("str", "What the figure refers to: YYYY-MM-DD, YYYY-MM (YYYY-12 year end), YYYY."),
    "members": Col("Int64", "The figure (bounds stored as the round number)."),
    "measure": Col("str", "members, paid_up, arrears, eligible or other."),
    "source_name": Col("str", "Who published it."),
    "url": Col("str", "Where it was read."),
    "quote": Col("str", "The words quoted."),
    "when": Col("datetime64[s]", "The date as a day (a month mid-month, a year mid-year)."),
    "precision": Col("str", "day, month or year."),
    "year_end": Col("bool", "A YYYY-12 figure: the year-end count in the party's accounts."),
    "independent": Col("bool", "False for NEC members' own reports quoted second-hand."),
}
EXTERNAL_FINANCES: dict[str, Col] = {
    "year": Col("Int64", "Year of the accounts."),
    "item": Col("str", "total_income, membership_income, donations or other."),
    "amount_gbp": Col("float64", "Pounds."),
    "source_name": Col("str", "Who published it."),
    "url": Col("str", "Where it was read."),
    "quote": Col("str", "The words quoted ('[expenditure]' at the end marks spending)."),
    "expenditure": Col("bool", "The row is spending, not income."),
}

_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")


def external_dir() -> Path:
    """The bundled outside figures: the repository's (or the wheel's) ``data/external``."""
    from .corpus import data_dir

    return data_dir() / "external"


def _when(text: object) -> pd.Timestamp | None:
    m = _PARTIAL.match(str(text)) if isinstance(text, str) else None
    if not m:
        return None
    year, mon, day = m.groups()
    if mon is None:
        return pd.Timestamp(int(year), 7, 1)
    return pd.Timestamp(int(year), int(mon), 15 if day is None else int(day))


def _typed(df: pd.DataFrame, columns: dict[str, Col]) -> pd.DataFrame:
    for c, dtype in dtypes(columns).items():
        df[c] = df[c].astype(dtype)
    return df[list(columns)]


def load_external_membership(path: PathLike | None = None) -> pd.DataFrame:
    """Outside membership figures, one row per source and date (columns:
    :data:`EXTERNAL_MEMBERSHIP`); ``path`` defaults to the bundled CSV."""
    p = Path(path) if path is not None else external_dir() / MEMBERSHIP_FILE
    df = pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[""])
    df["members"] = pd.to_numeric(df["members"], errors="coerce")
    df["when"] = pd.to_datetime(pd.Series([_when(d) for d in df["date"]], dtype=object))
    df["precision"] = df["date"].str.count("-").map({0: "year", 1: "month", 2: "day"})
    df["year_end"] = df["date"].str.fullmatch(r"\d{4}-12").fillna(False)
    df["independent"] = ~df["source_name"].fillna("").str.contains(
        r"\bNEC (?:report|member)", case=False, regex=True
    )
    return _typed(df, EXTERNAL_MEMBERSHIP)


def load_external_finances(path: PathLike | None = None) -> pd.DataFrame:
    """Yearly income and spending from the accounts and the press (columns:
    :data:`EXTERNAL_FINANCES`); ``path`` defaults to the bundled CSV."""
    p = Path(path) if path is not None else external_dir() / FINANCES_FILE
    df = pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[""])
    df["year"] = pd.to_numeric(df["year"], errors="coerce")
    df["amount_gbp"] = pd.to_numeric(df["amount_gbp"], errors="coerce")
    df["expenditure"] = df["quote"].fillna("").str.endswith("[expenditure]")
    return _typed(df, EXTERNAL_FINANCES)


#: The names the analysis layer and ``nr.plot`` use for the same readers.
default_external_dir = external_dir
read_external_membership = load_external_membership
read_external_finances = load_external_finances
