"""Money and donors: amounts by category over time, the largest figures, fundraising."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import NullFormatter

from . import theme as th
from .data import fact_dates, source_line, tidy

#: How each kind of party money (``nr.party_money``'s ``money_kind``) is drawn.
KINDS: dict[str, tuple[str, str]] = {
    "raised": ("Raised (donations)", th.CATEGORY_COLORS["donations"]),
    "income": ("Income (membership, conference)", th.CATEGORY_COLORS["membership_income"]),
    "grants": ("Grants", th.CATEGORY_COLORS["grants"]),
    "spending": ("Spending, costs and savings", th.CATEGORY_COLORS["spending"]),
    "other": ("Other party money", th.CATEGORY_COLORS["other"]),
}
TARGET_COLOR = "0.15"
TABLE = "party_money"


def classified_money(money: pd.DataFrame, reports: pd.DataFrame | None = None) -> pd.DataFrame:
    """``nr.party_money`` with ``when`` (the date the amount is about, else its meeting)
    and ``counted``: the party's own money, each figure once (no repeats, no parts of a
    total stated in the same sentence)."""
    from ..analysis import party_money

    m = tidy(money, "money")
    r = tidy(reports, "reports") if reports is not None else None
    pm = party_money(m, r)
    dates = m.set_index("fact_id").pipe(fact_dates) if len(m) else pd.Series(dtype="datetime64[s]")
    when = pm["fact_id"].map(dates) if len(pm) else pd.Series(dtype="datetime64[s]")
    counted = (
        pm["party_money"].fillna(False).astype(bool)
        & ~pm["repeat"].fillna(False).astype(bool)
        & ~pm["part_of_total"].fillna(False).astype(bool)
    )
    return pm.assign(when=pd.to_datetime(when).astype("datetime64[s]"), counted=counted)


def _left_out(pm: pd.DataFrame, *, dated: bool) -> list[str]:
    """What a party-money chart leaves out, with counts."""
    out: list[str] = []
    not_party = int((~pm["party_money"].fillna(False).astype(bool)).sum())
    if not_party:
        out.append(
            f"{not_party} amount{'s' if not_party != 1 else ''} not the party's money "
            "(policy pledges, prices, wages, other parties)"
        )
    own = pm[pm["party_money"].fillna(False).astype(bool)]
    thresholds = int((own["money_kind"] == "threshold").sum())
    if thresholds:
        out.append(f"{thresholds} donor-scheme threshold{'s' if thresholds != 1 else ''} and caps")
    again = int((~pm["counted"] & pm["party_money"].fillna(False).astype(bool)).sum())
    if again:
        out.append(f"{again} repeat{'s' if again != 1 else ''} or parts of a stated total")
    if dated:
        undated = int((pm["counted"] & pm["when"].isna()).sum())
        if undated:
            out.append(f"{undated} undated amount{'s' if undated != 1 else ''}")
    return out


def _draw_money_in(ax: Axes, money_in: pd.DataFrame) -> None:
    """The party's money in hand (or spent), a colour per kind."""
    for k in [k for k in KINDS if k in set(money_in["money_kind"])]:
        part = money_in[money_in["money_kind"] == k]
        name, color = KINDS[k]
        ax.scatter(
            part["when"],
            part["amount_gbp"].to_numpy(dtype=float),
            color=color,
            s=50,
            edgecolor="white",
            linewidth=0.6,
            zorder=3,
            label=name,
        )


def _draw_targets(ax: Axes, targets: pd.DataFrame) -> None:
    """Targets and needs as dark diamonds, each labelled with its amount (or a note that
    there are none)."""
    if not len(targets):
        ax.text(0.5, 0.5, "No targets in these reports", ha="center", transform=ax.transAxes)
        return
    ax.scatter(
        targets["when"],
        targets["amount_gbp"].to_numpy(dtype=float),
        color=TARGET_COLOR,
        marker="D",
        s=50,
        edgecolor="white",
        zorder=3,
        label="target or need (still to raise)",
    )
    for w, a in zip(targets["when"], targets["amount_gbp"], strict=True):
        ax.annotate(
            th.gbp(float(a)),
            (w, float(a)),
            xytext=(7, -3),
            textcoords="offset points",
            fontsize=8.5,
            color="0.25",
        )


