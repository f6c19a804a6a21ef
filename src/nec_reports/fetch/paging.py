"""Walking a blog's whole history, page by page, for ``fetch --history``.

- WordPress: the REST API (``/wp-json/wp/v2/posts?per_page=100&page=N&_embed``) up to
  ``X-WP-TotalPages``, else the paged feed (``/feed/?paged=N``).
- Blogger (and any Atom feed): ``start-index`` / ``max-results`` up to
  ``openSearch:totalResults``, else while there is a ``rel="next"`` link.
- RSS: ``?paged=N`` until the feed runs out.

Each walker yields a :class:`Batch` per page of results with the cursor to resume after
it, so an interrupted run continues from the page it stopped at.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from .errors import FetchError, HttpStatusError, MalformedFeedError, RedirectError
from .feeds import FeedEntry, html_to_text, one_line, parse_feed
from .http import Fetched, safe_link
from .registry import Feed

WP_PER_PAGE = 100
BLOGGER_PER_PAGE = 100
MAX_PAGES = 2000  # a server that pages for ever is cut off here

Getter = Callable[[str, str], Fetched]  # (url, kind of body) -> the response


@dataclass(frozen=True, slots=True)
class ReaderComment:
    """A reader's comment: who, when (None if the page does not say), and the text."""

    who: str
    posted: datetime | None
    text: str


@dataclass(slots=True)
class Found:
    """One post as a history source gives it: the entry, its reader comments (or how to
    get them), and for an archived page the capture it was read from."""

    entry: FeedEntry
    via: str  # "REST API", "paged feed", "Atom feed", "archive"
    comments: list[ReaderComment] = field(default_factory=list)
    more_comments: Callable[[], list[ReaderComment]] | None = None
    capture_url: str | None = None
    capture_time: datetime | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Batch:
    """The posts of one page of results and the cursor to save once they are stored."""

    posts: list[Found]
    cursor: dict[str, Any]
    done: bool = False
    errors: list[FetchError] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> pages not read


def with_query(url: str, **params: object) -> str:
    """``url`` with ``params`` added to (or replacing those in) its query."""
    parts = urlsplit(url)
    kept = [kv for kv in parts.query.split("&") if kv and kv.split("=")[0] not in params]
    query = "&".join([*kept, urlencode({k: str(v) for k, v in params.items()})])
    return urlunsplit(parts._replace(query=query))


# ---------------------------------------------------------------- WordPress


def site_root(feed: Feed) -> str:
    """A WordPress site's root: the registry's url, less a trailing ``/feed/``."""
    url = feed.url.rstrip("/")
    return url.removesuffix("/feed") if feed.kind == "rss" else url


def walk_wordpress(get: Getter, feed: Feed, cursor: dict[str, Any]) -> Iterator[Batch]:
    """The REST API while it answers JSON, else (the API off, answering HTML, or on
    another host) the paged feed."""
    root = site_root(feed)
    if cursor.get("mode") == "feed":
        yield from walk_paged_feed(get, feed, cursor, root=root + "/feed/")
        return
    page = int(cursor.get("page", 1))
    while page <= MAX_PAGES:
        url = f"{root}/wp-json/wp/v2/posts?per_page={WP_PER_PAGE}&page={page}&_embed"
        items: Any = None
        try:
            got = get(url, "json")
            items = json.loads(got.body or b"")
        except HttpStatusError as exc:
            if page > 1 and exc.status == 400:  # past the last page
                yield Batch([], {}, done=True)
                return
            if page > 1 or exc.status not in (401, 403, 404, 405, 410, 501):
                raise
        except RedirectError:
            if page > 1:
                raise
        except ValueError:
            pass
        if not isinstance(items, list):
            if page > 1:
                raise FetchError("the REST API did not answer with a list of posts", url)
            yield from walk_paged_feed(get, feed, {"mode": "feed"}, root=root + "/feed/")
            return
        total = str(got.headers.get("x-wp-totalpages", "")).strip()
        last = not items or (total.isdigit() and page >= int(total))
        posts = [wp_post(get, item, got.url) for item in items if isinstance(item, dict)]
        page += 1
        yield Batch(posts, {} if last else {"mode": "api", "page": page}, done=bool(last))
        if last:
            return
    raise FetchError(f"more than {MAX_PAGES} pages of posts", root)


