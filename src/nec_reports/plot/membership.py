"""Labour membership as the NEC reports give it, and beside the outside figures."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import theme as th
from .data import external_year_end, membership_agreement, membership_points, source_line

STOCK = ("members", "paid_up")
FLOW = ("arrears",)
EXTERNAL_NOTE = (
    "outside figures from data/external (year-end counts from Labour's accounts via the "
    "Electoral Commission and press; other press, Commons Library and leaked estimates)"
)


def _dodged(pts: pd.DataFrame) -> pd.Series:
    """Dates nudged apart where several reporters give a figure for the same date and
    measure, so agreeing figures sit side by side instead of on top of each other."""
    span = (pts["when"].max() - pts["when"].min()) if len(pts) else pd.Timedelta(0)
    step = max(span / 90, pd.Timedelta(days=4))
    rank = pts.groupby(["when", "measure"])["author"].rank(method="dense") - 1
    n = pts.groupby(["when", "measure"])["author"].transform("nunique")
    return pts["when"] + (rank - (n - 1) / 2).to_numpy(dtype=float) * step


def _draw_points(ax: Axes, pts: pd.DataFrame, authors: Sequence[str], *, line: bool = True) -> None:
    """Each reporter's figures as markers (shape = author, colour = measure); where
    reporters give different figures for one date, a bar joins the lowest and highest."""
    markers = th.marker_map(authors)
    pts = pts.assign(x=_dodged(pts))
    for measure in [m for m in th.MEASURE_COLORS if m in set(pts["measure"])]:
        part = pts[pts["measure"] == measure]
        color = th.MEASURE_COLORS[measure]
        if line:
            series = part.groupby("when")["value"].median().sort_index()
            ax.plot(
                series.index, series.to_numpy(dtype=float), color=color, lw=1.2, alpha=0.7, zorder=2
            )
        spread = membership_agreement(part)
        for row in spread[~spread["agree"]].itertuples():
            ax.vlines(
                row.when, float(row.low), float(row.high), color=color, lw=3, alpha=0.35, zorder=2
            )
        for author in authors:
            a = part[part["author"] == author]
            if len(a):
                ax.scatter(
                    a["x"],
                    a["value"].to_numpy(dtype=float),
                    color=color,
                    marker=markers[author],
                    s=42,
                    edgecolor="white",
                    linewidth=0.6,
                    zorder=3,
                )


def _legend(
    ax: Axes,
    measures: Sequence[str],
    authors: Sequence[str],
    extra: Sequence[tuple[Line2D, str]] = (),
    *,
    lines: bool = True,
) -> None:
    markers = th.marker_map(authors)
    handles: list[Line2D] = [
        Line2D([], [], color=th.MEASURE_COLORS[m], lw=1.5)
        if lines
        else Line2D([], [], ls="", marker="s", color=th.MEASURE_COLORS[m], markersize=8)
        for m in measures
    ]
    labels = [th.label(m) for m in measures]
    handles += [
        Line2D([], [], ls="", marker=markers[a], color="0.35", markersize=7) for a in authors
    ]
    labels += [f"reported by {a}" for a in authors]
    for h, lab in extra:
        handles.append(h)
        labels.append(lab)
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def membership_over_time(membership: pd.DataFrame) -> Figure:
    """Members, paid-up members (top) and members in arrears (bottom) as each NEC
    reporter gave them: one marker per reporter per date; a shaded bar where reporters
    differ; a line through the middle figure of each date."""
    pts = membership_points(membership, [*STOCK, *FLOW])
    authors = sorted(pts["author"].dropna().unique().tolist())
    with th.themed():
        fig = th.new_figure(10, 7.0)
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[2.2, 1])
        for ax, measures, ylabel in (
            (top, STOCK, "Members (thousands)"),
            (bottom, FLOW, "Members in arrears\n(thousands)"),
        ):
            part = pts[pts["measure"].isin(measures)]
            if part.empty:
                th.no_data(ax, "No figures of this kind in the reports")
                continue
            _draw_points(ax, part, authors)
            ax.set_ylabel(ylabel)
            ax.yaxis.set_major_formatter(th.thousands_formatter)
        if not pts.empty:
            th.date_axis(bottom)
            bottom.set_xlabel("Date the figure refers to (else the meeting date)")
            shown = [m for m in th.MEASURE_COLORS if m in set(pts["measure"])]
            _legend(
                top,
                shown,
                authors,
                [(Line2D([], [], color="0.6", lw=3, alpha=0.5), "range where reporters differ")],
            )
        th.finish(
            fig,
            source_line(pts),
            title="Labour membership, as NEC members reported it",
            subtitle="Total, fully paid-up and in-arrears members: "
            "one marker per reporter per date",
        )
    return fig


def membership_vs_outside_figures(
    membership: pd.DataFrame,
    external: pd.DataFrame,
    *,
    pad_years: float | None = 2.0,
    independent_only: bool = True,
) -> Figure:
    """The reports' total and paid-up figures on the same axis as the outside series:
    year-end counts from the party's accounts (a line) and other outside estimates
    (small grey markers).  ``pad_years`` limits the time axis to the reports' span plus
    this much either side (None: the whole outside series).  ``independent_only`` leaves
    out outside rows that are themselves NEC members' reports quoted second-hand."""
    pts = membership_points(membership, STOCK)
    authors = sorted(pts["author"].dropna().unique().tolist())
    ext = external[external["measure"].isin(["members", "paid_up"])].dropna(subset=["when"])
    if independent_only and "independent" in ext.columns:
        ext = ext[ext["independent"].fillna(True).astype(bool)]
    if pad_years is not None and len(pts):
        pad = pd.Timedelta(days=int(365.25 * pad_years))
        lo, hi = pts["when"].min() - pad, pts["when"].max() + pad
        ext = ext[(ext["when"] >= lo) & (ext["when"] <= hi)]
    year_end = external_year_end(ext)
    chosen = set(zip(year_end["date"], year_end["members"], strict=True))
    is_chosen = [
        (m == "members" and (d, v) in chosen)
        for d, v, m in zip(ext["date"], ext["members"], ext["measure"], strict=True)
    ]
    others = ext[~pd.Series(is_chosen, index=ext.index, dtype=bool)]
    with th.themed():
        fig = th.new_figure(10, 5.8)
        ax = fig.add_subplot()
        extra: list[tuple[Line2D, str]] = []
        if len(year_end):
            ax.plot(
                year_end["when"],
                year_end["members"].to_numpy(dtype=float),
                color="black",
                lw=1.4,
                marker=".",
                markersize=7,
                zorder=2,
            )
            extra.append(
                (
                    Line2D([], [], color="black", lw=1.4, marker=".", markersize=7),
                    "year-end count, party accounts",
                )
            )
        if len(others):
            for measure, mk in (("members", "x"), ("paid_up", "+")):
                o = others[others["measure"] == measure]
                if len(o):
                    ax.scatter(
                        o["when"],
                        o["members"].to_numpy(dtype=float),
                        color="0.45",
                        marker=mk,
                        s=28,
                        linewidth=1.1,
                        zorder=2,
                    )
                    extra.append(
                        (
                            Line2D([], [], ls="", marker=mk, color="0.45"),
                            "other outside estimate: "
                            + ("paid-up" if measure == "paid_up" else "total"),
                        )
                    )
        if pts.empty and ext.empty:
            th.no_data(ax, "No membership figures to draw")
        else:
            if len(pts):
                _draw_points(ax, pts, authors, line=False)
            ax.set_ylabel("Members (thousands)")
            ax.yaxis.set_major_formatter(th.thousands_formatter)
            ax.set_xlabel("Date the figure refers to")
            th.date_axis(ax)
            shown = [m for m in th.MEASURE_COLORS if m in set(pts["measure"])]
            _legend(ax, shown, authors, extra, lines=False)
        th.finish(
            fig,
            source_line(pts, extra=EXTERNAL_NOTE),
            title="Membership in the NEC reports against the outside record",
            subtitle="Reporters' figures (coloured) on the same axis as the accounts "
            "and the press (black, grey)",
        )
    return fig


