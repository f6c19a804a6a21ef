"""The public API: plain DataFrames with declared columns, cached on disk."""

from __future__ import annotations

import socket

import pandas as pd
import pytest

import nec_reports as nr
from nec_reports import build as build_mod
from nec_reports.schema import dtypes
from nec_reports.tables import TABLES, declared


def test_list_tables_names_a_loader_for_each():
    for name in nr.list_tables():
        assert callable(getattr(nr, f"load_{name}"))


@pytest.mark.parametrize("name", list(TABLES))
def test_loaders_return_declared_columns_and_dtypes(name):
    df = getattr(nr, f"load_{name}")()
    columns = TABLES[name].columns
    assert list(df.columns) == list(columns)
    for col, dtype in dtypes(columns).items():
        if dtype == "Int64":
            assert df[col].dtype == "Int64", col
        elif dtype.startswith("datetime64"):
            assert pd.api.types.is_datetime64_any_dtype(df[col]), col
        elif dtype == "boolean":
            assert df[col].dtype == "boolean", col


def test_empty_corpus_still_has_every_column(make_raw):
    raw = make_raw({})
    for name, columns in declared().items():
        df = getattr(nr, f"load_{name}")(raw)
        assert df.empty and list(df.columns) == list(columns)


def test_reports_table_contents():
    reports = nr.load_reports()
    assert reports["report_id"].is_unique
    assert set(reports["author"].dropna()) >= {
        "Ann Black",
        "Luke Akehurst",
        "Alice Perry",
        "Mish Rahman",
    }
    both = reports[reports["source_file"].str.contains(";")]
    assert (
        len(both) >= 2
    )  # Alice Perry's 20 November 2018 post and Ann Black's November 2021 update
    sections = nr.load_sections()
    for row in sections.merge(reports[["report_id", "text"]], on="report_id").itertuples():
        assert row.text_y[row.start : row.end] == row.text_x
    meetings = nr.load_meetings()
    shared = meetings[meetings["n_reports"] > 1]
    assert (shared["authors"].map(len) > 1).any()  # meetings several members reported


def test_comments_never_enter_report_text():
    comments = nr.load_comments()
    reports = nr.load_reports().set_index("report_id")
    assert len(comments) == 13
    for row in comments.itertuples():
        assert row.text[:40] not in reports.loc[row.report_id, "text"]


def test_second_call_is_served_from_cache_and_a_changed_file_rebuilds(
    make_raw, tmp_path, monkeypatch
):
    page = "NEC Report – 5 March 2024\n\nThe NEC met on 5 March 2024. We agreed things.\n"
    raw = make_raw({"p.txt": page})
    calls = []
    real = build_mod.parse_corpus
    monkeypatch.setattr(build_mod, "parse_corpus", lambda *a, **k: calls.append(1) or real(*a, **k))
    cache = tmp_path / "cache"
    nr.load_reports(raw, cache_dir=cache)
    nr.load_reports(raw, cache_dir=cache)
    assert len(calls) == 1 and list(cache.glob("*/manifest.json"))
    (raw / "p.txt").write_text(page.replace("5 March", "6 March"), encoding="utf-8")
    assert nr.load_reports(raw, cache_dir=cache)["title"].iloc[0] == "NEC Report – 6 March 2024"
    assert len(calls) == 2
    assert nr.clear_cache(cache) == 2 and cache.exists() and not list(cache.iterdir())


def test_cache_folder_follows_the_environment_variable(make_raw, tmp_path, monkeypatch):
    monkeypatch.setenv("NEC_REPORTS_CACHE", str(tmp_path / "envcache"))
    nr.load_reports(make_raw({"p.txt": "NEC Report – 5 March 2024\n\nThe NEC met today.\n"}))
    assert list((tmp_path / "envcache").glob("*/manifest.json"))


def test_problems_surface_as_a_warning(make_raw):
    raw = make_raw({"p.txt": "NEC Report – 5 March 2024\n\nThe NEC met today.\n", "e.txt": ""})
    with pytest.warns(nr.api.NecReportsWarning, match="e.txt: file is empty"):
        df = nr.load_reports(raw)
    assert len(df) == 1


def test_unit_tests_cannot_reach_the_network():
    with pytest.raises(Exception, match=r"(?i)socket"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)


def test_each_table_is_declared_once_with_its_description():
    for name, table in TABLES.items():
        assert table.name == name and table.description
        loader = getattr(nr, f"load_{name}")
        assert loader.__name__ == f"load_{name}"
        assert loader.__doc__.startswith(table.description)
    builder, columns = TABLES["votes"]  # the (builder, columns) pair older code unpacks
    assert builder is TABLES["votes"].builder and columns is TABLES["votes"].columns


def test_load_table_is_every_loader():
    pd.testing.assert_frame_equal(nr.load_table("votes"), nr.load_votes())
    with pytest.raises(KeyError, match="no table"):
        nr.load_table("nonsense")


def test_read_table_gives_what_load_gives(tmp_path):
    """One reader: a written table reads back (Parquet, else CSV) with load_*'s dtypes,
    and nr.plot.read_table is that reader."""
    from nec_reports.build import read_table, write_tables

    build = build_mod.build_tables()
    write_tables(build, tmp_path / "out")
    csv_only = tmp_path / "csv"
    csv_only.mkdir()
    for name in TABLES:
        (csv_only / f"{name}.csv").write_bytes((tmp_path / "out" / f"{name}.csv").read_bytes())
    for name, df in build.tables.items():
        pd.testing.assert_frame_equal(read_table(name, tmp_path / "out"), df)
        from_csv = read_table(name, csv_only)
        assert dict(from_csv.dtypes) == dict(df.dtypes), name
        text = [c for c, col in TABLES[name].columns.items() if col.dtype == "str"]
        expect = df.assign(**{c: df[c].mask(df[c] == "") for c in text})  # CSV: "" is missing
        pd.testing.assert_frame_equal(from_csv, expect, check_exact=False)
    pytest.importorskip("matplotlib")
    pd.testing.assert_frame_equal(nr.plot.read_table("votes", tmp_path / "out"), nr.load_votes())
    with pytest.raises(FileNotFoundError, match="nec-reports build"):
        read_table("votes", tmp_path)