def _money_axes(top: Axes, bottom: Axes, targets: pd.DataFrame) -> None:
    """Log scales, labels, the date axis and the legends of the two panels."""
    top.set_yscale("log")
    top.yaxis.set_major_formatter(th.money_formatter)
    top.set_ylabel("Amount (£, log scale)")
    if len(targets):
        bottom.set_yscale("log")
        lo, hi = float(targets["amount_gbp"].min()), float(targets["amount_gbp"].max())
        bottom.set_ylim(lo / 4, hi * 4)
    bottom.yaxis.set_major_formatter(th.money_formatter)
    bottom.yaxis.set_minor_formatter(NullFormatter())
    bottom.set_ylabel("Target (£, log scale)")
    bottom.set_xlabel("Date (as stated, else the meeting date)")
    th.date_axis(bottom)
    top.legend(title="Party money", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if len(targets):
        bottom.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _money_alt(money_in: pd.DataFrame, targets: pd.DataFrame) -> str:
    """Alt text for the chart of party money by kind."""
    return (
        f"Scatter chart, log scale, of {len(money_in)} amounts of the party's own money "
        + (
            f"from {th.gbp(money_in['amount_gbp'].min())} to "
            f"{th.gbp(money_in['amount_gbp'].max())}, "
            if len(money_in)
            else ""
        )
        + "by kind ("
        + ", ".join(
            f"{KINDS[k][0].lower()} {int((money_in['money_kind'] == k).sum())}"
            for k in KINDS
            if (money_in["money_kind"] == k).any()
        )
        + f"), and {len(targets)} targets apart"
        + (f" ({', '.join(th.gbp(a) for a in targets['amount_gbp'])})." if len(targets) else ".")
    )


def money_by_category_over_time(money: pd.DataFrame, reports: pd.DataFrame | None = None) -> Figure:
    """The party's own money at its date (``nr.party_money``: each figure once; policy
    pledges, prices and other parties' money left out), by kind: raised, income, grants,
    spending and savings (top); targets and needs, money still to raise, apart (bottom).
    Log scale: the amounts run from pounds to millions."""
    pm = classified_money(money, reports)
    own = pm[pm["counted"] & pm["when"].notna() & (pm["money_kind"] != "threshold")]
    money_in = own[own["money_kind"] != "target"]
    targets = own[own["money_kind"] == "target"]
    left_out = "; ".join(_left_out(pm, dated=True)) or None
    with th.themed():
        fig = th.new_figure(10, 6.4)
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[2.4, 1])
        if own.empty:
            th.no_data(top, "No amounts of the party's own money in these reports")
            th.no_data(bottom, "No targets in these reports")
        else:
            _draw_money_in(top, money_in)
            _draw_targets(bottom, targets)
            _money_axes(top, bottom, targets)
        th.finish(
            fig,
            source_line(own, table=TABLE, left_out=left_out),
            title="The party's own money in the reports, by kind",
            subtitle="Money raised, earned, granted, spent or saved (top); "
            "targets and needs, still to raise (bottom)",
            alt=_money_alt(money_in, targets),
        )
    return fig


