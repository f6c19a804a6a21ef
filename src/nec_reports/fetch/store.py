"""Writing to the raw folder without ever damaging it: new pages and the manifest are
written to a dot-file beside their final name and moved into place, an existing page is
never overwritten, and what the folder already holds is indexed so a post is added once.

Dot-files (``.fetch-state.json``, temporary files, the lock) are ignored by the corpus
reader (:func:`nec_reports.corpus.page_files`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..corpus import (
    MANIFEST,
    MANIFEST_COLUMNS,
    OPTIONAL_COLUMNS,
    page_files,
    read_manifest,
    read_page,
)
from ..errors import ManifestError, ParseError
from ..layouts import split_page
from ..text import norm, words
from .errors import CorpusLockedError

STATE = ".fetch-state.json"
LOCK = ".fetch.lock"
TMP_PREFIX = ".fetch-"
TMP_SUFFIX = ".tmp"
_OPENING_WORDS = 20
_TEXT_WORDS = 40  # a body's first 40 words name it, whatever page it was read from
_MIN_TEXT_WORDS = 12


# ---------------------------------------------------------------- what the corpus holds


def url_key(url: str) -> str:
    """A URL reduced to what names the post: no scheme, no ``www.``, no fragment, no
    trailing slash, no tracking parameters (``utm_*``, Blogger's mobile ``m=1``)."""
    p = urlsplit(url.strip())
    host = (p.hostname or "").lower().removeprefix("www.")
    query = [
        (k, v)
        for k, v in parse_qsl(p.query, keep_blank_values=True)
        if not (k == "m" or k.startswith("utm_"))
    ]
    path = p.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


@dataclass
class KnownPosts:
    """Every post the raw folder already holds (and every post added in this run), by
    URL, by title and date, by normalised text (the body's opening words, so an archived
    copy of a post read from its feed is known) and — for posts with no date — by title and
    opening words."""

    urls: set[str] = field(default_factory=set)
    dated: set[tuple[str, date]] = field(default_factory=set)
    undated: dict[str, list[list[str]]] = field(default_factory=dict)
    texts: set[str] = field(default_factory=set)

    def add(self, url: str | None, title: str, published: date | None, text: str) -> None:
        if url:
            self.urls.add(url_key(url))
        key = text_key(text)
        if key:
            self.texts.add(key)
        t = norm(title)
        if not t:
            return
        if published:
            self.dated.add((t, published))
        else:
            self.undated.setdefault(t, []).append(words(text, _OPENING_WORDS))

    def holds(self, url: str | None, title: str, published: date | None, text: str) -> bool:
        """True when the post is already there: the same URL, or the same title and date,
        or the same title and opening words as an undated copy (an archive page)."""
        if url and url_key(url) in self.urls:
            return True
        key = text_key(text)
        if key and key in self.texts:
            return True
        t = norm(title)
        if published and (t, published) in self.dated:
            return True
        opening = words(text, _OPENING_WORDS)
        for other in self.undated.get(t, []):
            n = min(len(other), len(opening))
            if n and other[:n] == opening[:n]:
                return True
        return False

    def merge(self, other: KnownPosts) -> None:
        """Add everything ``other`` knows."""
        self.urls |= other.urls
        self.dated |= other.dated
        self.texts |= other.texts
        for t, openings in other.undated.items():
            self.undated.setdefault(t, []).extend(openings)


def text_key(text: str) -> str | None:
    """The body's first words, normalised; None for a body too short to name a post."""
    ws = words(text, _TEXT_WORDS)
    return " ".join(ws) if len(ws) >= _MIN_TEXT_WORDS else None


def index_corpus(raw_dir: Path) -> tuple[KnownPosts, list[ParseError]]:
    """Index the posts in every raw page (with the manifest's URL, title and date as
    defaults, as the build applies them).  Pages that cannot be read are reported and
    left out: the build reports them too."""
    known = KnownPosts()
    problems: list[ParseError] = []
    if not raw_dir.is_dir():
        return known, problems
    manifest, mproblems = read_manifest(raw_dir)
    problems.extend(p for p in mproblems if (raw_dir / MANIFEST).exists())
    for source in manifest.values():
        if source.url:
            known.urls.add(url_key(source.url))
    # Only listed pages: a complete page left unlisted by an interrupted run is planned
    # again, found byte-identical, and adopted (see run.py) rather than skipped.
    has_manifest = (raw_dir / MANIFEST).exists()
    names = [n for n in page_files(raw_dir) if n in manifest or not has_manifest]
    for name in names:
        src = manifest.get(name)
        try:
            page = read_page(raw_dir, name, src)
            _, posts = split_page(page.text, name, src.layout if src else None)
        except ParseError as exc:
            problems.append(exc)
            continue
        for post in posts:
            known.add(
                post.url or (src.url if src and len(posts) == 1 else None),
                post.title or (src.title if src else "") or "",
                post.published or (src.published if src else None),
                post.text,
            )
    return known, problems


# ---------------------------------------------------------------- atomic writes


def _new_file_mode() -> int:
    """What ``open()`` would give a new file: 0o666 less the umask (mkstemp gives 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_tmp(dir_: Path, data: bytes, mode: int | None = None) -> Path:
    fd, name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=TMP_SUFFIX, dir=dir_)
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.chmod(path, _new_file_mode() if mode is None else mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def replace_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step: a reader sees the old file or the new one,
    never half of either.  The file keeps its permissions."""
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
    tmp = _write_tmp(path.parent, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def create_new(path: Path, data: bytes) -> bool:
    """Create ``path`` holding ``data``, complete or not at all, never replacing a file.
    Returns False (and writes nothing) if a file of that name exists."""
    tmp = _write_tmp(path.parent, data)
    try:
        os.link(tmp, path)  # fails if path exists: no check-then-write race
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links
        if path.exists():
            return False
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def remove_stale_temps(raw_dir: Path) -> list[Path]:
    """Temporary files left by a run that was killed mid-write."""
    stale = sorted(raw_dir.glob(f"{TMP_PREFIX}*{TMP_SUFFIX}"))
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


@contextlib.contextmanager
def locked(raw_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the raw folder, so two fetches never interleave writes.
    The operating system releases it if the process dies."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, single user assumed
        yield
        return
    path = raw_dir / LOCK
    with path.open("a") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CorpusLockedError(
                f"another `nec-reports fetch` is writing to {raw_dir}"
            ) from None
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


# ---------------------------------------------------------------- the manifest


def manifest_header(raw_dir: Path) -> list[str]:
    """The manifest's columns (creating nothing); the full set if there is no manifest."""
    path = raw_dir / MANIFEST
    if not path.exists():
        return [*MANIFEST_COLUMNS, *OPTIONAL_COLUMNS]
    with path.open(newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh), [])
    missing = [c for c in MANIFEST_COLUMNS if c not in header]
    if missing:
        raise ManifestError(
            f"missing column(s) {', '.join(missing)}", str(path), 1, ",".join(header)
        )
    return header


def append_manifest(raw_dir: Path, rows: Sequence[dict[str, str]]) -> None:
    """Add rows at the end of ``sources.csv`` in one atomic step, keeping the existing
    bytes as they are (a new manifest gets a header first)."""
    if not rows:
        return
    path = raw_dir / MANIFEST
    header = manifest_header(raw_dir)
    old = path.read_bytes() if path.exists() else b""
    newline = "\r\n" if b"\r\n" in old else "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    if not old:
        writer.writerow(header)
    elif not old.endswith(b"\n"):
        buf.write(newline)
    for row in rows:
        writer.writerow([row.get(col, "") for col in header])
    replace_atomically(path, old + buf.getvalue().encode("utf-8"))


# ---------------------------------------------------------------- conditional-request state


def load_state(raw_dir: Path) -> dict[str, dict[str, str]]:
    """ETag / Last-Modified by feed URL, as the last successful run left them.  A missing
    or unreadable state file means: ask for everything."""
    try:
        data = json.loads((raw_dir / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    feeds = data.get("feeds") if isinstance(data, dict) else None
    if not isinstance(feeds, dict):
        return {}
    return {
        str(k): {kk: str(vv) for kk, vv in v.items() if isinstance(vv, str)}
        for k, v in feeds.items()
        if isinstance(v, dict)
    }


def save_state(raw_dir: Path, state: dict[str, dict[str, str]]) -> None:
    data = {"version": 1, "feeds": dict(sorted(state.items()))}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    replace_atomically(raw_dir / STATE, text.encode("utf-8"))
