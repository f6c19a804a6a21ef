"""Schemas: every table is validated at build time, and the data dictionary is
generated from the same declarations."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import nec_reports as nr
from conftest import ROOT
from nec_reports.api import dictionary_docs
from nec_reports.build import build_tables, validate_tables
from nec_reports.errors import ValidationError
from nec_reports.schema import data_dictionary
from nec_reports.tables import TABLES


@pytest.fixture(scope="module")
def tables():
    return build_tables(use_cache=False).tables


def test_built_tables_are_valid(tables):
    assert validate_tables(tables) == []


@pytest.mark.parametrize(
    "table, column, value, message",
    [
        ("reports", "report_id", "DUP", "unique"),
        ("reports", "bodies", ["nec", "parliament"], "values in"),
        ("reports", "published", pd.Timestamp("1989-05-01"), "between 1990 and today"),
        ("sections", "body", "parliament", "isin"),
        ("sections", "end", 10**9, "outside report"),
        ("sections", "report_id", "no-such-report", "is not a report"),
        ("meetings", "n_reports", 0, "greater_than_or_equal_to"),
    ],
)
def test_violations_are_caught(tables, table, column, value, message):
    broken = {k: v.copy() for k, v in tables.items()}
    df = broken[table]
    if value == "DUP":
        df.loc[1, column] = df.loc[0, column]
    else:
        df[column] = df[column].astype(object)
        df.at[0, column] = value
        if column not in ("bodies",):
            df[column] = df[column].astype(tables[table][column].dtype)
    problems = validate_tables(broken)
    assert any(message in p for p in problems), problems


def test_build_fails_loudly_on_a_violation(monkeypatch):
    from nec_reports import build as build_mod

    real = build_mod.TABLES["reports"].builder

    def dup_ids(corpus):
        df = real(corpus)
        df.loc[1, "report_id"] = df.loc[0, "report_id"]
        return df

    monkeypatch.setitem(
        build_mod.TABLES, "reports", dataclasses.replace(TABLES["reports"], builder=dup_ids)
    )
    with pytest.raises(ValidationError, match="report_id"):
        build_tables(use_cache=False)


def test_data_dictionary_is_current_and_complete():
    want = data_dictionary(dictionary_docs()) + "\n"
    have = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert have == want, "run: nec-reports dictionary --out docs/data-dictionary.md"
    for name, (doc, columns) in dictionary_docs().items():
        assert doc, f"load_{name} has no docstring"
        for cname, col in columns.items():
            assert col.doc.strip(), f"{name}.{cname} has no description"
            assert f"| `{cname}` |" in have


def test_loader_docstrings_point_to_the_data_dictionary():
    assert "docs/data-dictionary.md" in nr.__doc__


@pytest.mark.parametrize(
    "table, column, value, message",
    [
        ("votes", "votes_for", 60.0, "more votes than the NEC has"),
        ("membership", "value", 5_000_000, "not a plausible count"),
        ("money", "written", "£999bn", "evidence does not contain the number"),
    ],
)
def test_sanity_checks_on_the_data(tables, table, column, value, message):
    broken = {k: v.copy() for k, v in tables.items()}
    df = broken[table]
    row = (
        df.index[(df["unit"] == "votes") & df["flag"].isna()][0]
        if table == "votes"
        else df.index[0]
    )
    df.loc[row, column] = value
    assert any(message in p for p in validate_tables(broken))
