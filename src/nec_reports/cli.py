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


def cmd_dictionary(args: argparse.Namespace) -> int:
    from .api import table_docs
    from .schema import data_dictionary

    text = data_dictionary(table_docs()) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nec-reports", description=__doc__)
    p.add_argument("--version", action="version", version=f"nec-reports {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="parse the raw pages and write every table as CSV and Parquet")
    b.add_argument("--raw", type=Path, default=None, help="raw folder (default: bundled corpus)")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: data/processed)")
    b.set_defaults(func=cmd_build)

    d = sub.add_parser("dictionary", help="write the data dictionary (docs/data-dictionary.md)")
    d.add_argument("--out", type=Path, default=None, help="file to write (default: stdout)")
    d.set_defaults(func=cmd_dictionary)

    t = sub.add_parser("tables", help="list the tables and their columns")
    t.set_defaults(func=cmd_tables)
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
