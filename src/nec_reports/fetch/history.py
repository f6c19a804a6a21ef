"""``nec-reports fetch --history``: every NEC report a registry blog ever posted, from its
own archive (WordPress REST API or paged feed, Blogger's paged Atom feed) or from a web
archive's captures, into the same raw folder and manifest as ``fetch``.

Each page of results is stored before the next is asked for, and the cursor saved with it
(``.history-state.json``), so an interrupted run continues where it stopped.  A post is
added once across sources and re-runs (by URL, then title and date, then its normalised
text).  Requests are rate-limited per host; a source that fails is reported and the
others still run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..corpus import default_raw_dir
from ..errors import ParseError
from ..layouts.single import COMMENT_HEAD, COMMENT_TIME, FURNITURE
from ..text import slug
from .archive import DEFAULT_ARCHIVE, walk_archive
from .errors import FetchDependencyError, FetchError, RegistryError
from .http import Fetched, HttpSettings, RateLimiter, fetch, make_client
from .paging import Batch, Found, ReaderComment, walk_blogger, walk_paged_feed, walk_wordpress
from .registry import Feed, default_registry, read_registry
from .run import FeedResult, FetchRun, NewPost, _commit, _skip_reason, writer
from .store import (
    KnownPosts,
    index_corpus,
    locked,
    manifest_header,
    remove_stale_temps,
    replace_atomically,
    url_key,
)

if TYPE_CHECKING:
    import httpx

HISTORY_STATE = ".history-state.json"
HISTORY_LIBRARIES = ("httpx", "feedparser", "bs4", "tqdm", "trafilatura")


@dataclass(slots=True)
class Context:
    """What every request of a run shares: the client, the politeness settings, the
    per-host rate limit and the progress bar."""

    client: httpx.Client
    settings: HttpSettings
    limiter: RateLimiter
    archive: str
    since: date | None
    until: date | None
    on_request: Callable[[str], None] = field(default=lambda url: None)
    requests: int = 0

    def get(self, url: str, kind: str) -> Fetched:
        self.requests += 1
        self.on_request(url)
        return fetch(self.client, url, kind=kind, settings=self.settings, limiter=self.limiter)


def require_history_libraries() -> None:
    """Raise a clear error if the ``fetch`` extra (with trafilatura) is not installed."""
    import importlib.util

    missing = [m for m in HISTORY_LIBRARIES if importlib.util.find_spec(m) is None]
    if missing:
        raise FetchDependencyError(
            "`nec-reports fetch --history` needs the optional fetch libraries "
            f"(missing: {', '.join(missing)}); install them with: pip install 'nec-reports[fetch]'"
        )


# ---------------------------------------------------------------- resumable state


def load_history_state(raw_dir: Path) -> dict[str, dict[str, Any]]:
    """Each source's cursor (page to ask next, archived pages already read); a missing or
    damaged file means: start from the beginning (nothing is added twice either way)."""
    try:
        data = json.loads((raw_dir / HISTORY_STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(sources, dict):
        return {}
    return {str(k): v for k, v in sources.items() if isinstance(v, dict)}


def save_history_state(raw_dir: Path, state: dict[str, dict[str, Any]]) -> None:
    data = {"version": 1, "sources": {k: v for k, v in sorted(state.items()) if v}}
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    replace_atomically(raw_dir / HISTORY_STATE, text.encode("utf-8"))


# ---------------------------------------------------------------- the run


def fetch_history(
    registry: str | Path | None = None,
    raw_dir: str | Path | None = None,
    *,
    sources: Sequence[str] = (),
    since: date | None = None,
    until: date | None = None,
    dry_run: bool = False,
    settings: HttpSettings | None = None,
    rate: float | None = None,
    archive_url: str = DEFAULT_ARCHIVE,
    progress: bool = False,
    progress_file: TextIO | None = None,
    today: date | None = None,
) -> FetchRun:
    """Walk every registry source's whole history (or only ``sources``) and add its NEC
    reports published between ``since`` and ``until`` to ``raw_dir``; with ``dry_run``
    nothing is written.  ``rate`` (requests a second to one host, 0 for no limit)
    overrides the settings' interval.  Returns the same :class:`FetchRun` as ``fetch``."""
    require_history_libraries()
    reg = Path(registry) if registry is not None else default_registry()
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    feeds, problems = read_registry(reg)
    feeds = _chosen(feeds, sources, reg)
    run = FetchRun(raw, reg, dry_run, registry_problems=list(problems))
    s = settings or HttpSettings()
    if rate is not None:
        s = dataclasses.replace(s, min_interval_s=1.0 / rate if rate > 0 else 0.0)
    if not dry_run:
        raw.mkdir(parents=True, exist_ok=True)
    with contextlib.nullcontext() if dry_run or not raw.is_dir() else locked(raw):
        if raw.is_dir():
            if not dry_run:
                remove_stale_temps(raw)
            manifest_header(raw)  # a manifest we cannot append to fails before any download
        known, run.corpus_problems = index_corpus(raw)
        state = load_history_state(raw)
        with make_client(s) as client, _bar(progress, progress_file) as bar:
            ctx = Context(
                client, s, RateLimiter(s.min_interval_s, s.sleep), archive_url, since, until
            )
            for feed in feeds:
                ctx.on_request = _ticker(bar, feed.name)
                result = _one_source(ctx, feed, raw, known, state, dry_run, today or date.today())
                run.results.append(result)
    return run


