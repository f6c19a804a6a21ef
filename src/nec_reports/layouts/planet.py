"""Planet aggregator pages ("planet necblogs"): date headers, a blog-name line, a post
title, the body, and a footer ``by NAME at July 26, 2023 03:47 PM``."""

from __future__ import annotations

import re
from itertools import islice, pairwise

from ..dates import parse_date
from ..models import Post
from .base import (
    MAX_TITLE_CHARS,
    Line,
    body_text,
    looks_like_title,
    numbered_lines,
    take_link,
)

NAME = "planet"
DATE_HEADER = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}$"
)
FOOTER = re.compile(
    r"^by (?P<who>.*?)\s*\(?\s*at "
    r"(?P<when>[A-Z][a-z]+ \d{1,2}, \d{4}(?: \d{1,2}:\d{2}(?: ?[AP]M)?)?)\s*$"
)


def detect(text: str) -> bool:
    lines = [ln.strip() for ln in text.split("\n")]
    return any(FOOTER.match(ln) for ln in lines) and any(DATE_HEADER.match(ln) for ln in lines)


def split(text: str, source_file: str) -> list[Post]:
    lines = numbered_lines(text)
    filled = [ln for ln in lines if ln.text]
    # A blog name is the line under a date header; the same name may head later posts.
    blogs = set()
    for a, b in pairwise(filled):
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

    after_footer = False  # a new blog can only start between two posts
    for k, ln in enumerate(lines):
        t = ln.text
        if open_lines is None:
            if not t:
                continue
            if DATE_HEADER.match(t) or t in blogs:
                blog = t if t in blogs else blog
                after_footer = False
                continue
            if FOOTER.match(t):
                continue  # a footer with no post above it: nothing to keep
            rest = (lines[i].text for i in range(k + 1, len(lines)))
            following = list(islice((x for x in rest if x), 8))
            if _new_blog_line(t, following, blogs, after_footer):
                blogs.add(t)
                blog = t
                after_footer = False
                continue
            open_lines = [ln]
            continue
        if FOOTER.match(t):
            m = FOOTER.match(t)
            assert m
            close(m.group("who").strip(" (") or None, m.group("when"))
            after_footer = True
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


_DATED = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+")


def _header_chain(line: str, following: list[str], blogs: set[str]) -> bool:
    """A blog header with no post under it: an undated short line directly above a
    known blog name, a date header, or another such header."""
    if not following or not looks_like_title(line) or _DATED.search(line):
        return False
    nxt = following[0]
    return nxt in blogs or bool(DATE_HEADER.match(nxt)) or _header_chain(nxt, following[1:], blogs)


def _new_blog_line(line: str, following: list[str], blogs: set[str], between_posts: bool) -> bool:
    """A blog name not seen under a date header: a header with no post under it, or a
    short undated line followed by a title-like line and then the post's prose.  Just
    under another blog's name, only a dated title is taken as the next blog's."""
    if _header_chain(line, following, blogs):
        return True
    if len(following) < 2 or not looks_like_title(line) or _DATED.search(line):
        return False
    nxt, after = following[:2]
    if FOOTER.match(nxt) or DATE_HEADER.match(nxt) or FOOTER.match(after):
        return False
    if between_posts and _new_blog_line(nxt, following[1:], blogs, False):
        return True  # this blog has no post; the next one does
    titled = looks_like_title(nxt) and (between_posts or bool(_DATED.search(nxt)))
    return titled and _is_sentence(after)


def _is_sentence(text: str) -> bool:
    return bool(re.search(r"[a-z)”’][.!?](?:\s|$)", text)) or len(text) > MAX_TITLE_CHARS


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
    body_lines, url = take_link(body_lines)
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
        url=url,
    )
