"""Where every raw line went: into a post (its title, body, blog name or footer), a
comment, the page's structure (date headers, comment headers, Blogger furniture,
"Continue reading"), or nowhere.  Lines that went nowhere are "not used": counted and
located (line ranges) in the ``files`` table, so no text is lost without a trace."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .layouts import planet, single, wordpress
from .layouts.base import EXCERPT_MARK, LINK_LINE, strip_excerpt_mark
from .models import Post

_STRUCTURE = (
    planet.DATE_HEADER,
    planet.FOOTER,
    single.WEEKDAY_DATE,
    single.COMMENT_HEAD,
    single.COMMENT_TIME,
    single.FURNITURE,
    wordpress.ARCHIVE_HEADER,
    LINK_LINE,  # a post's own address: Post.url
)
_PROSE = re.compile(r"[a-z][.!?](?:\s|$)")
#: A not-used span with this many words of prose is also reported as a problem.
PROSE_WORDS = 12


@dataclass(frozen=True, slots=True)
class Span:
    """Consecutive raw lines (1-based, inclusive) that no post or comment holds."""

    first: int
    last: int
    chars: int
    text: str

    def __str__(self) -> str:
        where = f"{self.first}" if self.first == self.last else f"{self.first}-{self.last}"
        return f"{where} ({self.chars} chars)"

    @property
    def is_prose(self) -> bool:
        return len(self.text.split()) >= PROSE_WORDS and bool(_PROSE.search(self.text))


def _kept(posts: Sequence[Post]) -> tuple[set[str], str]:
    """Every line the posts hold, and all their text as one string (for lines that a
    post holds only in part of a longer line, or joined, as a Blogger tagline)."""
    pieces: list[str] = []
    for p in posts:
        pieces += [p.title, p.text, p.blog or "", p.posted_by or ""]
        for c in p.comments:
            pieces += [c.commenter, c.text]
    lines = {ln.strip() for piece in pieces for ln in piece.split("\n")}
    return lines, "\n".join(pieces)


def _used(line: str, kept: set[str], blob: str) -> bool:
    if line in kept or any(rx.match(line) for rx in _STRUCTURE):
        return True
    if EXCERPT_MARK.fullmatch(line):
        return True
    bare = strip_excerpt_mark(line)[0]
    return bare in kept or bare in blob


def unused_spans(text: str, posts: Sequence[Post]) -> list[Span]:
    """The runs of non-blank raw lines that no post, comment or page structure holds
    (blank lines between two unused lines join them into one span)."""
    kept, blob = _kept(posts)
    spans: list[Span] = []
    run: list[tuple[int, str]] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if _used(line, kept, blob):
            if run:
                spans.append(_span(run))
                run = []
        else:
            run.append((no, line))
    if run:
        spans.append(_span(run))
    return spans


def _span(run: list[tuple[int, str]]) -> Span:
    return Span(run[0][0], run[-1][0], sum(len(t) for _, t in run), "\n".join(t for _, t in run))


def describe(spans: Sequence[Span]) -> str | None:
    """``files.unused``: the spans as line ranges with their sizes, '; '-joined."""
    return "; ".join(map(str, spans)) or None
