"""Bad input gets a typed error naming the file (and line); the other files still load,
and `build` reports every file and exits non-zero after writing what it could."""

from __future__ import annotations

import pytest

from nec_reports.build import build_tables, write_tables
from nec_reports.cli import main
from nec_reports.errors import DecodeError, EmptyFileError, ManifestError, UnsafePathError
from nec_reports.pipeline import parse_corpus

GOOD = """NEC Report – 5 March 2024

The NEC met on 5 March 2024. We agreed the budget.
"""


def problems_of(raw):
    corpus = parse_corpus(raw)
    return corpus, {type(p): p for p in corpus.problems}


def test_empty_file(make_raw):
    corpus, probs = problems_of(make_raw({"good.txt": GOOD, "empty.txt": "  \n"}))
    assert str(probs[EmptyFileError]).startswith("empty.txt: file is empty")
    assert [r.title for r in corpus.reports] == ["NEC Report – 5 March 2024"]


def test_undecodable_bytes_name_the_line(make_raw):
    bad = "NEC Report - 1 May 2024\n\nThe NEC met.\nCost: \xa35m\n".encode("latin-1")
    corpus, probs = problems_of(make_raw({"good.txt": GOOD, "latin1.txt": bad}))
    err = probs[DecodeError]
    assert err.file == "latin1.txt" and err.line == 4 and "not UTF-8" in str(err)
    assert len(corpus.reports) == 1


def test_binary_file(make_raw):
    _, probs = problems_of(make_raw({"good.txt": GOOD, "img.txt": b"\x89PNG\r\n\x00\x00"}))
    assert "binary" in str(probs[DecodeError])


def test_manifest_row_naming_a_missing_file(make_raw):
    raw = make_raw({"good.txt": GOOD}, manifest=[{"file": "good.txt"}, {"file": "gone.txt"}])
    corpus, probs = problems_of(raw)
    err = probs[ManifestError]
    assert err.file == "sources.csv" and err.line == 3 and err.fragment == "gone.txt"
    assert len(corpus.reports) == 1


def test_raw_file_missing_from_manifest_is_reported_and_still_read(make_raw):
    raw = make_raw(
        {"good.txt": GOOD, "extra.txt": GOOD.replace("5 March", "9 April")},
        manifest=[{"file": "good.txt"}],
    )
    corpus, probs = problems_of(raw)
    assert "extra.txt: raw file is not listed in sources.csv" in str(probs[ManifestError])
    assert len(corpus.reports) == 2


@pytest.mark.parametrize("name", ["../x.txt", "/etc/passwd", "sub/x.txt"])
def test_manifest_name_escaping_the_raw_folder(make_raw, name):
    raw = make_raw({"good.txt": GOOD}, manifest=[{"file": "good.txt"}, {"file": name}])
    _, probs = problems_of(raw)
    assert isinstance(probs[UnsafePathError], ManifestError)
    assert probs[UnsafePathError].line == 3 and probs[UnsafePathError].fragment == name


def test_page_no_layout_recognises(make_raw):
    from nec_reports.errors import UnknownLayoutError

    corpus, probs = problems_of(make_raw({"good.txt": GOOD, "blob.txt": "x" * 300}))
    assert "blob.txt:1: no layout recognises" in str(probs[UnknownLayoutError])
    # never refused: the page is one post, kept with its text
    assert len(corpus.reports) == 2
    assert any(r.text == "x" * 300 for r in corpus.reports)


def test_build_accounts_for_every_file_and_exits_non_zero(make_raw, tmp_path, capsys):
    raw = make_raw({"good.txt": GOOD, "empty.txt": "", "blob.txt": "x" * 300})
    out = tmp_path / "out"
    assert main(["build", "--raw", str(raw), "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    for name in ("good.txt: 1 posts (single)", "empty.txt: FAILED", "blob.txt: 1 posts (single)"):
        assert name in printed
    assert "empty.txt: file is empty" in printed
    assert (out / "reports.csv").exists() and (out / "files.csv").exists()
    files = build_tables(raw, use_cache=False).tables["files"]
    assert sorted(files["file"]) == ["blob.txt", "empty.txt", "good.txt"]


def test_missing_raw_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["build", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "raw directory does not exist" in capsys.readouterr().err


def test_interrupted_write_keeps_previous_output(make_raw, tmp_path, monkeypatch):
    build = build_tables(make_raw({"good.txt": GOOD}), use_cache=False)
    out = tmp_path / "out"
    write_tables(build, out)
    before = (out / "reports.csv").read_bytes()

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr("pandas.DataFrame.to_parquet", boom)
    with pytest.raises(KeyboardInterrupt):
        write_tables(build, out)
    assert (out / "reports.csv").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".building-")]
