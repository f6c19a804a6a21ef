"""Raw pages and their manifest (``data/raw/sources.csv``): finding, checking and reading
the files, never changing them."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urlsplit

from .dates import parse_date
from .errors import (
    DecodeError,
    EmptyFileError,
    ManifestError,
    ParseError,
    UnreadableFileError,
    UnsafePathError,
)

MANIFEST = "sources.csv"
MANIFEST_COLUMNS = ("file", "url", "author", "published", "title")
OPTIONAL_COLUMNS = ("layout", "original_name", "description")
_NOT_PAGES = {MANIFEST, "corrections.csv", "README.md", "README.txt"}
#: Dot-files ``nec-reports fetch`` keeps in the raw folder (nec_reports.fetch.store): the
#: library's own, so not listed as skipped entries (any other hidden file is).
_FETCH_FILES = {".fetch-state.json", ".fetch.lock"}
#: Largest raw file read, in bytes (10 MB; the bundled pages are under 0.4 MB).  A larger
#: file is reported and skipped.  Set ``$NEC_REPORTS_MAX_FILE_MB`` or pass ``max_bytes``.
MAX_FILE_BYTES = 10_000_000
MAX_FILE_ENV = "NEC_REPORTS_MAX_FILE_MB"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def max_file_bytes(max_bytes: int | None = None) -> int:
    """The per-file size limit: ``max_bytes``, else ``$NEC_REPORTS_MAX_FILE_MB``, else 10 MB."""
    if max_bytes is not None:
        return max_bytes
    env = os.environ.get(MAX_FILE_ENV, "").strip()
    try:
        return int(float(env) * 1_000_000) if env else MAX_FILE_BYTES
    except ValueError:
        return MAX_FILE_BYTES


def data_dir() -> Path:
    """The bundled data folder: inside an installed wheel, else the repository's ``data/``."""
    packaged = Path(__file__).parent / "_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def default_raw_dir() -> Path:
    return data_dir() / "raw"


@dataclass(frozen=True, slots=True)
class Source:
    """One manifest row: defaults for what a page does not say itself."""

    file: str
    url: str | None
    author: str | None
    published: date | None
    title: str | None
    layout: str | None
    line: int
    #: The name the page had when it was collected (the gold labels' ``file``), if given.
    original_name: str | None = None


@dataclass(frozen=True, slots=True)
class RawPage:
    name: str
    text: str
    sha256: str
    source: Source | None


#: What a ``source_url`` is (the ``source_url_kind`` column): the post's own address, or
#: the address of a page that lists several posts (a blog's front page, an archive or
#: category page, an aggregator), which names the capture but not the post.
POST_URL = "post"
PAGE_URL = "page"
URL_KINDS = (POST_URL, PAGE_URL)
# Paths that list posts: /category/x/, /tag/x/, /author/x/, /page/2/, /feed/, a bare
# /2006/ or /2006/05/ (or /2006/05/12/) archive, a planet's /necblogs/ or /planet/ folder.
_LISTING_PATH = re.compile(
    r"(?:^|/)(?:category|tag|author|page|feed|label|search|archives?)(?:/|$)"
    r"|^/(?:(?:19|20)\d\d/?)(?:\d\d/?){0,2}$"
    r"|(?:^|/)(?:planet|necblogs)/?$",
    re.I,
)
# Query keys of a WordPress listing: ?cat=4, ?m=201905, ?tag=nec, ?s=nec, ?paged=2
_LISTING_QUERY = frozenset({"cat", "m", "tag", "s", "paged", "author"})


def url_kind(url: str | None, posts_in_file: int = 1) -> str | None:
    """``post`` when ``url`` is one post's own address, ``page`` when it is a page that
    lists posts: the URL of a file that holds several posts is the page's, whatever it
    looks like, and so is a site's front page or an archive address (``/category/x/``,
    ``/2006/``, ``?cat=4``); None without a URL."""
    if not url:
        return None
    if posts_in_file > 1:
        return PAGE_URL
    parts = urlsplit(url if "//" in url else f"//{url}")
    path = parts.path or "/"
    if path.strip("/") == "" and not ({"p", "page_id"} & set(parse_qs(parts.query))):
        return PAGE_URL  # a front page (a ?p=171 post address has the same empty path)
    if _LISTING_PATH.search(path) or _LISTING_QUERY & set(parse_qs(parts.query)):
        return PAGE_URL
    return POST_URL


def _safe_name(name: str, manifest: str, line: int) -> str:
    p = PurePosixPath(name.replace("\\", "/"))
    if not name or p.is_absolute() or ".." in p.parts or len(p.parts) != 1:
        raise UnsafePathError(
            "file name must be a plain name inside the raw directory", manifest, line, name
        )
    return name


def _manifest_text(path: Path) -> tuple[str | None, list[ParseError]]:
    """The manifest's text: a UTF-8 BOM (as Excel saves CSV) is dropped; a line that is
    not UTF-8 is named and read as Latin-1, the rest as UTF-8."""
    if path.is_dir():
        return None, [ManifestError(f"{MANIFEST} is a folder, not a file", MANIFEST)]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [ManifestError(f"cannot read the manifest ({exc.strerror or exc})", MANIFEST)]
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    problems: list[ParseError] = []
    lines = []
    for no, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            lines.append(raw.decode("latin-1"))
            problems.append(
                ManifestError(
                    f"not UTF-8 (byte 0x{raw[exc.start]:02x}); line read as Latin-1, "
                    "re-save the manifest as UTF-8",
                    MANIFEST,
                    no,
                    lines[-1].strip(),
                )
            )
    return "\n".join(lines), problems


