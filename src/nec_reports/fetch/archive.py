"""Blogs as a web archive kept them, for ``fetch --history``.

Captures are listed through a Wayback-compatible CDX API
(``{archive}/cdx/search/cdx?url=PREFIX*&output=json&filter=statuscode:200&collapse=digest``),
one capture per page is read as the bytes the site sent
(``{archive}/web/{timestamp}id_/{original}``, no archive toolbar), and trafilatura turns
the HTML into the post's main text, title, author and date — never the navigation,
sidebars, counters or footer.  Reader comments are read apart, from the blog's comment
markup, so they never reach the body.

trafilatura and BeautifulSoup are imported inside the functions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from ..text import norm
from .errors import FetchError, HttpStatusError
from .feeds import FeedEntry, html_to_text, one_line
from .http import safe_link
from .paging import Batch, Found, Getter, ReaderComment, _stamp, _who
from .registry import Feed
from .store import url_key

DEFAULT_ARCHIVE = "https://web.archive.org"
CDX_PAGE = 5000  # rows per CDX request
CAPTURES_TRIED = 3  # newest first; an older one if a capture is gone
NOT_A_POST = "archived page is not a post"
UNREADABLE = "archived page has no readable post"
KNOWN_PAGE = "already in the corpus"

_STATIC = re.compile(
    r"\.(?:css|js|json|jpe?g|png|gif|ico|svg|webp|pdf|xml|rss|atom|txt|zip|docx?|xlsx?|pptx?"
    r"|mp[34]|woff2?|ttf|eot)$",
    re.I,
)
_INDEX = re.compile(
    r"/(?:feeds?|tag|tags|category|categories|author|label|search|page|comments?|trackback"
    r"|wp-content|wp-includes|wp-json|wp-admin|wp-login\.php|xmlrpc\.php|comment-page-\d+"
    r"|embed|amp)(?:/|$)",
    re.I,
)
_DATE_INDEX = re.compile(r"^/(?:\d{4}/?)(?:\d{2}/?)?(?:\d{2}/?)?$")
_QUERY_JUNK = re.compile(r"(?:^|&)(?:replytocom|share|s|paged|feed|like_comment|action)=", re.I)
# The last path segment of a worded slug says what the post is about: one with none of
# these words is not fetched (it cannot be an NEC report, whose slugs name the NEC).
_SLUG_WORDS = re.compile(
    r"(?:^|-)(?:nec|national|executive|report|reports|update|meeting|minutes|away|awayday)"
    r"(?:-|$)",
    re.I,
)
_TOOLBAR = re.compile(
    rb"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->",
    re.S | re.I,
)
_META_LINE = re.compile(
    r"^(?:Posted (?:in|by|on)\b|Filed under\b|Tagged\b|Tags?:|Categor(?:y|ies):|Labels?:"
    r"|Share this:?|Like this:?|Related$|Leave a (?:comment|reply)|Newer Post|Older Post"
    r"|Post a Comment|Subscribe to:|<< Home)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Capture:
    """One archived copy of a page."""

    timestamp: str  # 14 digits, UTC
    original: str
    mimetype: str
    digest: str

    @property
    def when(self) -> datetime:
        ts = self.timestamp[:14].ljust(14, "0")
        return datetime.strptime(ts, "%Y%m%d%H%M%S").replace(tzinfo=UTC)

    def raw_url(self, archive: str) -> str:
        """The capture as the site sent it (``id_``: no toolbar, links not rewritten)."""
        return f"{archive.rstrip('/')}/web/{self.timestamp}id_/{self.original}"

    def cite_url(self, archive: str) -> str:
        """The capture as a reader should cite it."""
        return f"{archive.rstrip('/')}/web/{self.timestamp}/{self.original}"


def cdx_url(archive: str, prefix: str, resume: str | None = None) -> str:
    """The CDX query for every successful capture under ``prefix`` (a bare host gets a
    ``/``, so ``example.org`` never matches ``example.org.uk``)."""
    prefix = prefix.strip()
    if "/" not in prefix:
        prefix += "/"
    query = (
        f"url={quote(prefix, safe='/:.-_~')}*&output=json&filter=statuscode:200"
        f"&collapse=digest&limit={CDX_PAGE}&showResumeKey=true"
    )
    if resume:
        query += f"&resumeKey={quote(resume, safe='')}"
    return f"{archive.rstrip('/')}/cdx/search/cdx?{query}"


def list_captures(get: Getter, archive: str, prefix: str) -> list[Capture]:
    """Every successful capture under ``prefix``, following the CDX resume key."""
    out: list[Capture] = []
    resume: str | None = None
    for _ in range(1000):
        url = cdx_url(archive, prefix, resume)
        got = get(url, "json")
        try:
            rows = json.loads(got.body or b"[]") if (got.body or b"").strip() else []
        except ValueError:
            raise FetchError("the CDX API did not answer JSON", url) from None
        if not isinstance(rows, list):
            raise FetchError("the CDX API did not answer a list of captures", url)
        captures, resume = _cdx_rows(rows, url)
        out.extend(captures)
        if not resume:
            return out
    raise FetchError("the CDX API kept paging", archive)


def _cdx_rows(rows: list[Any], url: str) -> tuple[list[Capture], str | None]:
    if not rows:
        return [], None
    header = [str(h) for h in rows[0]]
    try:
        at = {k: header.index(k) for k in ("timestamp", "original")}
    except ValueError:
        raise FetchError(f"CDX header lacks timestamp/original: {header}", url) from None
    mime = header.index("mimetype") if "mimetype" in header else None
    dig = header.index("digest") if "digest" in header else None
    out: list[Capture] = []
    resume: str | None = None
    for i, row in enumerate(rows[1:], start=1):
        if row == []:  # showResumeKey: an empty row, then the key
            nxt = rows[i + 1] if i + 1 < len(rows) else []
            resume = str(nxt[0]) if nxt else None
            break
        if not isinstance(row, list) or len(row) < len(header):
            continue
        out.append(
            Capture(
                timestamp=str(row[at["timestamp"]]),
                original=str(row[at["original"]]),
                mimetype=str(row[mime]) if mime is not None else "",
                digest=str(row[dig]) if dig is not None else "",
            )
        )
    return out, resume


def not_a_post(original: str) -> str | None:
    """Why an archived URL is not worth fetching as a post (an image, a feed, an index,
    a worded slug that does not name the NEC), or None."""
    parts = urlsplit(original if "://" in original else "http://" + original)
    path = parts.path or "/"
    if path in ("", "/"):  # the front page, unless a WordPress ?p=123 / ?page_id=7 post
        return None if re.search(r"(?:^|&)(?:p|page_id)=\d+(?:&|$)", parts.query) else NOT_A_POST
    if _STATIC.search(path) or _INDEX.search(path):
        return NOT_A_POST
    if _DATE_INDEX.match(path) or _QUERY_JUNK.search(parts.query):
        return NOT_A_POST
    last = path.rstrip("/").rsplit("/", 1)[-1].lower()
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", last)
    if last in ("index", "default", "home", "archive", "archives", "about", "contact"):
        return NOT_A_POST
    if last.count("-") >= 2 and not _SLUG_WORDS.search(last):
        return "archived page's address does not name the NEC"
    return None


def group_captures(captures: list[Capture]) -> dict[str, list[Capture]]:
    """Captures by page (:func:`url_key`), newest first; only HTML pages."""
    groups: dict[str, list[Capture]] = {}
    for c in captures:
        if c.mimetype and "html" not in c.mimetype.lower():
            continue
        groups.setdefault(url_key(c.original), []).append(c)
    for caps in groups.values():
        caps.sort(key=lambda c: c.timestamp, reverse=True)
    return dict(sorted(groups.items()))


def walk_archive(
    get: Getter,
    feed: Feed,
    cursor: dict[str, Any],
    archive: str = DEFAULT_ARCHIVE,
    since: date | None = None,
    known_url: Callable[[str], bool] | None = None,
) -> Iterator[Batch]:
    """One batch per archived page: the newest capture that can be read.  The cursor
    lists the pages already looked at, so a re-run or a resumed run skips them; a page
    whose address the corpus already holds (``known_url``) is not fetched."""
    seen: set[str] = set(cursor.get("seen") or [])
    groups = group_captures(list_captures(get, archive, feed.url))
    skipped: dict[str, int] = {}
    top = url_key("http://" + feed.url)  # the prefix itself is an index of its pages
    for key, caps in groups.items():
        if key in seen:
            continue
        why = NOT_A_POST if key == top else not_a_post(caps[0].original)
        if why is None and since is not None and caps[0].when.date() < since:
            why = "archived before --since"
        if why is None and known_url is not None and known_url(caps[0].original):
            why = KNOWN_PAGE
        if why:
            skipped[why] = skipped.get(why, 0) + 1
            continue
        batch = _read_page(get, feed, archive, caps)
        if not batch.errors:
            seen.add(key)
        batch.cursor = {"seen": sorted(seen)}
        yield batch
    yield Batch([], {"seen": sorted(seen)}, done=True, skipped=skipped)


def _read_page(get: Getter, feed: Feed, archive: str, caps: list[Capture]) -> Batch:
    gone: list[str] = []
    for cap in caps[:CAPTURES_TRIED]:
        try:
            got = get(cap.raw_url(archive), "html")
        except HttpStatusError as exc:
            if exc.status in (403, 404, 410, 451):
                gone.append(f"{cap.timestamp}: HTTP {exc.status}")
                continue
            return Batch([], {}, errors=[exc])
        except FetchError as exc:
            return Batch([], {}, errors=[exc])
        found = read_capture(got.body or b"", cap, archive)
        if found is None:
            return Batch([], {}, skipped={UNREADABLE: 1})
        if gone:
            found.notes.append(f"newer capture(s) unavailable ({'; '.join(gone)})")
        if len(caps) > 1:
            versions = len({c.digest for c in caps}) or 1
            found.notes.append(
                f"{len(caps)} captures ({versions} different), the newest readable used"
            )
        return Batch([found], {})
    return Batch([], {}, skipped={"archived page gone from the archive": 1})


def read_capture(body: bytes, cap: Capture, archive: str) -> Found | None:
    """The post on an archived page: trafilatura's main text, title, author and date, and
    the reader comments read apart.  None if the page holds no readable post."""
    import trafilatura
    from bs4 import BeautifulSoup

    html = _TOOLBAR.sub(b"", body)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select('[id^="wm-ipp"], #wm-ipp-base, #donato'):
        tag.decompose()
    categories = _categories(soup)
    comments = _comments(soup)
    marked = soup.select_one(".entry-title, .post-title, .posttitle, .storytitle")
    marked_title = one_line(marked.get_text(" ")) if marked is not None else ""
    for tag in soup.select(_COMMENT_AREAS):
        tag.decompose()
    doc = trafilatura.bare_extraction(
        str(soup),
        url=cap.original,
        include_comments=not comments,
        with_metadata=True,
        date_extraction_params={"original_date": True, "extensive_search": False},
        config=_config(),
    )
    if doc is None:
        return None
    meta: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    # The theme's own post-title markup first: trafilatura may take the blog's name.
    title = marked_title or one_line(str(meta.get("title") or ""))
    text = _body(str(meta.get("text") or ""), title)
    if not title or not text:
        return None
    if not comments and str(meta.get("comments") or "").strip():
        blob = _body(str(meta["comments"]), "")
        comments = [ReaderComment("Reader comments", None, blob)] if blob else []
    tags = [*categories, *_split_terms(meta.get("categories")), *_split_terms(meta.get("tags"))]
    author = str(meta.get("author") or "").split(";")[0].strip() or None
    entry = FeedEntry(
        title=title,
        url=safe_link(_permalink(meta.get("url"), cap.original)),
        published=_published(meta.get("date"), cap),
        author=author,
        blog=one_line(str(meta.get("sitename") or "")) or None,
        categories=tuple(dict.fromkeys(t for t in tags if t)),
        text=text,
    )
    found = Found(entry, "archive", comments=comments)
    found.capture_url, found.capture_time = cap.cite_url(archive), cap.when
    return found


def _config() -> Any:
    """trafilatura's settings: a short post is still a post (its fallback for short
    texts keeps bylines and category lines), and no signal-based timeout."""
    from trafilatura.settings import use_config

    cfg = use_config()
    cfg.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return cfg


def _permalink(canonical: Any, original: str) -> str:
    """The page's canonical link if it is on the same site, else the archived address;
    ``http://`` added where the archive left the scheme out, a default port dropped."""
    orig = _no_default_port(original if "://" in original else "http://" + original)
    if canonical:
        c, o = urlsplit(str(canonical)), urlsplit(orig)
        if (c.hostname or "").removeprefix("www.") == (o.hostname or "").removeprefix("www."):
            return _no_default_port(str(canonical))
    return orig