def _series_source(series: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per report behind the series, with its author, for the source line."""
    author = dict(zip(reports["report_id"], reports["author"], strict=True))
    rows = [
        {"report_id": rid, "author": author.get(rid), "meeting_date": when}
        for rids, when in zip(series["report_ids"], series["as_of"], strict=True)
        for rid in rids
    ]
    return pd.DataFrame(rows, columns=["report_id", "author", "meeting_date"])


def reconciled_membership(
    membership: pd.DataFrame, reports: pd.DataFrame, external: pd.DataFrame
) -> Figure:
    """The reconciled series (``nr.membership_series``): one marker per date and measure,
    sized by how many reports give it; a red ring and a bar from the lowest to the
    highest figure where the reports disagree; the outside figures within three months
    (``nr.compare_external``) as grey crosses beside them."""
    from ..analysis import compare_external, membership_series

    series = membership_series(membership, reports, [*STOCK, *FLOW])
    near = compare_external(series, external) if len(series) else series.iloc[0:0]
    with th.themed():
        fig = th.new_figure(10, 5.8)
        ax = fig.add_subplot()
        if series.empty:
            th.no_data(ax, "No membership figures to draw")
        for measure in [m for m in th.MEASURE_COLORS if m in set(series["measure"])]:
            part = series[series["measure"] == measure]
            color = th.MEASURE_COLORS[measure]
            ax.plot(part["as_of"], part["value"].to_numpy(dtype=float), color=color, lw=1.1)
            size = 30 + 25 * part["n_reports"].to_numpy(dtype=float)
            ax.scatter(
                part["as_of"],
                part["value"].to_numpy(dtype=float),
                s=size,
                color=color,
                edgecolor="white",
                zorder=3,
                label=th.label(measure),
            )
            bad = part[~part["agree"].astype(bool)]
            ax.vlines(
                bad["as_of"],
                bad["low"].to_numpy(dtype=float),
                bad["high"].to_numpy(dtype=float),
                color=color,
                lw=3,
                alpha=0.4,
            )
            ax.scatter(
                bad["as_of"],
                bad["value"].to_numpy(dtype=float),
                s=170,
                facecolor="none",
                edgecolor="#d62728",
                lw=1.5,
                zorder=4,
            )
        if len(near):
            ax.scatter(
                near["as_of"],
                near["external_value"].to_numpy(dtype=float),
                marker="x",
                color="0.35",
                s=36,
                zorder=2,
                label="outside figure within 3 months",
            )
        if len(series):
            ax.scatter(
                [], [], s=170, facecolor="none", edgecolor="#d62728", label="reports disagree"
            )
            ax.set_ylabel("Members (thousands)")
            ax.yaxis.set_major_formatter(th.thousands_formatter)
            ax.set_xlabel("Date the figure refers to")
            th.date_axis(ax)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        th.finish(
            fig,
            source_line(_series_source(series, reports), extra=EXTERNAL_NOTE),
            title="Labour membership: one figure per date, reconciled across the reports",
            subtitle="Larger markers: more reports give the figure; red rings: they disagree",
        )
    return fig
