"""The fact tables built from the bundled corpus: evidence, offsets, ids, comments,
corrections and declared columns."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from nec_reports.build import build_tables
from nec_reports.corpus import default_raw_dir
from nec_reports.facts import votes
from nec_reports.facts.extract import report_facts
from nec_reports.facts.numbers import parse_number
from nec_reports.facts.tables import FACT_TABLES
from nec_reports.models import Comment, Report, Section
from nec_reports.tables import TABLES

KINDS = ("membership", "votes", "money", "donors")


@pytest.fixture(scope="module")
def built():
    return build_tables(use_cache=False)


@pytest.fixture(scope="module")
def texts(built) -> dict[str, str]:
    return dict(zip(built.tables["reports"].report_id, built.tables["reports"].text, strict=True))


def test_fact_tables_are_registered_with_declared_columns(built) -> None:
    for name, table in FACT_TABLES.items():
        cols = table.columns
        published = TABLES[name].columns  # membership gains its `flag` after extraction
        without_flag = {k: v for k, v in published.items() if k != "flag"}
        assert published is cols or (name == "membership" and without_flag == cols)
        df = built.tables[name]
        assert list(df.columns) == list(published)
        assert len(df) > 0
    assert str(built.tables["membership"]["value"].dtype) == "Int64"
    assert str(built.tables["votes"]["votes_for"].dtype) == "Float64"
    assert str(built.tables["money"]["amount_gbp"].dtype) == "Float64"
    assert str(built.tables["money"]["fundraising"].dtype) == "boolean"


@pytest.mark.parametrize("kind", KINDS)
def test_evidence_contains_the_span_and_the_span_parses_back(built, texts, kind) -> None:
    df = built.tables[kind]
    for row in df.itertuples():
        text = texts[row.report_id]
        span = text[row.start : row.end]
        assert span == row.written
        assert span in row.evidence
        assert row.evidence in text
        if kind in ("membership", "donors"):
            assert parse_number(span) == row.value
        elif kind == "money":
            assert parse_number(span) == pytest.approx(row.amount_gbp)
        elif row.unit == "votes" and not pd.isna(row.votes_for):
            said = {votes._num(w) for w in re.findall(r"\d+|[a-z]+(?:-[a-z]+)?", span.lower())}
            assert {row.votes_for, row.votes_against} <= said
        elif row.unanimous:
            assert votes._UNANIMOUS.search(span)


def test_fact_ids_are_unique_stable_and_in_text_order(built) -> None:
    again = build_tables(use_cache=False)
    for kind in KINDS:
        ids = built.tables[kind]["fact_id"]
        assert ids.is_unique
        assert list(ids) == list(again.tables[kind]["fact_id"])
        letter = {"membership": "m", "votes": "v", "money": "g", "donors": "d"}[kind]
        assert all(
            re.fullmatch(rf"{re.escape(r)}-{letter}\d\d+", f)
            for r, f in zip(built.tables[kind].report_id, ids, strict=True)
        )


def test_no_fact_comes_from_a_comment(built) -> None:
    comments = built.tables["comments"]
    assert len(comments) > 0
    # figures only a reader comment gives (580,000 in January 2020, a loss of 68,000, £1.36M)
    blog = built.tables["membership"].query("report_id.str.startswith('nec-report-11-february')")
    assert 580000 not in set(blog["value"]) and 68000 not in set(blog["value"])
    assert 1_360_000 not in set(built.tables["money"]["amount_gbp"])
    texts = dict(zip(built.tables["reports"].report_id, built.tables["reports"].text, strict=True))
    for kind in KINDS:
        for row in built.tables[kind].itertuples():
            assert row.evidence in texts[row.report_id]


def _report(text: str, comments: list[Comment] | None = None) -> Report:
    return Report(
        report_id="test-report",
        source_files=["x.txt"],
        blog=None,
        author="A Writer",
        posted_by=None,
        title="NEC Report – 1 March 2024",
        published=date(2024, 3, 3),
        meeting_dates=[date(2024, 3, 1)],
        bodies=["nec"],
        is_excerpt=False,
        text=text,
        source_url=None,
        line=1,
        comments=comments or [],
        sections=[Section(0, None, date(2024, 3, 1), text, 0, len(text))],
    )


def test_comments_are_never_read() -> None:
    comment = Comment(
        "Reader", None, "Labour had 580,000 members and lost £1.36M; 22 votes to 9.", 9
    )
    report = _report("The NEC met and agreed its agenda.", [comment])
    assert all(rows == [] for rows in report_facts(report).values())


def test_report_facts_carry_common_columns_and_flag_implausible_splits() -> None:
    report = _report("The party has 401,000 members. The motion was carried by 50 votes to 9.")
    facts = report_facts(report)
    (m,) = facts["membership"]
    assert m["fact_id"] == "test-report-m01"
    assert (m["value"], m["measure"], m["as_of"], m["as_of_precision"]) == (
        401000,
        "members",
        "2024-03-01",
        "day",
    )
    assert m["evidence"] == "The party has 401,000 members."
    (v,) = facts["votes"]
    assert (v["votes_for"], v["votes_against"], v["flag"], v["body"]) == (
        50,
        9,
        "implausible_total",
        "nec",
    )


def test_sections_give_body_and_meeting_date(built) -> None:
    votes = built.tables["votes"]
    ann = votes[votes.report_id.str.startswith("nec-update-november-2021")]
    org = ann[ann.votes_against == 18].iloc[0]
    assert org.body == "organisation"
    assert org.meeting_date == pd.Timestamp("2021-11-09")
    conf = ann[ann.unit == "percent"].iloc[0]
    assert conf.body == "conference"


def test_fundraising_table_holds_fundraising_money_and_donors(built) -> None:
    fr = built.tables["fundraising"]
    money = built.tables["money"]
    assert set(fr.kind) == {"money", "donors"}
    assert (fr.kind == "money").sum() == int(money.fundraising.sum())
    assert (fr.kind == "donors").sum() == len(built.tables["donors"])
    assert set(fr[fr.kind == "donors"].unit) == {"people"}


def test_fact_corrections_apply_and_unknown_ids_are_problems(built, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(default_raw_dir(), raw)
    first = built.tables["membership"].iloc[0]
    drop = built.tables["money"].iloc[0]
    (tmp_path / "corrections.csv").write_text(
        "id,field,value,reason\n"
        f"{first.fact_id},measure,other,checked against the minutes\n"
        f"{drop.fact_id},drop,true,not party money\n"
        "no-such-report-m01,value,5,typo\n"
        f"{first.fact_id},colour,red,bad field\n",
        encoding="utf-8",
    )
    b = build_tables(raw, use_cache=False)
    m = b.tables["membership"].set_index("fact_id")
    assert m.loc[first.fact_id, "measure"] == "other"
    assert "checked against the minutes" in m.loc[first.fact_id, "corrections"]
    assert drop.fact_id not in set(b.tables["money"].fact_id)
    problems = " ".join(b.problems)
    assert "no-such-report-m01" in problems and "colour" in problems


def test_card_votes_keep_their_decimals_and_csv_prints_whole_numbers_plainly(tmp_path) -> None:
    from nec_reports.build import _csv_ready
    from nec_reports.facts.tables import VOTES, _frame

    report = _report(
        "The rule change was carried by 58.4% to 41.6% on a card vote. "
        "The motion was agreed by 21 votes to 14."
    )
    df = _frame(report_facts(report)["votes"], VOTES)
    assert str(df["votes_for"].dtype) == "Float64"
    assert list(df["votes_for"]) == [58.4, 21.0]
    assert list(df["unit"]) == ["percent", "votes"]
    assert df["flag"].isna().all()
    csv = _csv_ready(df)
    assert list(csv["votes_for"]) == ["58.4", "21"]
    assert list(csv["votes_against"]) == ["41.6", "14"]
    assert csv["abstentions"].isna().all()


def test_vote_corrections_take_head_counts_and_card_vote_percents() -> None:
    from nec_reports.corrections import Correction
    from nec_reports.errors import CorrectionError
    from nec_reports.facts.extract import _convert

    def fix(field: str, value: str) -> object:
        return _convert(field, value, Correction("x-v01", field, value, "why", 2, "c.csv"))

    assert fix("votes_for", "22") == 22
    assert fix("votes_for", "62.9") == 62.9
    assert fix("abstentions", "") is None
    with pytest.raises(CorrectionError):
        fix("votes_against", "twelve")
    with pytest.raises(CorrectionError):
        fix("value", "12.5")  # membership and donor counts stay whole


def test_one_nec_size_everywhere() -> None:
    """The extractor's bound on a head count is the one the build's checks use."""
    from nec_reports import models
    from nec_reports.facts import votes

    assert votes.MAX_NEC_VOTES == models.MAX_NEC_VOTES
