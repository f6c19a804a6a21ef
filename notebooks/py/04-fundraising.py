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
# # Money and donors
#
# **The question:** what do the NEC reports say about the party's money: which kinds of
# amounts they mention and when, which of them are the party's own money at all, the
# largest figures and the sentences they come from, and what the party said it had raised
# each year and still needed, including the number of donors in its donor schemes?
#
# The amounts are not a set of accounts: a report mentions a figure when it is news (a
# record online appeal, a conference's takings, a cut in staff costs), so summing them
# would mean nothing. They are read one by one, with their evidence. Every number in the
# text below is computed in the cell that prints it.

# %% tags=["parameters"]
# Folder of tables written by `nec-reports build --out data/processed` (relative to notebooks/).
DATA_DIR = "../data/processed"
# Folder holding labour_finances_external.csv and its README.
EXTERNAL_DIR = "../data/external"

# %%
from pathlib import Path

import pandas as pd

import nec_reports as nr
from nec_reports import analysis

nr.plot.use_theme()
say, show = nr.plot.say, nr.plot.show  # a sentence computed here; a table for reading
money = nr.plot.read_table("money", DATA_DIR)
donors = nr.plot.read_table("donors", DATA_DIR)
fundraising = nr.plot.read_table("fundraising", DATA_DIR)
reports = nr.plot.read_table("reports", DATA_DIR)
rows = nr.plot.money_rows(money)
# Which amounts are the party's own money, what kind, and which are repeats.
classified = analysis.party_money(money, reports)

by_category = (
    rows.assign(category=rows["category"].fillna("other"))
    .groupby("category")
    .agg(
        amounts=("amount_gbp", "size"),
        reports=("report_id", "nunique"),
        smallest_gbp=("amount_gbp", "min"),
        largest_gbp=("amount_gbp", "max"),
    )
    .sort_values("amounts", ascending=False)
)
show(by_category)
fund = rows["fundraising"].fillna(False).astype(bool)
say(
    f"The reports mention **{len(rows)} amounts of money** in "
    f"**{rows['report_id'].nunique()} reports** by {rows['author'].nunique()} reporters; "
    f"{int(fund.sum())} of them are about raising money for the party. The most frequent "
    f"category is *{nr.plot.label(by_category.index[0]).lower()}* "
    f"({by_category['amounts'].iloc[0]} amounts)."
    if len(rows)
    else "The reports in this data mention no amounts of money."
)

# %% [markdown]
# ## The party's money and everything else
#
# Every amount a report states is in `money`, policy pledges and prices included ("a
# minimum wage of …", "billions in climate investment", "members are paid … a day").
# `party_money` marks which are the party's own money and what kind they are (raised, a
# target still to raise, a donor scheme's threshold, income, spending), the parts of a
# total given in the same sentence, and repeats: the same amount at the same meeting in a
# second report, or in a report posted twice. Fundraising totals below use party money
# only, each figure once, and keep targets apart from money raised.

# %%
kind_table = pd.crosstab(
    classified["money_kind"], classified["party_money"].map({True: "party", False: "not party"})
)
show(kind_table)
not_party = classified[~classified["party_money"].astype(bool)]
say(
    f"{len(classified) - len(not_party)} of the {len(classified)} amounts are the party's own "
    f"money; {len(not_party)} are not (policy, prices, wages or other parties). "
    f"{int(classified['repeat'].astype(bool).sum())} amount(s) repeat one already counted and "
    f"{int(classified['part_of_total'].fillna(False).astype(bool).sum())} are parts of a total "
    "stated beside them."
)
show(not_party[["as_of", "author", "amount_gbp", "category", "evidence"]])

# %% [markdown]
# ## The party's own money over time
#
# Only the party's own money, each figure once (`party_money`): policy pledges, prices,
# wages and other parties' money are left out, and so are the thresholds of donor
# schemes; the line under the chart counts each. Money raised, earned, granted, spent or
# saved is in the top panel; targets and needs, money still to raise, are apart in the
# bottom one. The scale is logarithmic because party money runs from a few pounds (a
# fee) to millions.

# %%
fig = nr.plot.money_by_category_over_time(money, reports)

# %%
own = nr.plot.money.classified_money(money, reports)
drawn = own[own["counted"] & own["when"].notna() & (own["money_kind"] != "threshold")]
per_year = pd.crosstab(drawn["when"].dt.year.astype("Int64"), drawn["money_kind"])
show(per_year)
if len(per_year):
    busiest = per_year.sum(axis=1).idxmax()
    say(
        f"The chart draws {len(drawn)} amounts of party money. "
        f"{busiest} has the most ({int(per_year.loc[busiest].sum())}); the spread "
        f"over years follows how many full reports survive for each year (see the corpus "
        "notebook) as much as how much money was discussed."
    )

# %% [markdown]
# ## The largest figures, with their evidence
#
# The largest amounts of the party's own money, each figure once. Policy and other
# figures ("a minimum wage of …", "billions for climate investment") are left out: they
# are about the country, not the party's money. Targets are drawn apart (hatched, below
# the dashed line), never beside money in hand. The table under the chart gives the full
# sentence for each.

# %%
fig = nr.plot.largest_amounts(money, reports)

# %%
largest = (
    own[own["counted"] & ~own["money_kind"].isin(["threshold", "target"])]
    .sort_values("amount_gbp", ascending=False)
    .drop_duplicates(["amount_gbp", "evidence"])
    .head(10)
)
show(
    largest[["when", "author", "category", "amount_gbp", "qualifier", "evidence"]].reset_index(
        drop=True
    )
)
if len(largest):
    top = largest.iloc[0]
    # as_of as the report gave it ("2022" stays a year); else the meeting date.
    as_of = top.get("as_of")
    when = as_of if isinstance(as_of, str) and as_of else f"{top['when']:%d %B %Y}"
    say(
        f"The largest is {nr.plot.gbp(top['amount_gbp'])} "
        f"({nr.plot.label(top['category']).lower()}), reported by {top['author']}; it refers "
        f"to {when}."
    )

