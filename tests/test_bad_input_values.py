"""Issue 12, item 1: an implausible value is a located problem on its row, never a fatal
error: the build completes, every table is written and every loader works."""

from __future__ import annotations

import pandas as pd
import pytest

import nec_reports as nr
from conftest import RAW
from nec_reports.api import NecReportsWarning
from nec_reports.build import build_tables, validate_tables
from nec_reports.checks import settle_tables
from nec_reports.cli import main
from nec_reports.tables import TABLES, declared

BIG = """NEC Report – 5 March 2024

The NEC met on 5 March 2024. Membership is now 2,500,000 members. We agreed the budget.
"""
BLOGGER = (RAW / "lukeakehurst-blogspot-nec-report-2021-02-11.txt").read_text(encoding="utf-8")


@pytest.fixture
def odd_raw(make_raw):
    future = BLOGGER.replace("February 13, 2021", "February 13, 7404")
    return make_raw(
        {"big.txt": BIG, "blogger.txt": future},
        manifest=[{"file": "big.txt", "published": "1970-01-01"}, {"file": "blogger.txt"}],
    )


def test_implausible_values_are_located_problems(odd_raw, tmp_path, capsys):
    build = build_tables(odd_raw, use_cache=False)
    text = "\n".join(build.problems)
    assert "big.txt:1: publication date 1970-01-01 is not a plausible date" in text
    assert "blogger.txt:108: comment date 7404-02-13T20:15:00 is not a plausible date" in text
    assert "big.txt:1: membership row" in text and "2500000 members is not plausible" in text
    members = build.tables["membership"]
    assert members.loc[members["value"] == 2_500_000, "flag"].tolist() == ["implausible_value"]
    assert build.tables["reports"]["published"].isna().sum() >= 1
    assert len(build.tables["comments"]) == 13  # the comments are kept, their dates emptied
    out = tmp_path / "out"
    assert main(["build", "--raw", str(odd_raw), "--out", str(out)]) == 1
    for name in TABLES:
        assert (out / f"{name}.csv").exists() and (out / f"{name}.parquet").exists()
    assert "membership row" in (out / "summary.txt").read_text(encoding="utf-8")
    capsys.readouterr()


def test_every_loader_works_on_implausible_values(odd_raw, tmp_path):
    for name in TABLES:
        with pytest.warns(NecReportsWarning):
            df = getattr(nr, f"load_{name}")(odd_raw, cache_dir=tmp_path / "c")
        assert list(df.columns) == list(TABLES[name].columns)


@pytest.fixture(scope="module")
def tables():
    return build_tables(use_cache=False).tables


def _broken(tables, table, column, value):
    broken = {k: v.copy() for k, v in tables.items()}
    df = broken[table]
    df[column] = df[column].astype(object)
    df.at[0, column] = value
    df[column] = df[column].astype(tables[table][column].dtype)
    return broken


@pytest.mark.parametrize(
    "table, column, value, message, rows",
    [
        ("meetings", "n_reports", 0, "breaks 'greater_than_or_equal_to(1)'; row dropped", -1),
        ("reports", "published", pd.Timestamp("1989-05-01"), "left empty", 0),
        ("sections", "end", 10**9, "span outside its report's text; row dropped", -1),
        ("money", "written", "£999bn", "evidence does not hold the number; row dropped", -1),
    ],
)
def test_a_bad_row_is_settled_not_fatal(tables, table, column, value, message, rows):
    broken = _broken(tables, table, column, value)
    problems = settle_tables(broken, declared())
    assert any(message in str(p) for p in problems), problems
    assert all(str(p).split(":")[0].endswith(".txt") for p in problems)  # located
    assert len(broken[table]) == len(tables[table]) + rows
    assert validate_tables(broken) == []


def test_an_unflagged_huge_vote_is_flagged(tables):
    votes = tables["votes"]
    row = votes.index[(votes["unit"] == "votes") & votes["flag"].isna()][0]
    broken = _broken(tables, "votes", "votes_for", votes.at[row, "votes_for"])
    broken["votes"].loc[row, "votes_for"] = 60.0
    problems = settle_tables(broken, declared())
    assert any("more votes than the NEC has; flagged" in str(p) for p in problems)
    assert broken["votes"].at[row, "flag"] == "implausible_total"
