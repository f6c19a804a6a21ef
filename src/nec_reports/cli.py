"""Command line: ``nec-reports`` or ``python -m nec_reports``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .version import __version__


def _default_out() -> Path:
    from .corpus import data_dir

    return data_dir() / "processed"


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_tables, write_tables
    from .corpus import default_raw_dir
    from .output import check_out_dir

    out = Path(args.out) if args.out else _default_out()
    check_out_dir(out, args.raw or default_raw_dir())  # before the build, not after
    limit = None if args.max_file_mb is None else int(args.max_file_mb * 1_000_000)
    build = build_tables(args.raw, use_cache=False, max_file_bytes=limit)
    write_tables(build, out)
    print(build.summary())
    print(f"tables written to {out}")
    return 1 if build.problems else 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from .fetch import fetch_feeds, fetch_history

    if args.rate < 0:
        print("error: --rate must be 0 (no limit) or more", file=sys.stderr)
        return 2
    if args.history:
        run = fetch_history(
            args.feeds,
            args.raw,
            sources=args.source,
            since=args.since,
            until=args.until,
            dry_run=args.dry_run,
            rate=args.rate,
            archive_url=args.archive_url,
            progress=sys.stderr.isatty(),
        )
    else:
        run = fetch_feeds(
            args.feeds,
            args.raw,
            sources=args.source,
            since=args.since,
            until=args.until,
            dry_run=args.dry_run,
            progress=sys.stderr.isatty(),
        )
    print(run.summary())
    if run.added and not run.dry_run:
        print("run `nec-reports build` to update the tables")
    for r in run.failed:
        print(f"error: {r.feed.name}: {r.error}", file=sys.stderr)
    return 0 if run.ok else 1


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def cmd_tables(args: argparse.Namespace) -> int:
    from .tables import declared

    for name, cols in declared().items():
        print(f"{name}: {', '.join(cols)}")
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from .plot import FIGURES, export_figures, load_figure_tables

    tables, missing = load_figure_tables(args.data, external_dir=args.external)
    names = args.only or list(FIGURES)
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        print(
            f"error: unknown figure(s) {', '.join(unknown)}; known: {', '.join(FIGURES)}",
            file=sys.stderr,
        )
        return 2
    result = export_figures(tables, args.out, names=names, dpi=args.dpi)
    for path in result.written:
        print(path)
    for name, why in result.skipped.items():
        print(f"skipped {name}: {why}", file=sys.stderr)
    for table, why in missing.items():
        print(f"  ({table}: {why})", file=sys.stderr)
    print(
        f"{len(result.written)} file(s) written to {args.out}; {len(result.skipped)} figure(s) "
        "skipped",
        file=sys.stderr,
    )
    return 1 if result.skipped else 0


def cmd_dictionary(args: argparse.Namespace) -> int:
    from .api import dictionary_docs
    from .schema import data_dictionary

    text = data_dictionary(dictionary_docs()) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _add_build(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = sub.add_parser("build", help="parse the raw pages and write every table as CSV and Parquet")
    b.add_argument("--raw", type=Path, default=None, help="raw folder (default: bundled corpus)")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: data/processed)")
    b.add_argument(
        "--max-file-mb",
        type=float,
        default=None,
        metavar="MB",
        help="skip (and report) raw files larger than this (default: 10, or "
        "$NEC_REPORTS_MAX_FILE_MB)",
    )
    b.set_defaults(func=cmd_build)


def _add_fetch(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    f = sub.add_parser(
        "fetch",
        help="add new NEC reports from the blogs' feeds to the raw folder (uses the network)",
    )
    f.add_argument(
        "--source",
        nargs="+",
        action="extend",
        default=[],
        metavar="NAME",
        help="only these feeds (names from the registry); default: all",
    )
    f.add_argument(
        "--since",
        type=_iso_date,
        default=None,
        metavar="DATE",
        help="only posts published on or after DATE (YYYY-MM-DD)",
    )
    f.add_argument(
        "--until",
        type=_iso_date,
        default=None,
        metavar="DATE",
        help="only posts published on or before DATE (YYYY-MM-DD)",
    )
    f.add_argument(
        "--history",
        action="store_true",
        help="every post each blog ever published (its archive, the REST API or paged "
        "feed, and web-archive captures for archive rows), not only the latest",
    )
    f.add_argument(
        "--archive-url",
        default="https://web.archive.org",
        metavar="URL",
        help="Wayback-compatible archive for archive rows (default: the Internet Archive)",
    )
    f.add_argument(
        "--rate",
        type=float,
        default=1.0,
        metavar="N",
        help="with --history: at most N requests a second to each host (default 1; 0: no limit)",
    )
    f.add_argument("--dry-run", action="store_true", help="download and report, write nothing")
    f.add_argument(
        "--feeds",
        type=Path,
        default=None,
        metavar="FILE",
        help="feed registry CSV (default: the bundled data/feeds.csv)",
    )
    f.add_argument(
        "--raw",
        type=Path,
        default=None,
        metavar="DIR",
        help="raw folder to add to (default: the bundled data/raw)",
    )
    f.set_defaults(func=cmd_fetch)


def _add_figures(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    g = sub.add_parser("figures", help="write every chart as PNG and SVG (needs the plot extra)")
    g.add_argument(
        "--out",
        type=Path,
        default=Path("reports/figures"),
        help="output folder (default: reports/figures)",
    )
    g.add_argument(
        "--data",
        type=Path,
        default=None,
        help="folder of built tables (default: build from the bundled corpus)",
    )
    g.add_argument(
        "--external",
        type=Path,
        default=None,
        help="folder of outside figures (default: data/external)",
    )
    g.add_argument(
        "--only", nargs="+", metavar="NAME", default=None, help="draw only these figures (by name)"
    )
    g.add_argument("--dpi", type=int, default=200, help="PNG resolution (default: 200)")
    g.set_defaults(func=cmd_figures)


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nec-reports", description=__doc__)
    p.add_argument("--version", action="version", version=f"nec-reports {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    _add_build(sub)

    about = (
        "print the data dictionary (Markdown, as in docs/data-dictionary.md); "
        "--out FILE writes it to FILE instead"
    )
    d = sub.add_parser("dictionary", help=about, description=about[0].upper() + about[1:] + ".")
    d.add_argument("--out", type=Path, default=None, help="file to write (default: print it)")
    d.set_defaults(func=cmd_dictionary)

    _add_fetch(sub)

    t = sub.add_parser("tables", help="list the tables and their columns")
    t.set_defaults(func=cmd_tables)

    _add_figures(sub)
    _add_search_and_export(sub)
    return p


def cmd_search(args: argparse.Namespace) -> int:
    import pandas as pd

    from .textsearch import search

    hits = search(
        " ".join(args.query),
        author=args.author,
        since=args.since,
        until=args.until,
        limit=args.limit,
        raw_dir=args.raw,
    )
    for h in hits.itertuples():
        day = "undated" if pd.isna(h.meeting_date) else h.meeting_date.strftime("%Y-%m-%d")
        print(f"{h.rank:>3}. {day}  {h.author or 'unknown author'}: {h.title or '(untitled)'}")
        print(f"     {h.sentence}")
        print(f"     {h.source_url or ''}  [{h.report_id} {h.start}:{h.end}]")
    print(f"{len(hits)} sentence(s) found", file=sys.stderr)
    return 0 if len(hits) else 1


def cmd_export(args: argparse.Namespace) -> int:
    import importlib.util

    from .build import build_tables
    from .export import to_excel_csv, to_sqlite, to_xlsx

    if not (args.sqlite or args.xlsx or args.csv):
        print(
            "error: say what to write: --sqlite FILE, --xlsx FILE and/or --csv DIR", file=sys.stderr
        )
        return 2
    if args.xlsx and importlib.util.find_spec("openpyxl") is None:
        print(
            "error: --xlsx needs the excel extra: pip install 'nec-reports[excel]'", file=sys.stderr
        )
        return 2
    tables = build_tables(args.raw).tables
    if args.sqlite:
        db, meta = to_sqlite(tables, args.sqlite)
        print(f"{db}\n{meta}")
        print(f"  browse it: datasette {db} --metadata {meta}", file=sys.stderr)
    if args.xlsx:
        print(to_xlsx(tables, args.xlsx))
    if args.csv:
        for path in to_excel_csv(tables, args.csv):
            print(path)
    return 0


def _add_search_and_export(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("search", help="full-text search over every report's sentences")
    s.add_argument(
        "query",
        nargs="+",
        help='words (all must occur), "a phrase", prefix*, OR, NOT; stemmed, case ignored',
    )
    s.add_argument("--author", default=None, help="only this writer's reports")
    s.add_argument("--since", type=_iso_date, default=None, metavar="DATE", help="from DATE on")
    s.add_argument("--until", type=_iso_date, default=None, metavar="DATE", help="up to DATE")
    s.add_argument("--limit", type=int, default=50, help="at most this many hits (default 50)")
    s.add_argument("--raw", type=Path, default=None, help="raw folder (default: bundled corpus)")
    s.set_defaults(func=cmd_search)

    e = sub.add_parser(
        "export", help="write every table to an SQLite database, an Excel workbook or CSVs"
    )
    e.add_argument(
        "--sqlite",
        type=Path,
        metavar="FILE",
        help="SQLite database with keys and a full-text index, plus FILE's Datasette "
        "metadata (NAME.metadata.json beside it)",
    )
    e.add_argument(
        "--xlsx", type=Path, metavar="FILE", help="Excel workbook (needs the excel extra)"
    )
    e.add_argument(
        "--csv",
        type=Path,
        metavar="DIR",
        help="CSVs for Excel (UTF-8 with a byte-order mark) in DIR",
    )
    e.add_argument("--raw", type=Path, default=None, help="raw folder (default: bundled corpus)")
    e.set_defaults(func=cmd_export)


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 0
    except Exception as exc:
        from .errors import NecReportsError

        if isinstance(exc, NecReportsError):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
