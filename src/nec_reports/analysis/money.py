"""The party's own money, apart from everything else a report prices.

``money`` holds every £ amount a report states: policy pledges ("£28bn in climate
investment"), prices and wages ("a £15 minimum wage", "members are paid £350 a day"),
other parties' money, as well as what the party raised and spent.  :func:`party_money`
marks which amounts are the party's, what kind they are (raised, a target, a donor
scheme's threshold, ...), the parts of a total stated in the same sentence and the
repeats (a repost, or the same amount at the same meeting in two reports), so that
:func:`fundraising_by_year` counts money raised for the party once, targets apart."""

from __future__ import annotations

import re

import pandas as pd

from ._common import names, typed
from .columns import FUNDRAISING_YEARS, PARTY_MONEY
from .reposts import with_canonical

#: Words that say an amount is not the party's money: policy, prices and wages in the
#: country, the government's budget, other parties.
NOT_PARTY = re.compile(
    r"minimum\s+wage|\bwages?\b|\bsalar(?:y|ies)\b|\bpaid\s+£|\ba\s+day\b|\ban\s+hour\b|"
    r"per\s+hour|universal\s+credit|\bbills?\b|\bpledg\w+\s+£|\bpledging\b|investment|"
    r"\bbn\b|billion|\btax\b|benefits?\s+system|\bNHS\b|cost\s+of\s+living|"
    r"\b(?:Tory|Tories|Conservatives?|Lib\s*Dems?|Greens?|SNP)\b(?![^.]*\bLabour\b)",
    re.IGNORECASE,
)
#: Words that make a fundraising amount a target rather than money in the bank.
TARGET = re.compile(
    r"\btargets?\b|\bneeds?\b|\bneeded\b|\baim\w*\b|\baspiration\b|\bgoal\b|\bto\s+raise\b",
    re.IGNORECASE,
)
_KIND = {
    "donations": "raised",
    "membership_income": "income",
    "conference_income": "income",
    "spending": "spending",
    "grants": "grants",
    "threshold": "threshold",
    "other": "other",
}


def money_kind(category: str, fundraising: bool, evidence: str) -> str:
    """raised, target, threshold, income, spending, grants or other."""
    kind = _KIND.get(category, "other")
    if kind == "threshold":
        return kind
    if fundraising and TARGET.search(evidence):
        return "target"
    return kind


def is_party_money(category: str, evidence: str) -> bool:
    """False for amounts that are not the party's: the "other" category (policy and
    prices) and any amount whose sentence is about wages, prices, policy or other
    parties."""
    return category != "other" and not NOT_PARTY.search(evidence)


def _parts_of_totals(df: pd.DataFrame) -> pd.Series:
    """True for an amount that is a part of a larger one in the same sentence ("£2.3m had
    been raised this year, £1.8m from major donors and £400,000 from the Rose Network")."""
    part = pd.Series(False, index=df.index)
    sums = df[df["category"].isin(["donations", "membership_income", "conference_income"])]
    for (_, evidence), g in sums.groupby(["report_id", "evidence"], sort=False):
        if len(g) < 3 or re.search(r"\bfurther\b|\bplus\b", str(evidence)):
            continue
        top = g["amount_gbp"].idxmax()
        rest = g["amount_gbp"].drop(top)
        if 0.85 <= rest.sum() / g.loc[top, "amount_gbp"] <= 1.05:
            part.loc[rest.index] = True
    return part


def party_money(money: pd.DataFrame, reports: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every ``money`` row with ``party_money``, ``money_kind``, ``part_of_total`` and
    ``repeat`` (see the module's docstring).  ``reports`` lets a repost count once."""
    df = with_canonical(money, reports).reset_index(drop=True)
    evidence = df["evidence"].fillna("").astype(str)
    category = df["category"].fillna("other").astype(str)
    fundraising = df["fundraising"].fillna(False).astype(bool)
    year = pd.to_numeric(df["as_of"].astype(str).str[:4], errors="coerce")
    when = df["meeting_date"].astype("datetime64[s]").fillna(pd.Timestamp(0))
    key = pd.DataFrame({"when": when, "amount": df["amount_gbp"], "ev": evidence})
    same_sentence = key.assign(r=df["canonical_report_id"]).duplicated(keep="first")
    same_meeting = df["meeting_date"].notna() & key[["when", "amount"]].assign(
        c=category
    ).duplicated(keep="first")
    out = df.assign(
        year=year,
        money_kind=[
            money_kind(c, f, e) for c, f, e in zip(category, fundraising, evidence, strict=True)
        ],
        party_money=[is_party_money(c, e) for c, e in zip(category, evidence, strict=True)],
        part_of_total=_parts_of_totals(df),
        repeat=same_sentence | same_meeting,
    )
    return typed(out, PARTY_MONEY)


def fundraising_by_year(classified: pd.DataFrame) -> pd.DataFrame:
    """Money raised for the party per year, from :func:`party_money`: party money only,
    each figure once (no repeats, no parts of a stated total), targets counted apart."""
    df = classified[classified["party_money"].fillna(False).astype(bool)]
    df = df[~df["repeat"].fillna(False).astype(bool) & df["year"].notna()]
    rows = []
    for year, g in df.groupby("year", sort=True):
        raised = g[(g["money_kind"] == "raised") & ~g["part_of_total"].fillna(False).astype(bool)]
        targets = g[g["money_kind"] == "target"]
        used = pd.concat([raised, targets])
        if used.empty:
            continue
        rows.append(
            {
                "year": int(year),
                "n_figures": len(raised),
                "raised_max_gbp": raised["amount_gbp"].max() if len(raised) else None,
                "raised_sum_gbp": raised["amount_gbp"].sum() if len(raised) else None,
                "n_targets": len(targets),
                "target_max_gbp": targets["amount_gbp"].max() if len(targets) else None,
                "n_reports": used["canonical_report_id"].nunique(),
                "authors": names(used["author"]),
                "fact_ids": list(used["fact_id"]),
            }
        )
    return typed(rows, FUNDRAISING_YEARS)
