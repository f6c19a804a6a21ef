"""The ``numbers`` table: every number of a report body, the table it went to and why."""

from __future__ import annotations

import pytest

from nec_reports.facts.extract import report_facts
from nec_reports.models import Report, Section

TEXT = (
    "Membership stood at 401,000 paying members, with 21,000 in arrears. "
    "The rule change was carried with 20 in support and 11 opposed. "
    "In 2019 turnout was 40% and 12 delegates attended. "
    "The raffle raised £40,000. "
    "If membership fell below 300,000 the budget would be reviewed."
)


def _report(text: str) -> Report:
    return Report(
        "r", ["f.txt"], None, "A Writer", None, "NEC Report", None, [], ["nec"], False, text,
        None, 1, sections=[Section(0, None, None, text, 0, len(text))],
    )  # fmt: skip


@pytest.fixture(scope="module")
def numbers() -> dict[str, dict]:
    facts = report_facts(_report(TEXT))
    return {row["written"]: row for row in facts["numbers"]}


@pytest.mark.parametrize(
    ("written", "table", "reason"),
    [
        ("401,000", "membership", "paid_up:paid_up_after"),
        ("21,000", "membership", "arrears:arrears_after"),
        ("20", "votes", "vote_split"),
        ("11", "votes", "vote_split"),
        ("2019", None, "kind:year"),
        ("40%", None, "kind:percent"),
        ("12", None, "small_count"),
        ("£40,000", "money", "money:donations"),
        ("300,000", None, "not_members"),
    ],
)
def test_each_number_has_its_table_and_reason(numbers, written, table, reason):
    row = numbers[written]
    assert row["table"] == table and row["reason"] == reason
    assert (row["fact_id"] is None) == (table is None)


def test_every_number_is_listed_once(numbers):
    assert len(numbers) == 9
    assert numbers["401,000"]["noun"] == "members"
    assert numbers["12"]["noun"] == "delegates"


def test_numbers_is_a_declared_table():
    import nec_reports as nr
    from nec_reports.tables import TABLES

    assert "numbers" in nr.list_tables() and "numbers" in TABLES
    df = nr.load_numbers()
    assert {"table", "reason", "fact_id", "sentence"} <= set(df.columns)
    members = nr.load_membership()
    # every membership fact is one of the numbers, with its fact id
    assert set(members["fact_id"]) <= set(df["fact_id"].dropna())


def test_counts_of_affiliated_levy_payers_are_not_held_to_the_membership_range(make_raw):
    from nec_reports.build import build_tables

    page = (
        "NEC report, 5 May 2015\n\nThe NEC met. He said the three million levy-payers were "
        "the key. Membership was 2,500,000 members.\n"
    )
    build = build_tables(make_raw({"a.txt": page}), use_cache=False)
    m = build.tables["membership"].set_index("value")
    assert m.loc[3000000, "measure"] == "other" and m["flag"].isna()[3000000]
    assert m.loc[2500000, "flag"] == "implausible_value"
    assert not any("3000000" in str(p) for p in build.problems)
