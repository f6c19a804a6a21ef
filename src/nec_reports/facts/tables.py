"""The fact tables: declared columns and DataFrame builders.

Columns every fact table shares (:data:`COMMON`):

* ``fact_id``: stable id, ``<report_id>-<kind letter><sequence>`` (m, v, g, d);
* ``report_id``, ``author``: the report the fact is stated in, and its writer;
* ``section``: the report section (joins ``sections`` on report_id + section);
* ``meeting_date``: the meeting the section reports, else the report's one meeting;
* ``evidence``: the whole sentence the fact is stated in;
* ``start``, ``end``: offsets into the report's text; ``written`` is
  ``text[start:end]``, the number as written (for a unanimous vote, the word saying so);
* ``source_url``; ``corrections``: fact-level fixes applied from data/corrections.csv.

``as_of`` is an ISO string at the precision the text gives, named by ``as_of_precision``
(``day`` YYYY-MM-DD, ``month`` YYYY-MM, ``year`` YYYY): the date a figure describes
("in January 2020"), else the meeting date, else the title's month, else the
publication date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..models import BODIES
from ..schema import Col, Columns, Table, frame
from .extract import corpus_facts
from .membership import MEASURES
from .money import CATEGORIES
from .numbers import KINDS, QUALIFIERS

if TYPE_CHECKING:
    from ..pipeline import Corpus

_QUAL = Col(
    "str",
    "How the text hedges the number: exact, about (around, some), over (more than), "
    "under (nearly, fewer than).",
    "exact",
    allowed=QUALIFIERS,
    nullable=False,
)
_HEAD: dict[str, Col] = {
    "fact_id": Col(
        "str",
        "Stable id: the report id, a kind letter (m, v, g, d) and the fact's place in the text.",
        "nec-report-25-july-2023-9eedc1a9-m01",
        nullable=False,
        unique=True,
    ),
    "report_id": Col(
        "str",
        "The report the fact is stated in.",
        "nec-report-25-july-2023-9eedc1a9",
        nullable=False,
    ),
    "author": Col("str", "Who wrote that report.", "Luke Akehurst"),
    "section": Col(
        "Int64",
        "The report section the sentence sits in (joins `sections`).",
        "0",
        nullable=False,
        ge=0,
    ),
    "meeting_date": Col(
        "datetime64[s]",
        "Date of the meeting the section reports, else the report's one meeting.",
        "2023-07-25",
    ),
}
_TAIL: dict[str, Col] = {
    "evidence": Col(
        "str",
        "The whole sentence the fact is stated in.",
        "Membership now consists of 385,324 fully paid-up members, and 13,871 in arrears.",
        nullable=False,
    ),
    "start": Col(
        "Int64",
        "Offset of the number (or the word saying unanimous) in the report text.",
        "3719",
        nullable=False,
        ge=0,
    ),
    "end": Col(
        "Int64",
        "Offset just past it: `text[start:end]` is `written`.",
        "3726",
        nullable=False,
        ge=0,
    ),
    "written": Col("str", "The number as written in the report.", "385,324", nullable=False),
    "source_url": Col(
        "str",
        "The report's own post address where a source knows it, else the page it was "
        "captured from (the report's `source_url_kind` says which).",
        "https://davelevy.info/necblogs/",
    ),
    "corrections": Col("str", "Fact-level fixes applied from data/corrections.csv.", ""),
}
COMMON = {**_HEAD, **_TAIL}
_AS_OF = {
    "as_of": Col(
        "str",
        "The date the figure describes, at the precision the text gives (YYYY-MM-DD, "
        "YYYY-MM or YYYY): a date stated with it, else the meeting date, else the title's "
        "month, else the publication date.",
        "2023-07-25",
    ),
    "as_of_precision": Col("str", "Precision of `as_of`.", "day", allowed=("day", "month", "year")),
}

MEMBERSHIP: dict[str, Col] = {
    **_HEAD,
    "value": Col("Int64", "The number of members stated.", "385324", nullable=False, ge=0),
    "measure": Col(
        "str",
        "What was counted (see SCHEMA.md): total members, paid-up, in arrears, "
        "joined, left, eligible to vote, or other (suspended, supporters...).",
        "paid_up",
        allowed=MEASURES,
        nullable=False,
    ),
    "qualifier": _QUAL,
    **_AS_OF,
    **_TAIL,
}
VOTES: dict[str, Col] = {
    **_HEAD,
    "votes_for": Col(
        "Float64",
        "Votes for the question put: a head count, or the percentage "
        "of a card vote as written (62.9) when `unit` is percent.",
        "22",
        ge=0,
    ),
    "votes_against": Col("Float64", "Votes (or percent, see `unit`) against it.", "12", ge=0),
    "abstentions": Col(
        "Float64", "Abstentions, where stated (a head count, or percent).", "1", ge=0
    ),
    "unanimous": Col(
        "boolean",
        "The text says the decision was unanimous, nem con or without dissent.",
        "false",
        nullable=False,
    ),
    "unit": Col(
        "str",
        "`votes` (a head count) or `percent` (a conference card vote).",
        "votes",
        allowed=("votes", "percent"),
        nullable=False,
    ),
    "outcome": Col(
        "str",
        "What the text says happened to the question; missing if it does not say.",
        "carried",
        allowed=("carried", "rejected"),
    ),
    "body": Col(
        "str", "Where the vote happened, from the section it is reported in.", "nec", allowed=BODIES
    ),
    "motion": Col(
        "str",
        "What was voted on, in at most 160 characters (best effort): the sentence's subject "
        '("The proposal to ..."), what a body agreed ("to ask ..."), or the sentence before '
        'when this one only gives the result ("This was carried by 20 votes to 11.").',
        "The proscription of Socialist Appeal",
    ),
    "flag": Col(
        "str",
        "Why the row needs a second look: implausible_total (more votes than the NEC "
        "has members, or percentages over 100).",
        "",
        allowed=("implausible_total",),
    ),
    **_TAIL,
}
MONEY: dict[str, Col] = {
    **_HEAD,
    "amount_gbp": Col("Float64", "The amount in pounds.", "350000", nullable=False, ge=0),
    "category": Col(
        "str", "What the money is (see SCHEMA.md).", "donations", allowed=CATEGORIES, nullable=False
    ),
    "fundraising": Col(
        "boolean",
        "About raising money for the party (donations, events, donor "
        "schemes, lottery, income targets).",
        "true",
        nullable=False,
    ),
    "qualifier": _QUAL,
    **_AS_OF,
    **_TAIL,
}
DONORS: dict[str, Col] = {
    **_HEAD,
    "value": Col(
        "Int64", "Number of donors or fundraising participants.", "590", nullable=False, ge=0
    ),
    "qualifier": _QUAL,
    "scheme": Col("str", "The donor scheme named, if any.", "Rose Network"),
    **_AS_OF,
    **_TAIL,
}
FUNDRAISING: dict[str, Col] = {
    **_HEAD,
    "kind": Col(
        "str",
        "`money` (an amount) or `donors` (a count of people).",
        "money",
        allowed=("money", "donors"),
        nullable=False,
    ),
    "value": Col(
        "Float64", "Pounds (kind money) or people (kind donors).", "350000", nullable=False, ge=0
    ),
    "unit": Col("str", "`gbp` or `people`.", "gbp", allowed=("gbp", "people"), nullable=False),
    "category": Col(
        "str",
        "The money category, or `donors`.",
        "donations",
        allowed=(*CATEGORIES, "donors"),
        nullable=False,
    ),
    "qualifier": _QUAL,
    **_AS_OF,
    **_TAIL,
}


NUMBERS: dict[str, Col] = {
    "report_id": _HEAD["report_id"],
    "author": _HEAD["author"],
    "value": Col(
        "Float64",
        "The number's value (pounds for money, the percentage for a percent, the upper "
        "figure of a range).",
        "385324",
        nullable=False,
    ),
    "written": Col("str", "The number as written.", "385,324", nullable=False),
    "kind": Col(
        "str",
        "What the number is: count, money, percent, year, time, date, ref (a clause or "
        "rule number), phone, ordinal, list (a list item's number).",
        "count",
        allowed=KINDS,
        nullable=False,
    ),
    "qualifier": _QUAL,
    "start": Col("Int64", "Offset of the number in the report text.", "3719", nullable=False, ge=0),
    "end": Col("Int64", "Offset just past it.", "3726", nullable=False, ge=0),
    "noun": Col("str", "The word written after the number (what it counts).", "members"),
    "table": Col(
        "str",
        "The fact table the number went to; missing when it is in none.",
        "membership",
        allowed=("membership", "votes", "money", "donors"),
    ),
    "fact_id": Col("str", "The fact it is part of (joins that table's `fact_id`).", ""),
    "reason": Col(
        "str",
        "Why: the deciding feature (`paid_up:paid_up_after`, `vote_split`, "
        "`money:donations`) or why it was left out (`kind:year`, `small_count`, "
        "`not_members`, `no_membership_cue`, `no_table`).",
        "paid_up:paid_up_after",
        nullable=False,
    ),
    "sentence": Col("str", "The sentence the number is written in.", "", nullable=False),
}


def _frame(rows: list[dict[str, Any]], columns: Columns) -> pd.DataFrame:
    return frame(({k: r.get(k) for k in columns} for r in rows), columns)


def membership_frame(corpus: Corpus) -> pd.DataFrame:
    return _frame(corpus_facts(corpus).rows["membership"], MEMBERSHIP)


def votes_frame(corpus: Corpus) -> pd.DataFrame:
    return _frame(corpus_facts(corpus).rows["votes"], VOTES)


def money_frame(corpus: Corpus) -> pd.DataFrame:
    return _frame(corpus_facts(corpus).rows["money"], MONEY)


def donors_frame(corpus: Corpus) -> pd.DataFrame:
    return _frame(corpus_facts(corpus).rows["donors"], DONORS)


def fundraising_frame(corpus: Corpus) -> pd.DataFrame:
    """Money raised for the party and counts of donors, in one long table."""
    facts = corpus_facts(corpus)
    rows = []
    for r in facts.rows["money"]:
        if r.get("fundraising"):
            rows.append({**r, "kind": "money", "value": r["amount_gbp"], "unit": "gbp"})
    for r in facts.rows["donors"]:
        rows.append(
            {
                **r,
                "kind": "donors",
                "value": float(r["value"]),
                "unit": "people",
                "category": "donors",
            }
        )
    rows.sort(key=lambda r: (r["report_id"], r["start"]))
    return _frame(rows, FUNDRAISING)


def numbers_frame(corpus: Corpus) -> pd.DataFrame:
    """Every number written in every report, with the fact table it went to and why."""
    return _frame(corpus_facts(corpus).rows["numbers"], NUMBERS)


#: The fact tables, merged into :data:`nec_reports.tables.TABLES`.
FACT_TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "membership",
            "One row per membership figure a report states: ``value`` (members), ``measure`` "
            "(members, paid_up, arrears, joined, left, eligible, other), ``qualifier`` and "
            "``as_of``, with the evidence sentence and offsets of the number.",
            MEMBERSHIP,
            membership_frame,
        ),
        Table(
            "votes",
            "One row per recorded vote split or unanimous decision: ``votes_for``, "
            "``votes_against``, ``abstentions``, ``unanimous``, ``outcome``, ``body``, "
            "``motion``, and ``flag`` for splits that cannot be right.",
            VOTES,
            votes_frame,
        ),
        Table(
            "money",
            "One row per amount of money a report states: ``amount_gbp``, ``category``, "
            "``fundraising`` and ``qualifier``.",
            MONEY,
            money_frame,
        ),
        Table(
            "donors",
            "One row per count of donors or fundraising participants "
            '("590 people in the Rose Network").',
            DONORS,
            donors_frame,
        ),
        Table(
            "fundraising",
            "Money raised for the party and counts of donors in one long table (``kind``, "
            "``value``, ``unit``), ready to chart.",
            FUNDRAISING,
            fundraising_frame,
        ),
        Table(
            "numbers",
            "One row per number written in a report body, with the fact table it went to "
            "(or none) and a short reason code: how to audit what the extractors took and "
            "skipped.",
            NUMBERS,
            numbers_frame,
        ),
    )
}
