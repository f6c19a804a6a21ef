"""Single-post pages: a plain post (title line, body) and a Blogger post (blog tagline,
date line, title, body, reader comments, page furniture)."""

from __future__ import annotations

import re

from ..dates import parse_date, parse_timestamp
from ..models import Comment, Post
from .base import ARCHIVE_HEADER, MAX_TITLE_CHARS, Line, body_text, looks_like_title, numbered_lines

WEEKDAY_DATE = re.compile(
    r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{4}$"
)
COMMENT_HEAD = re.compile(r"^(?:(?:Blogger|Anonymous)\s+)?(?P<who>.+?) said\.\.\.$")
COMMENT_TIME = re.compile(r"^\d{1,2}:\d{2}\s*(?:[ap]m|[AP]M)?,?\s+[A-Z][a-z]+ \d{1,2},? \d{4}$")
# Blogger furniture after the comments (or after the post when there are none).
FURNITURE = re.compile(r"^(?:Post a Comment|<< Home|Newer Post|Older Post|Subscribe to:)", re.I)
TAGLINE_AUTHOR = re.compile(r"\bblog by (?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)+)")


def detect_blogger(text: str) -> bool:
    head = [ln.strip() for ln in text.split("\n") if ln.strip()][:15]
    return any(WEEKDAY_DATE.match(ln) for ln in head)


# A first line set apart by a blank line is a title whatever it ends with ("... Victoria
# St.", "... Portcullis House.", a question, a quotation).
_TITLE_THEN_BLANK = re.compile(rf"^\s*(?P<first>[^\n]{{1,{MAX_TITLE_CHARS}}}?)[ \t]*\n[ \t]*\n")


def detect_plain(text: str) -> bool:
    filled = [ln.strip() for ln in text.split("\n") if ln.strip()]
    body = filled[1:]
    return (
        bool(body)
        and (looks_like_title(filled[0]) or _TITLE_THEN_BLANK.match(text) is not None)
        and sum(map(len, body)) >= 15
        and any(re.search(r"[.!?]$", x) for x in body)
    )


def split_plain(text: str, source_file: str) -> list[Post]:
    lines = numbered_lines(text)
    filled = [i for i, ln in enumerate(lines) if ln.text]
    # an archive heading above the post ("Tag Archives: NEC") is not its title
    first = next((i for i in filled if not ARCHIVE_HEADER.match(lines[i].text)), filled[0])
    body, cut = body_text(lines[first + 1 :])
    return [
        Post(
            source_file=source_file,
            layout="single",
            title=lines[first].text,
            text=body,
            line=lines[first].no,
            is_excerpt=cut,
        )
    ]


def split_any(text: str, source_file: str) -> list[Post]:
    """A page no layout recognises: one post, its first line the title and the rest the
    body; a page of one line is all body (its start is the title), so no text is lost."""
    lines = numbered_lines(text)
    filled = [ln for ln in lines if ln.text]
    if not filled:
        return []
    if len(filled) > 1:
        return split_plain(text, source_file)
    only = filled[0]
    title = only.text if len(only.text) <= MAX_TITLE_CHARS else only.text[:80].rstrip() + "…"
    return [
        Post(source_file=source_file, layout="single", title=title, text=only.text, line=only.no)
    ]


def split_blogger(text: str, source_file: str) -> list[Post]:
    lines = numbered_lines(text)
    i_date = next(i for i, ln in enumerate(lines) if WEEKDAY_DATE.match(ln.text))
    tagline = " ".join(ln.text for ln in lines[:i_date] if ln.text)
    i_title = next(i for i in range(i_date + 1, len(lines)) if lines[i].text)
    end = len(lines)
    for j in range(i_title + 1, len(lines)):
        if COMMENT_HEAD.match(lines[j].text) or FURNITURE.match(lines[j].text):
            end = j
            break
    body, cut = body_text(lines[i_title + 1 : end])
    m = TAGLINE_AUTHOR.search(tagline)
    return [
        Post(
            source_file=source_file,
            layout="blogger",
            title=lines[i_title].text,
            text=body,
            line=lines[i_title].no,
            blog=tagline or None,
            published=parse_date(lines[i_date].text),
            is_excerpt=cut,
            author_hint=m.group("name") if m else None,
            comments=_comments(lines[end:]),
        )
    ]


def _comments(lines: list[Line]) -> list[Comment]:
    out: list[Comment] = []
    who: str | None = None
    start = 0
    buf: list[Line] = []
    for ln in lines:
        head = COMMENT_HEAD.match(ln.text)
        if head and who is None:
            who, start, buf = head.group("who").strip(), ln.no, []
        elif who is not None and COMMENT_TIME.match(ln.text):
            text, _ = body_text(buf)
            out.append(Comment(who, parse_timestamp(ln.text), text, start))
            who = None
        elif who is not None:
            buf.append(ln)
        elif FURNITURE.match(ln.text):
            break
    return out
