"""Command line: ``nec-reports`` or ``python -m nec_reports``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__


def _default_out() -> Path:
    from .corpus import data_dir

    return data_dir() / "processed"


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_tables, write_tables

    build = build_tables(args.raw, use_cache=False)
    out = Path(args.out) if args.out else _default_out()
    write_tables(build, out)
    print(build.summary())
    print(f"tables written to {out}")
    return 1 if build.problems else 0


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


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nec-reports", description=__doc__)
    p.add_argument("--version", action="version", version=f"nec-reports {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="parse the raw pages and write every table as CSV and Parquet")
    b.add_argument("--raw", type=Path, default=None, help="raw folder (default: bundled corpus)")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: data/processed)")
    b.set_defaults(func=cmd_build)

    t = sub.add_parser("tables", help="list the tables and their columns")
    t.set_defaults(func=cmd_tables)

    f = sub.add_parser("figures", help="write every chart as PNG and SVG (needs the plot extra)")
    f.add_argument(
        "--out",
        type=Path,
        default=Path("reports/figures"),
        help="output folder (default: reports/figures)",
    )
    f.add_argument(
        "--data",
        type=Path,
        default=None,
        help="folder of built tables (default: build from the bundled corpus)",
    )
    f.add_argument(
        "--external",
        type=Path,
        default=None,
        help="folder of outside figures (default: data/external)",
    )
    f.add_argument(
        "--only", nargs="+", metavar="NAME", default=None, help="draw only these figures (by name)"
    )
    f.add_argument("--dpi", type=int, default=200, help="PNG resolution (default: 200)")
    f.set_defaults(func=cmd_figures)
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
