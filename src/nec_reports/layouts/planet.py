"""Planet aggregator pages ("planet necblogs"): date headers, a blog-name line, a post
title, the body, and a footer ``by NAME at July 26, 2023 03:47 PM``."""

from __future__ import annotations

import re
from itertools import islice

from ..dates import parse_date
from ..models import Post
from .base import Line, body_text, looks_like_title, numbered_lines

NAME = "planet"
DATE_HEADER = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}$"
)
FOOTER = re.compile(
    r"^by (?P<who>.*?)\s*\(?\s*at (?P<when>[A-Z][a-z]+ \d{1,2}, \d{4}(?: \d{1,2}:\d{2}(?: ?[AP]M)?)?)\s*$"
)


def detect(text: str) -> bool:
    lines = [ln.strip() for ln in text.split("\n")]
    return any(FOOTER.match(ln) for ln in lines) and any(DATE_HEADER.match(ln) for ln in lines)


def split(text: str, source_file: str) -> list[Post]:
    lines = numbered_lines(text)
    filled = [ln for ln in lines if ln.text]
    # A blog name is the line under a date header; the same name may head later posts.
    blogs = set()
    for a, b in zip(filled, filled[1:], strict=False):
        if DATE_HEADER.match(a.text) and not (DATE_HEADER.match(b.text) or FOOTER.match(b.text)):
            blogs.add(b.text)

    posts: list[Post] = []
    blog: str | None = None
    open_lines: list[Line] | None = None  # lines of the post being read, title first

    def close(who: str | None, when: str | None) -> None:
        nonlocal open_lines
        if open_lines:
            posts.append(_make_post(open_lines, blog, who, when, source_file))
        open_lines = None

    for k, ln in enumerate(lines):
        t = ln.text
        if open_lines is None:
            if not t:
                continue
            if DATE_HEADER.match(t):
                continue
            if t in blogs:
                blog = t
                continue
            if FOOTER.match(t):
                continue  # a footer with no post above it: nothing to keep
            rest = (lines[i].text for i in range(k + 1, len(lines)))
            following = list(islice((x for x in rest if x), 8))
            if _new_blog_line(t, following, blogs):
                blogs.add(t)
                blog = t
                continue
            open_lines = [ln]
            continue
        if FOOTER.match(t):
            m = FOOTER.match(t)
            assert m
            close(m.group("who").strip(" (") or None, m.group("when"))
        elif DATE_HEADER.match(t) and _only_blank(open_lines[1:]):
            # a header line with nothing under it before the next date: not a post
            open_lines = None
        else:
            open_lines.append(ln)
    # Trailing header lines with no prose under them are blog headers, not a post.
    if open_lines and any(_is_prose(x.text) for x in open_lines):
        close(None, None)
        posts[-1].is_excerpt = True
        posts[-1].problem = "post has no 'by NAME at DATE' footer: the page looks truncated"
    return posts


_TITLE_HINT = re.compile(r"\b(?:NEC|Report|Update|Meeting|Committee)\b|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+")


def _new_blog_line(line: str, following: list[str], blogs: set[str]) -> bool:
    """A blog name seen for the first time between two posts: a short line followed by a
    title-like line (one that names a report or a date) and then the post's body, or by
    another blog name (a blog header with no post under it)."""
    if not following or not looks_like_title(line) or _TITLE_HINT.search(line):
        return False
    if following[0] in blogs or DATE_HEADER.match(following[0]):
        return True
    if len(following) < 2:
        return False
    nxt, after = following[:2]
    if _new_blog_line(nxt, following[1:], blogs):
        return True
    return (
        looks_like_title(nxt)
        and bool(_TITLE_HINT.search(nxt))
        and not (FOOTER.match(nxt) or DATE_HEADER.match(nxt) or FOOTER.match(after))
    )


def _is_prose(text: str) -> bool:
    return bool(re.search(r"[.!?,;:]\s", text)) or (bool(text) and not looks_like_title(text))


def _only_blank(lines: list[Line]) -> bool:
    return all(not ln.text for ln in lines)


def _make_post(
    lines: list[Line], blog: str | None, who: str | None, when: str | None, source_file: str
) -> Post:
    first = lines[0]
    rest = lines[1:]
    has_body_after = any(ln.text for ln in rest)
    if looks_like_title(first.text) and has_body_after:
        title, body_lines = first.text, rest
    else:
        title, body_lines = "", lines  # an untitled post: its first line is body
    body, cut = body_text(body_lines)
    return Post(
        source_file=source_file,
        layout=NAME,
        title=title,
        text=body,
        line=first.no,
        blog=blog,
        posted_by=who,
        published=parse_date(when) if when else None,
        is_excerpt=cut,
    )
