"""nr.search and `nec-reports search`: phrases, prefixes, stemming and spelling variants,
author and date filters, typed empty results, the cached index, the bundled corpus."""

from __future__ import annotations

import pandas as pd
import pytest

import nec_reports as nr
from nec_reports.cli import main
from nec_reports.export import to_sqlite
from nec_reports.textsearch import RESULTS, fts_query, normalise

ANN = (
    "NEC Report – 5 March 2021\n\n"
    "The NEC discussed the anti-semitism action plan. Members backed the rule changes "
    "unanimously. The organisation committee met later.\n"
)
BOB = (
    "NEC Report – 7 June 2023\n\n"
    "The antisemitism training is now compulsory. A by-election was called in Wakefield. "
    "Organizing staff were thanked. The changes to the rules were noted.\n"
)
MANIFEST = [
    {"file": "ann.txt", "author": "Ann Example", "url": "https://ann.example.org/nec"},
    {"file": "bob.txt", "author": "Bob Sample", "url": "https://bob.example.org/nec"},
]


@pytest.fixture
def raw(make_raw):
    return make_raw({"ann.txt": ANN, "bob.txt": BOB}, manifest=MANIFEST)


def found(df: pd.DataFrame) -> set[str]:
    return set(df["sentence"])


def test_spelling_variants_meet(raw):
    hyphen, joined = nr.search("anti-semitism", raw_dir=raw), nr.search("antisemitism", raw_dir=raw)
    assert (
        found(hyphen)
        == found(joined)
        == {
            "The NEC discussed the anti-semitism action plan.",
            "The antisemitism training is now compulsory.",
        }
    )
    assert found(nr.search("ANTI-SEMITISM", raw_dir=raw)) == found(joined)  # case ignored
    assert found(nr.search("election", raw_dir=raw)) == {"A by-election was called in Wakefield."}
    british = nr.search("organisation", raw_dir=raw)
    american = nr.search("organization", raw_dir=raw)
    assert (
        found(british)
        == found(american)
        == {
            "The organisation committee met later.",
            "Organizing staff were thanked.",
        }
    )


def test_stemming_and_phrases(raw):
    words = nr.search("rule changes", raw_dir=raw)  # both words, any form, any order
    assert found(words) == {
        "Members backed the rule changes unanimously.",
        "The changes to the rules were noted.",
    }
    assert found(nr.search('"rule changes"', raw_dir=raw)) == {
        "Members backed the rule changes unanimously."
    }
    assert found(nr.search('"rules were"', raw_dir=raw)) == {"The changes to the rules were noted."}


def test_prefix_queries(raw):
    assert found(nr.search("wakef*", raw_dir=raw)) == {"A by-election was called in Wakefield."}
    # a prefix longer than the stem ("organisation" is indexed as "organ") still matches
    assert found(nr.search("organis*", raw_dir=raw)) == {
        "The organisation committee met later.",
        "Organizing staff were thanked.",
    }
    assert found(nr.search('"action pl*"', raw_dir=raw)) == {
        "The NEC discussed the anti-semitism action plan."
    }


def test_operators(raw):
    assert found(nr.search("antisemitism NOT training", raw_dir=raw)) == {
        "The NEC discussed the anti-semitism action plan."
    }
    assert found(nr.search("wakefield OR compulsory", raw_dir=raw)) == {
        "A by-election was called in Wakefield.",
        "The antisemitism training is now compulsory.",
    }


def test_author_and_date_filters(raw):
    assert set(nr.search("antisemitism", author="ann example", raw_dir=raw)["author"]) == {
        "Ann Example"
    }
    since = nr.search("antisemitism", since="2022-01-01", raw_dir=raw)
    assert set(since["author"]) == {"Bob Sample"}
    until = nr.search("antisemitism", until=pd.Timestamp("2021-03-05").date(), raw_dir=raw)
    assert set(until["author"]) == {"Ann Example"}
    assert nr.search("antisemitism", author="Nobody", raw_dir=raw).empty
    with pytest.raises(ValueError, match="since: not a date"):
        nr.search("antisemitism", since="last spring", raw_dir=raw)


def test_hits_carry_their_evidence(raw):
    hits = nr.search("antisemitism", raw_dir=raw)
    assert list(hits.columns) == list(RESULTS)
    assert hits["rank"].tolist() == list(range(1, len(hits) + 1))
    reports = nr.load_reports(raw).set_index("report_id")
    for h in hits.itertuples():
        assert reports.loc[h.report_id, "text"][h.start : h.end] == h.sentence
        assert h.title == reports.loc[h.report_id, "title"]
        assert h.source_url.startswith("https://")
    assert set(hits["meeting_date"].dt.strftime("%Y-%m-%d")) == {"2021-03-05", "2023-06-07"}


@pytest.mark.parametrize("query", ["zebra", "", '"', "OR", "NOT NOT", "*", "'; DROP TABLE x"])
def test_no_hits_is_an_empty_typed_frame(raw, query):
    hits = nr.search(query, raw_dir=raw)
    assert hits.empty
    assert list(hits.columns) == list(RESULTS)
    assert {c: str(t) for c, t in hits.dtypes.items()} == {c: c2.dtype for c, c2 in RESULTS.items()}


def test_query_translation_quotes_everything():
    assert (
        fts_query('"Rule Change*" anti-semitism NOT x OR')
        == '"rule change"* "antisemitism" NOT "x"'
    )
    assert normalise("Organised by-elections") == "organized byelections"


def test_index_is_cached_and_follows_the_corpus(raw, tmp_path):
    cache = tmp_path / "cache"
    nr.search("antisemitism", raw_dir=raw, cache_dir=cache)
    first = sorted(cache.glob("search-*.sqlite"))
    nr.search("wakefield", raw_dir=raw, cache_dir=cache)
    assert sorted(cache.glob("search-*.sqlite")) == first and len(first) == 1
    (raw / "bob.txt").write_text(BOB.replace("Wakefield", "Uxbridge"), encoding="utf-8")
    assert found(nr.search("uxbridge", raw_dir=raw, cache_dir=cache)) == {
        "A by-election was called in Uxbridge."
    }
    assert len(list(cache.glob("search-*.sqlite"))) == 2


def test_search_runs_on_an_exported_database(raw, tmp_path):
    from nec_reports.build import build_tables

    db, _ = to_sqlite(build_tables(raw).tables, tmp_path / "nec.sqlite")
    a = nr.search("organis*", raw_dir=raw)
    b = nr.search("organis*", db=db)
    pd.testing.assert_frame_equal(a, b)


def test_cli_prints_the_hits(raw, capsys):
    assert main(["search", "anti-semitism", "--raw", str(raw), "--author", "Bob Sample"]) == 0
    out = capsys.readouterr()
    assert "2023-06-07  Bob Sample: NEC Report – 7 June 2023" in out.out
    assert "The antisemitism training is now compulsory." in out.out
    assert "https://bob.example.org/nec" in out.out
    assert "1 sentence(s) found" in out.err
    assert main(["search", "zebra", "--raw", str(raw)]) == 1


def test_bundled_corpus():
    hits = nr.search("antisemitism")
    assert len(hits) >= 20 and hits["author"].nunique() >= 2
    assert hits["sentence"].str.contains("anti-semitism", case=False).any()
    assert hits["sentence"].str.contains("antisemitism", case=False).any()
    ann = nr.search('"general secretary"', author="Ann Black", since="2022-01-01")
    assert not ann.empty and set(ann["author"]) == {"Ann Black"}
    assert (ann["meeting_date"].dropna() >= pd.Timestamp("2022-01-01")).all()
