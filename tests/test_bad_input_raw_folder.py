"""Issue 12, items 4 and 8: the raw folder's symlinks, unreadable files, sub-folders,
hidden files, other encodings, a damaged manifest and over-large files each give a
located message (or a row in `files`), and the other pages still load."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from nec_reports.build import build_tables
from nec_reports.errors import DecodeError, ManifestError, UnreadableFileError
from nec_reports.pipeline import parse_corpus

GOOD = """NEC Report – 5 March 2024

The NEC met on 5 March 2024. We agreed the budget.
"""
OTHER = GOOD.replace("5 March", "9 April")


def titles(corpus):
    return sorted(r.title for r in corpus.reports)


def test_symlink_out_of_the_raw_folder_is_refused(make_raw, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Top secret\n\nThe password is hunter2. Do not publish.\n")
    raw = make_raw({"good.txt": GOOD})
    os.symlink(secret, raw / "leak.txt")
    build = build_tables(raw, use_cache=False)
    assert any(
        p.startswith("leak.txt: symlink points outside the raw folder; refused") and "secret" in p
        for p in build.problems
    )
    assert "hunter2" not in "".join(build.tables["reports"]["text"])
    files = build.tables["files"].set_index("file")
    assert files.loc["leak.txt", "status"] == "skipped"
    assert files.loc["good.txt", "status"] == "read"


def test_symlink_inside_the_raw_folder_is_read(make_raw):
    raw = make_raw({"good.txt": GOOD}, manifest=[{"file": "good.txt"}, {"file": "alias.txt"}])
    os.symlink(raw / "good.txt", raw / "alias.txt")
    corpus = parse_corpus(raw)
    assert not corpus.problems and [f.status for f in corpus.files] == ["read", "read"]


def test_unreadable_file_is_reported_and_the_rest_built(make_raw, monkeypatch):
    raw = make_raw({"good.txt": GOOD, "locked.txt": OTHER})
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    build = build_tables(raw, use_cache=False)
    assert "locked.txt: cannot read the file (Permission denied); skipped" in build.problems
    assert build.tables["reports"]["title"].tolist() == ["NEC Report – 5 March 2024"]
    files = build.tables["files"].set_index("file")
    assert files.loc["locked.txt", "status"] == "failed"


def test_sub_folders_and_hidden_files_are_listed(make_raw):
    raw = make_raw({"good.txt": GOOD, ".DS_Store": b"\x00\x01", ".notes.txt": OTHER})
    (raw / "drafts").mkdir()
    (raw / "drafts" / "draft.txt").write_text(OTHER)
    build = build_tables(raw, use_cache=False)
    files = build.tables["files"].set_index("file")
    assert files.loc["drafts", "error"] == "drafts: a folder, not a page: skipped"
    assert files.loc[".DS_Store", "error"] == ".DS_Store: a hidden file: skipped"
    assert set(files.index) == {"good.txt", ".DS_Store", ".notes.txt", "drafts"}
    assert (files["status"] == "skipped").sum() == 3
    assert "drafts: skipped (drafts: a folder" in build.summary()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_decoded(make_raw, encoding):
    bom = {"utf-16": b"", "utf-16-be": codecs.BOM_UTF16_BE, "utf-32": b""}[encoding]
    raw = make_raw({"good.txt": GOOD, "wide.txt": bom + OTHER.encode(encoding)})
    corpus = parse_corpus(raw)
    assert not corpus.problems
    assert titles(corpus) == ["NEC Report – 5 March 2024", "NEC Report – 9 April 2024"]


def test_utf16_that_is_not_is_a_decode_error(make_raw):
    raw = make_raw({"good.txt": GOOD, "odd.txt": codecs.BOM_UTF16_LE + b"a\x00\x00\xd8"})
    (err,) = parse_corpus(raw).problems
    assert isinstance(err, DecodeError) and str(err).startswith("odd.txt: not UTF-16 text")


def _manifest(raw: Path, data: bytes) -> None:
    (raw / "sources.csv").write_bytes(data)


def test_manifest_saved_with_a_bom_is_read(make_raw):
    raw = make_raw({"good.txt": GOOD}, manifest=False)
    text = "file,url,author,published,title\ngood.txt,https://x.example/,Ann Black,,\n"
    _manifest(raw, codecs.BOM_UTF8 + text.encode())
    corpus = parse_corpus(raw)
    assert not corpus.problems
    assert corpus.reports[0].author == "Ann Black"


def test_manifest_latin1_byte_names_the_line(make_raw):
    raw = make_raw({"good.txt": GOOD, "b.txt": OTHER}, manifest=False)
    text = "file,url,author,published,title\ngood.txt,,Ann Black,,\nb.txt,,Ren\xe9e Doe,,\n"
    _manifest(raw, text.encode("latin-1"))
    corpus = parse_corpus(raw)
    (err,) = corpus.problems
    assert isinstance(err, ManifestError) and err.file == "sources.csv" and err.line == 3
    assert "not UTF-8 (byte 0xe9); line read as Latin-1" in str(err)
    assert err.fragment == "b.txt,,Ren\xe9e Doe,,"
    assert sorted(r.author for r in corpus.reports) == ["Ann Black", "Ren\xe9e Doe"]


def test_manifest_that_is_a_folder(make_raw):
    raw = make_raw({"good.txt": GOOD}, manifest=False)
    (raw / "sources.csv").mkdir()
    corpus = parse_corpus(raw)
    assert str(corpus.problems[0]) == "sources.csv: sources.csv is a folder, not a file"
    assert titles(corpus) == ["NEC Report – 5 March 2024"]


def test_file_over_the_size_limit_is_reported_and_skipped(make_raw, monkeypatch):
    raw = make_raw({"good.txt": GOOD, "huge.txt": GOOD + "x" * 3_000})
    build = build_tables(raw, use_cache=False, max_file_bytes=2_000)
    assert (
        "huge.txt: file is 0.0 MB, over the 0.002 MB limit ($NEC_REPORTS_MAX_FILE_MB); skipped"
        in build.problems
    )
    assert len(build.tables["reports"]) == 1
    monkeypatch.setenv("NEC_REPORTS_MAX_FILE_MB", "0.002")
    (err,) = [p for p in parse_corpus(raw).problems if isinstance(p, UnreadableFileError)]
    assert err.file == "huge.txt"


def test_default_size_limit_is_ten_megabytes(make_raw):
    raw = make_raw({"good.txt": GOOD})
    with (raw / "big.txt").open("wb") as fh:  # sparse: no 10 MB written, no time spent
        fh.truncate(10_000_001)
    corpus = parse_corpus(raw)
    assert "big.txt: file is 10.0 MB, over the 10 MB limit" in str(corpus.problems[-1])
    assert titles(corpus) == ["NEC Report – 5 March 2024"]


def test_cli_size_limit(make_raw, tmp_path, capsys):
    from nec_reports.cli import main

    raw = make_raw({"good.txt": GOOD, "huge.txt": GOOD + "x" * 3_000})
    assert (
        main(["build", "--raw", str(raw), "--out", str(tmp_path / "o"), "--max-file-mb", "0.002"])
        == 1
    )
    assert "huge.txt: FAILED" in capsys.readouterr().out
