"""Labour membership as the NEC reports give it, and beside the outside figures."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import theme as th
from .data import external_year_end, source_line, tidy

STOCK = ("members", "paid_up")
FLOW = ("arrears",)
EXTERNAL_NOTE = (
    "outside figures from data/external (year-end counts from Labour's accounts via the "
    "Electoral Commission and press; other press, Commons Library and leaked estimates)"
)


#: A line is broken where the series has no figure for longer than this: the chart never
#: draws a straight line through months the reports say nothing about.
GAP = pd.Timedelta(days=183)
#: A filled shape for each measure (with its colour from the theme), so measures are told
#: apart by shape as well as colour.
MEASURE_MARKERS = {"members": "o", "paid_up": "s", "arrears": "^"}
#: Outside figures: filled shapes and colours no measure of the reports uses.
OUTSIDE_STYLE = {
    "year_end": {"marker": "D", "color": "black", "label": "year-end count, party accounts"},
    "members": {"marker": "v", "color": th.PALETTE[5], "label": "other outside estimate: total"},
    "paid_up": {
        "marker": "*",
        "color": th.PALETTE[4],
        "label": "other outside estimate: paid-up",
    },
}


def _series(
    membership: pd.DataFrame, reports: pd.DataFrame | None, measures: Sequence[str]
) -> pd.DataFrame:
    """The reconciled series (``nr.membership_series``) for ``measures``."""
    from ..analysis import membership_series

    m = tidy(membership, "membership")
    r = tidy(reports, "reports") if reports is not None else None
    return membership_series(m, r, list(measures))


def undated_figures(membership: pd.DataFrame, measures: Sequence[str]) -> int:
    """Figures of ``measures`` with neither a date they describe nor a meeting date: the
    series (and so every chart of it) leaves them out."""
    from ..analysis.series import as_of_date

    m = tidy(membership, "membership")
    m = m[m["measure"].isin(list(measures))]
    if m.empty:
        return 0
    no_as_of = [as_of_date(v)[0] is None for v in m["as_of"]] if "as_of" in m else [True] * len(m)
    no_meeting = m["meeting_date"].isna() if "meeting_date" in m else True
    return int((pd.Series(no_as_of, index=m.index) & no_meeting).sum())


def undated_note(n: int, what: str = "figure") -> str | None:
    """'3 undated figures' (None for none), for a source line's ``left_out``."""
    if not n:
        return None
    return f"{n} undated {what}{'s' if n != 1 else ''} (no date they describe, no meeting date)"


def segments(when: pd.Series, values: pd.Series, gap: pd.Timedelta = GAP) -> list[pd.DataFrame]:
    """The points in date order, cut into runs wherever two figures are more than ``gap``
    apart: one line per run, so a line never crosses months without data."""
    df = pd.DataFrame({"when": pd.to_datetime(when), "value": values.astype("float64")})
    df = df.dropna().sort_values("when", kind="stable").reset_index(drop=True)
    if df.empty:
        return []
    run = (df["when"].diff() > gap).cumsum()
    return [g for _, g in df.groupby(run, sort=True)]


def _draw_measure(ax: Axes, part: pd.DataFrame, measure: str, *, size: float = 46) -> None:
    """One measure of the series: a line per run of figures (broken at gaps), a filled
    marker per figure, and a pale bar from the lowest to the highest figure where the
    reports disagree."""
    color = th.MEASURE_COLORS[measure]
    for run in segments(part["as_of"], part["value"]):
        if len(run) > 1:
            ax.plot(run["when"], run["value"], color=color, lw=1.4, zorder=2)
    ax.scatter(
        part["as_of"],
        part["value"].to_numpy(dtype=float),
        color=color,
        marker=MEASURE_MARKERS.get(measure, "o"),
        s=size,
        edgecolor="white",
        linewidth=0.6,
        zorder=3,
    )
    bad = part[~part["agree"].astype(bool)]
    if len(bad):
        ax.vlines(
            bad["as_of"],
            bad["low"].to_numpy(dtype=float),
            bad["high"].to_numpy(dtype=float),
            color=color,
            lw=4,
            alpha=0.35,
            zorder=2,
        )


