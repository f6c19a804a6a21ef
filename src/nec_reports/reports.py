"""Posts -> reports: who wrote each post, and one report per distinct post.

The same post can sit in several raw files (an archive front page and a category
page, an aggregator excerpt and the full post).  Posts with the same title whose
opening words agree, and whose publication dates do not conflict, are one report:
the fullest text is kept and every file it came from is listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .corpus import POST_URL
from .models import Comment, Post, Report
from .text import PERSON, as_person, clean_line, norm, short_hash, slug, words

#: Footer names that say who pressed "publish", never who wrote the report.
GENERIC_POSTERS = frozenset({"admin", "administrator", "editor", "webmaster", "staff", "team"})
_OPENING_WORDS = 20

_TITLE_AUTHOR = (
    # "Gemma Bolton NEC Report – …", "Gemma Bolton’s NEC Report", "Gemma Bolton – NEC Report",
    # "Gemma Bolton’s Update from Labour’s NEC", "Ann Henderson reports from the 20 September NEC",
    # "Jess Barnard on the NEC Away day"
    re.compile(
        rf"^(?P<name>{PERSON})(?:['’]s)?\s*(?:[–—-]\s*)?"
        r"(?=(?:NEC|Labour|National|Update|Report|reports?\b|writes\b|on the\b))"
    ),
    # "Report from NEC Equalities Committee from Ann Henderson", "… by Ann Henderson"
    re.compile(rf"\b(?:from|by)\s+(?P<name>{PERSON})\s*$"),
)
_BLOG_AUTHOR = (
    re.compile(
        rf"(?P<name>{PERSON})['’]s\b"
    ),  # "Luke Akehurst's Blog", "mirror of Jess Barnard's …"
    re.compile(rf"^(?P<name>{PERSON}) on the Record\b"),  # "Ann Black on the Record"
    re.compile(rf"\bblog by (?P<name>{PERSON})"),  # a Blogger tagline
)
# A signature line: "Ann Henderson", "Ann Henderson, NEC CLP section",
# "Ann Henderson (CLP Section)", "Ann Henderson 22.09.22".
_BYLINE = re.compile(rf"^(?:In solidarity,?\s*)?(?P<name>{PERSON})\s*(?:[,(].{{0,60}}|[\d./]+)?$")


def _first_person(patterns: Sequence[re.Pattern[str]], text: str | None) -> str | None:
    if not text:
        return None
    text = clean_line(text)
    for rx in patterns:
        for m in rx.finditer(text):
            name = as_person(m.group("name"))
            if name:
                return name
    return None


def byline(text: str) -> str | None:
    """A writer named on a line of their own at the top or bottom of the body."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for ln in lines[:3] + lines[-6:][::-1]:
        m = _BYLINE.match(clean_line(ln))
        if m and len(ln) <= 80:
            name = as_person(m.group("name"))
            if name:
                return name
    return None


def resolve_author(post: Post) -> str | None:
    """The writer, not the poster: a name in the title, then in the blog's name, then a
    the manifest's default, then a signature in the body, then the footer's poster unless
    that is a role such as ``Admin``."""
    poster = post.posted_by
    generic = poster is None or poster.strip().lower() in GENERIC_POSTERS
    return (
        _first_person(_TITLE_AUTHOR, post.title)
        or _first_person(_BLOG_AUTHOR, post.blog)
        or post.author_hint
        or byline(post.text)
        or (None if generic else as_person(clean_line(poster or "")) or poster)
    )


def _same_post(a: Post, b: Post) -> bool:
    if norm(a.title) != norm(b.title):
        return False
    if a.published and b.published and a.published != b.published:
        return False
    wa, wb = words(a.text, _OPENING_WORDS), words(b.text, _OPENING_WORDS)
    n = min(len(wa), len(wb))
    if n == 0:  # a page with the post's title and comments but no body: the same post
        return bool(norm(a.title))
    return wa[:n] == wb[:n]


def report_id(title: str, published: date | None, text: str) -> str:
    """Stable id from what is printed: the title's slug plus a hash of the title and
    publication date (the opening words stand in for a missing title), so it is the
    same whichever copy of a post is fullest and on every rebuild."""
    opening = "" if title.strip() else " ".join(words(text, 12))
    label = title or opening
    return f"{slug(label)}-{short_hash(norm(title), str(published or ''), opening)}"


def _fullest(posts: Sequence[Post]) -> Post:
    return max(posts, key=lambda p: (bool(p.text.strip()), not p.is_excerpt, len(p.text)))


def merge_posts(posts: Sequence[Post]) -> list[Report]:
    """One Report per distinct post, in the order first seen."""
    groups: list[list[Post]] = []
    by_title: dict[str, list[list[Post]]] = {}  # candidates share a title: no n² scan
    for post in posts:
        candidates = by_title.setdefault(norm(post.title), [])
        for g in candidates:
            if _same_post(g[0], post):
                g.append(post)
                break
        else:
            candidates.append([post])
            groups.append(candidates[-1])
    reports = []
    for g in groups:
        best = _fullest(g)
        files = list(dict.fromkeys(p.source_file for p in g))
        published = next((p.published for p in g if p.published), None)
        dated = next((p for p in g if p.published), best)
        linked = _best_link(g)
        reports.append(
            Report(
                report_id=report_id(best.title, published, g[0].text),
                source_files=files,
                blog=next((p.blog for p in g if p.blog), None),
                author=next((a for a in (resolve_author(p) for p in [best, *g]) if a), None),
                posted_by=dated.posted_by,
                title=clean_line(best.title),
                published=published,
                meeting_dates=[],
                bodies=[],
                is_excerpt=all(p.is_excerpt for p in g),
                text=best.text,
                source_url=linked.url if linked else None,
                line=best.line,
                source_url_kind=linked.url_kind if linked else None,
                published_from=dated.published_from if published else None,
                comments=_distinct_comments(g),
            )
        )
    _unique_ids(reports)
    return reports


def _best_link(posts: Sequence[Post]) -> Post | None:
    """The copy whose URL cites the post best: its own address (a single-post page, or a
    link the page gives) before a page that lists it among others (a front page, an
    archive, an aggregator); None when no copy has a URL."""
    linked = [p for p in posts if p.url]
    return next((p for p in linked if p.url_kind == POST_URL), linked[0] if linked else None)


def _distinct_comments(posts: Sequence[Post]) -> list[Comment]:
    """The comments of every copy of a post, each once (the same comment is under the
    post in every file it was captured in)."""
    seen: set[tuple[str, object, str]] = set()
    out = []
    for p in posts:
        for c in p.comments:
            key = (norm(c.commenter), c.posted, norm(c.text))
            if key not in seen:
                seen.add(key)
                out.append(c)
    return out


def _unique_ids(reports: list[Report]) -> None:
    seen: dict[str, int] = {}
    for r in reports:
        n = seen.get(r.report_id, 0)
        seen[r.report_id] = n + 1
        if n:
            r.report_id = f"{r.report_id}-{n + 1}"
