"""WordPress front, archive and category pages: a run of posts, each a title line then
a body that the theme often cuts at ``Continue reading``."""

from __future__ import annotations

import re
from itertools import pairwise

from ..models import Post
from .base import (
    ARCHIVE_HEADER,
    LINK_LINE,
    Line,
    body_text,
    looks_like_title,
    looks_truncated,
    numbered_lines,
    take_link,
)

NAME = "wordpress"
CONTINUE = re.compile(r"(?:^|\s)(?:Continue reading|Read more)(?:\s*(?:→|»))?\s*$")
# Words that mark a line as the title of an NEC report rather than a heading inside one.
TITLE_WORDS = re.compile(
    r"\b(?:NEC|National Executive|National Policy Forum|NPF)\b|\bReport\s+(?:from|on)\b", re.I
)


_SENTENCES = re.compile(r"[a-z][.!?] +[A-Z]")  # two sentences: a paragraph, not a title


def detect(text: str) -> bool:
    """An archive header, or at least two cut marks: one "Read more" alone is a link
    inside a plain post, not a run of excerpts."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if lines and ARCHIVE_HEADER.match(lines[0]):
        return True
    return sum(bool(CONTINUE.search(ln)) for ln in lines) >= 2


def _is_title(ln: Line, prev: Line | None, nxt: Line | None) -> bool:
    if nxt is None or not looks_like_title(ln.text) or ln.text.endswith("?"):
        return False
    if not any(a.isalpha() and b.isalpha() for a, b in pairwise(ln.text)):
        return False  # a stray mark ("¸", "A¹") is no title
    if CONTINUE.search(ln.text) or _SENTENCES.search(ln.text) or LINK_LINE.match(ln.text):
        return False
    if prev is None or CONTINUE.search(prev.text):
        return True
    return bool(TITLE_WORDS.search(ln.text))


def split(text: str, source_file: str) -> list[Post]:
    lines = numbered_lines(text)
    # archive headings ("Yearly Archives: 2004", "Tag Archives: NEC") head a list of
    # posts: they are never a post's title
    filled = [ln for ln in lines if ln.text and not ARCHIVE_HEADER.match(ln.text)]
    starts: list[int] = []
    for i, ln in enumerate(filled):
        prev = filled[i - 1] if i else None
        nxt = filled[i + 1] if i + 1 < len(filled) else None
        if _is_title(ln, prev, nxt):
            starts.append(i)
    # a "title" straight above the next title heads no body: it is a stray line, not a post
    starts = [i for k, i in enumerate(starts) if k + 1 == len(starts) or starts[k + 1] != i + 1]
    by_no = {ln.no: idx for idx, ln in enumerate(lines)}
    head = lines[: by_no[filled[starts[0]].no]] if starts else lines
    posts = _preamble([ln for ln in head if not ARCHIVE_HEADER.match(ln.text)], source_file)
    for k, i in enumerate(starts):
        title = filled[i]
        end_no = filled[starts[k + 1]].no if k + 1 < len(starts) else lines[-1].no + 1
        body_lines, url = take_link(lines[by_no[title.no] + 1 : by_no.get(end_no, len(lines))])
        body, cut = body_text(body_lines)
        posts.append(
            Post(
                source_file=source_file,
                layout=NAME,
                title=title.text,
                text=body,
                line=title.no,
                is_excerpt=cut or looks_truncated(body),
                url=url,
            )
        )
    return posts


_PROSE = re.compile(r"[a-z)”’][.!?:](?:\s|$)")


def _preamble(lines: list[Line], source_file: str) -> list[Post]:
    """Prose above the first title (the rest of a post whose title the capture cut off)
    as an untitled post, so it is not lost; a site name or menu stays out of the posts
    (and is counted as not used)."""
    body, _ = body_text(lines)
    if len(body.split()) < 12 or not _PROSE.search(body):
        return []
    return [
        Post(
            source_file=source_file,
            layout=NAME,
            title="",
            text=body,
            line=next(ln.no for ln in lines if ln.text),
            is_excerpt=True,
            problem="text above the first title: kept as an untitled post (its title is missing)",
        )
    ]
