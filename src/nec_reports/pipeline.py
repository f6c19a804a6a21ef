"""The whole parse, file by file: raw pages -> posts -> reports -> sections.

One broken file never stops the others: its error is kept and reported, and every raw
file appears in the summary with the layout found and the posts it gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import corrections as corr
from .accounting import describe, unused_spans
from .checks import settle_post, settle_records
from .corpus import (
    Source,
    default_raw_dir,
    page_files,
    read_manifest,
    read_page,
    skip_reason,
    skipped_entries,
    url_kind,
)
from .errors import ManifestError, ParseError, UnknownLayoutError
from .layouts import FALLBACK_NOTE, split_page
from .models import Post, Report
from .reports import merge_posts
from .sections import infer_reference_dates, sectionize
from .text import clean_line


@dataclass(slots=True)
class FileSummary:
    """What became of one raw file."""

    file: str
    layout: str | None = None
    posts: int = 0
    sha256: str | None = None
    error: str | None = None
    status: str = "read"  # read, failed (error says why) or skipped (error says why)
    unused_chars: int | None = None  # characters on lines no post or comment holds
    unused: str | None = None  # where they are: line ranges and sizes


@dataclass(slots=True)
class Corpus:
    raw_dir: Path
    reports: list[Report]
    files: list[FileSummary]
    problems: list[ParseError] = field(default_factory=list)
    pending_corrections: list[corr.Correction] = field(default_factory=list)


def parse_corpus(
    raw_dir: Path | str | None = None,
    corrections: Path | None = None,
    *,
    max_file_bytes: int | None = None,
) -> Corpus:
    """Every raw file, read, split and merged into reports; nothing raised for bad input
    (every problem is kept, located) except a raw folder that does not exist."""
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    if not raw.is_dir():
        raise ManifestError("raw directory does not exist", str(raw))
    manifest, problems = read_manifest(raw)
    files: list[FileSummary] = []
    posts: list[Post] = []
    names = page_files(raw)
    listed = [n for n in manifest if n in names]
    for name in listed + [n for n in names if n not in manifest]:
        summary = FileSummary(name)
        files.append(summary)
        source = manifest.get(name)
        if source is None and (raw / "sources.csv").exists():
            problems.append(
                ManifestError("raw file is not listed in sources.csv; add a row for it", name)
            )
        found = _read_file(raw, summary, source, problems, max_file_bytes)
        posts.extend(found)
    for name, problem in skipped_entries(raw):
        why = str(problem) if problem else f"{name}: {skip_reason(raw, name)}"
        files.append(FileSummary(name, error=why, status="skipped"))
        if problem:
            problems.append(problem)

    reports = merge_posts(posts)
    problems += [
        ParseError(
            "post has no body text (only its title and comments were found)",
            r.source_files[0],
            r.line,
            r.title,
        )
        for r in reports
        if not r.text.strip()
    ]
    refs = infer_reference_dates(reports)
    for r in reports:
        sectionize(r, refs[r.report_id])
    cpath = corrections or corr.default_path(raw)
    rows, cproblems = corr.read_corrections(cpath)
    pending, aproblems = corr.apply_to_reports(reports, rows)
    ids = {r.report_id for r in reports}
    for c in list(pending):
        # fact ids are "<report_id>-<kind><seq>": anything else names nothing we built
        if c.id.rsplit("-", 1)[0] not in ids:
            if not corr.is_fallback(cpath, raw):
                aproblems.append(
                    corr.CorrectionError("no report or fact has this id", c.file, c.line, c.id)
                )
            pending.remove(c)
    for r in reports:
        if len(r.meeting_dates) == 1:
            for s in r.sections:
                if s.heading is None:
                    s.meeting_date = r.meeting_dates[0]
    for r in reports:
        if any(c.startswith("published:") for c in r.corrections):
            r.published_from = "correction" if r.published else None
    dproblems = settle_records(reports)
    return Corpus(raw, reports, files, [*problems, *cproblems, *aproblems, *dproblems], pending)


def _read_file(
    raw: Path,
    summary: FileSummary,
    source: Source | None,
    problems: list[ParseError],
    max_bytes: int | None,
) -> list[Post]:
    """One raw file's posts; a file that cannot be read or split gives none, its error
    kept on its summary and in ``problems``."""
    name = summary.file
    try:
        page = read_page(raw, name, source, max_bytes=max_bytes)
        summary.sha256 = page.sha256
        layout, found = split_page(page.text, name, source.layout if source else None)
    except ParseError as exc:
        summary.error, summary.status = str(exc), "failed"
        problems.append(exc)
        return []
    summary.layout, summary.posts = layout, len(found)
    spans = unused_spans(page.text, found)
    summary.unused_chars, summary.unused = sum(sp.chars for sp in spans), describe(spans)
    problems += [
        ParseError(f"text not used in any post ({sp.chars} chars)", name, sp.first, sp.text)
        for sp in spans
        if sp.is_prose
    ]
    for p in found:
        _apply_source_defaults(p, source, len(found))
        problems.extend(settle_post(p))
        if p.problem:
            kind = UnknownLayoutError if p.problem == FALLBACK_NOTE else ParseError
            problems.append(kind(p.problem, name, p.line, (p.title or p.text)[:80]))
    return found


def _apply_source_defaults(post: Post, source: Source | None, posts_in_file: int = 1) -> None:
    if post.url:  # the page itself gave this post's address
        post.url_kind = post.url_kind or url_kind(post.url)
    if post.published:
        post.published_from = post.published_from or "page"
    if source is None:
        return
    if not post.url and source.url:
        post.url, post.url_kind = source.url, url_kind(source.url, posts_in_file)
    post.author_hint = post.author_hint or source.author
    if not post.published and source.published:
        post.published, post.published_from = source.published, "manifest"
    if not post.title and source.title:
        post.title = source.title
    post.title = clean_line(post.title)
