"""Reading a downloaded feed: entries with plain-text bodies, and the rule for which
entries are NEC reports.

feedparser and BeautifulSoup are imported inside the functions so that
``import nec_reports`` never loads them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..text import as_person
from .errors import MalformedFeedError
from .http import safe_link

# ---------------------------------------------------------------- which posts count

_NEC = re.compile(r"\b(?:NEC|National Executive)\b", re.I)
# Campaign posts about the NEC (elections, nominations), unless they also say they report.
_CAMPAIGN = re.compile(
    r"\b(?:elections?|re-?elect\w*|ballots?|candidates?|candidacy|nominat\w*|hustings|slate"
    r"|manifesto|standing (?:for|again)|vote for|voting for)\b",
    re.I,
)
_REPORTS = re.compile(r"\b(?:reports?|meeting|update|minutes|away ?day)\b", re.I)


def is_nec_report(title: str, categories: tuple[str, ...] | list[str] = ()) -> bool:
    """The rule for keeping a feed entry: its title or one of its categories names the
    NEC ("NEC", "National Executive"), and its title is not a campaign post about NEC
    elections, nominations or candidates (unless the title also says report, meeting,
    update, minutes or away day)."""
    named = bool(_NEC.search(title)) or any(_NEC.search(c) for c in categories)
    if not named:
        return False
    return not (_CAMPAIGN.search(title) and not _REPORTS.search(title))


# ---------------------------------------------------------------- HTML to text

_PARA = "\ue000"  # private-use marks for the breaks we mean, as opposed to source whitespace
_SOFT = "\ue001"  # the edge of a line-level block: any run of them is one line break
_HARD = "\ue002"  # a <br>: each one counts
_MARKS = re.compile("[ \ue000-\ue002]*[\ue000-\ue002][ \ue000-\ue002]*")
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "dd", "details", "dl", "dt"),
        *("fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"),
    }
)
_LINES = frozenset({"div", "li", "tr", "caption"})
_DROP = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "form")
_WS = re.compile(r"[ \t\r\n\f\v]+")  # not \xa0: a no-break space stays as written


def _breaks(m: re.Match[str]) -> str:
    run = m.group(0)
    if _PARA in run:
        return "\n\n"
    n = run.count(_HARD) + (1 if _SOFT in run else 0)
    return "\n" * min(n, 2)


def html_to_text(html: str) -> str:
    """Plain text from a post's HTML, paragraphs separated by one blank line: a ``<p>``,
    heading, list, table or quote is its own paragraph; a ``<div>``, list item or table
    row starts a new line (list items get a "• " bullet); each ``<br>`` is a line break,
    so two make a blank line; whitespace inside a line is collapsed as a browser would."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(_HARD)
    for tag in soup.find_all(True):
        name = tag.name
        if name in _BLOCKS:
            tag.insert_before(_PARA)
            tag.insert_after(_PARA)
        elif name in _LINES:
            tag.insert_before(_SOFT)
            tag.insert_after(_SOFT)
            if name == "li":
                tag.insert(0, "• ")
        elif name in ("td", "th"):
            tag.insert_after(" ")
    flat = _MARKS.sub(_breaks, _WS.sub(" ", soup.get_text()))
    lines = [ln.strip() for ln in flat.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- feeds


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One post as a feed gives it, with its body already turned into plain text."""

    title: str
    url: str | None
    published: date | None
    author: str | None  # the entry's author as the feed names it (may be "admin")
    blog: str | None  # for an aggregator: the blog the entry came from
    categories: tuple[str, ...]
    text: str
    replies_url: str | None = None  # a Blogger entry's comment feed
    replies: int | None = None  # how many comments the feed says it has (thr:total)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    version: str  # feedparser's name for the format: "atom10", "rss20", ...
    title: str | None
    entries: list[FeedEntry]
    total: int | None = None  # openSearch:totalResults, where the feed pages
    next_url: str | None = None  # the rel="next" link, where the feed pages


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse an Atom or RSS document; raises :class:`MalformedFeedError` for a body that
    is not well-formed XML or not a feed."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A BytesIO, never the bytes themselves: feedparser treats a str or bytes that looks
    # like a URL or path as something to open.
    d = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=True)
    exc = d.get("bozo_exception")
    if d.get("bozo") and not isinstance(exc, feedparser.ThingsNobodyCaresAboutButMe):
        line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
        fragment = None
        if line:
            lines = body.decode("utf-8", "replace").splitlines()
            fragment = lines[line - 1].strip() if 0 < line <= len(lines) else None
        message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
        raise MalformedFeedError(f"not well-formed XML: {message}", url, line, fragment)
    if not d.get("version"):
        first = body[:200].decode("utf-8", "replace").strip().splitlines()
        raise MalformedFeedError(
            "not an Atom or RSS feed", url, 1 if first else None, first[0] if first else None
        )
    feed_title = d.feed.get("title")
    entries = [_entry(e) for e in d.entries]
    total = str(d.feed.get("opensearch_totalresults") or "").strip()
    nxt = next(
        (lk.get("href") for lk in d.feed.get("links") or [] if lk.get("rel") == "next"), None
    )
    return ParsedFeed(
        d.version,
        one_line(feed_title) if feed_title else None,
        entries,
        total=int(total) if total.isdigit() else None,
        next_url=safe_link(str(nxt)) if nxt else None,
    )


def _detail_text(detail: Any, fallback: str) -> str:
    if detail and "html" in (detail.get("type") or ""):
        return html_to_text(detail.get("value") or "")
    return (detail.get("value") if detail else None) or fallback


def _entry(e: Any) -> FeedEntry:
    title = one_line(_detail_text(e.get("title_detail"), e.get("title") or ""))
    contents = e.get("content") or []  # the full post, where the feed carries it
    if contents:
        best = max(contents, key=lambda c: len(c.get("value") or ""))
        text = _detail_text(best, "")
    else:
        text = _detail_text(e.get("summary_detail"), e.get("summary") or "")
    source = e.get("source") or {}
    blog = source.get("title")
    author_detail = e.get("author_detail") or {}
    author = author_detail.get("name") or e.get("author")
    categories = tuple(one_line(t.get("term") or t.get("label") or "") for t in e.get("tags") or [])
    replies = next(
        (
            lk.get("href")
            for lk in e.get("links") or []
            if lk.get("rel") == "replies" and "atom" in (lk.get("type") or "")
        ),
        None,
    )
    count = str(e.get("thr_total") or "").strip()
    return FeedEntry(
        title=title,
        url=_link(e),
        published=_date(e),
        author=one_line(author) if author else None,
        blog=one_line(str(blog)) if blog else None,
        categories=tuple(c for c in categories if c),
        text=text,
        replies_url=safe_link(str(replies)) if replies else None,
        replies=int(count) if count.isdigit() else None,
    )


def _link(e: Any) -> str | None:
    """The entry's own web address; never a ``file:``, ``javascript:`` or link-local one
    (:func:`~nec_reports.fetch.http.safe_link`)."""
    for link in e.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            safe = safe_link(str(link["href"]))
            if safe:
                return safe
    href = e.get("link") or (e.get("id") if e.get("guidislink") else None)
    return safe_link(str(href)) if href else None


def _date(e: Any) -> date | None:
    """The publication date as written in the feed (the blogger's own time zone, not UTC),
    else the update date."""
    from dateutil import parser as du_parser

    for key in ("published", "updated"):
        raw = e.get(key)
        if raw:
            try:
                return du_parser.parse(raw).date()
            except (ValueError, OverflowError):
                pass
        parsed = e.get(f"{key}_parsed")
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def person(name: str | None) -> str | None:
    """``name`` if it reads as a person's name ("Ann Black"), not a login or a role
    ("annblack", "admin", "CLPD")."""
    from ..reports import GENERIC_POSTERS

    if not name or name.strip().lower() in GENERIC_POSTERS:
        return None
    return as_person(one_line(name))
