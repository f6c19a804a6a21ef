"""Raw pages and their manifest (``data/raw/sources.csv``): finding, checking and reading
the files, never changing them."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from .dates import parse_date
from .errors import DecodeError, EmptyFileError, ManifestError, ParseError, UnsafePathError

MANIFEST = "sources.csv"
MANIFEST_COLUMNS = ("file", "url", "author", "published", "title")
OPTIONAL_COLUMNS = ("layout", "original_name", "description")
_NOT_PAGES = {MANIFEST, "README.md", "README.txt"}


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


@dataclass(frozen=True, slots=True)
class RawPage:
    name: str
    text: str
    sha256: str
    source: Source | None


def _safe_name(name: str, manifest: str, line: int) -> str:
    p = PurePosixPath(name.replace("\\", "/"))
    if not name or p.is_absolute() or ".." in p.parts or len(p.parts) != 1:
        raise UnsafePathError(
            "file name must be a plain name inside the raw directory", manifest, line, name
        )
    return name


def read_manifest(raw_dir: Path) -> tuple[dict[str, Source], list[ParseError]]:
    """Manifest rows by file name, and the problems found (each located by line)."""
    path = raw_dir / MANIFEST
    where = MANIFEST  # errors name files relative to the raw folder, like page errors
    problems: list[ParseError] = []
    if not path.exists():
        return {}, [ManifestError(f"no {MANIFEST} in {raw_dir}", where)]
    rows: dict[str, Source] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            return {}, [
                ManifestError(
                    f"missing column(s) {', '.join(missing)}",
                    where,
                    1,
                    ",".join(reader.fieldnames or []),
                )
            ]
        for row in reader:
            line = reader.line_num
            try:
                name = _safe_name((row.get("file") or "").strip(), where, line)
                if name in rows:
                    raise ManifestError("file listed twice", where, line, name)
                if not (raw_dir / name).is_file():
                    raise ManifestError(
                        "manifest names a file that does not exist", where, line, name
                    )
            except ParseError as exc:
                problems.append(exc)
                continue
            pub = (row.get("published") or "").strip()
            published = parse_date(pub) if pub else None
            if pub and published is None:
                problems.append(
                    ManifestError(
                        "published is not a date (use YYYY-MM-DD); ignored", where, line, pub
                    )
                )
            rows[name] = Source(
                file=name,
                url=(row.get("url") or "").strip() or None,
                author=(row.get("author") or "").strip() or None,
                published=published,
                title=(row.get("title") or "").strip() or None,
                layout=(row.get("layout") or "").strip() or None,
                line=line,
            )
    return rows, problems


def page_files(raw_dir: Path) -> list[str]:
    """Every file in the raw directory that is a page (not the manifest or a README)."""
    return sorted(
        p.name
        for p in raw_dir.iterdir()
        if p.is_file() and p.name not in _NOT_PAGES and not p.name.startswith(".")
    )


def read_page(raw_dir: Path, name: str, source: Source | None) -> RawPage:
    """Read one raw file as UTF-8 text; typed errors for empty, binary or mis-encoded files."""
    data = (raw_dir / name).read_bytes()
    if not data.strip():
        raise EmptyFileError("file is empty", name)
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise DecodeError("file is binary (NUL byte), not text", name, data.count(b"\n", 0, at) + 1)
    try:
        text = data.decode("utf-8")
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
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return RawPage(name, text, hashlib.sha256(data).hexdigest(), source)