def _largest(pm: pd.DataFrame, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` largest counted amounts of money in hand (each amount and sentence once)
    and every target, both largest first."""
    own = pm[pm["counted"] & (pm["money_kind"] != "threshold")]
    own = own.sort_values("amount_gbp", ascending=False, kind="stable")
    key = own["evidence"].fillna("")
    own = own.loc[~pd.DataFrame({"a": own["amount_gbp"], "k": key}).duplicated()]
    return own[own["money_kind"] != "target"].head(n), own[own["money_kind"] == "target"]


def _bar_names(m: pd.DataFrame, width: int) -> list[str]:
    """Each bar's label: the sentence (shortened, wrapped), then its author and month."""
    return [
        textwrap.fill(
            textwrap.shorten(str(e) if pd.notna(e) else "", 2 * width, placeholder="…"),
            width,
        )
        + f"\n{a if pd.notna(a) else 'unknown author'}, {th.month(d)}"
        for e, a, d in zip(m["evidence"], m["author"], m["when"], strict=True)
    ]


def _draw_amount_bars(ax: Axes, m: pd.DataFrame, is_target: np.ndarray) -> None:
    """A bar per amount, coloured by kind (targets hatched, white), labelled with the
    amount; a dashed line between money in hand and the targets."""
    colors = [
        TARGET_COLOR if t else KINDS.get(k, KINDS["other"])[1]
        for k, t in zip(m["money_kind"], is_target, strict=True)
    ]
    bars = ax.barh(
        list(range(len(m))),
        m["amount_gbp"].to_numpy(dtype=float),
        color=["white" if t else c for c, t in zip(colors, is_target, strict=True)],
        edgecolor=colors,
        hatch=None,
        linewidth=1.5,
    )
    for bar, t in zip(bars, is_target, strict=True):
        if t:
            bar.set_hatch("///")
    ax.bar_label(
        bars,
        labels=[
            th.gbp(x) + (" target" if t else "")
            for x, t in zip(m["amount_gbp"], is_target, strict=True)
        ],
        padding=3,
        fontsize=9,
    )
    if is_target.any() and (~is_target).any():
        ax.axhline(int(is_target.sum()) - 0.5, color="0.5", lw=0.8, ls="--")


def _largest_legend(ax: Axes, m: pd.DataFrame, is_target: np.ndarray) -> None:
    """A colour per kind shown, and the hatched target."""
    kinds = [k for k in KINDS if k in set(m["money_kind"])]
    handles: list[Artist] = [
        Line2D([], [], ls="", marker="s", color=KINDS[k][1], markersize=8) for k in kinds
    ]
    labels = [KINDS[k][0] for k in kinds]
    if is_target.any():
        from matplotlib.patches import Patch

        handles.append(Patch(facecolor="white", edgecolor=TARGET_COLOR, hatch="///"))
        labels.append("Target or need (still to raise)")
    ax.legend(handles, labels, loc="upper right")


def _draw_largest(ax: Axes, m: pd.DataFrame, width: int) -> None:
    """The bars (``m`` in drawing order, bottom first), their labels, axes and legend."""
    is_target = (m["money_kind"] == "target").to_numpy()
    _draw_amount_bars(ax, m, is_target)
    ax.set_yticks(list(range(len(m))), _bar_names(m, width), fontsize=8)
    ax.xaxis.set_major_formatter(th.money_formatter)
    ax.set_xlabel("Amount (£)")
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.18)
    _largest_legend(ax, m, is_target)


def _largest_alt(money_in: pd.DataFrame, targets: pd.DataFrame) -> str:
    """Alt text for the chart of the largest amounts."""
    return (
        f"Bar chart of the {len(money_in)} largest amounts of the party's own money: "
        + "; ".join(
            f"{th.gbp(a)} ({KINDS.get(k, KINDS['other'])[0].lower()})"
            for a, k in zip(money_in["amount_gbp"], money_in["money_kind"], strict=True)
        )
        + (
            f". Targets, apart: {', '.join(th.gbp(a) for a in targets['amount_gbp'])}."
            if len(targets)
            else "."
        )
    )


def largest_amounts(
    money: pd.DataFrame,
    reports: pd.DataFrame | None = None,
    n: int = 10,
    *,
    width: int = 60,
) -> Figure:
    """The ``n`` largest amounts of the party's own money (``nr.party_money``, each
    figure once) as bars, each labelled with the sentence it comes from.  Targets are
    drawn apart (hatched, listed last) and never mixed with money in hand; policy
    pledges, prices, other parties' money and donor thresholds are left out, and the
    chart says how many."""
    pm = classified_money(money, reports)
    money_in, targets = _largest(pm, n)
    m = pd.concat([money_in, targets])
    left_out = "; ".join(_left_out(pm, dated=False)) or None
    with th.themed():
        fig = th.new_figure(10, 1.8 + 0.85 * max(2, len(m)))
        ax = fig.add_subplot()
        if m.empty:
            th.no_data(ax, "No amounts of the party's own money in these reports")
        else:
            m = m.iloc[::-1]
            _draw_largest(ax, m, width)
        th.finish(
            fig,
            source_line(m, table=TABLE, left_out=left_out),
            title="The largest amounts of the party's own money in the reports",
            subtitle="Each with the sentence it comes from; targets (hatched) apart, below "
            "the dashed line",
            alt=_largest_alt(money_in, targets),
        )
    return fig


def _draw_raising(ax: Axes, m: pd.DataFrame) -> None:
    """Money raised (filled) and targets (hollow), log scale, with the legend."""
    for kind, color, face in (
        ("raised", th.PALETTE[0], None),
        ("target", th.PALETTE[3], "none"),
    ):
        part = m[m["money_kind"] == kind]
        ax.scatter(
            part["when"],
            part["amount_gbp"].to_numpy(dtype=float),
            color=color,
            facecolor=face or color,
            s=46,
            label="money raised" if kind == "raised" else "target (still to raise)",
            linewidth=1.2,
            zorder=3,
        )
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(th.money_formatter)
    ax.set_ylabel("Amount (£, log scale)")
    ax.legend(title="Party money", loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _draw_donors(ax: Axes, d: pd.DataFrame) -> None:
    """Counts of donors, a colour per donor scheme, each labelled with its count."""
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
        ax.scatter(
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
        ax.legend(title="Donor scheme", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    for when, value in zip(d["when"], d["value"], strict=True):
        ax.annotate(
            f"{int(value):,}",
            (when, float(value)),
            xytext=(6, 4),
            textcoords="offset points",
            fontsize=8.5,
            color="0.25",
        )
    ax.set_ylabel("Donors (count)")
    ax.yaxis.set_major_formatter(th.count_formatter)
    ax.set_ylim(bottom=0, top=float(d["value"].max()) * 1.2)


def _fundraising_alt(m: pd.DataFrame, d: pd.DataFrame) -> str:
    """Alt text for the fundraising chart."""
    raised = m[m["money_kind"] == "raised"]
    return (
        f"Two-panel chart. Top, log scale: {len(raised)} amounts of money raised for the "
        f"party and {int((m['money_kind'] == 'target').sum())} targets"
        + (f", the largest raised {th.gbp(raised['amount_gbp'].max())}" if len(raised) else "")
        + f". Bottom: {len(d)} counts of donors"
        + (" (" + ", ".join(f"{int(v):,}" for v in d["value"]) + ")." if len(d) else ".")
    )


def fundraising_over_time(
    money: pd.DataFrame, donors: pd.DataFrame, reports: pd.DataFrame | None = None
) -> Figure:
    """What the reports say about raising money for the party: money raised and targets
    (top, log scale; party money only, each figure once, parts of a stated total left
    out, see ``nr.party_money``) and
    counts of donors (bottom)."""
    pm = classified_money(money, reports)
    raising = pm[pm["counted"] & pm["money_kind"].isin(["raised", "target"])]
    m = raising.dropna(subset=["when"])
    n_undated = len(raising) - len(m)
    d = tidy(donors, "donors")
    d = d.assign(when=fact_dates(d)).dropna(subset=["value", "when"])
    with th.themed():
        fig = th.new_figure(10, 7.0)
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[1.6, 1])
        if m.empty:
            th.no_data(top, "No fundraising amounts in these reports")
        else:
            _draw_raising(top, m)
        if d.empty:
            th.no_data(bottom, "No counts of donors in these reports")
        else:
            _draw_donors(bottom, d)
        if not (m.empty and d.empty):
            th.date_axis(bottom)
            bottom.tick_params(axis="x", labelbottom=True)
            bottom.set_xlabel("Date (as stated, else the meeting date)")
        th.finish(
            fig,
            source_line(
                pd.concat([m, d], ignore_index=True),
                table=(TABLE, "donors"),
                left_out=f"{n_undated} undated amount{'s' if n_undated != 1 else ''}"
                if n_undated
                else None,
            ),
            title="What the reports say about fundraising",
            subtitle="Amounts raised or needed for the party (top; donor thresholds left out); "
            "numbers of donors (bottom)",
            alt=_fundraising_alt(m, d),
        )
    return fig
