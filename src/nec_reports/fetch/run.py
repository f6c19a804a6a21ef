"""``nec-reports fetch``: read the registry, download each feed, keep the new NEC
reports, and add them to the raw folder as single-post pages listed in ``sources.csv``.

Each feed is committed on its own (pages, then the manifest, then the conditional-request
state), so a feed that fails, or a run that is interrupted, loses nothing already added.
"""

from __future__ import annotations

import contextlib
import csv
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..corpus import MANIFEST, default_raw_dir
from ..errors import NecReportsError, ParseError
from ..models import Post
from ..text import slug
from .errors import FetchDependencyError, FetchError, RegistryError
from .feeds import FeedEntry, ParsedFeed, is_nec_report, parse_feed, person
from .http import HttpSettings, fetch, make_client
from .registry import FEED_KINDS, Feed, default_registry, read_registry
from .store import (
    KnownPosts,
    append_manifest,
    create_new,
    index_corpus,
    load_state,
    locked,
    manifest_header,
    remove_stale_temps,
    save_state,
)

if TYPE_CHECKING:
    import httpx

# Why an entry was not added (the keys of FeedResult.skipped).
UNTITLED = "untitled"
NOT_NEC = "not an NEC report"
BEFORE_SINCE = "before --since"
AFTER_UNTIL = "after --until"
UNDATED = "undated (with --since or --until)"
EMPTY = "no text"
KNOWN = "already in the corpus"


@dataclass(slots=True)
class NewPost:
    """A page to add: its file name, its text, and its manifest row."""

    file: str
    url: str | None
    author: str | None
    published: date | None
    title: str
    content: str
    description: str
    layout: str = "single"

    def manifest_row(self) -> dict[str, str]:
        return {
            "file": self.file,
            "url": self.url or "",
            "author": self.author or "",
            "published": self.published.isoformat() if self.published else "",
            "title": self.title,
            "layout": self.layout,
            "original_name": "",
            "description": self.description,
        }


@dataclass(slots=True)
class FeedResult:
    """What happened to one feed.  ``status`` is ``added`` (new pages written, or that
    would be with ``--dry-run``), ``unchanged`` (nothing new), ``not-modified`` (the
    server answered 304) or ``failed`` (see ``error``)."""

    feed: Feed
    status: str
    added: list[NewPost] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    error: NecReportsError | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def summary(self) -> str:
        if self.failed:
            return f"{self.feed.name}: FAILED: {self.error}"
        if self.status == "not-modified":
            return f"{self.feed.name}: not modified since the last run"
        text = f"{self.feed.name}: {len(self.added)} new"
        if self.skipped:
            why = ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
            text += f"; skipped {why}"
        return text


@dataclass(slots=True)
class FetchRun:
    """One run of ``fetch``: a result per feed, and problems with the registry (which
    count as failures) or with pages already in the corpus (which do not: the build
    reports them)."""

    raw_dir: Path
    registry: Path
    dry_run: bool
    results: list[FeedResult] = field(default_factory=list)
    registry_problems: list[ParseError] = field(default_factory=list)
    corpus_problems: list[ParseError] = field(default_factory=list)

    @property
    def added(self) -> list[NewPost]:
        return [p for r in self.results for p in r.added]

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.results if r.failed]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.registry_problems

    def summary(self) -> str:
        lines = [r.summary() for r in self.results]
        for r in self.results:
            lines.extend(f"  {r.feed.name}: {note}" for note in r.notes)
        lines.extend(f"registry: {p}" for p in self.registry_problems)
        lines.extend(f"corpus (not changed): {p}" for p in self.corpus_problems)
        verb = "would add" if self.dry_run else "added"
        lines.append(
            f"{verb} {len(self.added)} page(s) to {self.raw_dir}; "
            f"{len(self.failed)} of {len(self.results)} feed(s) failed"
        )
        for p in self.added:
            lines.append(
                f"  {p.file}  ({p.author or 'author unknown'}, {p.published or 'undated'})"
            )
        return "\n".join(lines)