def _chosen(feeds: list[Feed], sources: Sequence[str], reg: Path) -> list[Feed]:
    if not sources:
        return feeds
    names = {f.name for f in feeds}
    unknown = [s for s in sources if s not in names]
    if unknown:
        raise RegistryError(
            f"unknown source(s) {', '.join(unknown)}; known: {', '.join(sorted(names))}",
            str(reg),
        )
    return [f for f in feeds if f.name in set(sources)]


@contextlib.contextmanager
def _bar(progress: bool, progress_file: TextIO | None) -> Iterator[Any]:
    from tqdm import tqdm

    bar = tqdm(
        desc="history",
        unit="request",
        disable=not progress,
        file=progress_file or sys.stderr,
        leave=False,
    )
    try:
        yield bar
    finally:
        bar.close()


def _ticker(bar: Any, name: str) -> Callable[[str], None]:
    def tick(url: str) -> None:
        bar.set_postfix_str(name, refresh=False)
        bar.update(1)

    return tick


def _walk(ctx: Context, feed: Feed, cursor: dict[str, Any], known: KnownPosts) -> Iterator[Batch]:
    if feed.kind == "archive":

        def known_url(url: str) -> bool:
            return url_key(url) in known.urls

        return walk_archive(ctx.get, feed, cursor, ctx.archive, ctx.since, known_url)
    if feed.kind == "wordpress":
        return walk_wordpress(ctx.get, feed, cursor)
    if feed.kind == "rss":
        return walk_paged_feed(ctx.get, feed, cursor)
    return walk_blogger(ctx.get, feed, cursor)  # blogger, atom


def _one_source(
    ctx: Context,
    feed: Feed,
    raw: Path,
    known: KnownPosts,
    state: dict[str, dict[str, Any]],
    dry_run: bool,
    today: date,
) -> FeedResult:
    """Walk one source, storing each batch's new posts and then its cursor."""
    result = FeedResult(feed, "unchanged")
    cursor = _cursor(state.get(feed.name, {}), feed)
    if cursor.get("page") or cursor.get("start"):
        result.notes.append("resuming where the last run stopped")
    unread = 0
    try:
        for batch in _walk(ctx, feed, cursor, known):
            planned = _plan_batch(ctx, feed, batch, known, result, (today, dry_run))
            if not dry_run:
                _commit(raw, planned)
                state[feed.name] = {**batch.cursor, "url": feed.url} if batch.cursor else {}
                save_history_state(raw, state)
            result.added.extend(planned)
            for problem in batch.errors:
                unread += 1
                result.notes.append(f"not read, will be tried again: {problem}")
            for why, n in batch.skipped.items():
                result.skipped[why] += n
    except FetchError as exc:
        result.status, result.error = "failed", exc
        return result
    except (OSError, ParseError) as exc:
        err = exc if isinstance(exc, ParseError) else FetchError(f"could not write: {exc}")
        result.status, result.error = "failed", err
        return result
    result.status = "added" if result.added else "unchanged"
    if unread:
        result.status = "failed"
        result.error = FetchError(
            f"{unread} page(s) could not be read (the rest were, {len(result.added)} added); "
            "run again to retry them"
        )
    return result


