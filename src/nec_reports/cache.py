"""On-disk cache of built tables, keyed by the raw files' bytes, the corrections and
the parser's own source (every stage from raw pages to tables, not the charts, fetcher,
search, export or command line), so a changed page or a changed parser rebuilds.

The folder is, in order: the ``cache_dir`` argument, ``$NEC_REPORTS_CACHE``, the
platform's user cache folder (platformdirs).

Each entry is a folder named by its key holding data only: one Parquet file per table
and ``manifest.json`` (the library's marker, the parser digest, the inputs' key, each
table file's SHA-256, the build's problems).  Nothing in it is executed on load.  An
entry is used only if its manifest matches, every file's digest matches and every table
reads back with its declared columns and dtypes and passes its schema (checked once per
process for the same bytes); anything else
(a damaged, truncated, stale or crafted entry) is a :class:`CacheWarning` and the tables
are rebuilt.  A cache folder that cannot be written is a warning, never fatal: the build
goes on uncached.  :func:`clear` removes only entries this library wrote.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import platformdirs

from .errors import CacheWarning, caller_stacklevel
from .schema import Columns, typed, validate
from .version import __version__

ENV_VAR = "NEC_REPORTS_CACHE"
_FORMAT = 2  # 2: Parquet tables + manifest.json (1 was a pickle)
MARKER = "nec-reports table cache"
MANIFEST = "manifest.json"
_TMP_PREFIX = ".nec-reports-tmp-"
_KEY = re.compile(r"^[0-9a-f]{24}$")
_LEGACY = re.compile(r"^[0-9a-f]{24}\.pkl$")  # entries written by format 1

#: (table, SHA-256 of its Parquet bytes) already restored and validated in this process:
#: the same bytes give the same table, so the schema check is not repeated on every hit.
_VALIDATED: set[tuple[str, str]] = set()

#: What a cache hit gives back: the tables, the build's problems, the raw folder.
Entry = tuple[dict[str, pd.DataFrame], list[str], str]


def cache_root(cache_dir: str | Path | None = None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return Path(platformdirs.user_cache_dir("nec-reports", appauthor=False))


#: Parts of the package that only read or present built tables (charts, the fetcher,
#: search, export, the command line, and the package root, which only hands names on):
#: editing them changes no table, so they are not part of the parser's digest.
NOT_PARSER = (
    "plot/",
    "fetch/",
    "export.py",
    "textsearch.py",
    "cli.py",
    "__main__.py",
    "__init__.py",  # the root's only: a sub-package's is "facts/__init__.py"
)


def parser_sources() -> list[Path]:
    """The package's source files that decide what a build gives: every stage from raw
    pages to tables (everything but :data:`NOT_PARSER`)."""
    pkg = Path(__file__).parent
    return [
        path
        for path in sorted(pkg.rglob("*.py"))
        if not path.relative_to(pkg).as_posix().startswith(NOT_PARSER)
    ]


def parser_digest() -> str:
    """A digest of the parser's source: any change to a stage of the parser changes it;
    a change to a chart, the fetcher, search, export or the command line does not."""
    h = hashlib.sha256(f"{__version__}/{_FORMAT}".encode())
    pkg = Path(__file__).parent
    for path in parser_sources():
        h.update(path.relative_to(pkg).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def corpus_key(
    raw_dir: Path, corrections: Path | None, salt: str = "", max_bytes: int | None = None
) -> str:
    """The cache key: the parser, the raw folder's entries and bytes, the corrections and
    ``salt`` (any option that changes the build, such as the file size limit).  A file
    over ``max_bytes`` (which the build skips) is keyed by its size and time, not read."""
    h = hashlib.sha256(f"{parser_digest()}/{salt}".encode())
    h.update(str(raw_dir.resolve()).encode())
    for path in sorted(raw_dir.iterdir()):
        h.update(path.name.encode())
        try:
            st = path.lstat()
            h.update(f"{st.st_mode}/{st.st_size}/{st.st_mtime_ns}".encode())
            small = max_bytes is None or st.st_size <= max_bytes
            if path.is_file() and not path.is_symlink() and small:
                h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as exc:  # unreadable: the build reports it; the key still differs
            h.update(type(exc).__name__.encode())
    if corrections is not None and corrections.is_file():
        try:
            h.update(corrections.read_bytes())
        except OSError as exc:
            h.update(type(exc).__name__.encode())
    return h.hexdigest()[:24]


def restore(df: pd.DataFrame, columns: Columns) -> pd.DataFrame:
    """A table read from Parquet, with its declared columns and dtypes again: lists are
    Python lists (Parquet gives arrays), dates ``datetime64[s]`` (Parquet gives ms)."""
    if list(df.columns) != list(columns):
        raise ValueError(f"columns {list(df.columns)} are not the declared {list(columns)}")
    return typed(df, columns)


def _manifest(path: Path, key: str) -> dict[str, Any]:
    meta = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    if not isinstance(meta, dict) or meta.get("library") != MARKER:
        raise ValueError("not a nec-reports cache entry")
    if meta.get("format") != _FORMAT or meta.get("parser") != parser_digest():
        raise ValueError("written by another version of the parser")
    if meta.get("inputs") != key:
        raise ValueError("written for other inputs")
    if not isinstance(meta.get("tables"), dict) or not isinstance(meta.get("problems"), list):
        raise ValueError("manifest has no table list")
    return meta


def _read_entry(path: Path, key: str, declared: Mapping[str, Columns]) -> Entry:
    meta = _manifest(path, key)
    tables = {}
    for name, columns in declared.items():
        data = (path / f"{name}.parquet").read_bytes()
        if hashlib.sha256(data).hexdigest() != meta["tables"].get(name):
            raise ValueError(f"{name}.parquet does not match its digest")
        df = restore(pd.read_parquet(io.BytesIO(data)), columns)
        if (name, meta["tables"][name]) not in _VALIDATED:
            bad = validate(name, df, columns)
            if bad:
                raise ValueError(f"{name} breaks its schema: {bad[0]}")
            _VALIDATED.add((name, meta["tables"][name]))
        tables[name] = df
    return tables, [str(p) for p in meta["problems"]], str(meta.get("raw_dir", ""))


def load(root: Path, key: str, declared: Mapping[str, Columns]) -> Entry | None:
    """The cached tables for ``key``, or None: a missing entry silently, an unusable one
    with a :class:`CacheWarning` (and it is removed, to be rebuilt)."""
    path = root / key
    try:
        if not (path / MANIFEST).is_file():
            return None
        return _read_entry(path, key, declared)
    except Exception as exc:  # any damage at all: rebuild, never fail the load
        warnings.warn(
            f"cache entry {path} is unusable ({type(exc).__name__}: {exc}); rebuilding",
            CacheWarning,
            stacklevel=caller_stacklevel(),
        )
        shutil.rmtree(path, ignore_errors=True)
        return None


def save(root: Path, key: str, entry: Entry) -> bool:
    """Write an entry atomically (a crash leaves the old entry or none, never half of
    one).  A folder that cannot be written is a :class:`CacheWarning`; returns whether
    the entry was saved."""
    tables, problems, raw_dir = entry
    tmp: Path | None = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=root))
        digests = {}
        for name, df in tables.items():
            buf = io.BytesIO()
            df.to_parquet(buf, index=False)
            (tmp / f"{name}.parquet").write_bytes(buf.getvalue())
            digests[name] = hashlib.sha256(buf.getvalue()).hexdigest()
        meta = {
            "library": MARKER,
            "format": _FORMAT,
            "version": __version__,
            "parser": parser_digest(),
            "inputs": key,
            "raw_dir": raw_dir,
            "tables": digests,
            "problems": problems,
        }
        (tmp / MANIFEST).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        target = root / key
        if target.exists() or target.is_symlink():
            if not _ours(target):
                raise FileExistsError(
                    17, "an entry the library did not write is in the way", target
                )
            shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
        return True
    except OSError as exc:
        warnings.warn(
            f"cache folder {root} cannot be written ({exc.strerror or exc}); tables not cached",
            CacheWarning,
            stacklevel=caller_stacklevel(),
        )
        return False
    finally:
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _ours(path: Path) -> bool:
    """An entry this library wrote: a key folder with our manifest, a format-1 pickle,
    or one of our unfinished temporary folders."""
    if path.is_symlink():
        return False
    if path.is_dir() and path.name.startswith(_TMP_PREFIX):
        return True
    if path.is_file():
        return bool(_LEGACY.match(path.name))
    if not (path.is_dir() and _KEY.match(path.name)):
        return False
    try:
        meta = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and meta.get("library") == MARKER


def clear(cache_dir: str | Path | None = None) -> int:
    """Remove the cache entries this library wrote (nothing else in the folder, and not
    the folder itself); returns how many entries were removed."""
    root = cache_root(cache_dir)
    if not root.is_dir():
        return 0
    n = 0
    for path in sorted(root.iterdir()):
        if not _ours(path):
            continue
        if path.name.startswith(_TMP_PREFIX):
            shutil.rmtree(path, ignore_errors=True)
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        n += 1
    return n
