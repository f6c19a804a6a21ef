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

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from .extract import corpus_facts

if TYPE_CHECKING:
    from ..pipeline import Corpus

_HEAD: dict[str, str] = {
    "fact_id": "str",
    "report_id": "str",
    "author": "str",
    "section": "Int64",
    "meeting_date": "datetime64[s]",
}
_TAIL: dict[str, str] = {
    "evidence": "str",
    "start": "Int64",
    "end": "Int64",
    "written": "str",
    "source_url": "str",
    "corrections": "str",
}
COMMON = {**_HEAD, **_TAIL}
_AS_OF = {"as_of": "str", "as_of_precision": "str"}

MEMBERSHIP: dict[str, str] = {
    **_HEAD,
    "value": "Int64",  # the count of members
    "measure": "str",  # members, paid_up, arrears, joined, left, eligible, other
    "qualifier": "str",  # exact, about, over, under
    **_AS_OF,
    **_TAIL,
}
VOTES: dict[str, str] = {
    **_HEAD,
    "votes_for": "Int64",  # head count, or whole percent when unit is percent
    "votes_against": "Int64",
    "abstentions": "Int64",
    "unanimous": "boolean",
    "unit": "str",  # votes or percent
    "outcome": "str",  # carried, rejected, or missing
    "body": "str",  # nec, organisation, disputes, equalities, conference, ...
    "motion": "str",  # the clause saying what was voted on
    "flag": "str",  # implausible_total (more votes than the body has members), rounded_percent
    **_TAIL,
}
MONEY: dict[str, str] = {
    **_HEAD,
    "amount_gbp": "Float64",  # pounds
    "category": "str",  # donations, membership_income, conference_income, spending, ...
    "fundraising": "boolean",  # about raising money for the party
    "qualifier": "str",
    **_AS_OF,
    **_TAIL,
}
DONORS: dict[str, str] = {
    **_HEAD,
    "value": "Int64",  # the count of donors or fundraising participants
    "qualifier": "str",
    "scheme": "str",  # the donor network named, e.g. Rose Network
    **_AS_OF,
    **_TAIL,
}
FUNDRAISING: dict[str, str] = {
    **_HEAD,
    "kind": "str",  # money or donors
    "value": "Float64",  # pounds (kind money) or people (kind donors)
    "unit": "str",  # gbp or people
    "category": "str",  # the money category, or donors
    "qualifier": "str",
    **_AS_OF,
    **_TAIL,
}


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    from ..tables import frame

    return frame(({k: r.get(k) for k in columns} for r in rows), columns)


def _votes_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Vote counts are whole numbers; a card vote given to a decimal place ("97.3%") is
    rounded and flagged ``rounded_percent`` (the exact figure is in the evidence)."""
    out = []
    for r in rows:
        r = dict(r)
        for k in ("votes_for", "votes_against", "abstentions"):
            v = r.get(k)
            if v is not None and v != round(v):
                r["flag"] = r.get("flag") or "rounded_percent"
            if v is not None:
                r[k] = round(v)
        out.append(r)
    return out


def membership_frame(corpus: Corpus) -> pd.DataFrame:
    return _frame(corpus_facts(corpus).rows["membership"], MEMBERSHIP)


def votes_frame(corpus: Corpus) -> pd.DataFrame:
    return _frame(_votes_rows(corpus_facts(corpus).rows["votes"]), VOTES)


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


#: name -> (builder, declared columns), merged into :data:`nec_reports.tables.TABLES`.
FACT_TABLES: dict[str, tuple[Callable[[Corpus], pd.DataFrame], dict[str, str]]] = {
    "membership": (membership_frame, MEMBERSHIP),
    "votes": (votes_frame, VOTES),
    "money": (money_frame, MONEY),
    "donors": (donors_frame, DONORS),
    "fundraising": (fundraising_frame, FUNDRAISING),
}