def _measure_handle(measure: str) -> Line2D:
    return Line2D(
        [],
        [],
        color=th.MEASURE_COLORS[measure],
        lw=1.4,
        marker=MEASURE_MARKERS.get(measure, "o"),
        markersize=7,
        markeredgecolor="white",
    )


def _describe(series: pd.DataFrame, measure: str) -> str:
    """'Members (total): 12 figures from 530,000 (Nov 2018) to 395,811 (May 2023), highest
    570,000 (Jul 2020)' for alt text."""
    part = series[series["measure"] == measure].sort_values("as_of", kind="stable")
    if part.empty:
        return ""
    first, last = part.iloc[0], part.iloc[-1]
    top = part.loc[part["value"].astype(float).idxmax()]
    n = len(part)
    text = f"{th.label(measure)}: {n} figure{'s' if n != 1 else ''}"
    if n == 1:
        return text + f", {int(first['value']):,} ({th.month(first['as_of'])})"
    text += (
        f" from {int(first['value']):,} ({th.month(first['as_of'])}) to "
        f"{int(last['value']):,} ({th.month(last['as_of'])})"
    )
    if int(top["value"]) not in (int(first["value"]), int(last["value"])):
        text += f", highest {int(top['value']):,} ({th.month(top['as_of'])})"
    return text


def _gaps(series: pd.DataFrame, measure: str) -> list[str]:
    part = series[series["measure"] == measure]
    runs = segments(part["as_of"], part["value"])
    return [
        f"{th.month(a.iloc[-1]['when'])} to {th.month(b.iloc[0]['when'])}"
        for a, b in itertools.pairwise(runs)
    ]


def membership_over_time(membership: pd.DataFrame, reports: pd.DataFrame | None = None) -> Figure:
    """Members and paid-up members (top) and members in arrears (bottom), one line per
    measure from the reconciled series (``nr.membership_series``: one figure per date
    and measure, a repost counted once), broken where the reports give no figure for
    more than six months.  Both axes start at zero; a pale bar marks a date where the
    reports disagree.  ``reports`` (the reports table) lets a repost count once."""
    measures = [*STOCK, *FLOW]
    series = _series(membership, reports, measures)
    undated = undated_figures(membership, measures)
    with th.themed():
        fig = th.new_figure(10, 7.0)
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[2.2, 1])
        for ax, group, ylabel in (
            (top, STOCK, "Members (thousands)"),
            (bottom, FLOW, "Members in arrears\n(thousands)"),
        ):
            part = series[series["measure"].isin(group)]
            if part.empty:
                th.no_data(ax, "No figures of this kind in the reports")
                continue
            for measure in [m for m in group if m in set(part["measure"])]:
                _draw_measure(ax, part[part["measure"] == measure], measure)
            ax.set_ylim(0, float(part["high"].astype(float).max()) * 1.08)
            ax.set_ylabel(ylabel)
            ax.yaxis.set_major_formatter(th.thousands_formatter)
        shown = [m for m in measures if m in set(series["measure"])]
        if shown:
            th.date_axis(bottom)
            bottom.set_xlabel("Date the figure refers to (else the meeting date)")
            handles = [_measure_handle(m) for m in shown]
            labels = [th.label(m) for m in shown]
            if (~series["agree"].astype(bool)).any():
                handles.append(Line2D([], [], color="0.6", lw=4, alpha=0.5))
                labels.append("range where reports disagree")
            top.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        gaps = _gaps(series, "members")
        alt = (
            "Line chart of Labour membership over time in two panels, both starting at zero. "
            + "; ".join(d for d in (_describe(series, m) for m in shown) if d)
            + "."
            + (f" The total-members line breaks for the gaps {', '.join(gaps)}." if gaps else "")
        )
        th.finish(
            fig,
            source_line(
                _series_source(series, membership, reports),
                table="membership_series",
                left_out=undated_note(undated),
            ),
            title="Labour membership, as NEC members reported it",
            subtitle="One figure per date and measure, reconciled across the reports; "
            "lines break where no figure was given for over six months",
            alt=alt,
        )
    return fig


