"""How NEC votes split: shares over time, the closest votes, unanimous against divided.

Every chart here counts decisions (``nr.load_decisions``: a vote several members
reported is one row), never reports of a vote."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from . import theme as th
from .data import source_line, tidy

OUTCOME_MARKERS = {"carried": "o", "rejected": "X", "not stated": "D"}
TABLE = "decisions"


def decision_table(votes: pd.DataFrame, reports: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per decision (``nr.load_decisions``) with ``share_for`` (% of for +
    against; 100 for a unanimous decision with no count), ``margin`` (for - against),
    ``head_count`` (a split in votes, not a card vote's percentages) and ``divided``."""
    from ..analysis import decisions

    v = tidy(votes, "votes")
    r = tidy(reports, "reports") if reports is not None else None
    d = decisions(v, r) if len(v) else decisions(v.iloc[0:0], r)
    vf = d["votes_for"].astype("Float64")
    va = d["votes_against"].astype("Float64")
    both = (vf.notna() & va.notna() & ((vf + va) > 0)).fillna(False).astype(bool)
    unanimous = d["unanimous"].fillna(False).astype(bool)
    share = (100 * vf / (vf + va)).where(both).astype("float64")
    share = share.mask(unanimous & share.isna(), 100.0)
    unit = d["unit"].fillna("votes")
    return d.assign(
        share_for=share,
        margin=(vf - va).where(both).astype("Float64"),
        counted=both,
        head_count=both & (unit == "votes"),
        divided=(both & (va.fillna(0) > 0) & ~unanimous).astype(bool),
        unanimous=unanimous,
        outcome=d["outcome"].fillna("not stated"),
    )