def _no_default_port(url: str) -> str:
    parts = urlsplit(url)
    if (parts.scheme, parts.port) in (("http", 80), ("https", 443)):
        return parts._replace(netloc=parts.hostname or "").geturl()
    return url


def _published(raw: Any, cap: Capture) -> date | None:
    """The date the page gives, if it is a possible one: not after the capture."""
    try:
        day = date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None
    if day is None or day.year < 1994 or day > cap.when.date():
        return None
    return day


def _split_terms(value: Any) -> list[str]:
    if not value:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [one_line(str(v)) for v in items if str(v).strip()]


def _body(text: str, title: str) -> str:
    """trafilatura's lines as paragraphs, without a repeated title or post furniture."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if lines and title and norm(lines[0]) == norm(title):
        lines = lines[1:]
    lines = [ln for ln in lines if not _META_LINE.match(ln)]
    return "\n\n".join(lines)


# ---------------------------------------------------------------- comments and categories

_COMMENT_AREAS = (
    "#comments, #respond, .comments-area, .commentlist, .comment-list, #comments-block,"
    " .comments, #disqus_thread, .comment-respond"
)
_TIME = re.compile(r"\d{1,2}[:.]\d{2}")


def _categories(soup: Any) -> list[str]:
    """Category and tag links (``rel="category tag"``, Blogger's labels)."""
    out = []
    for a in soup.select('a[rel~="category"], a[rel~="tag"], .post-labels a'):
        name = one_line(a.get_text(" "))
        if name:
            out.append(name)
    return out


def _comments(soup: Any) -> list[ReaderComment]:
    """Reader comments from WordPress or Blogger comment markup, in page order."""
    from bs4 import BeautifulSoup

    out = _blogger_classic(soup)
    if out:
        return out
    for node in soup.select("li.comment, article.comment, div.comment"):
        who = _name(node.select_one(".fn, cite.user, .user, .comment-author"))
        when = _comment_time(node)
        body = next(
            (
                b
                for sel in (".comment-content", ".comment-text", ".comment-body", "p")
                if (b := node.select_one(sel)) is not None
            ),
            None,
        )
        if body is None:
            continue
        body = BeautifulSoup(str(body), "html.parser")  # a copy: the page stays whole
        for extra in body.select(".comment, .children, .reply, .comment-meta, .comment-metadata"):
            extra.decompose()
        for extra in body.select(".comment-author, .fn, cite, time"):
            extra.decompose()
        text = html_to_text(str(body))
        comment = ReaderComment(_who(who), when, text)
        if text.strip() and comment not in out:  # a comment inside a comment's wrapper
            out.append(comment)
    return out


def _blogger_classic(soup: Any) -> list[ReaderComment]:
    out: list[ReaderComment] = []
    block = soup.select_one("#comments-block")
    if block is None:
        return out
    for dt in block.select("dt.comment-author"):
        body = dt.find_next_sibling("dd", class_="comment-body")
        foot = dt.find_next_sibling("dd", class_="comment-footer")
        text = html_to_text(str(body)) if body is not None else ""
        if text.strip():
            who = re.sub(r"\s*said\.*\s*$", "", one_line(dt.get_text(" ")))
            out.append(ReaderComment(_who(who), _when_text(foot), text))
    return out


def _name(tag: Any) -> str | None:
    if tag is None:
        return None
    return re.sub(r"\s*(?:says|said)\s*:?\.*\s*$", "", one_line(tag.get_text(" "))) or None


def _comment_time(node: Any) -> datetime | None:
    t = node.select_one("time[datetime]")
    if t is not None:
        stamp = _stamp(t["datetime"])
        if stamp is not None and "T" in str(t["datetime"]):
            return stamp
    meta = node.select_one(".comment-meta, .comment-metadata, .datetime, .comment-date, time")
    return _when_text(meta)


def _when_text(tag: Any) -> datetime | None:
    """A comment's time as the page prints it, only if it gives the time of day."""
    if tag is None:
        return None
    text = one_line(tag.get_text(" ")).replace(" at ", " ")
    if not _TIME.search(text):
        return None
    from dateutil import parser as du_parser

    try:
        return du_parser.parse(text, fuzzy=True)
    except (ValueError, OverflowError):
        return None
