"""The catalogue of bad inputs under tests/bad_inputs/: each case is a raw folder and
the exact problems expected from it (expected.txt, one `Type: message` per line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_reports.cli import main
from nec_reports.errors import UnknownLayoutError
from nec_reports.pipeline import parse_corpus

CASES = sorted(p for p in (Path(__file__).parent / "bad_inputs").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gives_exactly_the_expected_errors(case, tmp_path, capsys):
    corpus = parse_corpus(case / "raw")
    got = "".join(f"{type(p).__name__}: {p}\n" for p in corpus.problems)
    assert got == (case / "expected.txt").read_text(encoding="utf-8")
    assert main(["build", "--raw", str(case / "raw"), "--out", str(tmp_path)]) == 1
    assert (tmp_path / "files.csv").exists()
    capsys.readouterr()


def test_truncated_page_keeps_the_posts_it_has():
    corpus = parse_corpus(Path(__file__).parent / "bad_inputs" / "truncated" / "raw")
    assert [r.is_excerpt for r in corpus.reports] == [False, True]


def test_five_megabyte_single_line(make_raw):
    raw = make_raw({"huge.txt": "the NEC met and agreed " * 230_000})
    assert len((raw / "huge.txt").read_bytes()) > 5_000_000
    corpus = parse_corpus(raw)
    (err,) = corpus.problems
    assert isinstance(err, UnknownLayoutError)
    assert str(err).startswith("huge.txt:1: no layout recognises this page")
