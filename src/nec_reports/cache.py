"""On-disk cache of built tables, keyed by the raw files' bytes, the corrections and
the parser's own source, so a changed page or a changed parser rebuilds.

The folder is, in order: the ``cache_dir`` argument, ``$NEC_REPORTS_CACHE``, the
platform's user cache folder (platformdirs).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

from . import __version__

ENV_VAR = "NEC_REPORTS_CACHE"
_FORMAT = 1  # bump if the pickled payload's shape changes


def cache_root(cache_dir: str | Path | None = None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return Path(platformdirs.user_cache_dir("nec-reports", appauthor=False))


def parser_digest() -> str:
    """A digest of the package's source: any change to the parser changes it."""
    h = hashlib.sha256(f"{__version__}/{_FORMAT}".encode())
    pkg = Path(__file__).parent
    for path in sorted(pkg.rglob("*.py")):
        h.update(path.relative_to(pkg).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def corpus_key(raw_dir: Path, corrections: Path | None, salt: str = "") -> str:
    """The cache key: the parser, the raw folder's entries and bytes, the corrections and
    ``salt`` (any option that changes the build, such as the file size limit)."""
    h = hashlib.sha256(f"{parser_digest()}/{salt}".encode())
    h.update(str(raw_dir.resolve()).encode())
    for path in sorted(raw_dir.iterdir()):
        h.update(path.name.encode())
        try:
            st = path.lstat()
            h.update(f"{st.st_mode}/{st.st_size}/{st.st_mtime_ns}".encode())
            if path.is_file() and not path.is_symlink():
                h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as exc:  # unreadable: the build reports it; the key still differs
            h.update(type(exc).__name__.encode())
    if corrections is not None and corrections.exists():
        h.update(corrections.read_bytes())
    return h.hexdigest()[:24]


def load(root: Path, key: str) -> Any | None:
    path = root / f"{key}.pkl"
    if not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # a damaged or stale entry is rebuilt


def save(root: Path, key: str, payload: Any) -> None:
    """Write atomically: a crash leaves either the old entry or none, never half of one."""
    root.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=root, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, root / f"{key}.pkl")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clear(cache_dir: str | Path | None = None) -> int:
    """Empty the cache folder; returns how many entries were removed."""
    root = cache_root(cache_dir)
    if not root.exists():
        return 0
    n = sum(1 for _ in root.glob("*.pkl"))
    shutil.rmtree(root)
    return n