def read_manifest(raw_dir: Path) -> tuple[dict[str, Source], list[ParseError]]:
    """Manifest rows by file name, and the problems found (each located by line)."""
    path = raw_dir / MANIFEST
    where = MANIFEST  # errors name files relative to the raw folder, like page errors
    if not path.exists():
        return {}, [ManifestError(f"no {MANIFEST} in {raw_dir}", where)]
    text, problems = _manifest_text(path)
    if text is None:
        return {}, problems
    rows: dict[str, Source] = {}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return {}, [
            *problems,
            ManifestError(
                f"missing column(s) {', '.join(missing)}",
                where,
                1,
                ",".join(reader.fieldnames or []),
            ),
        ]
    for row in reader:
        line = reader.line_num
        try:
            name = _safe_name((row.get("file") or "").strip(), where, line)
            if name in rows:
                raise ManifestError("file listed twice", where, line, name)
            if not (raw_dir / name).is_file():
                raise ManifestError("manifest names a file that does not exist", where, line, name)
        except ParseError as exc:
            problems.append(exc)
            continue
        rows[name] = _source(row, name, line, problems)
    return rows, problems


def _source(row: dict[str, str], name: str, line: int, problems: list[ParseError]) -> Source:
    pub = (row.get("published") or "").strip()
    published = parse_date(pub) if pub else None
    if pub and published is None:
        problems.append(
            ManifestError("published is not a date (use YYYY-MM-DD); ignored", MANIFEST, line, pub)
        )
    return Source(
        file=name,
        url=(row.get("url") or "").strip() or None,
        author=(row.get("author") or "").strip() or None,
        published=published,
        title=(row.get("title") or "").strip() or None,
        layout=(row.get("layout") or "").strip() or None,
        line=line,
        original_name=(row.get("original_name") or "").strip() or None,
    )


def _outside(raw_dir: Path, path: Path) -> bool:
    """A symlink whose target is not inside the raw folder."""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve().is_relative_to(raw_dir.resolve())
    except (OSError, RuntimeError):  # a loop or an unreadable link
        return True


def skipped_entries(raw_dir: Path) -> list[tuple[str, ParseError | None]]:
    """Entries of the raw folder that are not read as pages, with why: a symlink out of
    the folder (refused: a problem), a sub-folder or a hidden file (listed, no problem)."""
    out: list[tuple[str, ParseError | None]] = []
    for p in sorted(raw_dir.iterdir()):
        if p.name in _NOT_PAGES or p.name in _FETCH_FILES:
            continue
        if _outside(raw_dir, p):
            target = os.readlink(p)
            msg = "symlink points outside the raw folder; refused"
            out.append((p.name, UnreadableFileError(msg, p.name, None, target)))
        elif p.name.startswith(".") or not p.is_file():
            out.append((p.name, None))
    return out


def skip_reason(raw_dir: Path, name: str) -> str:
    """Why an entry listed by :func:`skipped_entries` without a problem was skipped."""
    if (raw_dir / name).is_dir():
        return "a folder, not a page: skipped"
    if name.startswith("."):
        return "a hidden file: skipped"
    return "not a regular file: skipped"


def page_files(raw_dir: Path) -> list[str]:
    """Every file in the raw directory that is a page (not the manifest or a README)."""
    return sorted(
        p.name
        for p in raw_dir.iterdir()
        if p.is_file()
        and p.name not in _NOT_PAGES
        and not p.name.startswith(".")
        and not _outside(raw_dir, p)
    )


def _read_bytes(raw_dir: Path, name: str, max_bytes: int | None) -> bytes:
    path = raw_dir / name
    limit = max_file_bytes(max_bytes)
    try:
        size = path.stat().st_size
        if size > limit:
            raise UnreadableFileError(
                f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit "
                f"(${MAX_FILE_ENV}); skipped",
                name,
            )
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot read the file ({exc.strerror or type(exc).__name__}); skipped", name
        ) from None


def _decode_bom(data: bytes, name: str) -> str | None:
    """Text of a file that opens with a UTF-16 or UTF-32 byte-order mark, else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"not {encoding.upper()} text despite its byte-order mark (offset {exc.start})",
                    name,
                ) from None
    return None


def read_page(
    raw_dir: Path, name: str, source: Source | None, *, max_bytes: int | None = None
) -> RawPage:
    """Read one raw file as text (UTF-8, or UTF-16/32 with a byte-order mark); typed
    errors for unreadable, over-large, empty, binary or mis-encoded files."""
    data = _read_bytes(raw_dir, name, max_bytes)
    if not data.strip():
        raise EmptyFileError("file is empty", name)
    text = _decode_bom(data, name)
    if text is None:
        text = _decode_utf8(data, name)
    if not text.strip():
        raise EmptyFileError("file is empty", name)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return RawPage(name, text, hashlib.sha256(data).hexdigest(), source)


def _decode_utf8(data: bytes, name: str) -> str:
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise DecodeError("file is binary (NUL byte), not text", name, data.count(b"\n", 0, at) + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        frag = data[max(0, exc.start - 20) : exc.end + 20].decode("utf-8", "replace")
        raise DecodeError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the page as UTF-8",
            name,
            line,
            frag,
        ) from None
