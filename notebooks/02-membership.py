# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Labour membership, as the NEC reports tell it
#
# **The question:** what do NEC members' reports say about the size of the Labour Party
# over time (total members, fully paid-up members, and members in arrears), where do
# several reporters of one meeting agree or differ, and how do their figures sit against
# the outside record: the year-end counts in the party's accounts and the press?
#
# Every number in the text below is computed in the cell that prints it. The `membership`
# table comes from `nec-reports build`; the outside figures are in `data/external/`, each
# row with its source and a quote (see `data/external/README.md`).

# %% tags=["parameters"]
# Folder of tables written by `nec-reports build --out data/processed` (relative to notebooks/).
DATA_DIR = "../data/processed"
# Folder holding labour_membership_external.csv and its README.
EXTERNAL_DIR = "../data/external"

# %%
from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

import nec_reports as nr

nr.plot.use_theme()


def say(text: str) -> None:
    """Show a sentence whose numbers were computed in this cell."""
    display(Markdown(text))


def k(n: object) -> str:
    """412,000 -> '412,000' (NA -> 'n/a')."""
    return "n/a" if pd.isna(n) else f"{int(n):,}"


membership = nr.plot.read_table("membership", DATA_DIR)
external = nr.plot.read_external_membership(Path(EXTERNAL_DIR) / "labour_membership_external.csv")
points = nr.plot.membership_points(membership)
stock = points[points["measure"].isin(["members", "paid_up", "arrears"])]

by_measure = points.groupby("measure").agg(
    figures=("value", "size"),
    reporters=("author", "nunique"),
    first=("when", "min"),
    last=("when", "max"),
)
display(by_measure)
say(
    f"The reports give **{len(points)} membership figures** from "
    f"**{points['report_id'].nunique()} reports** by **{points['author'].nunique()} "
    f"reporters**; {len(stock)} of them are totals, paid-up counts or arrears, the rest "
    "are flows (joined, left) or other groups."
)

# %% [markdown]
# ## The series, reporter by reporter
#
# One marker per reporter per date: colour is the measure, shape the reporter. Where
# several reporters give a figure for the same date their markers sit side by side; a
# pale bar joins the lowest and highest where they differ. The line runs through the
# middle figure of each date. A figure is placed at the date it describes where the
# report says so ("at the start of last year"), otherwise at the meeting date.

# %%
fig = nr.plot.membership_over_time(membership)

# %% [markdown]
# ### Where reporters agree and where they differ
#
# The table lists every date and measure for which more than one reporter gave a
# figure. Rounding is the usual cause of a difference ("around thirty thousand" against an
# exact count); a real disagreement would show as a spread larger than the rounding.

# %%
agreement = nr.plot.membership_agreement(stock)
several = agreement[agreement["n_reporters"] >= 2]
display(several)
differ = several[~several["agree"]]
# A difference is "rounding" when at least one of the figures was given as approximate.
approx = stock[stock["qualifier"].fillna("exact") != "exact"].set_index(["when", "measure"]).index
rounding = differ.set_index(["when", "measure"]).index.isin(approx)
if len(several):
    worst = differ.sort_values("spread", ascending=False).head(1)
    worst_text = (
        f" The widest gap is {k(worst['spread'].iloc[0])} ({worst['measure'].iloc[0]}, "
        f"{worst['when'].iloc[0]:%d %B %Y}: {worst['authors'].iloc[0]})."
        if len(worst)
        else ""
    )
    say(
        f"{len(several)} date-and-measure pairs have figures from two or more reporters: "
        f"they agree exactly on {int(several['agree'].sum())} and differ on {len(differ)}"
        + (
            f"; in {int(rounding.sum())} of those, at least one reporter gave the figure as "
            "approximate ('about', 'over', …)."
            if len(differ)
            else "."
        )
        + worst_text
    )
else:
    say(
        "No date has figures from more than one reporter, so the reports cannot be "
        "checked against each other here."
    )

# %% [markdown]
# ### The trend in the reports
#
# Total and paid-up members are not the same count (the total includes members in
# arrears), so the change is measured within each measure, from its first figure in the
# reports to its last.

# %%
rows = []
for measure in ["members", "paid_up", "arrears"]:
    series = stock[stock["measure"] == measure].groupby("when")["value"].median()
    if len(series) >= 2:
        first, last = series.iloc[0], series.iloc[-1]
        rows.append(
            {
                "measure": measure,
                "since": series.index[0],
                "until": series.index[-1],
                "first": first,
                "last": last,
                "change": last - first,
                "pct_change": round(100 * (last - first) / first, 1),
            }
        )
