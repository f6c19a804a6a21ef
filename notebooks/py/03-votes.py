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
# # How NEC votes split
#
# **The question:** when NEC members report a vote, how does it split? When several
# members report the same vote, do they agree on the numbers? How did the reporting
# members themselves vote? How wide are the margins, which were the closest votes and on
# what, how do the NEC and its committees compare, how does that change over time, and how
# many decisions were unanimous rather than divided?
#
# A vote is in the `votes` table only if a report gives its numbers ("by so many votes to so many")
# or says it was unanimous; decisions reported without either are not counted, so this is
# a picture of the votes reporters chose to record, not of every NEC decision. Every
# number in the text below is computed in the cell that prints it.

# %% tags=["parameters"]
# Folder of tables written by `nec-reports build --out data/processed` (relative to notebooks/).
DATA_DIR = "../data/processed"

# %%
import pandas as pd

import nec_reports as nr
from nec_reports import analysis

nr.plot.use_theme()
say, show = nr.plot.say, nr.plot.show  # a sentence computed here; a table for reading
votes = nr.plot.read_table("votes", DATA_DIR)
reports = nr.plot.read_table("reports", DATA_DIR)
sections = nr.plot.read_table("sections", DATA_DIR)
# one row per report of a vote here; the charts draw each vote taken once
splits = nr.plot.vote_splits(votes, once=False)
counted = splits[splits["margin"].notna()]
heads = counted[counted["unit"].fillna("votes") == "votes"]
unanimous = splits[splits["unanimous"]]
say(
    f"The reports record **{len(splits)} vote reports** with a split or as unanimous, from "
    f"**{splits['report_id'].nunique()} reports** by {splits['author'].nunique()} reporters: "
    f"{len(counted)} with numbers ({len(heads)} of them head counts, the rest percentages) "
    f"and {len(unanimous)} described as unanimous. "
    f"{int(splits['meeting_date'].isna().sum())} have no meeting date and are left off the "
    "chart over time."
)

# %% [markdown]
# ## One row per vote taken
#
# A vote reported by several members is one decision: `decisions` joins the reports of
# one meeting and body that give the same split or its mirror (within a few votes, never
# more than the NEC has members) and talk about the same thing, and never joins two votes
# of one report. Each report's split is kept in `splits`; `agree` is false when they
# differ. The motion is said in the clearest report's words.

# %%
decisions = analysis.decisions(votes, reports)
several = decisions[decisions["n_reports"] >= 2]
show(
    several[
        [
            "decision_id",
            "motion",
            "votes_for",
            "votes_against",
            "abstentions",
            "outcome",
            "n_reports",
            "splits",
            "agree",
        ]
    ]
)
disagree = several[~several["agree"].astype(bool)]
say(
    f"The {len(splits)} vote reports are **{len(decisions)} decisions**; "
    f"{len(several)} of them were reported by two or more members, and on "
    f"{len(disagree)} of those the reports give different numbers."
    + (
        " Where they differ: "
        + "; ".join(f"{r.motion[:70]}… ({', '.join(r.splits)})" for r in disagree.itertuples())
        + "."
        if len(disagree)
        else ""
    )
)

# %% [markdown]
# ## How the reporting members voted
#
# Reports sometimes say how their writer voted ("I voted against") and name colleagues
# who voted the same way. `positions` reads one row per member and vote from those
# sentences, matched to the decision reported nearest them where one is. Only named
# members count: "ten members of the NEC" or "the Grassroots Five" are not positions.

# %%
positions = analysis.positions(reports, sections, votes, decisions)
show(positions[["meeting_date", "member", "stance", "reporter", "decision_id", "evidence"]])
if len(positions):
    stances = positions.groupby(["member", "stance"]).size().unstack(fill_value=0)
    show(stances)
    say(
        f"The reports state **{len(positions)} positions** of "
        f"{positions['member'].nunique()} named member(s), from "
        f"{positions['report_id'].nunique()} report(s); "
        f"{int(positions['decision_id'].notna().sum())} are matched to a recorded decision. "
        + ", ".join(f"{n} {st}" for st, n in positions["stance"].value_counts().items())
        + "."
    )
else:
    say("No report in this data says how a named member voted.")

