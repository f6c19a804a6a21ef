"""The registry of known blogs (``data/feeds.csv``): one row per feed with columns
``name,url,kind,author,site`` and optional ``years`` and ``note``.

- ``name``: short id used with ``--source`` and as the start of new file names
- ``url``: the feed's address (http or https); for ``wordpress`` the site's root; for
  ``archive`` a site prefix without scheme (``example.org/blog``), looked up in a
  Wayback-compatible archive
- ``kind``: ``atom``, ``rss``, ``wordpress`` (REST API, else the paged feed), ``blogger``
  (the Atom feed, paged) or ``archive`` (captures only; ``fetch --history`` alone reads it)
- ``author``: the default writer for a single-writer blog; empty for a feed that carries
  several writers (an aggregator, a campaign's site)
- ``site``: the blog's name as readers see it
- ``years``: the years it holds NEC reports, as a note ("2010-2012, 2021-"); ``note``:
  anything else a user should know (an unverified address, a blog that has moved)

Feeds are fetched in file order and a post is added once, from the first feed that has
it: aggregators go last, so a blog's own (full) post is preferred to an excerpt.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..corpus import data_dir
from .errors import RegistryError

REGISTRY = "feeds.csv"
COLUMNS = ("name", "url", "kind", "author", "site")
KINDS = ("atom", "rss", "wordpress", "blogger", "archive")
#: Kinds that plain ``fetch`` reads (``archive`` needs ``--history``).
FEED_KINDS = ("atom", "rss", "wordpress", "blogger")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Feed:
    """One registry row."""

    name: str
    url: str
    kind: str
    author: str | None
    site: str | None
    line: int
    years: str | None = None
    note: str | None = None

    @property
    def feed_url(self) -> str:
        """Where the latest posts are: a WordPress site's ``/feed/``, else ``url``."""
        if self.kind == "wordpress":
            return self.url.rstrip("/") + "/feed/"
        return self.url

    @property
    def feed_kind(self) -> str:
        """The feed format: ``rss`` for WordPress, ``atom`` for Blogger."""
        return {"wordpress": "rss", "blogger": "atom"}.get(self.kind, self.kind)


def default_registry() -> Path:
    return data_dir() / REGISTRY


def read_registry(path: Path | None = None) -> tuple[list[Feed], list[RegistryError]]:
    """The registry's feeds in file order, and the problems found (each located by line).
    A bad row is reported and left out; the other rows still count.  Raises
    :class:`RegistryError` if there is no registry or its header lacks a column."""
    path = path if path is not None else default_registry()
    if not path.is_file():
        raise RegistryError("feed registry not found", str(path))
    feeds: list[Feed] = []
    problems: list[RegistryError] = []
    seen: set[str] = set()
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise RegistryError(
                f"missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}",
                str(path),
                1,
                ",".join(reader.fieldnames or []),
            )
        for row in reader:
            line = reader.line_num
            name = (row.get("name") or "").strip()
            url = (row.get("url") or "").strip()
            kind = (row.get("kind") or "").strip().lower()
            if not _NAME.match(name):
                problems.append(
                    RegistryError(
                        "name must be lower-case letters, digits and hyphens", str(path), line, name
                    )
                )
                continue
            if name in seen:
                problems.append(RegistryError("name listed twice", str(path), line, name))
                continue
            if kind not in KINDS:
                problems.append(
                    RegistryError(f"kind must be one of {', '.join(KINDS)}", str(path), line, kind)
                )
                continue
            bad_url = _url_problem(url, kind)
            if bad_url:
                problems.append(RegistryError(bad_url, str(path), line, url))
                continue
            seen.add(name)
            feeds.append(
                Feed(
                    name=name,
                    url=url,
                    kind=kind,
                    author=(row.get("author") or "").strip() or None,
                    site=(row.get("site") or "").strip() or None,
                    line=line,
                    years=(row.get("years") or "").strip() or None,
                    note=(row.get("note") or "").strip() or None,
                )
            )
    return feeds, problems


def _url_problem(url: str, kind: str) -> str | None:
    """Why ``url`` cannot be a registry address of this kind, or None."""
    if kind == "archive":
        parts = urlsplit("http://" + url)
        if "://" in url or not parts.hostname or " " in url:
            return "an archive url is a site prefix without scheme (example.org/blog)"
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "url must be an http(s) address"
    return None