trend = pd.DataFrame(
    rows, columns=["measure", "since", "until", "first", "last", "change", "pct_change"]
)
display(trend)
for r in trend.itertuples():
    direction = "fell" if r.change < 0 else "rose" if r.change > 0 else "did not change"
    say(
        f"**{nr.plot.label(r.measure)}** {direction} from {k(r.first)} "
        f"({r.since:%B %Y}) to {k(r.last)} ({r.until:%B %Y}), a change of {r.pct_change:+.1f}%."
    )

# %% [markdown]
# ## Against the outside record
#
# The outside figures are not all equally good. The year-end counts from the party's
# annual accounts (as published by the Electoral Commission and reported by the press) are
# the most reliable; House of Commons Library estimates round them; leaked head-office
# figures in the press are second-hand and do not always say whether they count paid-up
# members or everyone. Rows that are themselves NEC members' reports quoted by others are
# left out here: they are the same kind of source as this library reads, not a check on
# it. The black line joins the year-end counts; grey crosses are other outside estimates.

# %%
fig = nr.plot.membership_vs_outside_figures(membership, external)

# %%
independent = external[external["independent"]]
year_end = nr.plot.external_year_end(independent)
display(year_end[["date", "members", "n_sources", "sources"]].tail(8))
not_indep = external[~external["independent"]]
say(
    f"The outside file holds {len(external)} rows from "
    f"{external['source_name'].nunique()} sources; {len(year_end)} year-end account figures "
    f"run from {year_end['date'].iloc[0]} to {year_end['date'].iloc[-1]}. "
    f"{len(not_indep)} row(s) quoting NEC members' own reports are left out of the comparison."
)

# %% [markdown]
# ### How close are the reports to the accounts?
#
# Each report figure is set beside the outside figure of the same measure nearest in date.
# Only pairs within about a quarter of a year of a year-end accounts count are a fair
# test: membership moves by thousands a month.

# %%
near = nr.plot.nearest_outside(stock, external)
fair = near[near["outside_year_end"].fillna(False).astype(bool) & (near["days_apart"] <= 92)]
display(
    fair[
        [
            "when",
            "measure",
            "author",
            "value",
            "outside_when",
            "outside_value",
            "days_apart",
            "difference",
            "pct_difference",
        ]
    ]
)
if len(fair):
    say(
        f"{len(fair)} report figure(s) fall within a quarter of a year-end accounts count. "
        f"The median difference is {fair['pct_difference'].median():+.1f}% "
        f"(from {fair['pct_difference'].min():+.1f}% to {fair['pct_difference'].max():+.1f}%). "
        + (
            "That is close agreement: differences of this size are what a count taken a few "
            "weeks before or after the year end, or a rounded figure, would give."
            if fair["pct_difference"].abs().max() <= 5
            else "Some differ by more than timing or rounding would explain: check whether "
            "the reporter gave paid-up members (the accounts count members in arrears too) "
            "or a figure for another date."
        )
    )
else:
    say(
        "No report figure falls within a quarter of a year-end accounts count, so the two "
        "cannot be compared directly; the chart still shows whether they follow one trend."
    )

# %% [markdown]
# ### What the reports add to the official series
#
# The accounts give one number a year and never split it into paid-up members and those in
# arrears. The reports are dated to the meeting, so they fill in the months between year
# ends, and several give the paid-up and arrears split. A report figure more than a quarter
# of a year from any independent outside figure of the same measure is new information.

# %%
gap = near[near["days_apart"].isna() | (near["days_apart"] > 92)]
split_meetings = stock[stock["measure"].isin(["paid_up", "arrears"])]["when"].nunique()
say(
    f"{len(gap)} of the {len(near)} report figures (totals, paid-up and arrears) are more "
    f"than a quarter of a year from any outside figure of the same measure, spread over "
    f"{gap['when'].dt.year.nunique()} year(s). {split_meetings} date(s) have a paid-up or "
    "arrears figure from the reports, a split the accounts do not publish."
)
display(gap[["when", "measure", "author", "value", "days_apart"]])

# %% [markdown]
# ## Discussion
#
# - The reports tell the same story as the accounts: membership fell after its peak at the
#   turn of the decade, and the charts above show how far and how fast in the reporters'
#   own figures.
# - Where several members reported one meeting, compare the agreement table: when the
#   differences involve figures given as approximate, they are rounding rather than
#   conflicting counts, which is what one would expect if every reporter was reading
#   from the same head-office report to the NEC.
# - What the reports add is timing and detail: figures between the year-end counts, and
#   the split between paid-up members and members in arrears, which the accounts do not
#   give.
# - Caveats: the series rests on the few reporters who publish full texts (see the corpus
#   notebook); retrospective figures ("we had ... members at the last election") are plotted at
#   the date they describe, not when they were said.
