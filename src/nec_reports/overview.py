"""What the corpus covers: which years and which writers, from a ``reports`` table
(``nr.coverage()`` loads it and calls :func:`coverage_frame`)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .schema import Col, frame

COVERAGE: dict[str, Col] = {
    "year": Col("Int64", "Year of the report's first meeting (else of its publication)."),
    "author": Col("str", "The writer (missing where no writer could be found)."),
    "n_reports": Col("Int64", "Reports that writer wrote about that year's meetings."),
    "n_meetings": Col("Int64", "Distinct meeting dates those reports cover."),
    "first": Col("datetime64[s]", "Earliest meeting (else publication) date among them."),
    "last": Col("datetime64[s]", "Latest meeting (else publication) date among them."),
}


def _report_dates(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per report: its meeting dates (a list) and the date it is filed under."""
    rows = []
    for r in reports.itertuples():
        days = sorted(pd.Timestamp(d) for d in (r.meeting_dates or []))
        if not days and not pd.isna(r.published):
            days = [pd.Timestamp(r.published).normalize()]
        rows.append({"author": r.author, "days": days, "when": days[0] if days else pd.NaT})
    return pd.DataFrame(rows, columns=["author", "days", "when"])


def coverage_frame(reports: pd.DataFrame) -> pd.DataFrame:
    """Coverage from a ``reports`` table: one row per year and writer."""
    dated = _report_dates(reports)
    rows = []
    when = pd.to_datetime(dated["when"]).astype("datetime64[s]")
    keys = dated.assign(year=when.dt.year.astype("Int64"))
    for (year, author), g in keys.groupby(["year", "author"], dropna=False, sort=True):
        days = sorted({d for ds in g["days"] for d in ds})
        rows.append(
            {
                "year": None if pd.isna(year) else int(year),
                "author": None if pd.isna(author) else author,
                "n_reports": len(g),
                "n_meetings": len(days),
                "first": days[0] if days else None,
                "last": days[-1] if days else None,
            }
        )
    return frame(rows, COVERAGE)


def coverage_line(tables: Mapping[str, pd.DataFrame]) -> str:
    """One line for a build summary: the years covered, the gaps, and the writers."""
    cov = coverage_frame(tables["reports"])
    years = sorted({int(y) for y in cov["year"].dropna()})
    if not years:
        return f"coverage: no dated reports ({len(tables['reports'])} undated)"
    gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    authors = cov["author"].dropna().unique()
    line = f"coverage: {years[0]}-{years[-1]}"
    if gaps:
        line += " (no reports from " + ", ".join(map(str, gaps)) + ")"
    line += f"; {len(authors)} writer(s)"
    undated = int(cov.loc[cov["year"].isna(), "n_reports"].sum())
    return line + (f"; {undated} report(s) undated" if undated else "")


_FACT_TABLES = ("membership", "votes", "money", "donors")


def undated_line(tables: Mapping[str, pd.DataFrame]) -> str:
    """One line for a build summary: how many reports have no meeting date and no
    publication date (by writer), and how many facts have no meeting date, so a chart by
    meeting date does not leave them out unsaid."""
    reports = tables["reports"]
    no_meeting = reports[[not list(d) for d in reports["meeting_dates"]]]
    no_pub = reports[reports["published"].isna()]

    def by_writer(df: pd.DataFrame) -> str:
        counts = df["author"].fillna("unknown writer").value_counts()
        return ", ".join(f"{a} {n}" for a, n in counts.items())

    line = f"undated: {len(no_meeting)} report(s) without a meeting date"
    if len(no_meeting):
        line += f" ({by_writer(no_meeting)})"
    line += f"; {len(no_pub)} without a publication date"
    if len(no_pub):
        line += f" ({by_writer(no_pub)})"
    facts = [tables[k] for k in _FACT_TABLES if k in tables and "meeting_date" in tables[k]]
    if facts:
        unpublished = set(no_pub["report_id"])
        undated = [f[f["meeting_date"].isna()] for f in facts]
        n = sum(len(f) for f in undated)
        neither = sum(int(f["report_id"].isin(unpublished).sum()) for f in undated)
        line += (
            f"; {n} of {sum(len(f) for f in facts)} fact row(s) have no meeting date "
            f"(charts date them by publication date; {neither} have neither)"
        )
    return line
