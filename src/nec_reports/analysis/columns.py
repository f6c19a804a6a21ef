"""Declared columns of the derived tables (one figure per fact), as schema ``Col`` objects.

They are generated into ``docs/data-dictionary.md`` with the published tables, and every
function in :mod:`nec_reports.analysis` returns exactly these columns, in this order.
"""

from __future__ import annotations

from ..models import BODIES
from ..schema import Col
from ..tables import TABLES

MEASURES = TABLES["membership"].columns["measure"].allowed

_PRECISION = ("day", "month", "year")
STANCES = ("for", "against", "abstain")
MONEY_KINDS = ("raised", "target", "threshold", "income", "spending", "grants", "other")

SERIES: dict[str, Col] = {
    "as_of": Col(
        "datetime64[s]",
        "The date the figure describes; a month or a year is its first day "
        "(see `as_of_precision`).",
        "2022-07-19",
        nullable=False,
    ),
    "as_of_precision": Col(
        "str", "Precision of `as_of`: the finest any report gives.", "day", allowed=_PRECISION
    ),
    "measure": Col("str", "What was counted (as in `membership`).", "members", allowed=MEASURES),
    "value": Col(
        "Int64",
        "The agreed figure: the clearest report's when they agree, else the figure most "
        "reports give (never an average).",
        "415000",
        nullable=False,
        ge=0,
    ),
    "low": Col("Int64", "Lowest figure any report gives.", "415000", ge=0),
    "high": Col("Int64", "Highest figure any report gives.", "415000", ge=0),
    "qualifier": Col("str", "Hedge of the agreed figure (exact, about, over, under).", "exact"),
    "n_reports": Col(
        "Int64",
        "Distinct reports giving a figure; a repost of a report counts once.",
        "3",
        nullable=False,
        ge=1,
    ),
    "authors": Col("list", "Who gave a figure.", "Ann Henderson;Gemma Bolton;Luke Akehurst"),
    "agree": Col(
        "boolean",
        "Every figure is within rounding of the others (an about/over/under figure agrees "
        "with exact ones inside its hedge).",
        "true",
        nullable=False,
    ),
    "figures": Col(
        "list", "Each report's figure as `author: value (qualifier)`.", "Luke Akehurst: 415000"
    ),
    "fact_ids": Col("list", "The `membership` rows reconciled (reposts included).", ""),
    "report_ids": Col("list", "The reports, reposts folded into their original.", ""),
    "evidence": Col("str", "The clearest report's sentence.", ""),
    "source_url": Col("str", "URL of the clearest report.", ""),
}

EXTERNAL_COMPARISON: dict[str, Col] = {
    "as_of": Col("datetime64[s]", "Date the outside figure describes.", "2021-12-01"),
    "external_precision": Col("str", "Precision of the outside date.", "month", allowed=_PRECISION),
    "measure": Col("str", "The outside figure's measure.", "members", allowed=MEASURES),
    "external_value": Col("Int64", "The outside figure.", "432213", ge=0),
    "source": Col("str", "Who published the outside figure.", "The Guardian"),
    "url": Col("str", "Where.", ""),
    "series_as_of": Col("datetime64[s]", "Date of the nearest series figure.", "2022-01-25"),
    "series_measure": Col("str", "Measure of that series figure.", "members", allowed=MEASURES),
    "value": Col("Int64", "The series figure (`membership_series().value`).", "434000", ge=0),
    "series_agree": Col("boolean", "Whether the reports behind it agree.", "true"),
    "days_apart": Col("Int64", "Days between the two dates.", "55", ge=0),
    "diff_pct": Col("Float64", "Series minus outside, as % of the outside figure.", "0.4"),
    "note": Col(
        "str",
        "Why the two may differ: paid-up against total, dates apart, a rounded or hedged figure.",
        "series date 55 days later",
    ),
}

DECISIONS: dict[str, Col] = {
    "decision_id": Col(
        "str",
        "Stable id: meeting date (or `undated`), body and order in the meeting.",
        "2022-01-25-nec-03",
        nullable=False,
        unique=True,
    ),
    "meeting_date": Col("datetime64[s]", "Date of the meeting.", "2022-01-25"),
    "body": Col("str", "Body that voted.", "nec", allowed=BODIES),
    "motion": Col(
        "str",
        "What was voted on, in the clearest report's words (never a bare 'The motion').",
        "Ian Murray of the FBU and Nadia Jama then moved a motion calling on the Chief Whip…",
    ),
    "votes_for": Col("Float64", "Votes for: the split most reports give.", "14", ge=0),
    "votes_against": Col("Float64", "Votes against.", "23", ge=0),
    "abstentions": Col("Float64", "Abstentions, where stated.", "1", ge=0),
    "unanimous": Col("boolean", "Some report says it was unanimous.", "false", nullable=False),
    "unit": Col("str", "`votes` or `percent`.", "votes", allowed=("votes", "percent")),
    "outcome": Col(
        "str",
        "carried or rejected, as the reports say.",
        "rejected",
        allowed=("carried", "rejected"),
    ),
    "n_reports": Col(
        "Int64", "Distinct reports of this vote (a repost counts once).", "2", nullable=False, ge=1
    ),
    "authors": Col("list", "Who reported it.", "Gemma Bolton;Luke Akehurst"),
    "agree": Col(
        "boolean",
        "Every report gives the same split and outcome (missing abstentions aside).",
        "false",
        nullable=False,
    ),
    "splits": Col("list", "Each report's split as `author: for–against–abstentions`.", ""),
    "fact_ids": Col("list", "The `votes` rows reconciled.", ""),
    "report_ids": Col("list", "The reports, reposts folded into their original.", ""),
    "evidence": Col("str", "The clearest report's sentence.", ""),
}

