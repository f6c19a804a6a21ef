"""Writing a build's output folder atomically, under a lock.

The whole output is written into a sibling folder (``.<name>.building-*``) and swapped
in with one rename (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames a moment
apart), so a reader never sees tables from two builds, and a killed build leaves the
previous output intact.  A lock file beside the folder (``.<name>.lock``) keeps two
builds into one folder from interleaving; folders left by killed builds are removed by
the next one.  Files in the output folder that a build does not write are kept.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import BuildError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def check_out_dir(out: Path, raw: Path | None) -> None:
    """A one-line :class:`BuildError` for an output folder that cannot be right: a file,
    the raw folder itself, inside it, or holding it."""
    if out.exists() and not out.is_dir():
        raise BuildError(f"--out {out} is a file, not a folder")
    if raw is None:
        return
    o, r = out.resolve(), raw.resolve()
    if o == r:
        raise BuildError(f"--out {out} is the raw folder: the tables would overwrite the pages")
    if o.is_relative_to(r):
        raise BuildError(f"--out {out} is inside the raw folder {raw}")
    if r.is_relative_to(o):
        raise BuildError(f"--out {out} holds the raw folder {raw}: it would be replaced")


@contextlib.contextmanager
def _locked(lock: Path, out: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; the atomic swap still holds
        yield
        return
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                f"another build is writing to {out}; run again when it has finished"
            ) from None
        yield
    finally:
        os.close(fd)


def _clean_stale(out: Path) -> None:
    """Folders that killed builds left: ours beside ``out``, the old kind inside it."""
    stale = [*out.parent.glob(f".{out.name}.building-*"), *out.parent.glob(f".{out.name}.old-*")]
    if out.is_dir():
        stale += out.glob(".building-*")
    for path in stale:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one system call where the platform has one."""
    name = ctypes.util.find_library("c")
    if not name or not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _swap_in(new: Path, out: Path) -> None:
    """Make ``new`` the output folder; the previous one is removed."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)  # now the previous output
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rename(out, old / "x")
    os.rename(new, out)
    shutil.rmtree(old, ignore_errors=True)


def _carry_over(out: Path, new: Path, ours: set[str]) -> None:
    """Keep what a build does not write (a README, a .gitkeep) in the new folder."""
    if not out.is_dir():
        return
    for path in out.iterdir():
        if path.name in ours or path.name.startswith(".building-") or (new / path.name).exists():
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.copytree(path, new / path.name, symlinks=True)
        else:
            shutil.copy2(path, new / path.name, follow_symlinks=False)


def write_atomically(out: Path, fill: Callable[[Path], list[str]]) -> list[Path]:
    """Fill a fresh sibling folder with ``fill(folder)`` (returning the names it wrote)
    and swap it in for ``out``.  OSError (a read-only parent) becomes a BuildError.  An
    ``out`` that is a symlink stays one: the folder it points to is replaced."""
    if out.is_symlink():
        out = out.resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with _locked(out.parent / f".{out.name}.lock", out):
            _clean_stale(out)
            new = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
            try:
                names = fill(new)
                _carry_over(out, new, set(names))
                _swap_in(new, out)
            finally:
                if new.exists():
                    shutil.rmtree(new, ignore_errors=True)
    except OSError as exc:
        raise BuildError(
            f"cannot write the tables to {out}: {exc.strerror or exc}"
            + (f" ({exc.filename})" if exc.filename else "")
        ) from None
    return [out / n for n in sorted(names)]
