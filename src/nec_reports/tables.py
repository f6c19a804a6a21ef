"""Records -> tidy DataFrames with declared columns and dtypes.

Every published table is declared here once, in :data:`TABLES` (a
:class:`~nec_reports.schema.Table`: name, description, columns, builder; the fact tables
come from :mod:`nec_reports.facts.tables`), so an empty frame still has every column.
Counts are nullable integers, dates are ``datetime64`` days, flags are nullable
booleans; list-valued columns hold Python lists (joined by ';' in CSV).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from .checks import IMPLAUSIBLE_VALUE, MEMBERSHIP_RANGE, flag_membership
from .corpus import URL_KINDS
from .facts.tables import FACT_TABLES
from .models import BODIES, Report
from .pipeline import Corpus
from .schema import Col, Columns, Table, frame

BODY_VALUES = BODIES

REPORTS: dict[str, Col] = {
    "report_id": Col(
        "str",
        "Stable id: the title's slug plus a hash of title and publication date.",
        "nec-report-25-july-2023-9eedc1a9",
        nullable=False,
        unique=True,
    ),
    "source_file": Col(
        "str",
        "Raw file(s) the report was found in, ';'-joined when several.",
        "planet-necblogs-2023-07-29.txt",
        nullable=False,
    ),
    "blog": Col(
        "str", "Name of the blog (or Blogger tagline) the post appeared on.", "Luke Akehurst's Blog"
    ),
    "author": Col("str", "The person who wrote the report (not who posted it).", "Luke Akehurst"),
    "posted_by": Col(
        "str", "Who the page's footer says posted it (may be an editor or Admin).", "Admin"
    ),
    "title": Col(
        "str", "Post title as printed (empty for an untitled post).", "NEC Report – 25 July 2023"
    ),
    "published": Col(
        "datetime64[s]",
        "Date the post was published, where the page or the manifest states it (see "
        "published_from); empty where neither does: never inferred from the text.",
        "2023-07-26",
    ),
    "published_from": Col(
        "str",
        "Where published comes from: page (a footer or date header printed on the page), "
        "manifest (sources.csv) or correction (data/corrections.csv); empty when no date.",
        "page",
        allowed=("page", "manifest", "correction"),
    ),
    "meeting_dates": Col("list", "Dates of the meetings the report covers (ISO).", "2023-07-25"),
    "bodies": Col("list", "Bodies reported on.", "nec;organisation", allowed=BODY_VALUES),
    "is_excerpt": Col(
        "boolean",
        "True if every copy found is cut short (Continue reading, […]).",
        "false",
        nullable=False,
    ),
    "n_words": Col("Int64", "Words in the report text.", "1520", nullable=False, ge=0),
    "n_comments": Col("Int64", "Reader comments found under the post.", "13", nullable=False, ge=0),
    "source_url": Col(
        "str",
        "URL that cites the report: the post's own address (its permalink) where any copy "
        "of it gives one, else the address of the page the text was captured from (a blog's "
        "front page, an archive or an aggregator), which lists the post among others and "
        "may no longer show it; source_url_kind says which.",
        "https://davelevy.info/necblogs/",
    ),
    "source_url_kind": Col(
        "str",
        "What source_url is: post (the post's own address) or page (only the address of a "
        "page that listed it: cite the page and the title, and expect to search for it).",
        "page",
        allowed=URL_KINDS,
    ),
    "line": Col("Int64", "Line of the post's first line in its (fullest) raw file.", "23", ge=1),
    "corrections": Col(
        "str",
        "Corrections applied from data/corrections.csv, ' | '-joined.",
        "meeting_dates: 2023-02-24 -> 2023-01-24 (…)",
    ),
    "text": Col(
        "str",
        "The report's body text: no title, footer, comments or page furniture.",
        "",
        nullable=False,
    ),
}
SECTIONS: dict[str, Col] = {
    "report_id": Col(
        "str",
        "The report the section belongs to.",
        "nec-update-november-2021-ce37a94b",
        nullable=False,
    ),
    "section": Col("Int64", "Section number within the report, from 0.", "1", nullable=False, ge=0),
    "heading": Col(
        "str",
        "The dated heading that opens it; empty for a preamble or a one-meeting report.",
        "Organisation Committee",
    ),
    "meeting_date": Col("datetime64[s]", "Date of the meeting the section covers.", "2021-11-09"),
    "body": Col("str", "Body the section is about.", "organisation", allowed=BODY_VALUES),
    "start": Col(
        "Int64",
        "Offset of the section's first character in the report text.",
        "2410",
        nullable=False,
        ge=0,
    ),
    "end": Col(
        "Int64", "Offset just past the section's last character.", "5120", nullable=False, ge=0
    ),
    "text": Col("str", "The section's text: the report's text[start:end].", "", nullable=False),
}
MEETINGS: dict[str, Col] = {
    "meeting_date": Col("datetime64[s]", "Date of the meeting.", "2023-07-25", nullable=False),
    "body": Col("str", "Body that met.", "nec", allowed=BODY_VALUES, nullable=False),
    "n_reports": Col("Int64", "Reports that cover this meeting.", "2", nullable=False, ge=1),
    "report_ids": Col("list", "Ids of those reports.", "nec-report-25-july-2023-9eedc1a9"),
    "authors": Col("list", "Their authors.", "Ann Black;Luke Akehurst"),
}
COMMENTS: dict[str, Col] = {
    "report_id": Col(
        "str",
        "The report the comment is under.",
        "nec-report-11-february-2021-9bdfe1b8",
        nullable=False,
    ),
    "commenter": Col("str", "Name the commenter gave (Anonymous where none).", "joony"),
    "posted": Col("datetime64[s]", "When the comment was posted.", "2021-02-13T20:15:00"),
    "text": Col("str", "The comment.", "thanks for the details", nullable=False),
    "line": Col("Int64", "Line of the comment's header in the raw file.", "112", ge=1),
}
FILES: dict[str, Col] = {
    "file": Col(
        "str",
        "Raw file name in the raw folder.",
        "planet-necblogs-2023-07-29.txt",
        nullable=False,
        unique=True,
    ),
    "layout": Col(
        "str",
        "Layout the page was read as.",
        "planet",
        allowed=("planet", "wordpress", "blogger", "single"),
    ),
    "posts": Col("Int64", "Posts found in the file.", "59", nullable=False, ge=0),
    "sha256": Col("str", "SHA-256 of the file's bytes.", ""),
    "status": Col(
        "str",
        "`read`; `failed` (unreadable, over the size limit, not text, no layout); or "
        "`skipped` (a sub-folder, a hidden file, a symlink out of the raw folder).",
        "read",
        allowed=("read", "failed", "skipped"),
        nullable=False,
    ),
    "error": Col(
        "str",
        "Why the file could not be read or was skipped, as file:line: message; empty if read.",
        "",
    ),
    "unused_chars": Col(
        "Int64",
        "Characters of the file on lines that no post, comment or page structure holds "
        "(page furniture such as a hit counter); empty if the file was not read.",
        "37",
        ge=0,
    ),
    "unused": Col(
        "str",
        "Where those characters are: line ranges with their sizes, '; '-joined.",
        "205-206 (37 chars)",
    ),
}


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
                "published_from": r.published_from,
                "meeting_dates": [d.isoformat() for d in r.meeting_dates],
                "bodies": list(r.bodies),
                "is_excerpt": r.is_excerpt,
                "n_words": len(r.text.split()),
                "n_comments": len(r.comments),
                "source_url": r.source_url,
                "source_url_kind": r.source_url_kind,
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
        (
            {
                "file": f.file,
                "layout": f.layout,
                "posts": f.posts,
                "sha256": f.sha256,
                "status": f.status,
                "error": f.error,
                "unused_chars": f.unused_chars,
                "unused": f.unused,
            }
            for f in corpus.files
        ),
        FILES,
    )


def _with_flag(columns: Columns, after: str, flag: Col) -> dict[str, Col]:
    out: dict[str, Col] = {}
    for name, col in columns.items():
        out[name] = col
        if name == after:
            out["flag"] = flag
    return out


#: The membership table's columns, with ``flag`` (applied after extraction).
MEMBERSHIP = _with_flag(
    FACT_TABLES["membership"].columns,
    "as_of_precision",
    Col(
        "str",
        f"Why the row needs a second look: {IMPLAUSIBLE_VALUE} (a count under "
        f"{MEMBERSHIP_RANGE[0]} or over {MEMBERSHIP_RANGE[1]:,}: kept, never plausible).",
        "",
        allowed=(IMPLAUSIBLE_VALUE,),
    ),
)


def membership_frame(corpus: Corpus) -> pd.DataFrame:
    return flag_membership(FACT_TABLES["membership"].builder(corpus))


_CORE = (
    Table(
        "reports",
        "One row per distinct report: who wrote it, when, which meetings and bodies it "
        "covers, and its text (``report_id`` is stable across builds).",
        REPORTS,
        reports_frame,
    ),
    Table(
        "sections",
        "One row per section of a report: a meeting it covers, with its date, body and "
        "character offsets (``start``, ``end``) into the report's text.",
        SECTIONS,
        sections_frame,
    ),
    Table(
        "meetings",
        "One row per meeting (date and body) with the reports that cover it and their authors.",
        MEETINGS,
        meetings_frame,
    ),
    Table(
        "comments",
        "Reader comments under posts: kept apart, never part of a report's text or facts.",
        COMMENTS,
        comments_frame,
    ),
    Table(
        "files",
        "One row per raw file: the layout found, the posts it gave, its SHA-256, any error.",
        FILES,
        files_frame,
    ),
)

#: Every published table, in the order it is built, written and documented: name ->
#: its :class:`~nec_reports.schema.Table` (description, declared columns, builder).
TABLES: dict[str, Table] = {
    **{t.name: t for t in _CORE},
    **FACT_TABLES,  # membership, votes, money, donors, fundraising (see nec_reports.facts)
    # membership with its flag (applied after extraction)
    "membership": replace(FACT_TABLES["membership"], columns=MEMBERSHIP, builder=membership_frame),
}


def declared() -> dict[str, Columns]:
    """Every published table's declared columns."""
    return {name: t.columns for name, t in TABLES.items()}


def table_docs() -> dict[str, tuple[str, Columns]]:
    """Each published table's description and declared columns (the data dictionary,
    ``datapackage.json``, the SQLite metadata and the Excel dictionary sheet)."""
    return {name: (t.description, t.columns) for name, t in TABLES.items()}
