"""Reading the outside reference figures in ``data/external`` (membership and finances).

The files are described, with each source's reliability, in ``data/external/README.md``.
Pure pandas: the analysis functions take the frames these return."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .corpus import data_dir

PathLike = str | Path


def default_external_dir() -> Path:
    """Outside reference figures (``data/external``), with their sources in its README."""
    return data_dir() / "external"


def _partial_dates(values: pd.Series) -> pd.Series:
    """'YYYY-MM-DD', 'YYYY-MM' (mid-month) or 'YYYY' (mid-year) as timestamps."""
    out = []
    for v in values.fillna(""):
        parts = [int(p) for p in str(v).split("-") if p.isdigit()]
        if not parts:
            out.append(pd.NaT)
        elif len(parts) == 1:
            out.append(pd.Timestamp(parts[0], 7, 1))
        elif len(parts) == 2:
            out.append(pd.Timestamp(parts[0], parts[1], 15))
        else:
            out.append(pd.Timestamp(parts[0], parts[1], parts[2]))
    return pd.Series(out, index=values.index, dtype="datetime64[s]")


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
    df["when"] = _partial_dates(df["date"])
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