def _rendered(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("rendered")
    return str(value or "")


def _wp_date(text: Any) -> date | None:
    try:
        return datetime.fromisoformat(str(text)).date()
    except ValueError:
        return None


def wp_post(get: Getter, item: dict[str, Any], base: str = "") -> Found:
    """One REST API post: title, text, the blog's own local date, link, the author's name
    and the categories and tags from ``_embedded``; comments fetched only if it is kept."""
    embedded = item.get("_embedded") or {}
    authors = embedded.get("author") or []
    author = authors[0].get("name") if authors and isinstance(authors[0], dict) else None
    terms = [
        html.unescape(str(t.get("name") or ""))
        for group in embedded.get("wp:term") or []
        for t in (group if isinstance(group, list) else [])
        if isinstance(t, dict)
    ]
    text = html_to_text(_rendered(item.get("content")))
    if not text.strip():
        text = html_to_text(_rendered(item.get("excerpt")))
    entry = FeedEntry(
        title=one_line(html_to_text(_rendered(item.get("title")))),
        url=safe_link(str(item.get("link") or "")),
        published=_wp_date(item.get("date")),
        author=one_line(str(author)) if author else None,
        blog=None,
        categories=tuple(one_line(t) for t in terms if t.strip()),
        text=text,
    )
    href = ((item.get("_links") or {}).get("replies") or [{}])[0].get("href")
    replies = safe_link(urljoin(base, str(href))) if href else None
    found = Found(entry, "REST API")
    if replies:
        found.more_comments = lambda: wp_comments(get, replies)
    return found


def wp_comments(get: Getter, url: str) -> list[ReaderComment]:
    """A post's approved comments, oldest first, from the REST API."""
    out: list[ReaderComment] = []
    page = 1
    while page <= 20:
        got = get(with_query(url, per_page=WP_PER_PAGE, page=page, order="asc"), "json")
        try:
            items = json.loads(got.body or b"")
        except ValueError:
            raise FetchError("the comments API did not answer JSON", url) from None
        for c in items if isinstance(items, list) else []:
            text = html_to_text(_rendered(c.get("content")))
            if text.strip():
                out.append(ReaderComment(_who(c.get("author_name")), _stamp(c.get("date")), text))
        total = str(got.headers.get("x-wp-totalpages", "")).strip()
        if not items or not total.isdigit() or page >= int(total):
            break
        page += 1
    return out


def _who(name: Any) -> str:
    return one_line(str(name or "")) or "Anonymous"


def _stamp(text: Any) -> datetime | None:
    from dateutil import parser as du_parser

    try:
        return du_parser.parse(str(text)) if text else None
    except (ValueError, OverflowError):
        return None


# ---------------------------------------------------------------- feeds, paged


def walk_paged_feed(
    get: Getter, feed: Feed, cursor: dict[str, Any], root: str | None = None
) -> Iterator[Batch]:
    """An RSS feed's pages (``?paged=N``) until one answers 404, is empty or repeats."""
    url0 = root or feed.url
    page = int(cursor.get("page", 1))
    seen: set[str] = set()
    while page <= MAX_PAGES:
        url = url0 if page == 1 else with_query(url0, paged=page)
        try:
            got = get(url, "rss")
        except HttpStatusError as exc:
            if page > 1 and exc.status in (400, 404, 410):
                yield Batch([], {}, done=True)
                return
            raise
        parsed = parse_feed(got.body or b"", got.url, got.content_type)
        fresh = [e for e in parsed.entries if (e.url or e.title) not in seen]
        seen.update(e.url or e.title for e in parsed.entries)
        last = not fresh
        page += 1
        batch = [Found(e, "paged feed") for e in fresh]
        yield Batch(batch, {} if last else {"mode": "feed", "page": page}, done=last)
        if last:
            return
    raise FetchError(f"more than {MAX_PAGES} feed pages", url0)


def walk_blogger(get: Getter, feed: Feed, cursor: dict[str, Any]) -> Iterator[Batch]:
    """A Blogger (Atom) feed by ``start-index``: it moves on by the entries a page holds,
    so a server giving fewer than asked loses nothing."""
    start = int(cursor.get("start", 1))
    seen: set[str] = set()
    for _ in range(MAX_PAGES):
        url = with_query(feed.url, **{"start-index": start, "max-results": BLOGGER_PER_PAGE})
        got = get(url, "atom")
        parsed = parse_feed(got.body or b"", got.url, got.content_type)
        fresh = [e for e in parsed.entries if (e.url or e.title) not in seen]
        seen.update(e.url or e.title for e in parsed.entries)
        start += len(parsed.entries)
        if parsed.total is not None:
            last = not fresh or start > parsed.total
        else:
            last = not fresh or parsed.next_url is None
        posts = [_blogger_found(get, e) for e in fresh]
        yield Batch(posts, {} if last else {"start": start}, done=last)
        if last:
            return
    raise FetchError(f"more than {MAX_PAGES} feed pages", feed.url)


def _blogger_found(get: Getter, entry: FeedEntry) -> Found:
    found = Found(entry, "Atom feed")
    replies = entry.replies_url
    if replies and entry.replies != 0:
        found.more_comments = lambda: blogger_comments(get, replies)
    return found


def blogger_comments(get: Getter, url: str) -> list[ReaderComment]:
    """A Blogger post's comments from its comment feed, oldest first."""
    import feedparser

    got = get(with_query(url, **{"max-results": 500}), "atom")
    d = feedparser.parse(got.body or b"", sanitize_html=True)
    if d.get("bozo") and not d.get("entries"):
        raise MalformedFeedError("comment feed is not well-formed", url)
    out: list[ReaderComment] = []
    for e in d.entries:
        contents = e.get("content") or []
        raw = contents[0].get("value") if contents else e.get("summary")
        text = html_to_text(raw or "")
        who = (e.get("author_detail") or {}).get("name") or e.get("author")
        if text.strip():
            out.append(ReaderComment(_who(who), _stamp(e.get("published")), text))
    return sorted(out, key=_when)


def _when(c: ReaderComment) -> tuple[bool, datetime]:
    return (c.posted is None, c.posted.replace(tzinfo=None) if c.posted else datetime.min)
