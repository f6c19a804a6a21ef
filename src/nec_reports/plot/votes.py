"""How NEC votes split: shares over time, the closest votes, unanimous against divided."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from . import theme as th
from .data import source_line, vote_splits

OUTCOME_MARKERS = {"carried": "o", "rejected": "X"}


def vote_shares_over_time(votes: pd.DataFrame) -> Figure:
    """Each recorded vote at its meeting date: the share of for+against votes cast for
    the motion (50% = a tie).  Colour = body, shape = outcome; unanimous decisions with no
    count given sit at 100% as hollow markers."""
    v = vote_splits(votes).dropna(subset=["meeting_date"])
    with th.themed():
        fig = th.new_figure(10, 5.2)
        ax = fig.add_subplot()
        if v.empty:
            th.no_data(ax, "No recorded vote splits in these reports")
        else:
            bodies = [b for b in th.BODY_COLORS if b in set(v["body"].dropna())]
            bodies += sorted(set(v["body"].dropna()) - set(bodies))
            colors = th.color_map(bodies, th.BODY_COLORS)
            counted = v[v["margin"].notna()]
            nocount = v[v["margin"].isna()]
            outcome = counted["outcome"].fillna("not stated")
            for body in bodies:
                for out, mk in [*OUTCOME_MARKERS.items(), ("not stated", "D")]:
                    part = counted[(counted["body"] == body) & (outcome == out)]
                    if len(part):
                        ax.scatter(
                            part["meeting_date"],
                            part["share_for"],
                            color=colors[body],
                            marker=mk,
                            s=55,
                            edgecolor="white",
                            linewidth=0.6,
                            zorder=3,
                        )
                part = nocount[nocount["body"] == body]
                if len(part):
                    ax.scatter(
                        part["meeting_date"],
                        part["share_for"],
                        facecolor="none",
                        edgecolor=colors[body],
                        marker="o",
                        s=55,
                        linewidth=1.3,
                        zorder=3,
                    )
            ax.axhline(50, color="0.4", lw=1, ls="--", zorder=1)
            ax.set_ylim(-3, 106)
            ax.set_ylabel("Votes for the motion (% of for + against)")
            ax.set_xlabel("Meeting date")
            th.date_axis(ax)
            handles = [
                Line2D([], [], ls="", marker="s", color=colors[b], markersize=8) for b in bodies
            ]
            labels = [th.label(b) for b in bodies]
            handles += [
                Line2D([], [], ls="", marker="o", color="0.35"),
                Line2D([], [], ls="", marker="X", color="0.35"),
                Line2D([], [], ls="", marker="o", markerfacecolor="none", color="0.35"),
                Line2D([], [], color="0.4", ls="--"),
            ]
            labels += ["carried", "rejected", "unanimous, no count given", "tie (50%)"]
            if counted["outcome"].isna().any():
                handles.append(Line2D([], [], ls="", marker="D", color="0.35"))
                labels.append("outcome not stated")
            ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        th.finish(
            fig,
            source_line(v),
            title="How votes split, meeting by meeting",
            subtitle="Share of for + against votes cast for the motion; 50% is a tie",
        )
    return fig


def closest_votes(votes: pd.DataFrame, n: int = 8, width: int = 52) -> Figure:
    """The ``n`` head-count votes with the smallest margin: votes for, against and
    abstentions as stacked bars, each labelled with its motion and meeting."""
    v = vote_splits(votes)
    v = v[
        v["margin"].notna()
        & (v.get("unit", pd.Series("votes", index=v.index)).fillna("votes") == "votes")
    ]
    v = (
        v.assign(abs_margin=v["margin"].abs())
        .sort_values(["abs_margin", "meeting_date"], kind="stable")
        .head(n)
    )
    with th.themed():
        fig = th.new_figure(10, 1.8 + 0.85 * max(2, len(v)))
        ax = fig.add_subplot()
        if v.empty:
            th.no_data(ax, "No head-count votes in these reports")
        else:
            v = v.iloc[::-1]
            names = [
                textwrap.fill(
                    textwrap.shorten(
                        str(m if pd.notna(m) else "(motion not named)"), 2 * width, placeholder="…"
                    ),
                    width,
                )
                + f"\n{th.month(d, missing='date not given')} · {th.label(b)}"
                for m, d, b in zip(v["motion"], v["meeting_date"], v["body"], strict=True)
            ]
            y = range(len(v))
            vf = v["votes_for"].astype(float).fillna(0).to_numpy()
            va = v["votes_against"].astype(float).fillna(0).to_numpy()
            ab = v["abstentions"].astype(float).fillna(0).to_numpy()
            b1 = ax.barh(y, vf, color=th.PALETTE[0], label="For", edgecolor="white")
            b2 = ax.barh(y, va, left=vf, color=th.PALETTE[1], label="Against", edgecolor="white")
            b3 = ax.barh(
                y, ab, left=vf + va, color=th.PALETTE[7], label="Abstained", edgecolor="white"
            )
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
        th.finish(
            fig,
            source_line(v),
            title=f"The {len(v)} closest recorded votes",
            subtitle="Head-count votes with the smallest margin between for and against",
        )
    return fig


def unanimous_vs_divided(votes: pd.DataFrame) -> Figure:
    """Counts of recorded decisions that were unanimous or divided, by body (left) and
    by year (right)."""
    v = vote_splits(votes)
    kind = pd.Series("divided", index=v.index).mask(v["unanimous"] | ~v["divided"], "unanimous")
    v = v.assign(kind=kind)
    colors = {"unanimous": th.PALETTE[0], "divided": th.PALETTE[1]}
    with th.themed():
        fig = th.new_figure(10, 4.8)
        left, right = fig.subplots(1, 2, width_ratios=[1.3, 1])
        if v.empty:
            for ax in (left, right):
                th.no_data(ax, "No recorded decisions")
        else:
            by_body = pd.crosstab(v["body"].fillna("other"), v["kind"])
            order = [b for b in th.BODY_COLORS if b in by_body.index]
            by_body = by_body.loc[order + sorted(set(by_body.index) - set(order))]
            by_year = pd.crosstab(v["meeting_date"].dt.year.astype("Int64"), v["kind"])
            if len(by_year):  # years with no recorded decision show as empty columns
                by_year = by_year.reindex(
                    range(int(by_year.index.min()), int(by_year.index.max()) + 1), fill_value=0
                )
            for ax, table, xlabels in (
                (left, by_body, [textwrap.fill(th.label(b), 13) for b in by_body.index]),
                (right, by_year, [str(y) for y in by_year.index]),
            ):
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
            left.set_ylabel("Recorded decisions (count)")
            left.set_xlabel("Body")
            right.set_xlabel("Year of the meeting")
            right.legend(loc="upper left")
        th.finish(
            fig,
            source_line(v),
            title="Unanimous and divided decisions",
            subtitle="Votes reported with a split, or as unanimous; by body and by year",
        )
    return fig