POSITIONS: dict[str, Col] = {
    "position_id": Col(
        "str",
        "Stable id: the report id, `p` and the mention's order.",
        "ann-henderson-reports-…-p02",
        nullable=False,
        unique=True,
    ),
    "member": Col("str", "The NEC member whose vote is stated.", "Mish Rahman", nullable=False),
    "stance": Col("str", "How they voted.", "against", allowed=STANCES, nullable=False),
    "meeting_date": Col("datetime64[s]", "Meeting the vote was at (the section's).", "2022-09-20"),
    "decision_id": Col("str", "The decision (`load_decisions`) it matches, where one does.", ""),
    "reporter": Col("str", "Who wrote the report saying so.", "Ann Henderson"),
    "report_id": Col("str", "That report.", "", nullable=False),
    "evidence": Col("str", "The whole sentence.", "", nullable=False),
    "start": Col(
        "Int64", "Offset of the member's mention ('I' or the name) in the report text.", "", ge=0
    ),
    "end": Col("Int64", "Offset just past it.", "", ge=0),
    "source_url": Col("str", "URL of the report.", ""),
}

PARTY_MONEY: dict[str, Col] = {
    "fact_id": Col("str", "The `money` row.", "", nullable=False, unique=True),
    "report_id": Col("str", "Its report.", "", nullable=False),
    "canonical_report_id": Col("str", "The report, a repost folded into its original.", ""),
    "author": Col("str", "Who wrote it.", ""),
    "as_of": Col("str", "As in `money`.", "2022-07-19"),
    "year": Col("Int64", "Year of `as_of`.", "2022"),
    "amount_gbp": Col("Float64", "The amount in pounds.", "400000", ge=0),
    "category": Col("str", "As in `money`.", "donations"),
    "fundraising": Col("boolean", "As in `money`: about raising money for the party.", "true"),
    "money_kind": Col(
        "str",
        "raised (money raised for the party), target (money still to raise or to find), "
        "threshold (a donor scheme's level), income, spending, grants, other.",
        "raised",
        allowed=MONEY_KINDS,
        nullable=False,
    ),
    "party_money": Col(
        "boolean",
        "The party's own money; false for government policy, pledges, other parties' "
        "money, wages and prices in the country.",
        "true",
        nullable=False,
    ),
    "part_of_total": Col(
        "boolean", "A part of a larger total stated in the same sentence.", "false"
    ),
    "repeat": Col(
        "boolean",
        "The same amount at the same meeting in an earlier-listed report or a repost.",
        "false",
        nullable=False,
    ),
    "qualifier": Col("str", "As in `money`.", "exact"),
    "evidence": Col("str", "The sentence.", ""),
}

FUNDRAISING_YEARS: dict[str, Col] = {
    "year": Col("Int64", "Calendar year the figures describe.", "2022", nullable=False),
    "n_figures": Col("Int64", "Distinct figures of money raised (party money).", "5", ge=0),
    "raised_max_gbp": Col(
        "Float64", "The largest figure of money raised: a floor for the year.", "6000000", ge=0
    ),
    "raised_sum_gbp": Col(
        "Float64",
        "Sum of distinct figures raised, parts of a stated total and repeats left out "
        "(year-to-date figures overlap, so read it with `raised_max_gbp`).",
        "8600000",
        ge=0,
    ),
    "n_targets": Col("Int64", "Fundraising targets stated.", "2", ge=0),
    "target_max_gbp": Col("Float64", "The largest target.", "20000000", ge=0),
    "n_reports": Col("Int64", "Reports the figures come from.", "3", ge=0),
    "authors": Col("list", "Who gave them.", "Luke Akehurst"),
    "fact_ids": Col("list", "The `money` rows counted.", ""),
}

MEETING_COVERAGE: dict[str, Col] = {
    "meeting_date": Col("datetime64[s]", "Date of the meeting.", "2023-01-24", nullable=False),
    "body": Col("str", "Body that met.", "nec", allowed=BODIES),
    "author": Col("str", "A member who reported it.", "Luke Akehurst"),
    "report_ids": Col("list", "Their report(s) of it; a repost is listed with its original.", ""),
    "n_reporters": Col("Int64", "How many members reported this meeting.", "2", ge=1),
}

#: Derived tables for the data dictionary: name -> (the nr.* function, columns).
DERIVED = {
    "membership_series": ("membership_series", SERIES),
    "external_comparison": ("compare_external", EXTERNAL_COMPARISON),
    "decisions": ("load_decisions", DECISIONS),
    "positions": ("load_positions", POSITIONS),
    "party_money": ("party_money", PARTY_MONEY),
    "fundraising_by_year": ("fundraising_by_year", FUNDRAISING_YEARS),
    "meeting_coverage": ("meeting_coverage", MEETING_COVERAGE),
}
