"""Records -> tidy DataFrames with declared columns and dtypes.

Every table has its columns declared here, so an empty frame still has them all.
Counts are nullable integers, dates are ``datetime64`` days, flags are nullable
booleans; list-valued columns hold Python lists (joined by ';' in CSV).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import pandas as pd

from .facts.tables import FACT_TABLES
from .models import Report
from .pipeline import Corpus

# column -> dtype ("list" marks a column of Python lists)
REPORTS: dict[str, str] = {
    "report_id": "str",
    "source_file": "str",
    "blog": "str",
    "author": "str",
    "posted_by": "str",
    "title": "str",
    "published": "datetime64[s]",
    "meeting_dates": "list",
    "bodies": "list",
    "is_excerpt": "boolean",
    "n_words": "Int64",
    "n_comments": "Int64",
    "source_url": "str",
    "line": "Int64",
    "corrections": "str",
    "text": "str",
}
SECTIONS: dict[str, str] = {
    "report_id": "str",
    "section": "Int64",
    "heading": "str",
    "meeting_date": "datetime64[s]",
    "body": "str",
    "start": "Int64",
    "end": "Int64",
    "text": "str",
}
MEETINGS: dict[str, str] = {
    "meeting_date": "datetime64[s]",
    "body": "str",
    "n_reports": "Int64",
    "report_ids": "list",
    "authors": "list",
}
COMMENTS: dict[str, str] = {
    "report_id": "str",
    "commenter": "str",
    "posted": "datetime64[s]",
    "text": "str",
    "line": "Int64",
}
FILES: dict[str, str] = {
    "file": "str",
    "layout": "str",
    "posts": "Int64",
    "sha256": "str",
    "error": "str",
}


def frame(rows: Iterable[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` in order, each cast to its declared dtype."""
    df = pd.DataFrame(list(rows), columns=list(columns))
    for col, dtype in columns.items():
        if dtype == "list":
            df[col] = df[col].astype(object)
        elif dtype.startswith("datetime64"):
            df[col] = pd.to_datetime(df[col]).astype(dtype)
        elif dtype == "boolean":
            df[col] = df[col].astype("boolean")
        else:
            df[col] = df[col].astype(dtype)
    return df


def _day(d: date | None) -> pd.Timestamp | None:
    return pd.Timestamp(d) if d else None


def reports_frame(corpus: Corpus) -> pd.DataFrame:
    return frame(
        (
            {
                "report_id": r.report_id,
                "source_file": ";".join(r.source_files),
                "blog": r.blog,
                "author": r.author,
                "posted_by": r.posted_by,
                "title": r.title,
                "published": _day(r.published),
                "meeting_dates": [d.isoformat() for d in r.meeting_dates],
                "bodies": list(r.bodies),
                "is_excerpt": r.is_excerpt,
                "n_words": len(r.text.split()),
                "n_comments": len(r.comments),
                "source_url": r.source_url,
                "line": r.line,
                "corrections": " | ".join(r.corrections) or None,
                "text": r.text,
            }
            for r in corpus.reports
        ),
        REPORTS,
    )


def sections_frame(corpus: Corpus) -> pd.DataFrame:
    return frame(
        (
            {
                "report_id": r.report_id,
                "section": s.section,
                "heading": s.heading,
                "meeting_date": _day(s.meeting_date),
                "body": _section_body(r, s.heading),
                "start": s.start,
                "end": s.end,
                "text": s.body,
            }
            for r in corpus.reports
            for s in r.sections
        ),
        SECTIONS,
    )


def _section_body(r: Report, heading: str | None) -> str:
    from .sections import classify

    if heading:
        return (classify(heading) or ["other"])[0]
    return r.bodies[0] if len(r.bodies) == 1 else ("other" if not r.bodies else r.bodies[0])


def meetings_frame(corpus: Corpus) -> pd.DataFrame:
    """One row per (meeting date, body): which reports cover it, and by whom."""
    seen: dict[tuple[date, str], list[Report]] = {}
    for r in corpus.reports:
        keys: set[tuple[date, str]] = set()
        dated = [s for s in r.sections if s.meeting_date]
        for s in dated:
            keys.add((s.meeting_date, _section_body(r, s.heading)))  # type: ignore[arg-type]
        if not dated:
            for d in r.meeting_dates:
                for b in r.bodies or ["other"]:
                    keys.add((d, b))
        for k in keys:
            seen.setdefault(k, []).append(r)
    rows = [
        {
            "meeting_date": pd.Timestamp(d),
            "body": body,
            "n_reports": len(rs),
            "report_ids": [r.report_id for r in rs],
            "authors": sorted({r.author for r in rs if r.author}),
        }
        for (d, body), rs in sorted(seen.items())
    ]
    return frame(rows, MEETINGS)


def comments_frame(corpus: Corpus) -> pd.DataFrame:
    return frame(
        (
            {
                "report_id": r.report_id,
                "commenter": c.commenter,
                "posted": c.posted,
                "text": c.text,
                "line": c.line,
            }
            for r in corpus.reports
            for c in r.comments
        ),
        COMMENTS,
    )


def files_frame(corpus: Corpus) -> pd.DataFrame:
    return frame(
        ({"file": f.file, "layout": f.layout, "posts": f.posts, "sha256": f.sha256,
          "error": f.error} for f in corpus.files),
        FILES,
    )


#: Every published table: name -> (builder, declared columns).
TABLES: dict[str, tuple[Callable[[Corpus], pd.DataFrame], dict[str, str]]] = {
    "reports": (reports_frame, REPORTS),
    "sections": (sections_frame, SECTIONS),
    "meetings": (meetings_frame, MEETINGS),
    "comments": (comments_frame, COMMENTS),
    "files": (files_frame, FILES),
    **FACT_TABLES,  # membership, votes, money, donors, fundraising (see nec_reports.facts)
}