def _source(d: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """One row per report behind the decisions, with its author and meeting."""
    author = dict(zip(votes["report_id"], votes["author"], strict=True)) if len(votes) else {}
    rows = [
        {"report_id": rid, "author": author.get(rid), "meeting_date": when}
        for rids, when in zip(d["report_ids"], d["meeting_date"], strict=True)
        for rid in rids
    ]
    return pd.DataFrame(rows, columns=["report_id", "author", "meeting_date"])


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _dodge(d: pd.DataFrame, step: pd.Timedelta, band: float = 1.5) -> pd.Series:
    """Dates nudged sideways where several decisions of one meeting have nearly the same
    share (within ``band`` points), so each shows instead of one blot."""
    x = d["meeting_date"].copy()
    for _, g in d.groupby("meeting_date"):
        g = g.sort_values("share_for", kind="stable")
        cluster = (g["share_for"].diff().abs() > band).cumsum()
        for _, c in g.groupby(cluster):
            offsets = np.arange(len(c)) - (len(c) - 1) / 2
            x.loc[c.index] = c["meeting_date"] + pd.to_timedelta(offsets * step.days, unit="D")
    return x


def _shares_left_out(d: pd.DataFrame) -> str | None:
    """'3 undated decisions (no meeting date); 2 card votes given in percentages' (None
    for none): the decisions the shares chart leaves out."""
    n_undated = int(((d["head_count"] | d["unanimous"]) & d["meeting_date"].isna()).sum())
    n_card = int((d["counted"] & ~d["head_count"]).sum())
    left = [
        f"{_plural(n_undated, 'undated decision')} (no meeting date)" if n_undated else "",
        f"{_plural(n_card, 'card vote')} given in percentages" if n_card else "",
    ]
    return "; ".join(p for p in left if p) or None


def _draw_share_points(
    ax: Axes,
    counted: pd.DataFrame,
    nocount: pd.DataFrame,
    bodies: list[str],
    colors: dict[str, str],
) -> None:
    """A filled marker per counted decision (colour = body, shape = outcome), a hollow one
    per unanimous decision with no count."""
    for body in bodies:
        for out, mk in OUTCOME_MARKERS.items():
            part = counted[(counted["body"] == body) & (counted["outcome"] == out)]
            if len(part):
                ax.scatter(
                    part["x"],
                    part["share_for"],
                    color=colors[body],
                    marker=mk,
                    s=50,
                    edgecolor="white",
                    linewidth=0.6,
                    zorder=3,
                )
        part = nocount[nocount["body"] == body]
        if len(part):
            ax.scatter(
                part["x"],
                part["share_for"],
                facecolor="none",
                edgecolor=colors[body],
                marker="o",
                s=50,
                linewidth=1.3,
                zorder=3,
            )


def _shares_legend(
    ax: Axes,
    bodies: list[str],
    colors: dict[str, str],
    counted: pd.DataFrame,
    nocount: pd.DataFrame,
) -> None:
    """Bodies by colour, outcomes by shape, the hollow marker, the tie line and the
    per-meeting count."""
    handles = [Line2D([], [], ls="", marker="s", color=colors[b], markersize=8) for b in bodies]
    labels = [th.label(b) for b in bodies]
    outcomes = set(counted["outcome"])
    for out, mk in OUTCOME_MARKERS.items():
        if out in outcomes:
            handles.append(Line2D([], [], ls="", marker=mk, color="0.35"))
            labels.append(out if out != "not stated" else "outcome not stated")
    if len(nocount):
        handles.append(Line2D([], [], ls="", marker="o", markerfacecolor="none", color="0.35"))
        labels.append("unanimous, no count given")
    handles.append(Line2D([], [], color="0.4", ls="--"))
    labels.append("tie (50%)")
    handles.append(Line2D([], [], ls="", marker="$n$", color="0.3"))
    labels.append("decisions at that meeting (3 or more)")
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _draw_shares(ax: Axes, shown: pd.DataFrame, left_out: str | None) -> None:
    """The shares chart proper: the decisions (dodged within a meeting), the tie line, the
    count of decisions at busy meetings, the axes, the legend and what is left out."""
    bodies = [b for b in th.BODY_COLORS if b in set(shown["body"].dropna())]
    bodies += sorted(set(shown["body"].dropna()) - set(bodies))
    colors = th.color_map(bodies, th.BODY_COLORS)
    span = shown["meeting_date"].max() - shown["meeting_date"].min()
    step = max(span / 320, pd.Timedelta(days=2))
    shown = shown.assign(x=_dodge(shown, step))
    counted = shown[shown["counted"]]
    nocount = shown[~shown["counted"]]
    _draw_share_points(ax, counted, nocount, bodies, colors)
    ax.axhline(50, color="0.4", lw=1, ls="--", zorder=1)
    per_meeting = shown.groupby("meeting_date").size()
    for when, k in per_meeting[per_meeting >= 3].items():
        ax.text(when, 106, str(k), ha="center", va="bottom", fontsize=8, color="0.3")
    ax.set_ylim(-3, 113)
    ax.set_yticks(range(0, 101, 20))
    ax.set_ylabel("Votes for (% of for + against)")
    ax.set_xlabel("Meeting date (decisions of one meeting set side by side)")
    th.date_axis(ax)
    _shares_legend(ax, bodies, colors, counted, nocount)
    if left_out:
        ax.text(
            0.0,
            -0.2,
            f"Not shown: {left_out}.",
            transform=ax.transAxes,
            fontsize=9,
            color="0.25",
            va="top",
        )


def _shares_alt(shown: pd.DataFrame, left_out: str | None) -> str:
    """Alt text for the shares chart."""
    n_meetings = shown["meeting_date"].nunique()
    carried = int((shown["outcome"] == "carried").sum())
    return (
        f"Scatter chart of {_plural(len(shown), 'decision')} at "
        f"{_plural(n_meetings, 'meeting')}: the share of head-count votes for each, "
        f"{carried} carried, {int((shown['outcome'] == 'rejected').sum())} rejected, "
        f"{int((~shown['counted']).sum())} unanimous with no count given."
        + (f" Not shown: {left_out}." if left_out else "")
    )


def vote_shares_over_time(votes: pd.DataFrame, reports: pd.DataFrame | None = None) -> Figure:
    """Each decision taken by a head count (or unanimously), at its meeting date: the share
    of for + against votes cast for it (50% = a tie).  Colour = body, shape = outcome;
    unanimous decisions with no count sit at 100% as hollow markers; decisions of one
    meeting with nearly the same share are set side by side.  Card votes (percentages
    at conference) and undated decisions are left out, and the chart says how many."""
    d = decision_table(votes, reports)
    shown = d[(d["head_count"] | (d["unanimous"] & ~d["counted"])) & d["meeting_date"].notna()]
    left_out = _shares_left_out(d)
    with th.themed():
        fig = th.new_figure(10, 5.4)
        ax = fig.add_subplot()
        if shown.empty:
            th.no_data(ax, "No decisions with a head count in these reports")
        else:
            _draw_shares(ax, shown, left_out)
        th.finish(
            fig,
            source_line(_source(shown, votes), table=TABLE),
            title="How votes split, meeting by meeting",
            subtitle="One marker per decision taken by a head count of NEC members; "
            "share of for + against votes cast for it; 50% is a tie",
            alt=_shares_alt(shown, left_out),
        )
    return fig


def _motion(m: object) -> str:
    s = " ".join(str(m).split()) if isinstance(m, str) and m.strip() else "(motion not named)"
    return s[0].upper() + s[1:]


def _draw_closest(ax: Axes, d: pd.DataFrame, width: int) -> None:
    """Stacked bars (for, against, abstained) per decision in ``d`` (drawing order,
    bottom first), each labelled with its counts, and the motion as the row's label."""
    names = [
        textwrap.fill(textwrap.shorten(_motion(m), 2 * width, placeholder="…"), width)
        + f"\n{th.month(when, missing='date not given')} · {th.label(b)} · {i}"
        for m, when, b, i in zip(
            d["motion"], d["meeting_date"], d["body"], d["decision_id"], strict=True
        )
    ]
    y = range(len(d))
    vf = d["votes_for"].astype(float).fillna(0).to_numpy()
    va = d["votes_against"].astype(float).fillna(0).to_numpy()
    ab = d["abstentions"].astype(float).fillna(0).to_numpy()
    b1 = ax.barh(y, vf, color=th.PALETTE[0], label="For", edgecolor="white")
    b2 = ax.barh(y, va, left=vf, color=th.PALETTE[1], label="Against", edgecolor="white")
    b3 = ax.barh(y, ab, left=vf + va, color=th.PALETTE[7], label="Abstained", edgecolor="white")
    for bars, vals in ((b1, vf), (b2, va), (b3, ab)):
        ax.bar_label(
            bars,
            labels=[f"{x:.0f}" if x else "" for x in vals],
            label_type="center",
            fontsize=9,
        )
    ax.set_yticks(list(y), names, fontsize=8.5)
    ax.set_xlabel("Votes (count)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", ncols=3, bbox_to_anchor=(1.0, 1.0))


def _closest_alt(d: pd.DataFrame) -> str:
    """Alt text for the closest votes (``d`` in drawing order, so read back to front)."""
    rows = d.iloc[::-1]
    return (
        f"Bar chart of the {_plural(len(d), 'closest decision')}: "
        + "; ".join(
            f"{textwrap.shorten(_motion(m), 70, placeholder='…')} "
            f"({th.month(w, missing='undated')}): {int(f)} for, {int(a)} against"
            for m, w, f, a in zip(
                rows["motion"],
                rows["meeting_date"],
                rows["votes_for"],
                rows["votes_against"],
                strict=True,
            )
        )
        + "."
    )


def closest_votes(
    votes: pd.DataFrame, reports: pd.DataFrame | None = None, n: int = 8, width: int = 52
) -> Figure:
    """The ``n`` decisions taken by a head count with the smallest margin, one bar each
    (a vote several members reported is one decision): votes for, against and
    abstentions stacked, each labelled with the motion, its meeting and decision id."""
    d = decision_table(votes, reports)
    d = d[d["head_count"]]
    d = (
        d.assign(abs_margin=d["margin"].abs())
        .sort_values(["abs_margin", "meeting_date"], kind="stable")
        .head(n)
    )
    with th.themed():
        fig = th.new_figure(10, 1.8 + 0.85 * max(2, len(d)))
        ax = fig.add_subplot()
        if d.empty:
            th.no_data(ax, "No head-count decisions in these reports")
        else:
            d = d.iloc[::-1]
            _draw_closest(ax, d, width)
        th.finish(
            fig,
            source_line(_source(d, votes), table=TABLE),
            title=f"The {_plural(len(d), 'closest recorded decision')}",
            subtitle="Decisions taken by a head count, smallest margin between for and against "
            "first; one bar per decision",
            alt=_closest_alt(d),
        )
    return fig


def _by_body_and_year(d: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts of unanimous and divided decisions by body (known bodies first) and by year
    of the meeting (every year in the span, empty ones included)."""
    by_body = pd.crosstab(d["body"].fillna("other"), d["kind"])
    order = [b for b in th.BODY_COLORS if b in by_body.index]
    by_body = by_body.loc[order + sorted(set(by_body.index) - set(order))]
    dated = d.dropna(subset=["meeting_date"])
    by_year = pd.crosstab(dated["meeting_date"].dt.year.astype("Int64"), dated["kind"])
    if len(by_year):  # years with no recorded decision show as empty columns
        by_year = by_year.reindex(
            range(int(by_year.index.min()), int(by_year.index.max()) + 1), fill_value=0
        )
    return by_body, by_year


def _draw_kind_bars(ax: Axes, table: pd.DataFrame, xlabels: list[str]) -> None:
    """Unanimous and divided stacked, each bar labelled with its count."""
    colors = {"unanimous": th.PALETTE[0], "divided": th.PALETTE[1]}
    bottom = pd.Series(0, index=table.index)
    for k in ("unanimous", "divided"):
        if k in table.columns:
            bars = ax.bar(
                xlabels,
                table[k],
                bottom=bottom,
                color=colors[k],
                label=k.capitalize(),
                edgecolor="white",
            )
            ax.bar_label(
                bars,
                labels=[str(x) if x else "" for x in table[k]],
                label_type="center",
                fontsize=9,
            )
            bottom = bottom + table[k]
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", visible=False)


def _draw_unanimous_vs_divided(left: Axes, right: Axes, d: pd.DataFrame, n_undated: int) -> None:
    """The by-body (left) and by-year (right) panels, their labels and the legend."""
    by_body, by_year = _by_body_and_year(d)
    _draw_kind_bars(left, by_body, [textwrap.fill(th.label(b), 13) for b in by_body.index])
    _draw_kind_bars(right, by_year, [str(y) for y in by_year.index])
    left.set_ylabel("Decisions (count)")
    left.set_xlabel("Body")
    right.set_xlabel(
        "Year of the meeting"
        + (f"\n({_plural(n_undated, 'undated decision')} not shown)" if n_undated else "")
    )
    right.legend(loc="upper left")


def unanimous_vs_divided(votes: pd.DataFrame, reports: pd.DataFrame | None = None) -> Figure:
    """Counts of decisions (a vote several members reported counts once) that were
    unanimous or divided, by body (left) and by year of the meeting (right; undated
    decisions are left out there, and the chart says how many)."""
    d = decision_table(votes, reports)
    kind = pd.Series("divided", index=d.index).mask(~d["divided"], "unanimous")
    d = d.assign(kind=kind)
    n_undated = int(d["meeting_date"].isna().sum())
    left_out = (
        f"{_plural(n_undated, 'undated decision')} from the by-year panel" if n_undated else None
    )
    with th.themed():
        fig = th.new_figure(10, 4.8)
        left, right = fig.subplots(1, 2, width_ratios=[1.3, 1])
        if d.empty:
            for ax in (left, right):
                th.no_data(ax, "No recorded decisions")
        else:
            _draw_unanimous_vs_divided(left, right, d, n_undated)
        n_div = int((d["kind"] == "divided").sum())
        alt = (
            f"Two bar charts counting {_plural(len(d), 'decision')}: {n_div} divided and "
            f"{len(d) - n_div} unanimous (or with no vote against), by body and by year."
            + (f" Left out: {left_out}." if left_out else "")
        )
        th.finish(
            fig,
            source_line(_source(d, votes), table=TABLE, left_out=left_out),
            title="Unanimous and divided decisions",
            subtitle="Decisions reported with a split, or as unanimous, each counted once "
            "however many members reported it",
            alt=alt,
        )
    return fig
