# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py//py:percent
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

import nec_reports as nr
from nec_reports import analysis

nr.plot.use_theme()
say, show = nr.plot.say, nr.plot.show  # a sentence computed here; a table for reading
def k(n: object) -> str:
    """412,000 -> '412,000' (NA -> 'n/a')."""
    return "n/a" if pd.isna(n) else f"{int(n):,}"


membership = nr.plot.read_table("membership", DATA_DIR)
reports = nr.plot.read_table("reports", DATA_DIR)
external = nr.plot.read_external_membership(Path(EXTERNAL_DIR) / "labour_membership_external.csv")
points = nr.plot.membership_points(membership)
# One row per date and measure, reconciled across the reports (a repost counts once).
series = analysis.membership_series(membership, reports)
stock = points[points["measure"].isin(["members", "paid_up", "arrears"])]

by_measure = points.groupby("measure").agg(
    figures=("value", "size"),
    reporters=("author", "nunique"),
    first=("when", "min"),
    last=("when", "max"),
)
show(by_measure)
say(
    f"The reports give **{len(points)} membership figures** from "
    f"**{points['report_id'].nunique()} reports** by **{points['author'].nunique()} "
    f"reporters**; {len(stock)} of them are totals, paid-up counts or arrears, the rest "
    "are flows (joined, left) or other groups."
)

# %% [markdown]
# ## The series over time
#
# One line per measure (total, paid-up, in arrears), drawn from the reconciled series
# below: one figure per date and measure however many members reported it. Total and
# paid-up members are different counts, so they are never joined into one line, and a
# line breaks where the reports give no figure for more than six months rather than
# running straight across the gap. Both axes start at zero. A pale bar marks a date where
# the reports disagree. A figure is placed at the date it describes where the report says
# so ("at the start of last year"), otherwise at the meeting date; an earlier figure
# quoted beside the current one ("down from …") does not become a spike at the meeting.

# %%
fig = nr.plot.membership_over_time(membership, reports)

# %% [markdown]
# ## One figure per date: the reconciled series
#
# Several members report one meeting, so the same figure appears once per report, and
# twice when a report was posted again under another title. `membership_series` folds
# them into one row per date and measure: the agreed figure, the lowest and highest any
# report gave, how many reports and who. Figures agree when one count is consistent with
# all of them as written: a round figure stands for anything that rounds to it, and
# "about", "over" or "under" figures agree with exact ones inside their hedge.
# Disagreements are kept and flagged (red rings), never averaged away; the outside
# figures within three months of a series figure are drawn beside it.

# %%
fig = nr.plot.reconciled_membership(membership, reports, external)

# %%
stock_series = series[series["measure"].isin(["members", "paid_up", "arrears"])]
several = stock_series[stock_series["n_reports"] >= 2]
differ = stock_series[~stock_series["agree"].astype(bool)]
show(several[["as_of", "measure", "value", "low", "high", "n_reports", "authors", "agree"]])
folded = int((series["fact_ids"].map(len) - series["n_reports"]).clip(lower=0).sum())
say(
    f"The {len(points)} figures become **{len(series)} series rows** "
    f"({len(stock_series)} of them totals, paid-up counts or arrears). "
    f"{len(several)} date-and-measure pairs have figures from two or more reports: "
    f"they agree within rounding on {int(several['agree'].astype(bool).sum())} and "
    f"differ on {len(differ)}. {folded} figure(s) repeated within a report or a repost "
    "are counted once."
)
if len(differ):
    worst = differ.assign(spread=differ["high"] - differ["low"]).sort_values(
        "spread", ascending=False
    )
    top = worst.iloc[0]
    say(
        f"The widest gap is {k(top['spread'])} ({top['measure']}, "
        f"{top['as_of']:%B %Y}: {', '.join(top['authors'])} give "
        f"{k(top['low'])} to {k(top['high'])})."
    )
    show(worst[["as_of", "measure", "figures", "evidence"]])

# %% [markdown]
# ### The trend in the reports
#
# Total and paid-up members are not the same count (the total includes members in
# arrears), so the change is measured within each measure, from its first agreed figure
# in the series to its last.

# %%
rows = []
for measure in ["members", "paid_up", "arrears"]:
    one = stock_series[stock_series["measure"] == measure].set_index("as_of")["value"]
    if len(one) >= 2:
        first, last = one.iloc[0], one.iloc[-1]
        rows.append(
            {
                "measure": measure,
                "since": one.index[0],
                "until": one.index[-1],
                "first": first,
                "last": last,
                "change": last - first,
                "pct_change": round(100 * (last - first) / first, 1),
            }
        )