# %% [markdown]
# ## Margins, meeting by meeting
#
# Each marker is a decision taken by a head count (a vote several members reported is
# drawn once), placed at its meeting and at the share of for-and-against votes cast for
# the motion: above the dashed line the motion won, below it lost. Hollow markers at the
# top are decisions reported as unanimous without a count. Card votes given as
# percentages are a different unit and are left out, as are decisions with no meeting
# date; the chart says how many. Decisions of one meeting with nearly the same share are
# set side by side, and the number above a meeting counts its decisions. A cluster of
# votes at similar shares on one day is the mark of a slate: the same members voting
# together on a run of motions.

# %%
fig = nr.plot.vote_shares_over_time(votes, reports)

# %%
if len(heads):
    margin = heads["margin"].abs().astype(float)
    size = heads["votes_for"].astype(float) + heads["votes_against"].astype(float)
    pairs = (
        heads.assign(
            split=heads["votes_for"].astype("Int64").astype(str)
            + "–"
            + heads["votes_against"].astype("Int64").astype(str)
        )["split"]
        .value_counts()
        .head(5)
    )
    say(
        f"Across the {len(heads)} head-count votes, the median margin is "
        f"{margin.median():.0f} votes and the median number of votes cast for or against is "
        f"{size.median():.0f}. {int((margin <= 3).sum())} vote(s) were decided by three votes "
        f"or fewer; {int((heads['votes_against'] == 0).sum())} had no votes against. The most "
        f"common splits: {', '.join(f'{s} ({n})' for s, n in pairs.items())}."
    )
    carried = (heads["outcome"] == "carried").sum()
    rejected = (heads["outcome"] == "rejected").sum()
    say(
        f"{carried} of these motions were carried and {rejected} rejected; "
        f"for {int(heads['outcome'].isna().sum())} the report does not say."
    )
else:
    say("No head-count votes in this data.")

# %% [markdown]
# ## The closest votes
#
# The narrowest decisions taken by a head count, one bar each however many members
# reported them, with the motion from the decisions table and its decision id. A tie and
# a recount appear as two decisions, as the reports give them.

# %%
fig = nr.plot.closest_votes(votes, reports)

# %%
decided = nr.plot.decision_table(votes, reports)
closest = (
    decided[decided["head_count"]]
    .assign(abs_margin=lambda d: d["margin"].abs())
    .sort_values(["abs_margin", "meeting_date"])
    .head(8)
)
show(
    closest[
        [
            "decision_id",
            "meeting_date",
            "body",
            "motion",
            "votes_for",
            "votes_against",
            "abstentions",
            "outcome",
            "n_reports",
            "authors",
        ]
    ].reset_index(drop=True)
)

# %% [markdown]
# ## By body and over time; unanimous against divided
#
# The full NEC meets most often and is reported most fully, so it dominates. Committee
# votes are reported more rarely. Comparing years shows whether recorded division grew or
# shrank, with the caveat from the corpus notebook that the number of reporters changes
# from year to year too. Each decision counts once, however many members reported it.

# %%
fig = nr.plot.unanimous_vs_divided(votes, reports)

# %%
kind = pd.Series("divided", index=decided.index, name="decision").mask(
    ~decided["divided"], "unanimous"
)
by_body = pd.crosstab(decided["body"].fillna("other"), kind, margins=True, margins_name="all")
by_year = pd.crosstab(decided["meeting_date"].dt.year.astype("Int64"), kind)
show(by_body)
show(by_year)
share_divided = (kind == "divided").mean() if len(kind) else float("nan")
say(
    f"{share_divided:.0%} of the recorded decisions were divided. "
    + " ".join(
        f"In {year}, {int(row.get('divided', 0))} of {int(row.sum())} were divided."
        for year, row in by_year.iterrows()
    )
)

# %% [markdown]
# ## Discussion
#
# - Recorded NEC votes are rarely close: most divided votes are won by a clear, stable
#   majority, and the recurring splits point to organised blocs rather than shifting
#   coalitions. The closest votes are the ones worth reading in full.
# - Unanimity is under-counted: reporters mention a unanimous decision when it matters to
#   them, and many uncontroversial decisions are reported without saying how they were
#   taken.
# - Which side a count is on follows the question put ("rejected by eighteen to thirteen"
#   is thirteen for, eighteen against), so a motion from a minority bloc appears below the
#   dashed line.