def require_libraries() -> None:
    """Raise a clear error if the optional ``fetch`` extra is not installed."""
    missing = []
    for module in ("httpx", "feedparser", "bs4", "tqdm"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise FetchDependencyError(
            "`nec-reports fetch` needs the optional fetch libraries "
            f"(missing: {', '.join(missing)}); install them with: pip install 'nec-reports[fetch]'"
        )


def fetch_feeds(
    registry: str | Path | None = None,
    raw_dir: str | Path | None = None,
    *,
    sources: Sequence[str] = (),
    since: date | None = None,
    dry_run: bool = False,
    settings: HttpSettings | None = None,
    progress: bool = False,
    progress_file: TextIO | None = None,
    today: date | None = None,
    until: date | None = None,
) -> FetchRun:
    """Fetch every feed in ``registry`` (default: the bundled ``data/feeds.csv``), or only
    those named in ``sources``, and add their new NEC reports to ``raw_dir`` (default: the
    bundled ``data/raw``).  Only entries published on or after ``since`` are kept; with
    ``dry_run`` nothing is written.  This is the only code in the package that uses the
    network."""
    require_libraries()
    from tqdm import tqdm

    reg = Path(registry) if registry is not None else default_registry()
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    feeds, problems = read_registry(reg)
    if sources:
        known_names = {f.name for f in feeds}
        unknown = [s for s in sources if s not in known_names]
        if unknown:
            raise RegistryError(
                f"unknown source(s) {', '.join(unknown)}; known: {', '.join(sorted(known_names))}",
                str(reg),
            )
        feeds = [f for f in feeds if f.name in set(sources)]
    feeds = [f for f in feeds if f.kind in FEED_KINDS]  # archive rows: `fetch --history`
    run = FetchRun(raw, reg, dry_run, registry_problems=list(problems))
    s = settings or HttpSettings()
    if not dry_run:
        raw.mkdir(parents=True, exist_ok=True)
    with contextlib.nullcontext() if dry_run or not raw.is_dir() else locked(raw):
        if raw.is_dir():
            if not dry_run:
                remove_stale_temps(raw)
            manifest_header(raw)  # a manifest we cannot append to fails before any download
        known, run.corpus_problems = index_corpus(raw)
        state = load_state(raw)
        day = today or date.today()
        with make_client(s) as client:
            bar = tqdm(
                feeds,
                desc="feeds",
                unit="feed",
                disable=not progress,
                file=progress_file or sys.stderr,
                leave=False,
            )
            for feed in bar:
                bar.set_postfix_str(feed.name, refresh=False)
                run.results.append(
                    _one_feed(client, feed, raw, known, state, s, (since, until), dry_run, day)
                )
            bar.close()
    return run


def _one_feed(
    client: httpx.Client,
    feed: Feed,
    raw: Path,
    known: KnownPosts,
    state: dict[str, dict[str, str]],
    s: HttpSettings,
    window: tuple[date | None, date | None],
    dry_run: bool,
    today: date,
) -> FeedResult:
    # A --since / --until run looks at the whole feed: a 304 would hide entries an
    # earlier, narrower run passed over.
    since, until = window
    conditional = since is None and until is None
    validators = state.get(feed.feed_url, {}) if conditional else {}
    try:
        got = fetch(
            client,
            feed.feed_url,
            kind=feed.feed_kind,
            etag=validators.get("etag"),
            last_modified=validators.get("last_modified"),
            settings=s,
        )
        if got.body is None:
            return FeedResult(feed, "not-modified")
        parsed = parse_feed(got.body, got.url, got.content_type)
    except FetchError as exc:
        return FeedResult(feed, "failed", error=exc)
    result = FeedResult(feed, "unchanged")
    if not parsed.version.startswith(feed.feed_kind):
        result.notes.append(f"feeds.csv says {feed.kind}, the feed is {parsed.version}")
    if got.url != feed.feed_url:
        result.notes.append(f"redirected to {got.url}")
    pending = KnownPosts()
    for entry in parsed.entries:
        reason = _skip_reason(entry, since, known, pending, until)
        if reason:
            result.skipped[reason] += 1
            continue
        pending.add(entry.url, entry.title, entry.published, entry.text)
        result.added.append(_plan(feed, entry, parsed, today))
    if not dry_run:
        try:
            _commit(raw, result.added)
            if conditional:
                fresh = {"etag": got.etag, "last_modified": got.last_modified}
                state[feed.feed_url] = {k: v for k, v in fresh.items() if v}
                if not state[feed.feed_url]:
                    del state[feed.feed_url]
                save_state(raw, state)
        except (OSError, ParseError) as exc:
            err = exc if isinstance(exc, ParseError) else FetchError(f"could not write: {exc}")
            return FeedResult(feed, "failed", skipped=result.skipped, error=err)
    known.merge(pending)
    result.status = "added" if result.added else "unchanged"
    return result


def _skip_reason(
    e: FeedEntry,
    since: date | None,
    known: KnownPosts,
    pending: KnownPosts,
    until: date | None = None,
) -> str | None:
    if not e.title:
        return UNTITLED
    if not is_nec_report(e.title, e.categories):
        return NOT_NEC
    if since is not None or until is not None:
        if e.published is None:
            return UNDATED
        if since is not None and e.published < since:
            return BEFORE_SINCE
        if until is not None and e.published > until:
            return AFTER_UNTIL
    if not e.text.strip():
        return EMPTY
    if known.holds(e.url, e.title, e.published, e.text) or pending.holds(
        e.url, e.title, e.published, e.text
    ):
        return KNOWN
    return None


def writer(feed: Feed, entry: FeedEntry) -> str | None:
    """Who wrote the entry, by the build's own rule (:func:`nec_reports.reports.resolve_author`):
    a person named in the title first.  On a single-writer blog (``author`` set in the
    registry) then the entry's author if it is a person (a guest), else the blog's owner.
    On a feed with several writers (an aggregator, a campaign's site) then a person named
    in the blog's name or in a signature, else the entry's author if it is a person —
    there it is often whoever pressed publish."""
    from ..reports import resolve_author

    poster = person(entry.author)
    post = Post(source_file="", layout="single", title=entry.title, text=entry.text, line=1)
    if feed.author:
        post.author_hint = poster or feed.author
    else:
        post.blog = entry.blog or feed.site
        post.posted_by = poster
    return resolve_author(post)


def _plan(feed: Feed, entry: FeedEntry, parsed: ParsedFeed, today: date) -> NewPost:
    day = entry.published.isoformat() if entry.published else "undated"
    stem = f"{slug(feed.name, 32)}-{day}-{slug(entry.title, 60)}"
    description = f"fetched from {feed.name} ({feed.feed_url}) on {today.isoformat()}"
    if entry.blog:
        description += f"; first posted on {entry.blog}"
    return NewPost(
        file=f"{stem}.txt",
        url=entry.url,
        author=writer(feed, entry),
        published=entry.published,
        title=entry.title,
        content=f"{entry.title}\n\n{entry.text}\n",
        description=description,
    )


def _listed(raw: Path) -> set[str]:
    path = raw / MANIFEST
    if not path.exists():
        return set()
    with path.open(newline="", encoding="utf-8") as fh:
        return {(row.get("file") or "").strip() for row in csv.DictReader(fh)}


def _commit(raw: Path, posts: list[NewPost]) -> None:
    """Write the pages (each complete or not at all, never over an existing file), then
    list them in the manifest in one atomic step."""
    if not posts:
        return
    listed = _listed(raw)
    for post in posts:
        post.file = _place(raw, post, listed)
        listed.add(post.file)
    append_manifest(raw, [p.manifest_row() for p in posts])


def _place(raw: Path, post: NewPost, listed: set[str]) -> str:
    data = post.content.encode("utf-8")
    stem = post.file.removesuffix(".txt")
    for n in range(1, 100):
        name = f"{stem}.txt" if n == 1 else f"{stem}-{n}.txt"
        if create_new(raw / name, data):
            return name
        # The same page, complete but unlisted: an earlier run stopped before the
        # manifest was written.  Adopt it rather than add a copy.
        if name not in listed and (raw / name).read_bytes() == data:
            return name
    raise FetchError(f"no free file name for {stem}.txt in {raw}")
