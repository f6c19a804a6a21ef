"""A held-out-style check: reports by other (invented) authors and years, scored like the
development gold.

``tests/heldout/raw/`` holds ten pages written in the layouts and register of NEC reports
(planet aggregator, WordPress archives, a Blogger post with reader comments, single posts)
by authors and in years (2016-2020, 2024-2026) that the development corpus does not have;
``tests/heldout/gold/`` holds their hand labels, written from ``SCHEMA.md`` before the
extractor was run on them.  The floors below are loose (the F1 measured when the set was
made, minus 0.05): they catch regressions, not prove quality.  Run with ``-s`` to see the
score table.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from conftest import load_scorer, score_tables
from nec_reports.build import build_tables, write_tables

HERE = Path(__file__).parent
RAW = HERE / "heldout" / "raw"
GOLD = HERE / "heldout" / "gold"

# F1 measured on branch factsfix (after the phrasing families the held-out set showed
# missing), minus about 0.05: reports 0.950, membership 1.000, votes 1.000, money 1.000,
# donors 1.000 (6 facts: one miss gives 0.909).  At commit 0e54a04 they were 0.950,
# 0.909, 0.825, 1.000 and 0.800.
FLOORS = {
    "reports": 0.90,
    "membership": 0.95,
    "votes": 0.95,
    "money": 0.95,
    "donors": 0.90,
}
# Attribute accuracy over matched facts, measured 1.00 each (money category was 0.69 and
# fundraising 0.86 at 0e54a04), minus 0.05.
ATTRIBUTE_FLOORS = {
    ("membership", "measure"): 0.95,
    ("votes", "for_side"): 0.95,
    ("votes", "outcome"): 0.95,
    ("money", "category"): 0.95,
    ("money", "fundraising"): 0.95,
}


def _rows(name: str) -> list[dict[str, str]]:
    with (GOLD / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    out = tmp_path_factory.mktemp("heldout")
    write_tables(build_tables(RAW, use_cache=False), out)
    result = score_tables(out, GOLD)
    print(f"\n{'table':<11} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for kind, r in result.items():
        print(
            f"{kind:<11} {r['gold']:>5} {r['pred']:>5} {r['matched']:>5} "
            f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}  {r['attributes']}"
        )
    return out, result


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_heldout_f1_stays_above_its_floor(scored, kind):
    _, result = scored
    r = result[kind]
    assert r["f1"] >= FLOORS[kind], (r["f1"], r["missed"], r["spurious"])


@pytest.mark.parametrize(("kind", "attribute"), sorted(ATTRIBUTE_FLOORS))
def test_heldout_attributes_stay_above_their_floor(scored, kind, attribute):
    _, result = scored
    got = result[kind]["attributes"].get(attribute)
    assert got is not None and got >= ATTRIBUTE_FLOORS[kind, attribute], result[kind]


def test_reader_comments_never_become_facts(scored):
    """Figures that only reader comments state (the Blogger page) must not reach a table."""
    out, _ = scored
    score = load_scorer()
    only_in_comments: dict[str, set[float]] = {}
    for name, col in (("membership", "value"), ("money", "amount_gbp")):
        rows = _rows(f"{name}.csv")
        in_body = {(r["file"], score.num(r[col])) for r in rows if r["in_comment"] == "false"}
        for r in rows:
            if r["in_comment"] == "true" and (r["file"], score.num(r[col])) not in in_body:
                only_in_comments.setdefault(name, set()).add(score.num(r[col]))
    assert only_in_comments, "the held-out set should test this"
    files = {r["report_id"]: r["source_file"] for r in score.read_csv(out / "reports.csv")}
    commented = {
        r["file"]
        for n in ("membership", "money")
        for r in _rows(f"{n}.csv")
        if r["in_comment"] == "true"
    }
    for name, col in (("membership", "value"), ("money", "amount_gbp")):
        leaked = {
            score.num(r[col])
            for r in score.read_csv(out / f"{name}.csv")
            if files.get(r["report_id"]) in commented
        } & only_in_comments.get(name, set())
        assert not leaked, (name, leaked)


def test_gold_quotes_are_verbatim():
    """Every label quotes its page exactly (line breaks read as single spaces), so each
    fact can be traced back to a sentence."""
    texts = {
        p.name: re.sub(r"[ \t]*\n[ \t]*", " ", p.read_text(encoding="utf-8"))
        for p in RAW.glob("*.txt")
    }
    rows = [
        r
        for name in ("membership.csv", "votes.csv", "money.csv", "donors.csv")
        for r in _rows(name)
    ]
    assert len(rows) > 100
    for row in rows:
        assert row["quote"] in texts[row["file"]], row
    for row in _rows("reports.csv"):
        assert row["title"] in texts[row["file"]] and row["first_words"] in texts[row["file"]]