def _cursor(saved: dict[str, Any], feed: Feed) -> dict[str, Any]:
    """The saved place for this source, if it was saved for the same address and is
    well-formed; else the beginning."""
    if saved.get("url") not in (None, feed.url):
        return {}
    page, start, seen = saved.get("page", 1), saved.get("start", 1), saved.get("seen", [])
    if not (isinstance(page, int) and isinstance(start, int) and isinstance(seen, list)):
        return {}
    return {k: v for k, v in saved.items() if k != "url"}


def _plan_batch(
    ctx: Context,
    feed: Feed,
    batch: Batch,
    known: KnownPosts,
    result: FeedResult,
    when: tuple[date, bool],
) -> list[NewPost]:
    """The batch's new NEC reports as pages (comments fetched unless a dry run)."""
    today, dry_run = when
    planned: list[NewPost] = []
    pending = KnownPosts()
    for found in batch.posts:
        e = found.entry
        reason = _skip_reason(e, ctx.since, known, pending, ctx.until)
        if reason:
            result.skipped[reason] += 1
            continue
        comments = found.comments
        if not comments and found.more_comments is not None and not dry_run:
            try:
                comments = found.more_comments()
            except FetchError as exc:
                result.notes.append(f"comments of {e.url or e.title} not read: {exc}")
        pending.add(e.url, e.title, e.published, e.text)
        planned.append(plan_post(feed, found, comments, ctx.archive, today))
    known.merge(pending)
    return planned


# ---------------------------------------------------------------- the page written


def plan_post(
    feed: Feed, found: Found, comments: list[ReaderComment], archive: str, today: date
) -> NewPost:
    """The page and manifest row for one post.  With reader comments (and a date) the
    page is laid out as a Blogger post, which the ``blogger`` splitter reads with its
    comments apart from the body; otherwise a plain single post."""
    e = found.entry
    day = e.published.isoformat() if e.published else "undated"
    content, layout, kept = page_text(e.title, e.text, e.published, comments)
    description = f"fetched with --history from {feed.name} ({found.via}) on {today.isoformat()}"
    if found.capture_url and found.capture_time:
        description += (
            f"; archived copy {found.capture_url}, captured "
            f"{found.capture_time:%Y-%m-%d %H:%M:%S} UTC"
        )
    if kept:
        description += f"; {kept} reader comment(s) kept below the post"
    elif comments:
        description += f"; {len(comments)} reader comment(s) left out (undated post)"
    description += "".join(f"; {n}" for n in found.notes)
    post = NewPost(
        file=f"{slug(feed.name, 32)}-{day}-{slug(e.title, 60)}.txt",
        url=e.url,
        author=writer(feed, e),
        published=e.published,
        title=e.title,
        content=content,
        description=description,
    )
    post.layout = layout
    return post


def page_text(
    title: str, text: str, published: date | None, comments: list[ReaderComment]
) -> tuple[str, str, int]:
    """(page, layout, comments kept).  Lines the Blogger splitter would take for page
    furniture or a comment's start are left out of the body and comments."""
    if not comments or published is None:
        return f"{title}\n\n{text}\n", "single", 0
    body = _clean(text, comment=False)
    lines = [f"{published:%A}, {published:%B} {published.day}, {published.year}", "", title, ""]
    lines += [body, ""]
    for c in comments:
        who = " ".join(c.who.split()) or "Anonymous"
        lines += [f"{who} said...", "", _clean(c.text, comment=True), ""]
        if c.posted is not None:
            p = c.posted
            hour = p.hour % 12 or 12
            lines += [f"{hour}:{p.minute:02d} {'am' if p.hour < 12 else 'pm'}, "
                      f"{p:%B} {p.day}, {p.year}", ""]  # fmt: skip
    lines.append("Post a Comment")
    return "\n".join(lines) + "\n", "blogger", len(comments)


def _clean(text: str, comment: bool) -> str:
    out = []
    for ln in text.split("\n"):
        s = ln.strip()
        if FURNITURE.match(s) or COMMENT_HEAD.match(s) or (comment and COMMENT_TIME.match(s)):
            continue
        out.append(ln)
    return "\n".join(out).strip()
