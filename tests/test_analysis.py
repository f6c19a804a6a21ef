"""One figure per fact (nec_reports.analysis), against hand-checked expectations on the
bundled corpus, plus the rules on small invented frames."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import nec_reports as nr
from conftest import GOLD, ROOT
from nec_reports import analysis
from nec_reports.analysis import columns as cols
from nec_reports.analysis.decisions import split_distance
from nec_reports.analysis.positions import sentence_positions
from nec_reports.analysis.series import bounds
from nec_reports.schema import dtypes

JAN_2023 = "nec-report-24-january-2023-de19f885"
FEB_2023 = "nec-report-24-february-2023-e4eccd6a"


@pytest.fixture(scope="module")
def t() -> dict[str, pd.DataFrame]:
    names = ["reports", "sections", "meetings", "membership", "votes", "money"]
    return {n: getattr(nr, f"load_{n}")() for n in names}


@pytest.fixture(scope="module")
def series(t) -> pd.DataFrame:
    return analysis.membership_series(t["membership"], t["reports"])


@pytest.fixture(scope="module")
def decisions(t) -> pd.DataFrame:
    return analysis.decisions(t["votes"], t["reports"])


@pytest.fixture(scope="module")
def positions(t, decisions) -> pd.DataFrame:
    return analysis.positions(t["reports"], t["sections"], t["votes"], decisions)


def _declared(df: pd.DataFrame, columns) -> None:
    assert list(df.columns) == list(columns)
    for col, dtype in dtypes(columns).items():
        if dtype in ("Int64", "Float64", "boolean", "str"):
            assert str(df[col].dtype) in (dtype, "string", "object"), col
        elif dtype.startswith("datetime64"):
            assert pd.api.types.is_datetime64_any_dtype(df[col]), col


# --- reposts ------------------------------------------------------------------------------


def test_the_february_2023_post_is_a_repost_of_january(t):
    assert analysis.repost_groups(t["reports"]) == [[JAN_2023, FEB_2023]]
    # the reports table keeps it: the gold lists it as its own post
    assert FEB_2023 in set(t["reports"]["report_id"])


# --- membership series --------------------------------------------------------------------


def _at(series: pd.DataFrame, day: str, measure: str) -> pd.Series:
    rows = series[(series["as_of"] == pd.Timestamp(day)) & (series["measure"] == measure)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_july_2022_membership_is_one_row_from_three_reports(series):
    row = _at(series, "2022-07-19", "members")
    assert (row["value"], row["n_reports"], bool(row["agree"])) == (415000, 3, True)
    assert row["authors"] == ["Ann Henderson", "Gemma Bolton", "Luke Akehurst"]
    assert row["as_of_precision"] == "day"


def test_the_repost_counts_once_in_the_series(series):
    for measure, value in (("members", 407328), ("arrears", 25000)):
        row = _at(series, "2023-01-24", measure)
        assert (row["value"], row["n_reports"]) == (value, 1)
        assert row["report_ids"] == [JAN_2023]
        assert len(row["fact_ids"]) == 2  # both copies kept as evidence


def test_hedged_figures_agree_within_their_hedge(series):
    arrears = _at(series, "2022-07-19", "arrears")  # about 30,000; 33,000; about 33,000
    assert (arrears["low"], arrears["high"], arrears["value"]) == (30000, 33000, 33000)
    assert bool(arrears["agree"]) and arrears["qualifier"] == "exact"
    may = _at(series, "2022-05-24", "members")  # a month's "about 420,000" joins the day's
    assert may["n_reports"] == 2 and bool(may["agree"])


def test_disagreements_are_flagged_not_averaged(series):
    row = _at(series, "2021-07-21", "members")  # 466,000 against "approx 430,000 now"
    assert not bool(row["agree"])
    assert (row["low"], row["high"]) == (430000, 466000)
    assert row["value"] in (430000, 466000)


def test_series_columns_and_measure_filter(t, series):
    _declared(series, cols.SERIES)
    assert series["as_of"].is_monotonic_increasing
    only = analysis.membership_series(t["membership"], t["reports"], "paid_up")
    assert set(only["measure"]) == {"paid_up"}


def test_rounding_bounds():
    assert bounds(415000, "exact") == (414500, 415499)
    assert bounds(407328, "exact") == (407328, 407328)
    lo, hi = bounds(30000, "about")
    assert lo <= 33000 <= hi
    assert bounds(512000, "over") == (512000, 513000)


def test_series_on_invented_rows_keeps_a_real_disagreement():
    m = pd.DataFrame(
        {
            "fact_id": ["a", "b", "c"],
            "report_id": ["r1", "r2", "r3"],
            "author": ["A One", "B Two", "C Three"],
            "meeting_date": pd.to_datetime(["2024-01-10"] * 3),
            "value": [300000, 300000, 310000],
            "measure": ["members"] * 3,
            "qualifier": ["exact"] * 3,
            "as_of": ["2024-01-10"] * 3,
            "evidence": ["x"] * 3,
            "source_url": [None] * 3,
        }
    )
    s = analysis.membership_series(m)
    assert len(s) == 1 and not bool(s.loc[0, "agree"]) and s.loc[0, "value"] == 300000


# --- outside figures ---------------------------------------------------------------------


def test_compare_external_pairs_the_accounts_with_the_series(series):
    from nec_reports.external import read_external_membership

    c = analysis.compare_external(series, read_external_membership())
    _declared(c, cols.EXTERNAL_COMPARISON)
    end_2022 = c[(c["as_of"] == "2022-12-01") & (c["external_value"] == 407445)].iloc[0]
    assert (end_2022["value"], end_2022["days_apart"]) == (407328, 24)
    assert abs(end_2022["diff_pct"]) < 0.1
    assert "year-end" in end_2022["note"]
    paid_up = c[(c["as_of"] == "2021-07-01") & (c["measure"] == "paid_up")].iloc[0]
    assert paid_up["series_measure"] == "members" and "total against paid-up" in paid_up["note"]
    assert (c["days_apart"] <= 92).all()


# --- decisions ---------------------------------------------------------------------------


def _decision_with(decisions: pd.DataFrame, fact_id: str) -> pd.Series:
    rows = decisions[decisions["fact_ids"].map(lambda fs: fact_id in fs)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_january_2022_whip_vote_is_one_decision_flagged_as_disagreeing(decisions):
    row = _decision_with(decisions, "nec-report-25th-january-2022-cbe59257-v03")
    assert "gemma-bolton-nec-report-25th-january-2022-41756f32-v01" in row["fact_ids"]
    assert row["n_reports"] == 2 and not bool(row["agree"])
    assert sorted(row["splits"]) == ["Gemma Bolton: 14–22–1", "Luke Akehurst: 14–23–1"]
    assert "whip" in row["motion"].lower() and row["outcome"] == "rejected"


def test_retrospective_expulsions_vote_joins_three_reports(decisions):
    row = _decision_with(decisions, "nec-report-january-2022-864eb64f-v01")  # Mish, undated
    assert set(row["authors"]) == {"Gemma Bolton", "Luke Akehurst", "Mish Rahman"}
    assert row["meeting_date"] == pd.Timestamp("2022-01-25")
    assert "retrospective" in row["motion"].lower() and not bool(row["agree"])


def test_unanimous_decision_matches_a_count_with_nobody_against(decisions):
    row = _decision_with(decisions, "nec-report-19-july-2022-a0c98a9e-v01")  # 27 to nil
    assert set(row["authors"]) == {"Ann Henderson", "Luke Akehurst"} and bool(row["agree"])


def test_decisions_never_join_two_votes_of_one_report(t, decisions):
    report_of = dict(zip(t["votes"]["fact_id"], t["votes"]["report_id"], strict=True))
    for fs in decisions["fact_ids"]:
        reports = [report_of[f] for f in fs]
        assert len(reports) == len(set(reports))
    assert sum(map(len, decisions["fact_ids"])) == len(t["votes"])
    assert decisions["decision_id"].is_unique


def test_motions_are_never_a_bare_label(decisions):
    bare = decisions["motion"].str.fullmatch(r"(?i)(the|a|this) (motion|paper|proposal)")
    assert not bare.any()
    row = _decision_with(decisions, "nec-report-20-september-2022-4bed5e5d-v01")
    assert "delegation" in row["motion"]  # not the sentence before ("This does not ...")


def test_split_distance_takes_the_mirror_and_the_nec_size():
    from nec_reports.analysis.decisions import VoteFact

    def fact(split, unanimous=False, report="r"):
        return VoteFact([], report, None, 0, None, None, "nec", "votes", split, unanimous,
                        None, "", 0, "")  # fmt: skip

    assert split_distance(fact((22.0, 15.0, None)), fact((15.0, 22.0, None))) == 0
    assert split_distance(fact((14.0, 23.0, 1.0)), fact((14.0, 22.0, 1.0))) == 1
    assert split_distance(fact((10.0, 20.0, None)), fact((25.0, 5.0, None))) is None
    assert split_distance(fact((30.0, 20.0, None)), fact((30.0, 20.0, None))) is None
    assert split_distance(fact((None, None, None), True), fact((27.0, 0.0, None))) == 0


def test_decisions_columns(decisions):
    _declared(decisions, cols.DECISIONS)


# --- positions ---------------------------------------------------------------------------


def test_one_sentence_names_five_members(positions):
    row = positions[positions["evidence"].str.startswith("Along with Mish Rahman")]
    assert sorted(row["member"]) == sorted(
        ["Ann Black", "Ann Henderson", "Mish Rahman", "Nadia Jama", "Yasmine Dar"]
    )
    assert set(row["stance"]) == {"against"} and set(row["reporter"]) == {"Ann Henderson"}


def test_a_position_matches_the_decision_another_member_reported(positions, decisions):
    row = positions[positions["evidence"].str.startswith("Along with Mish Rahman")]
    (decision_id,) = set(row["decision_id"])  # Luke Akehurst's 16 to 11 on delegations
    dec = decisions.set_index("decision_id").loc[decision_id]
    assert "delegation" in dec["motion"] and (dec["votes_for"], dec["votes_against"]) == (16, 11)


def test_i_voted_names_the_author_and_matches_the_decision(t, positions, decisions):
    black = positions[positions["evidence"].str.startswith("I voted against, because")]
    assert black["member"].tolist() == ["Ann Black"]
    dec = decisions.set_index("decision_id").loc[black["decision_id"].iloc[0]]
    assert (dec["votes_for"], dec["votes_against"]) == (13, 18)
    text = t["reports"].set_index("report_id")["text"]
    for r in positions.itertuples():
        assert text[r.report_id][r.start : r.end] in ("I", r.member)


def test_sentences_that_are_not_positions():
    assert (
        sentence_positions("Not a single member who voted against the motion spoke.", "X Y") == []
    )
    assert sentence_positions("I supported the party having taken the action.", "X Y") == []
    assert sentence_positions("Finally, we voted to proscribe three organisations.", "X Y") == []
    assert sentence_positions("I abstained on the paper.", "Jo Bloggs") == [
        ("Jo Bloggs", "abstain", 0, 1)
    ]
    among = "On the second paper I was one of seven who voted against."
    assert [p[:2] for p in sentence_positions(among, "Jo Bloggs")] == [("Jo Bloggs", "against")]
    clause = "I raised my worries at length and voted for the amended motion."
    assert [p[:2] for p in sentence_positions(clause, "Jo Bloggs")] == [("Jo Bloggs", "for")]


def test_positions_f1_on_the_gold():
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec and spec.loader
    acc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(acc)
    from nec_reports.build import build_tables

    result = acc.positions_result(build_tables(), GOLD)
    assert result["gold"] >= 12
    assert result["f1"] >= 0.9, result


def test_positions_columns(positions):
    _declared(positions, cols.POSITIONS)
    assert positions["position_id"].is_unique


# --- money and coverage ------------------------------------------------------------------


def test_money_that_is_not_the_partys_is_marked(t):
    pm = analysis.party_money(t["money"], t["reports"])
    _declared(pm, cols.PARTY_MONEY)
    by_amount = pm.set_index("amount_gbp")
    assert not bool(by_amount.loc[28e9, "party_money"])  # a climate pledge
    assert not bool(by_amount.loc[15.0, "party_money"])  # a minimum wage
    assert not bool(by_amount.loc[350.0, "party_money"])  # paid £350 a day
    assert by_amount.loc[10e6, "money_kind"] == "target"
    raffle = pm[pm["amount_gbp"] == 400000.0]
    assert raffle["repeat"].sum() == 1  # the repost's copy of the £400k raffle


def test_fundraising_by_year_counts_party_money_once_and_targets_apart(t):
    years = analysis.fundraising_by_year(analysis.party_money(t["money"], t["reports"]))
    _declared(years, cols.FUNDRAISING_YEARS)
    y = years.set_index("year")
    assert y.loc[2022, "raised_max_gbp"] == 6e6 and y.loc[2022, "target_max_gbp"] == 20e6
    assert y.loc[2022, "raised_sum_gbp"] == 2.3e6 + 6e6 + 3e5  # £1.8m + £0.4m are parts
    assert y.loc[2023, "raised_sum_gbp"] == 4e5 + 1.5e6 + 2.8e5 + 3.5e5  # raffle once


def test_meeting_coverage_lists_the_repost_beside_its_original(t):
    cov = analysis.meeting_coverage(t["meetings"], t["reports"])
    _declared(cov, cols.MEETING_COVERAGE)
    luke = cov[(cov["meeting_date"] == "2023-01-24") & (cov["author"] == "Luke Akehurst")]
    assert luke["report_ids"].iloc[0] == [JAN_2023, FEB_2023]
    assert luke["n_reporters"].iloc[0] == 2


# --- the nr.* verbs and the code's shape -------------------------------------------------


def test_nr_verbs_return_the_derived_tables():
    assert len(nr.membership_series("members")) > 0
    assert {"decision_id", "agree"} <= set(nr.load_decisions().columns)
    assert len(nr.load_positions()) >= 12
    assert len(nr.compare_external()) > 0
    assert len(nr.fundraising_by_year()) >= 2
    assert len(nr.meeting_coverage()) > 0


def test_analysis_imports_no_plotting_and_the_core_does_not_import_it():
    code = (
        "import sys, nec_reports, nec_reports.analysis; "
        "assert 'matplotlib' not in sys.modules and 'nec_reports.plot' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    core = "import sys, nec_reports; assert 'nec_reports.analysis' not in sys.modules"
    subprocess.run([sys.executable, "-c", core], check=True)


def test_no_analysis_function_is_over_80_lines():
    folder = Path(analysis.__file__).parent
    for path in [*folder.glob("*.py"), folder.parent / "plot" / "data.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 80, f"{path.name}:{node.name} is {length} lines"


def test_vote_charts_draw_each_vote_taken_once(t):
    from nec_reports.plot.data import vote_splits

    once, every = vote_splits(t["votes"]), vote_splits(t["votes"], once=False)
    assert len(once) < len(every)
    assert once["decision_id"].dropna().is_unique


def test_derived_tables_of_an_empty_corpus_still_have_their_columns(make_raw):
    raw = make_raw({})
    for name, (func, columns) in cols.DERIVED.items():
        verb = getattr(nr, func)
        df = verb(None, raw) if func == "membership_series" else verb(raw_dir=raw)
        assert df.empty and list(df.columns) == list(columns), name