def _series_line(
    series: pd.DataFrame, membership: pd.DataFrame, reports: pd.DataFrame, undated: int
) -> str:
    """The source line of a chart of the reconciled series beside the outside record."""
    return source_line(
        _series_source(series, membership, reports),
        table="membership_series",
        extra=EXTERNAL_NOTE,
        left_out=undated_note(undated),
    )


def _series_source(
    series: pd.DataFrame, membership: pd.DataFrame, reports: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per report behind the series, with its author, for the source line."""
    author: dict[object, object] = {}
    for table in (membership, reports):
        if table is not None and len(table) and "author" in table.columns:
            author.update(zip(table["report_id"], table["author"], strict=True))
    rows = [
        {"report_id": rid, "author": author.get(rid), "meeting_date": when}
        for rids, when in zip(series["report_ids"], series["as_of"], strict=True)
        for rid in rids
    ]
    return pd.DataFrame(rows, columns=["report_id", "author", "meeting_date"])


def _outside(
    external: pd.DataFrame, lo: pd.Timestamp | None, hi: pd.Timestamp | None, independent_only: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The outside figures in [lo, hi]: the year-end account counts and the others."""
    ext = external[external["measure"].isin(["members", "paid_up"])].dropna(subset=["when"])
    if independent_only and "independent" in ext.columns:
        ext = ext[ext["independent"].fillna(True).astype(bool)]
    if lo is not None and hi is not None:
        ext = ext[(ext["when"] >= lo) & (ext["when"] <= hi)]
    year_end = external_year_end(ext)
    chosen = set(zip(year_end["date"], year_end["members"], strict=True))
    is_chosen = [
        (m == "members" and (d, v) in chosen)
        for d, v, m in zip(ext["date"], ext["members"], ext["measure"], strict=True)
    ]
    return year_end, ext[~pd.Series(is_chosen, index=ext.index, dtype=bool)]


def _outside_span(
    series: pd.DataFrame, pad_years: float | None
) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The reports' span plus ``pad_years`` either side (None, None: no limit)."""
    if pad_years is None or not len(series):
        return None, None
    pad = pd.Timedelta(days=int(365.25 * pad_years))
    return series["as_of"].min() - pad, series["as_of"].max() + pad


def _draw_year_end(
    ax: Axes, year_end: pd.DataFrame, handles: list[Line2D], labels: list[str]
) -> None:
    """The year-end account counts: black diamonds, joined; appends their legend entry."""
    if not len(year_end):
        return
    style = OUTSIDE_STYLE["year_end"]
    ax.plot(
        year_end["when"],
        year_end["members"].to_numpy(dtype=float),
        color="black",
        lw=1.2,
        zorder=2,
    )
    ax.scatter(
        year_end["when"],
        year_end["members"].to_numpy(dtype=float),
        color="black",
        marker=style["marker"],
        s=30,
        zorder=3,
    )
    handles.append(Line2D([], [], color="black", lw=1.2, marker=style["marker"], markersize=6))
    labels.append(style["label"])


def _draw_other_outside(
    ax: Axes, others: pd.DataFrame, handles: list[Line2D], labels: list[str]
) -> None:
    """The other outside estimates, one shape per measure; appends their legend entries."""
    for measure in ("members", "paid_up"):
        o = others[others["measure"] == measure]
        if not len(o):
            continue
        style = OUTSIDE_STYLE[measure]
        star = style["marker"] == "*"
        ax.scatter(
            o["when"],
            o["members"].to_numpy(dtype=float),
            color=style["color"],
            marker=style["marker"],
            s=110 if star else 48,
            edgecolor="white",
            linewidth=0.5,
            zorder=2,
        )
        handles.append(
            Line2D(
                [],
                [],
                ls="",
                marker=style["marker"],
                color=style["color"],
                markersize=12 if star else 8,
                markeredgecolor="white",
            )
        )
        labels.append(style["label"])


def _draw_reports_over_outside(
    ax: Axes,
    series: pd.DataFrame,
    year_end: pd.DataFrame,
    others: pd.DataFrame,
    handles: list[Line2D],
    labels: list[str],
) -> None:
    """The reports' measures over the outside figures, the axes from zero and the legend
    (the reports' entries first)."""
    shown = [m for m in STOCK if m in set(series["measure"])]
    for measure in shown:
        _draw_measure(ax, series[series["measure"] == measure], measure, size=52)
    handles = [_measure_handle(m) for m in shown] + handles
    labels = [f"{th.label(m)}, NEC reports" for m in shown] + labels
    tops = [
        float(series["high"].astype(float).max()) if len(series) else 0.0,
        float(year_end["members"].max()) if len(year_end) else 0.0,
        float(others["members"].max()) if len(others) else 0.0,
    ]
    ax.set_ylim(0, max(tops) * 1.08)
    ax.set_ylabel("Members (thousands)")
    ax.yaxis.set_major_formatter(th.thousands_formatter)
    ax.set_xlabel("Date the figure refers to")
    th.date_axis(ax)
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _outside_alt(series: pd.DataFrame, year_end: pd.DataFrame, others: pd.DataFrame) -> str:
    """Alt text for the chart of the reports against the outside figures."""
    ye = (
        f"{len(year_end)} year-end account counts from {int(year_end['members'].iloc[0]):,} "
        f"({year_end['date'].iloc[0]}) to {int(year_end['members'].iloc[-1]):,} "
        f"({year_end['date'].iloc[-1]})"
        if len(year_end)
        else "no year-end account counts"
    )
    return (
        "Scatter and line chart, axis from zero, of Labour membership: the NEC reports' "
        "reconciled figures against outside figures. "
        + "; ".join(d for d in (_describe(series, m) for m in STOCK) if d)
        + f". Outside: {ye}, and {len(others)} other outside estimates."
    )


def membership_vs_outside_figures(
    membership: pd.DataFrame,
    external: pd.DataFrame,
    reports: pd.DataFrame | None = None,
    *,
    pad_years: float | None = 2.0,
    independent_only: bool = True,
) -> Figure:
    """The reports' reconciled total and paid-up figures (``nr.membership_series``) on
    the same axis, from zero, as the outside series: year-end counts from the party's
    accounts (black diamonds, joined) and other outside estimates (brown and purple
    shapes).  ``pad_years`` limits the time axis to the reports' span plus this much
    either side (None: the whole outside series).  ``independent_only`` leaves out outside
    rows that are themselves NEC members' reports quoted second-hand."""
    series = _series(membership, reports, STOCK)
    undated = undated_figures(membership, STOCK)
    lo, hi = _outside_span(series, pad_years)
    year_end, others = _outside(external, lo, hi, independent_only)
    with th.themed():
        fig = th.new_figure(10, 5.8)
        ax = fig.add_subplot()
        handles: list[Line2D] = []
        labels: list[str] = []
        _draw_year_end(ax, year_end, handles, labels)
        _draw_other_outside(ax, others, handles, labels)
        if series.empty and year_end.empty and others.empty:
            th.no_data(ax, "No membership figures to draw")
        else:
            _draw_reports_over_outside(ax, series, year_end, others, handles, labels)
        th.finish(
            fig,
            _series_line(series, membership, reports, undated),
            title="Membership in the NEC reports against the outside record",
            subtitle="The reports' figures (blue, green) on the same axis as the accounts "
            "(black) and other outside estimates",
            alt=_outside_alt(series, year_end, others),
        )
    return fig


def _draw_reconciled_measure(ax: Axes, part: pd.DataFrame, measure: str) -> None:
    """One measure of the reconciled series: its lines and disagreement bars, a marker
    sized by how many reports give each figure, and a red ring where they disagree."""
    _draw_measure(ax, part, measure, size=0)
    ax.scatter(
        part["as_of"],
        part["value"].to_numpy(dtype=float),
        s=30 + 25 * part["n_reports"].to_numpy(dtype=float),
        color=th.MEASURE_COLORS[measure],
        marker=MEASURE_MARKERS.get(measure, "o"),
        edgecolor="white",
        zorder=3,
        label=th.label(measure),
    )
    bad = part[~part["agree"].astype(bool)]
    ax.scatter(
        bad["as_of"],
        bad["value"].to_numpy(dtype=float),
        s=170,
        facecolor="none",
        edgecolor="#d62728",
        lw=1.5,
        zorder=4,
    )


def _draw_near_outside(ax: Axes, near: pd.DataFrame) -> None:
    """The outside figures within three months of a reconciled figure: grey diamonds."""
    if not len(near):
        return
    ax.scatter(
        near["as_of"],
        near["external_value"].to_numpy(dtype=float),
        marker="D",
        color="0.3",
        s=26,
        zorder=2,
        label="outside figure within 3 months",
    )


def _reconciled_axes(ax: Axes, series: pd.DataFrame) -> None:
    """The legend entry for a disagreement, the axes from zero and the legend."""
    ax.scatter([], [], s=170, facecolor="none", edgecolor="#d62728", label="reports disagree")
    ax.set_ylim(0, float(series["high"].astype(float).max()) * 1.08)
    ax.set_ylabel("Members (thousands)")
    ax.yaxis.set_major_formatter(th.thousands_formatter)
    ax.set_xlabel("Date the figure refers to")
    th.date_axis(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _reconciled_alt(series: pd.DataFrame, near: pd.DataFrame, shown: Sequence[str]) -> str:
    """Alt text for the chart of the reconciled series."""
    n_bad = int((~series["agree"].astype(bool)).sum()) if len(series) else 0
    return (
        f"Chart of the reconciled membership series, axis from zero: {len(series)} "
        f"figures (one per date and measure), {n_bad} where the reports disagree, "
        f"{len(near)} outside figures within three months drawn beside them. "
        + "; ".join(d for d in (_describe(series, m) for m in shown) if d)
        + "."
    )


def reconciled_membership(
    membership: pd.DataFrame, reports: pd.DataFrame, external: pd.DataFrame
) -> Figure:
    """The reconciled series (``nr.membership_series``): one marker per date and measure,
    sized by how many reports give it, lines broken at gaps of over six months; a red
    ring and a bar from the lowest to the highest figure where the reports disagree; the
    outside figures within three months (``nr.compare_external``) as grey diamonds."""
    from ..analysis import compare_external

    measures = [*STOCK, *FLOW]
    series = _series(membership, reports, measures)
    undated = undated_figures(membership, measures)
    near = compare_external(series, external) if len(series) else series.iloc[0:0]
    with th.themed():
        fig = th.new_figure(10, 5.8)
        ax = fig.add_subplot()
        if series.empty:
            th.no_data(ax, "No membership figures to draw")
        shown = [m for m in measures if m in set(series["measure"])]
        for measure in shown:
            _draw_reconciled_measure(ax, series[series["measure"] == measure], measure)
        _draw_near_outside(ax, near)
        if len(series):
            _reconciled_axes(ax, series)
        th.finish(
            fig,
            _series_line(series, membership, reports, undated),
            title="Labour membership: one figure per date, reconciled across the reports",
            subtitle="Larger markers: more reports give the figure; red rings: they disagree",
            alt=_reconciled_alt(series, near, shown),
        )
    return fig
