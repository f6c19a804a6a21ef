"""Every chart for write-ups, by name, and writing them all out as PNG and SVG.

Figure files are named by what they show (``membership-over-time.png``), never by
position, so a link in a write-up keeps pointing at the same chart."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from . import corpus, membership, money, votes
from .data import PathLike, read_external_membership, read_table
from .theme import DPI, alt_text, alt_title

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
            ("membership", "reports"),
            lambda t: membership.membership_over_time(t["membership"], t["reports"]),
            "total, paid-up and in-arrears membership: one line per measure, broken at gaps",
        ),
        FigureSpec(
            "membership-vs-outside-figures",
            ("membership", "reports", "external_membership"),
            lambda t: membership.membership_vs_outside_figures(
                t["membership"], t["external_membership"], t["reports"]
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
            ("votes", "reports"),
            lambda t: votes.vote_shares_over_time(t["votes"], t["reports"]),
            "the share of head-count votes for each decision, meeting by meeting",
        ),
        FigureSpec(
            "closest-votes",
            ("votes", "reports"),
            lambda t: votes.closest_votes(t["votes"], t["reports"]),
            "the head-count decisions with the smallest margins, with their motions",
        ),
        FigureSpec(
            "unanimous-vs-divided",
            ("votes", "reports"),
            lambda t: votes.unanimous_vs_divided(t["votes"], t["reports"]),
            "unanimous and divided decisions by body and year",
        ),
        FigureSpec(
            "money-by-category-over-time",
            ("money", "reports"),
            lambda t: money.money_by_category_over_time(t["money"], t["reports"]),
            "the party's own money by kind and date, targets apart",
        ),
        FigureSpec(
            "largest-amounts",
            ("money", "reports"),
            lambda t: money.largest_amounts(t["money"], t["reports"]),
            "the largest amounts of the party's own money, with their sentences",
        ),
        FigureSpec(
            "fundraising-over-time",
            ("money", "donors", "reports"),
            lambda t: money.fundraising_over_time(t["money"], t["donors"], t["reports"]),
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
    alts: dict[str, tuple[str, str]] = {}
    for name in names if names is not None else FIGURES:
        spec = FIGURES[name]
        lacking = [n for n in spec.needs if n not in tables]
        if lacking:
            skipped[name] = f"needs table(s) {', '.join(lacking)}"
            continue
        fig = spec.draw(tables)
        title, alt = alt_title(fig) or spec.about, alt_text(fig) or spec.about
        alts[name] = (title, alt)
        try:
            for fmt in formats:
                path = out / f"{name}.{fmt}"
                fig.savefig(
                    path,
                    dpi=dpi,
                    format=fmt,
                    facecolor="white",
                    metadata=_metadata(fmt, title, alt),
                )
                if fmt == "svg":
                    _svg_desc(path, alt)
                written.append(path)
        finally:
            plt.close(fig)
    if alts:
        path = out / ALT_TEXT_FILE
        _write_alt_text(path, alts, formats)
        written.append(path)
    return ExportResult(written, skipped)


#: The alt text of every figure written, one section per figure, beside the figures.
ALT_TEXT_FILE = "alt-text.md"


def _metadata(fmt: str, title: str, alt: str) -> dict[str, str | None] | None:
    """Alt text stored in the file: the SVG's <title> (and <desc>, see :func:`_svg_desc`),
    a PNG's Title and Description text chunks, a PDF's Title and Subject."""
    if fmt == "svg":
        return {"Date": None, "Title": title, "Description": alt}
    if fmt == "png":
        return {"Title": title, "Description": alt}
    if fmt == "pdf":
        return {"Title": title, "Subject": alt}
    return None


def _svg_desc(path: Path, alt: str) -> None:
    """Put ``<desc>`` (what screen readers read) after the SVG's ``<title>``, and mark
    the SVG as an image labelled by them."""
    from xml.sax.saxutils import escape

    text = path.read_text(encoding="utf-8")
    at = text.find("</title>")
    if at < 0:
        return
    at += len("</title>")
    text = text[:at] + f"\n <desc>{escape(alt)}</desc>" + text[at:]
    text = text.replace("<svg ", '<svg role="img" ', 1)
    path.write_text(text, encoding="utf-8")


def read_alt_text(path: PathLike) -> dict[str, str]:
    """The alt text of each figure in an ``alt-text.md`` written by :func:`export_figures`."""
    out: dict[str, str] = {}
    name = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            name = line[3:].strip().strip("`")
        elif name and line.startswith("Alt text: "):
            out[name] = line[len("Alt text: ") :]
    return out


def _write_alt_text(
    path: Path, alts: Mapping[str, tuple[str, str]], formats: Sequence[str]
) -> None:
    lines = [
        "# Alt text for the figures",
        "",
        "Written by `nec-reports figures` with the figures; the same text is in each SVG's "
        "`<title>`/`<desc>` and each PNG's Title/Description metadata.",
        "",
    ]
    if path.exists():  # keep the figures not redrawn this time
        kept = read_alt_text(path)
        alts = {**{k: ("", v) for k, v in kept.items() if k not in alts}, **alts}
    for name in sorted(alts):
        title, alt = alts[name]
        files = ", ".join(f"`{name}.{fmt}`" for fmt in formats)
        lines += [f"## {name}", ""]
        if title:
            lines += [f"Title: {title}", ""]
        lines += [f"Files: {files}", "", f"Alt text: {alt}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
