"""Command line: ``nec-reports`` or ``python -m nec_reports``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from . import __version__


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
    from .fetch import fetch_feeds

    run = fetch_feeds(
        args.feeds,
        args.raw,
        sources=args.source,
        since=args.since,
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
    from .tables import TABLES

    for name, (_, cols) in TABLES.items():
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
    from .api import table_docs
    from .schema import data_dictionary

    text = data_dictionary(table_docs()) + "\n"
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


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nec-reports", description=__doc__)
    p.add_argument("--version", action="version", version=f"nec-reports {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    _add_build(sub)

    d = sub.add_parser("dictionary", help="write the data dictionary (docs/data-dictionary.md)")
    d.add_argument("--out", type=Path, default=None, help="file to write (default: stdout)")
    d.set_defaults(func=cmd_dictionary)

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

    t = sub.add_parser("tables", help="list the tables and their columns")
    t.set_defaults(func=cmd_tables)

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
    return p


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
