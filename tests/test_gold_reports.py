"""Golden-file and gold-label tests on the bundled corpus: real pages in, reports out.

``tests/gold/`` holds the hand-checked labels (copied from the project's shared gold set)
and ``tests/tools/score.py`` the scorer; ``tests/expected/reports.csv`` is the reviewed
output of this parser, so any change in what it finds shows up as a diff.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import GOLD, load_scorer
from nec_reports.build import build_tables, write_tables

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("built")
    build = build_tables(use_cache=False)
    write_tables(build, out)
    return build, out


def test_reports_meet_the_gold_targets(built):
    _, out = built
    score = load_scorer()
    pred = score.read_csv(out / "reports.csv")
    result = score.score_reports(GOLD, pred)
    assert result["f1"] >= 0.98, result["missed"] + result["spurious"]
    for attr in ("author", "published", "meeting_dates"):
        assert result["attributes"][attr] >= 0.95, attr


def test_reports_match_the_reviewed_golden_file(built):
    build, _ = built
    want = pd.read_csv(HERE / "expected" / "reports.csv", dtype=str, keep_default_na=False)
    got = build.tables["reports"][list(want.columns)].copy()
    got["meeting_dates"] = got["meeting_dates"].map(";".join)
    got["bodies"] = got["bodies"].map(";".join)
    got["published"] = got["published"].dt.strftime("%Y-%m-%d").fillna("")
    got["is_excerpt"] = got["is_excerpt"].map({True: "true", False: "false"})
    got = got.astype(object).where(got.notna(), "").astype(str)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)


def test_every_raw_file_is_accounted_for(built):
    build, _ = built
    files = build.tables["files"]
    assert files["error"].isna().all()
    assert dict(zip(files["file"], files["layout"], strict=True)) == {
        "planet-necblogs-2023-07-29.txt": "planet",
        "aliceperry-wordpress-front-page.txt": "wordpress",
        "annblack-nec-update-2021-11.txt": "single",
        "lukeakehurst-blogspot-nec-report-2021-02-11.txt": "blogger",
        "aliceperry-wordpress-category-uncategorized.txt": "wordpress",
    }
    assert int(files["posts"].sum()) == 77 and len(build.tables["reports"]) == 75
