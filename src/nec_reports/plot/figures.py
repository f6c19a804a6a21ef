"""Every chart for write-ups, by name, and writing them all out as PNG and SVG.

Figure files are named by what they show (``membership-over-time.png``), never by
position, so a link in a write-up keeps pointing at the same chart."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from . import corpus, membership, money, votes
from .data import PathLike, read_external_membership, read_table
from .theme import DPI

Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class FigureSpec:
    """A named chart: the tables it needs and how to draw it from them."""

    name: str
    needs: tuple[str, ...]
    draw: Callable[[Tables], Figure]
    about: str


FIGURES: dict[str, FigureSpec] = {
    spec.name: spec
    for spec in [
        FigureSpec(
            "reports-by-author-and-year",
            ("reports",),
            lambda t: corpus.reports_by_author_and_year(t["reports"]),
            "how many reports each author wrote in each year",
        ),
        FigureSpec(
            "meeting-timeline",
            ("meetings", "reports"),
            lambda t: corpus.meeting_timeline(t["meetings"], t["reports"]),
            "which meetings were reported, and by whom",
        ),
        FigureSpec(
            "excerpts-versus-full-texts",
            ("reports",),
            lambda t: corpus.excerpts_versus_full_texts(t["reports"]),
            "full texts and excerpts per author",
        ),
        FigureSpec(
            "coverage-by-quarter",
            ("meetings", "reports"),
            lambda t: corpus.coverage_by_quarter(t["meetings"], t["reports"]),
            "meetings reported per quarter, by how many members reported each",
        ),
        FigureSpec(
            "membership-over-time",
            ("membership",),
            lambda t: membership.membership_over_time(t["membership"]),
            "total, paid-up and in-arrears membership as each reporter gave it",
        ),
        FigureSpec(
            "membership-vs-outside-figures",
            ("membership", "external_membership"),
            lambda t: membership.membership_vs_outside_figures(
                t["membership"], t["external_membership"]
            ),
            "the reports' membership figures against the accounts and press",
        ),
        FigureSpec(
            "membership-reconciled",
            ("membership", "reports", "external_membership"),
            lambda t: membership.reconciled_membership(
                t["membership"], t["reports"], t["external_membership"]
            ),
            "one membership figure per date, disagreements marked, outside figures beside",
        ),
        FigureSpec(
            "vote-shares-over-time",
            ("votes",),
            lambda t: votes.vote_shares_over_time(t["votes"]),
            "the share of votes for each motion, meeting by meeting",
        ),
        FigureSpec(
            "closest-votes",
            ("votes",),
            lambda t: votes.closest_votes(t["votes"]),
            "the head-count votes with the smallest margins, with their motions",
        ),
        FigureSpec(
            "unanimous-vs-divided",
            ("votes",),
            lambda t: votes.unanimous_vs_divided(t["votes"]),
            "unanimous and divided decisions by body and year",
        ),
        FigureSpec(
            "money-by-category-over-time",
            ("money",),
            lambda t: money.money_by_category_over_time(t["money"]),
            "every amount of money in the reports, by category and date",
        ),
        FigureSpec(
            "largest-amounts",
            ("money",),
            lambda t: money.largest_amounts(t["money"]),
            "the largest amounts with the sentences they come from",
        ),
        FigureSpec(
            "fundraising-over-time",
            ("money", "donors"),
            lambda t: money.fundraising_over_time(t["money"], t["donors"]),
            "amounts raised or needed, and donor counts, over time",
        ),
    ]
}


def needed_tables() -> list[str]:
    """Every table some figure needs (``external_membership`` is the outside series)."""
    return sorted({n for spec in FIGURES.values() for n in spec.needs})


def load_figure_tables(
    data_dir: PathLike | None = None,
    *,
    external_dir: PathLike | None = None,
) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """The tables the figures need, and why any could not be read.

    With ``data_dir`` the tables are read from that folder (``nec-reports build --out``);
    without, they are built from the bundled corpus (cached)."""
    tables: dict[str, pd.DataFrame] = {}
    missing: dict[str, str] = {}
    wanted = [n for n in needed_tables() if n != "external_membership"]
    if data_dir is None:
        from ..build import build_tables

        built = build_tables().tables
        for n in wanted:
            if n in built:
                tables[n] = built[n]
            else:
                missing[n] = f"the build has no {n!r} table"
    else:
        for n in wanted:
            try:
                tables[n] = read_table(n, data_dir)
            except FileNotFoundError as exc:
                missing[n] = str(exc)
    ext = Path(external_dir) / "labour_membership_external.csv" if external_dir else None
    try:
        tables["external_membership"] = read_external_membership(ext)
    except FileNotFoundError as exc:
        missing["external_membership"] = str(exc)
    return tables, missing


def draw(name: str, tables: Tables) -> Figure:
    """Draw one named figure from ``tables``."""
    return FIGURES[name].draw(tables)


@dataclass
class ExportResult:
    written: list[Path]
    skipped: dict[str, str]


def export_figures(
    tables: Tables,
    out_dir: PathLike,
    *,
    names: Iterable[str] | None = None,
    formats: tuple[str, ...] = ("png", "svg"),
    dpi: int = DPI,
) -> ExportResult:
    """Write each figure as ``<out_dir>/<name>.<format>``; figures whose tables are
    missing are skipped and reported, never drawn empty."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    skipped: dict[str, str] = {}
    for name in names if names is not None else FIGURES:
        spec = FIGURES[name]
        lacking = [n for n in spec.needs if n not in tables]
        if lacking:
            skipped[name] = f"needs table(s) {', '.join(lacking)}"
            continue
        fig = spec.draw(tables)
        try:
            for fmt in formats:
                path = out / f"{name}.{fmt}"
                fig.savefig(
                    path,
                    dpi=dpi,
                    format=fmt,
                    facecolor="white",
                    metadata={"Date": None} if fmt == "svg" else None,
                )
                written.append(path)
        finally:
            plt.close(fig)
    return ExportResult(written, skipped)
