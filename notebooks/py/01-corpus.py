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
# # What is in the corpus
#
# **The question:** before trusting any count drawn from the NEC reports, what do we
# actually have? Who wrote the reports and when, which meetings they cover and who
# reported each, how much is full text and how much only an excerpt, and where the
# coverage is thin.
#
# Every number in the text below is computed from the tables in the cells that print it;
# the prose cells only discuss. Run `make report` to rebuild the tables and this page, or
# set `DATA_DIR` in the next cell to read another folder of built tables.

# %% tags=["parameters"]
# Folder of tables written by `nec-reports build --out data/processed` (relative to notebooks/).
DATA_DIR = "../data/processed"

# %%
import nec_reports as nr

nr.plot.use_theme()
say, show = nr.plot.say, nr.plot.show  # a sentence computed here; a table for reading
reports = nr.plot.read_table("reports", DATA_DIR)
meetings = nr.plot.read_table("meetings", DATA_DIR)
sections = nr.plot.read_table("sections", DATA_DIR)

years = nr.plot.report_years(reports)
say(
    f"The corpus holds **{len(reports)} distinct reports** by **{reports['author'].nunique()} "
    f"authors**, written between **{years.min()}** and **{years.max()}**. They cover "
    f"**{len(meetings)} meetings** (a meeting is a date and a body: the NEC, one of its "
    f"committees, conference, …) in **{len(sections)} sections**."
)

# %% [markdown]
# ## Who wrote the reports, and when
#
# The chart counts reports per author and year. The year is the publication date where
# the page gives one, else the year of the first meeting the report covers; a report with
# neither is "undated". A handful of prolific reporters dominate, and they did not all
# write in the same years, so any series over time changes its voice as it goes.

# %%
fig = nr.plot.reports_by_author_and_year(reports)

# %%
per_author = (
    reports.assign(year=years, excerpt=reports["is_excerpt"].fillna(False))
    .groupby("author")
    .agg(
        reports=("report_id", "size"),
        first_year=("year", "min"),
        last_year=("year", "max"),
        excerpts=("excerpt", "sum"),
        median_words=("n_words", "median"),
    )
    .sort_values("reports", ascending=False)
)
show(per_author)

top = per_author.index[0]
share = per_author["reports"].iloc[0] / len(reports)
top_two = per_author["reports"].iloc[:2].sum() / len(reports)
undated = reports[years.isna()]
say(
    f"**{top}** wrote {per_author['reports'].iloc[0]} of the {len(reports)} reports "
    f"({share:.0%}); the two most prolific authors together wrote {top_two:.0%}. "
    f"{len(undated)} report(s) carry no date at all"
    + (f" (by {', '.join(sorted(undated['author'].dropna().unique()))})" if len(undated) else "")
    + "."
)

# %% [markdown]
# ## Which meetings were reported, and by whom
#
# Each marker is one member's report of one meeting, coloured by the body that met.
# Thin vertical lines mark the meetings that at least two members reported: those are
# where the reports can be checked against each other, and where later notebooks look
# for agreement and disagreement. A writer whose reports name no meeting date still has a
# row, saying how many reports it has; the line under the chart counts every report left
# out, by writer.

# %%
fig = nr.plot.meeting_timeline(meetings, reports)

# %%
long = nr.plot.meeting_reporters(meetings)
nec = meetings[meetings["body"] == "nec"]
shared = meetings[meetings["n_reports"] >= 2]
in_timeline = {i for ids in meetings["report_ids"] for i in ids}
no_meeting = reports[~reports["report_id"].isin(in_timeline)]
say(
    f"{len(nec)} of the {len(meetings)} meetings are full NEC meetings. "
    f"{len(shared)} meetings were reported by two or more members "
    f"({(nec['n_reports'] >= 2).sum()} of them NEC meetings); the most-reported meeting had "
    f"{meetings['n_reports'].max()} reports. {len(no_meeting)} report(s) name no meeting "
    "date and so are not on the timeline"
    + (
        " (" + ", ".join(f"{a}: {c}" for a, c in no_meeting["author"].value_counts().items()) + ")."
        if len(no_meeting)
        else "."
    )
)
show(
    shared.assign(authors=shared["authors"].map(", ".join))[
        ["meeting_date", "body", "n_reports", "authors"]
    ]
    .sort_values("meeting_date")
    .reset_index(drop=True)
)

# %% [markdown]
# ## Excerpts versus full texts
#
# Some blogs and aggregators show only the opening of a post and a "Continue reading"
# link. An excerpt can still date a meeting, but it rarely reaches the membership
# figures, vote counts or money further down, so an author captured mostly in excerpts
# is under-represented in every fact table, not only in this one.

# %%
fig = nr.plot.excerpts_versus_full_texts(reports)

# %%
exc = reports["is_excerpt"].fillna(False).astype(bool)
words = reports.groupby(exc)["n_words"].median()
mostly_excerpts = per_author[per_author["excerpts"] > per_author["reports"] / 2].index.tolist()
say(
    f"{exc.sum()} of the {len(reports)} reports ({exc.mean():.0%}) are excerpts. A typical "
    f"excerpt runs to {words.get(True, 0):.0f} words against {words.get(False, 0):.0f} for a "
    "full text (medians). Authors captured mostly as excerpts: "
    + (", ".join(mostly_excerpts) if mostly_excerpts else "none")
    + "."
)

# %% [markdown]
# ## Where coverage is thin
#
# Counting meetings per quarter shows the shape of the corpus: grey bands are quarters in
# which no meeting is reported at all, light bars are meetings only one member wrote
# about. Conference and the National Policy Forum count one meeting per day, so a
# conference week shows up as a tall bar.

# %%
fig = nr.plot.coverage_by_quarter(meetings, reports)

# %%
cov = nr.plot.quarter_coverage(meetings)
gaps = nr.plot.coverage_gaps(cov)
single = cov[(cov["meetings"] > 0) & (cov["meetings"] == cov["one_report"])]
if len(gaps):
    longest = gaps.iloc[0]
    gap_text = (
        f"The longest stretch with nothing reported runs from {longest['first']} to "
        f"{longest['last']} ({longest['quarters']} quarters); there are {len(gaps)} such "
        f"gaps, {int(gaps['quarters'].sum())} empty quarters in all."
    )
else:
    gap_text = "Every quarter in the span has at least one meeting reported."
say(
    f"The corpus spans {len(cov)} quarters, from {cov['quarter'].iloc[0]} to "
    f"{cov['quarter'].iloc[-1]}. {gap_text} In {len(single)} quarter(s) with meetings, every "
    "meeting rests on a single report."
)
show(gaps)

# %% [markdown]
# ## What this means for the other notebooks
#
# - Figures over time (membership, votes, money) come mostly from the years and authors
#   with full texts; before that, the series rests on a few excerpts and single reports,
#   so an absence of facts there is an absence of text, not of events.
# - Where two or more members reported the same meeting, their figures can be compared;
#   elsewhere a figure rests on one person's account.
# - Each chart's source line names the reports it draws on, so a reader can see how
#   narrow its base is.
