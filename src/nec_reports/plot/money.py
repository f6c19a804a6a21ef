"""Money and donors: amounts by category over time, the largest figures, fundraising."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import theme as th
from .data import fact_dates, money_rows, source_line, tidy


def _categories(df: pd.DataFrame) -> list[str]:
    present = set(df["category"].fillna("other"))
    return [c for c in th.CATEGORY_COLORS if c in present] + sorted(
        present - set(th.CATEGORY_COLORS)
    )


def money_by_category_over_time(money: pd.DataFrame) -> Figure:
    """Every amount the reports give, at its date, on a log scale (amounts run from pounds
    to millions).  Colour = category; filled = about raising money for the party."""
    m = money_rows(money).dropna(subset=["when"])
    with th.themed():
        fig = th.new_figure(10, 5.4)
        ax = fig.add_subplot()
        if m.empty:
            th.no_data(ax, "No amounts of money in these reports")
        else:
            cats = _categories(m)
            colors = th.color_map(cats, th.CATEGORY_COLORS)
            fund = (
                m["fundraising"].fillna(False).astype(bool)
                if "fundraising" in m
                else (pd.Series(False, index=m.index))
            )
            for c in cats:
                part = m[m["category"].fillna("other") == c]
                f = fund[part.index]
                ax.scatter(
                    part.loc[f, "when"],
                    part.loc[f, "amount_gbp"],
                    color=colors[c],
                    s=46,
                    edgecolor="white",
                    linewidth=0.6,
                    zorder=3,
                )
                ax.scatter(
                    part.loc[~f, "when"],
                    part.loc[~f, "amount_gbp"],
                    facecolor="none",
                    edgecolor=colors[c],
                    s=46,
                    linewidth=1.3,
                    zorder=3,
                )
            ax.set_yscale("log")
            ax.yaxis.set_major_formatter(th.money_formatter)
            ax.set_ylabel("Amount (£, log scale)")
            ax.set_xlabel("Date (as stated, else the meeting date)")
            th.date_axis(ax)
            handles = [
                Line2D([], [], ls="", marker="o", color=colors[c], markersize=7) for c in cats
            ]
            labels = [th.label(c) for c in cats]
            handles += [
                Line2D([], [], ls="", marker="o", color="0.35", markersize=7),
                Line2D(
                    [], [], ls="", marker="o", markerfacecolor="none", color="0.35", markersize=7
                ),
            ]
            labels += ["about fundraising", "not about fundraising"]
            ax.legend(
                handles, labels, title="Category", loc="upper left", bbox_to_anchor=(1.01, 1.0)
            )
        th.finish(
            fig,
            source_line(m),
            title="Amounts of money in the reports, by category",
            subtitle="Every amount at its date; "
            "filled markers are about raising money for the party",
        )
    return fig


def largest_amounts(
    money: pd.DataFrame,
    n: int = 10,
    *,
    exclude: tuple[str, ...] = ("other",),
    width: int = 60,
) -> Figure:
    """The ``n`` largest amounts (category not in ``exclude``; by default policy and other
    figures are left out) as bars, each labelled with the sentence it comes from."""
    m = money_rows(money)
    m = m[~m["category"].fillna("other").isin(exclude)]
    m = m.sort_values("amount_gbp", ascending=False, kind="stable")
    # One bar per figure: the same sentence reported twice (a repost) counts once.
    key = m["evidence"].fillna("") if "evidence" in m else pd.Series("", index=m.index)
    m = m.loc[~pd.DataFrame({"a": m["amount_gbp"], "k": key}).duplicated()].head(n)
    with th.themed():
        fig = th.new_figure(10, 1.8 + 0.85 * max(2, len(m)))
        ax = fig.add_subplot()
        if m.empty:
            th.no_data(ax, "No amounts of money in these reports")
        else:
            m = m.iloc[::-1]
            cats = _categories(m)
            colors = th.color_map(cats, th.CATEGORY_COLORS)
            names = [
                textwrap.fill(
                    textwrap.shorten(str(e) if pd.notna(e) else "", 2 * width, placeholder="…"),
                    width,
                )
                + f"\n{a if pd.notna(a) else 'unknown author'}, {th.month(d)}"
                for e, a, d in zip(
                    m.get("evidence", [""] * len(m)), m["author"], m["when"], strict=True
                )
            ]
            y = list(range(len(m)))
            bars = ax.barh(
                y, m["amount_gbp"], color=[colors[c] for c in m["category"].fillna("other")]
            )
            ax.bar_label(bars, labels=[th.gbp(x) for x in m["amount_gbp"]], padding=3, fontsize=9)
            ax.set_yticks(y, names, fontsize=8)
            ax.xaxis.set_major_formatter(th.money_formatter)
            ax.set_xlabel("Amount (£)")
            ax.grid(axis="y", visible=False)
            ax.margins(x=0.15)
            handles = [
                Line2D([], [], ls="", marker="s", color=colors[c], markersize=8) for c in cats
            ]
            ax.legend(handles, [th.label(c) for c in cats], loc="lower right")
        left_out = ", ".join(th.label(c).lower() for c in exclude)
        note = f"; left out: {left_out} figures" if exclude else ""
        th.finish(
            fig,
            source_line(m),
            title="The largest amounts in the reports",
            subtitle=f"Each with the sentence it comes from{note}",
        )
    return fig


def fundraising_over_time(money: pd.DataFrame, donors: pd.DataFrame) -> Figure:
    """What the reports say about raising money for the party: money raised and targets
    (top, log scale; party money only, each figure once, see ``nr.party_money``) and
    counts of donors (bottom)."""
    from ..analysis import party_money

    pm = party_money(tidy(money, "money"))
    keep = pm["party_money"].astype(bool) & ~pm["repeat"].astype(bool)
    m = pm[keep & pm["money_kind"].isin(["raised", "target"])]
    m = m.assign(when=fact_dates(m)).dropna(subset=["when"])
    d = tidy(donors, "donors")
    d = d.assign(when=fact_dates(d)).dropna(subset=["value", "when"])
    with th.themed():
        fig = th.new_figure(10, 7.0)
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[1.6, 1])
        if m.empty:
            th.no_data(top, "No fundraising amounts in these reports")
        else:
            for kind, color, face in (
                ("raised", th.PALETTE[0], None),
                ("target", th.PALETTE[3], "none"),
            ):
                part = m[m["money_kind"] == kind]
                top.scatter(
                    part["when"],
                    part["amount_gbp"].to_numpy(dtype=float),
                    color=color,
                    facecolor=face or color,
                    s=46,
                    label="money raised" if kind == "raised" else "target (still to raise)",
                    linewidth=1.2,
                    zorder=3,
                )
            top.set_yscale("log")
            top.yaxis.set_major_formatter(th.money_formatter)
            top.set_ylabel("Amount (£, log scale)")
            top.legend(title="Party money", loc="upper left", bbox_to_anchor=(1.01, 1.0))
        if d.empty:
            th.no_data(bottom, "No counts of donors in these reports")
        else:
            # Counts of different donor schemes are told apart by colour and label.
            scheme = (
                d["scheme"].fillna("scheme not named")
                if "scheme" in d.columns
                else pd.Series("", index=d.index)
            )
            schemes = list(dict.fromkeys(scheme))
            colors = th.color_map(schemes)
            for s in schemes:
                part = d[scheme == s]
                bottom.scatter(
                    part["when"],
                    part["value"].to_numpy(dtype=float),
                    color=colors[s],
                    s=46,
                    marker="D",
                    edgecolor="white",
                    linewidth=0.6,
                    zorder=3,
                    label=s or None,
                )
            if any(schemes):
                bottom.legend(title="Donor scheme", loc="upper left", bbox_to_anchor=(1.01, 1.0))
            for when, value in zip(d["when"], d["value"], strict=True):
                bottom.annotate(
                    f"{int(value):,}",
                    (when, float(value)),
                    xytext=(6, 4),
                    textcoords="offset points",
                    fontsize=8.5,
                    color="0.25",
                )
            bottom.set_ylabel("Donors (count)")
            bottom.yaxis.set_major_formatter(th.count_formatter)
            bottom.set_ylim(bottom=0, top=float(d["value"].max()) * 1.2)
        if not (m.empty and d.empty):
            th.date_axis(bottom)
            bottom.tick_params(axis="x", labelbottom=True)
            bottom.set_xlabel("Date (as stated, else the meeting date)")
        both = pd.concat([m, d], ignore_index=True)
        th.finish(
            fig,
            source_line(both),
            title="What the reports say about fundraising",
            subtitle="Amounts raised or needed for the party (top; donor thresholds left out); "
            "numbers of donors (bottom)",
        )
    return fig