# %% [markdown]
# ## What the party said it raised and needed
#
# Party money about fundraising (amounts raised, targets still to raise, and the
# thresholds of donor schemes) in date order, each figure once, and below them the number
# of donors in the schemes. The chart draws money raised and targets apart (hollow
# markers are targets) and leaves thresholds out.
# Donor counts on one date can belong to different schemes (a network of regular donors
# and a smaller circle of larger ones), so the points are not joined into a line.

# %%
fig = nr.plot.fundraising_over_time(money, donors, reports)

# %%
party = classified["party_money"].astype(bool) & ~classified["repeat"].astype(bool)
# donor-scheme thresholds only: a spending cap is a threshold too, but not about fundraising
about_raising = classified["money_kind"].isin(["raised", "target"]) | (
    (classified["money_kind"] == "threshold") & classified["fundraising"].fillna(False)
)
raising = classified[party & about_raising]
raising = raising.assign(when=nr.plot.fact_dates(raising)).sort_values("when")
show(
    raising[["when", "author", "money_kind", "amount_gbp", "qualifier", "evidence"]].reset_index(
        drop=True
    )
)
d = donors.assign(when=nr.plot.fact_dates(donors)).sort_values("when")
scheme = d["scheme"].fillna("") if "scheme" in d else pd.Series("", index=d.index)
show(
    d.assign(scheme=scheme)[
        ["when", "author", "scheme", "value", "qualifier", "evidence"]
    ].reset_index(drop=True)
)
thresholds = raising[raising["money_kind"] == "threshold"]
targets = raising[raising["money_kind"] == "target"]
say(
    f"{len(raising)} amounts of party money are about fundraising: "
    f"{len(raising) - len(targets) - len(thresholds)} raised, {len(targets)} target(s) still "
    f"to raise and {len(thresholds)} donor-scheme threshold(s). There are {len(d)} donor "
    "count(s)"
    + (
        ": "
        + ", ".join(
            f"{int(v):,} {s} ({w:%B %Y})".replace("  ", " ")
            for v, s, w in zip(d["value"], scheme, d["when"], strict=True)
        )
        + "."
        if len(d)
        else "."
    )
)
kinds = fundraising["kind"].value_counts() if "kind" in fundraising else pd.Series(dtype=int)
say(
    f"The `fundraising` table brings money and donor rows about raising money together: "
    f"{len(fundraising)} rows" + "".join(f", {n} {kind}" for kind, n in kinds.items()) + "."
)

# %% [markdown]
# ## Money raised per year
#
# `fundraising_by_year` adds up what the reports say was raised for the party, each year:
# the largest single figure (a floor: much of what is raised is never reported) and the
# sum of distinct figures. Figures "so far this year" overlap, so the sum can count the
# same money twice; read it with the largest figure. Targets are counted apart.

# %%
by_year = analysis.fundraising_by_year(classified)
show(by_year.drop(columns=["fact_ids"]))
for r in by_year.itertuples():
    raised = (
        f"the largest figure of money raised is {nr.plot.gbp(r.raised_max_gbp)} and the "
        f"{r.n_figures} distinct figure(s) add up to {nr.plot.gbp(r.raised_sum_gbp)}"
        if r.n_figures
        else "no money raised is reported"
    )
    target = (
        f"; {r.n_targets} target(s), the largest {nr.plot.gbp(r.target_max_gbp)}"
        if r.n_targets
        else ""
    )
    say(f"In {r.year}, {raised}{target}.")

# %% [markdown]
# ## For scale: the party's accounts
#
# The annual accounts give the party's whole income. The reports' fundraising figures are
# parts of it (one appeal, one campaign, one donor scheme), never the whole, so the
# accounts are shown for scale, not for comparison. Donations are defined differently
# across sources (see `data/external/README.md`).

# %%
fin = nr.plot.read_external_finances(Path(EXTERNAL_DIR) / "labour_finances_external.csv")
years = rows["when"].dt.year.dropna().astype(int)
window = (
    fin[
        fin["item"].isin(["total_income", "donations", "membership_income"])
        & fin["year"].between(years.min() - 1, years.max())
    ]
    if len(years)
    else fin.iloc[0:0]
)
# One figure per year and item: the first source listed in the file.
scale = window.drop_duplicates(["year", "item"]).pivot(
    index="year", columns="item", values="amount_gbp"
)
show(scale.map(nr.plot.gbp, na_action="ignore"))
if len(scale) and "total_income" in scale and len(raising):
    biggest = raising[raising["money_kind"] == "raised"]["amount_gbp"].max()
    income = scale["total_income"].dropna()
    if len(income) and pd.notna(biggest):
        say(
            f"The largest figure of money raised in the reports, "
            f"{nr.plot.gbp(biggest)}, equals {biggest / income.median():.1%} of the party's "
            f"median yearly income over these years ({nr.plot.gbp(income.median())})."
        )

# %% [markdown]
# ## Discussion
#
# - The reports are a running commentary on the party's money, not a ledger: they record
#   records and shortfalls when the General Secretary's report makes them news, so the
#   gaps in the chart are gaps in reporting.
# - Fundraising is reported mostly as campaign appeals and donor schemes; the donor counts
#   show whether the schemes grew between meetings.
# - The sentences behind the largest figures matter more than the numbers: a target, a
#   total raised and a threshold for a donor scheme are all "amounts", and only the
#   evidence says which is which.