trend = pd.DataFrame(
    rows, columns=["measure", "since", "until", "first", "last", "change", "pct_change"]
)
show(trend)
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
# it. The black line joins the year-end counts (diamonds); other outside estimates are
# brown triangles (totals) and purple stars (paid-up members). The axis starts at zero.

# %%
fig = nr.plot.membership_vs_outside_figures(membership, external, reports)

# %%
independent = external[external["independent"]]
year_end = nr.plot.external_year_end(independent)
show(year_end[["date", "members", "n_sources", "sources"]].tail(8))
not_indep = external[~external["independent"]]
say(
    f"The outside file holds {len(external)} rows from "
    f"{external['source_name'].nunique()} sources; {len(year_end)} year-end account figures "
    f"run from {year_end['date'].iloc[0]} to {year_end['date'].iloc[-1]}. "
    f"{len(not_indep)} row(s) quoting NEC members' own reports are left out of the comparison."
)

# %% [markdown]
# ### How close are the reports to the outside figures?
#
# `compare_external` sets each outside figure beside the series figure of the same
# measure nearest in date, within three months (a total against a paid-up count where
# only that is near, said in the note). Membership moves by thousands a month, so the
# note also gives the days between the two dates, and says when a figure is rounded,
# a year-end accounts count or an NEC member's report quoted by others.

# %%
comparison = analysis.compare_external(series, external)
show(
    comparison[
        [
            "as_of",
            "measure",
            "external_value",
            "source",
            "series_as_of",
            "value",
            "diff_pct",
            "note",
        ]
    ]
)
fair = comparison[
    comparison["note"].fillna("").str.contains("year-end")
    & (comparison["measure"] == comparison["series_measure"])
].drop_duplicates(["as_of", "external_value"])
if len(fair):
    say(
        f"{len(fair)} distinct year-end accounts figure(s) have a series figure of the same "
        f"measure within three months. The median difference is "
        f"{fair['diff_pct'].median():+.1f}% (from {fair['diff_pct'].min():+.1f}% to "
        f"{fair['diff_pct'].max():+.1f}%). "
        + (
            "That is close agreement: differences of this size are what a count taken a few "
            "weeks before or after the year end, or a rounded figure, would give."
            if fair["diff_pct"].abs().max() <= 5
            else "Some differ by more than timing or rounding would explain: read the note."
        )
    )
else:
    say(
        "No year-end accounts figure has a series figure within three months, so the two "
        "cannot be compared directly; the charts still show whether they follow one trend."
    )

# %% [markdown]
# ### What the reports add to the official series
#
# The accounts give one number a year and never split it into paid-up members and those in
# arrears. The reports are dated to the meeting, so they fill in the months between year
# ends, and several give the paid-up and arrears split. A series figure with no outside
# figure of its measure within three months is new information.

# %%
matched = set(zip(comparison["series_as_of"], comparison["series_measure"], strict=True))
new = stock_series[
    [
        (w, m) not in matched
        for w, m in zip(stock_series["as_of"], stock_series["measure"], strict=True)
    ]
]
split_dates = stock_series[stock_series["measure"].isin(["paid_up", "arrears"])]["as_of"].nunique()
say(
    f"{len(new)} of the {len(stock_series)} series figures (totals, paid-up and arrears) have "
    f"no outside figure within three months, spread over "
    f"{new['as_of'].dt.year.nunique()} year(s). {split_dates} date(s) have a paid-up or "
    "arrears figure from the reports, a split the accounts do not publish."
)
show(new[["as_of", "measure", "value", "n_reports", "authors"]])

# %% [markdown]
# ## Discussion
#
# - The reports tell the same story as the accounts: membership fell after its peak at the
#   turn of the decade, and the charts above show how far and how fast in the reporters'
#   own figures.
# - Where several members reported one meeting they nearly always agree within rounding,
#   which is what one would expect if every reporter was reading from the same head-office
#   report to the NEC; the disagreements flagged above are worth reading in full.
# - What the reports add is timing and detail: figures between the year-end counts, and
#   the split between paid-up members and members in arrears, which the accounts do not
#   give.
# - Caveats: the series rests on the few reporters who publish full texts (see the corpus
#   notebook); retrospective figures ("we had ... members at the last election") are plotted at
#   the date they describe, not when they were said.
