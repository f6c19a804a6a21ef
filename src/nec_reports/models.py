"""The shared record model: what every pipeline stage hands to the next.

raw page --(layouts)--> Post --(reports)--> Report --(sections)--> Section --(facts)--> facts
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

#: Bodies a report or section can be about (SCHEMA.md vocabulary).
BODIES = (
    "nec",
    "organisation",
    "disputes",
    "equalities",
    "complaints",
    "npf",
    "conference",
    "other",
)

#: The NEC has had 33 to 41 members since 2016; a committee vote larger than this
#: cannot be a head count of one of its meetings (the extractor flags such a split, the
#: build's checks flag one it left, and two reports' splits over it are not one vote).
MAX_NEC_VOTES = 45


@dataclass(slots=True)
class Comment:
    """A reader comment under a post: never part of a report's text."""

    commenter: str
    posted: datetime | None
    text: str
    line: int


@dataclass(slots=True)
class Post:
    """One post as a layout splitter finds it in one raw file.

    ``text`` is the body only (no title, footer, comments or page furniture), with
    paragraph breaks kept as blank lines.  ``line`` is the 1-based line of the post's
    first line (its title, or its body where it has no title) in the raw file.
    """

    source_file: str
    layout: str
    title: str
    text: str
    line: int
    blog: str | None = None
    posted_by: str | None = None
    published: date | None = None
    published_from: str | None = None  # "page" or "manifest" (see Report.published_from)
    is_excerpt: bool = False
    url: str | None = None
    url_kind: str | None = None  # "post" (the post's own address) or "page" (a listing)
    author_hint: str | None = None  # the manifest's default writer for this page
    comments: list[Comment] = field(default_factory=list)
    problem: str | None = None  # something odd about this post worth reporting (e.g. truncation)


@dataclass(slots=True)
class Section:
    """A part of a report about one meeting: the whole report when it covers one.

    ``start``/``end`` are character offsets into the report's ``text``.
    """

    section: int
    heading: str | None
    meeting_date: date | None
    body: str
    start: int
    end: int


@dataclass(slots=True)
class Report:
    """One distinct report after de-duplication across files."""

    report_id: str
    source_files: list[str]
    blog: str | None
    author: str | None
    posted_by: str | None
    title: str
    published: date | None
    meeting_dates: list[date]
    bodies: list[str]
    is_excerpt: bool
    text: str
    source_url: str | None
    line: int
    source_url_kind: str | None = None  # "post" or "page" (corpus.url_kind)
    published_from: str | None = None  # where ``published`` comes from (see reports.py)
    comments: list[Comment] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)
