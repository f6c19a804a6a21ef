"""Corrections beside the raw pages are applied by code and shown in the output."""

from __future__ import annotations

from datetime import date

from nec_reports.errors import CorrectionError
from nec_reports.pipeline import parse_corpus

PAGE = """NEC Report – 24 February 2023

The February NEC meeting was the first one in the new office.
"""


def write(raw, rows: str) -> None:
    (raw.parent / "corrections.csv").write_text("id,field,value,reason\n" + rows, encoding="utf-8")


def test_correction_changes_the_field_and_is_listed(make_raw):
    raw = make_raw({"p.txt": PAGE}, manifest=[{"file": "p.txt", "published": "2023-01-27"}])
    write(raw, "")  # the folder's own corrections (none) replace the bundled ones
    (r,) = parse_corpus(raw).reports
    assert r.meeting_dates == [date(2023, 2, 24)]
    write(raw, f'{r.report_id},meeting_dates,2023-01-24,"month slip in the title"\n')
    corpus = parse_corpus(raw)
    (r2,) = corpus.reports
    assert r2.meeting_dates == [date(2023, 1, 24)]
    assert r2.sections[0].meeting_date == date(2023, 1, 24)
    assert r2.corrections == ["meeting_dates: 2023-02-24 -> 2023-01-24 (month slip in the title)"]
    assert corpus.problems == []


def test_bad_corrections_are_located_problems(make_raw):
    raw = make_raw({"p.txt": PAGE})
    rid = parse_corpus(raw).reports[0].report_id
    write(
        raw,
        f"no-such-report,title,X,typo\n{rid},colour,red,why\n{rid},published,soon,why\n{rid},title,,\n",
    )
    corpus = parse_corpus(raw)
    probs = sorted((p.line, p.message) for p in corpus.problems if isinstance(p, CorrectionError))
    assert [line for line, _ in probs] == [2, 3, 4, 5]
    assert "no report or fact has this id" in probs[0][1]
    assert "cannot correct field 'colour'" in probs[1][1]
    assert corpus.reports[0].title == "NEC Report – 24 February 2023"


def test_bundled_corrections_apply_cleanly():
    corpus = parse_corpus()
    assert corpus.problems == []
    assert any(r.corrections for r in corpus.reports)


def test_bundled_corrections_apply_to_a_copy_anywhere(make_raw):
    """The same page outside data/, with no corrections.csv of its own, builds the same
    report: corrections name reports by id, so the bundled ones still apply (and ids
    they name that are not in the folder are not problems)."""
    raw = make_raw({"p.txt": PAGE}, manifest=[{"file": "p.txt", "published": "2023-01-27"}])
    corpus = parse_corpus(raw)
    (r,) = corpus.reports
    assert r.meeting_dates == [date(2023, 1, 24)] and r.corrections
    assert corpus.problems == []


def test_copied_corpus_builds_the_same_tables(tmp_path):
    import shutil

    from conftest import RAW
    from nec_reports.build import build_tables

    shutil.copytree(RAW, tmp_path / "elsewhere")
    here = build_tables(RAW, use_cache=False).tables["meetings"]
    there = build_tables(tmp_path / "elsewhere", use_cache=False).tables["meetings"]
    assert len(here) == len(there) == 58


def test_corrections_with_a_bom_and_inside_the_raw_folder(make_raw):
    raw = make_raw({"p.txt": PAGE}, manifest=[{"file": "p.txt", "published": "2023-01-27"}])
    write(raw, "")
    rid = parse_corpus(raw).reports[0].report_id
    (raw.parent / "corrections.csv").unlink()
    (raw / "corrections.csv").write_bytes(
        b"\xef\xbb\xbfid,field,value,reason\n" + f"{rid},title,Fixed,typo\n".encode()
    )
    corpus = parse_corpus(raw)
    assert corpus.reports[0].title == "Fixed" and corpus.problems == []
    assert [f.file for f in corpus.files] == ["p.txt"]  # not read as a page
