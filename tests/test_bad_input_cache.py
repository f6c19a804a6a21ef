"""Issue 12, items 2 and 3: the cache holds data only (Parquet + a manifest), is checked
on load, is rebuilt with a warning on any damage, is optional when its folder cannot be
written, and clear_cache() removes only what the library wrote."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pandas as pd
import pytest

import nec_reports as nr
from nec_reports import build as build_mod
from nec_reports import cache
from nec_reports.build import build_tables
from nec_reports.errors import CacheWarning
from nec_reports.tables import TABLES, declared

PAGE = "NEC Report – 5 March 2024\n\nThe NEC met on 5 March 2024. We agreed the budget.\n"
DECLARED = declared()


@pytest.fixture(scope="module")
def bundled():
    return build_tables(use_cache=False)


def test_every_table_round_trips_through_the_cache(bundled, tmp_path):
    entry = (bundled.tables, bundled.problems, bundled.raw_dir)
    assert cache.save(tmp_path, "0" * 24, entry)
    tables, problems, raw_dir = cache.load(tmp_path, "0" * 24, DECLARED)
    assert problems == bundled.problems and raw_dir == bundled.raw_dir
    for name, df in bundled.tables.items():
        pd.testing.assert_frame_equal(tables[name], df, check_exact=True)
        for col, spec in TABLES[name].columns.items():
            if spec.dtype == "list":
                assert all(isinstance(v, list) for v in tables[name][col])


def _entry(raw, root):
    nr.load_reports(raw, cache_dir=root)
    (path,) = [p for p in root.iterdir() if p.is_dir()]
    return path


def _damage_parquet_truncated(path):
    f = path / "reports.parquet"
    f.write_bytes(f.read_bytes()[:100])


def _damage_parquet_garbage(path):
    (path / "sections.parquet").write_bytes(b"\xff\xfe not parquet \x00" * 50)


def _damage_manifest_garbage(path):
    (path / "manifest.json").write_bytes(b"\xff\xfe\x00garbage")


def _damage_manifest_list(path):
    (path / "manifest.json").write_text("[1, 2, 3]")


def _damage_manifest_huge_number(path):
    meta = json.loads((path / "manifest.json").read_text())
    meta["problems"] = 10**10
    (path / "manifest.json").write_text(json.dumps(meta))


def _damage_missing_table(path):
    (path / "votes.parquet").unlink()


def _damage_swapped_tables(path):
    (path / "reports.parquet").write_bytes((path / "files.parquet").read_bytes())


def _forge(path, mutate):
    """A crafted entry: bad data, but with digests that match."""
    import hashlib

    df = pd.read_parquet(path / "reports.parquet")
    df = mutate(df)
    df.to_parquet(path / "reports.parquet", index=False)
    meta = json.loads((path / "manifest.json").read_text())
    meta["tables"]["reports"] = hashlib.sha256((path / "reports.parquet").read_bytes()).hexdigest()
    (path / "manifest.json").write_text(json.dumps(meta))


def _damage_forged_invalid_row(path):
    _forge(path, lambda df: df.assign(n_words=-5))


def _damage_forged_extra_column(path):
    _forge(path, lambda df: df.assign(payload="x"))


def _damage_forged_wrong_dtype(path):
    _forge(path, lambda df: df.assign(is_excerpt="maybe"))


DAMAGE = [v for k, v in sorted(globals().items()) if k.startswith("_damage_")]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__[8:] for d in DAMAGE])
def test_a_damaged_entry_is_rebuilt_with_a_warning(make_raw, tmp_path, damage, monkeypatch):
    raw = make_raw({"p.txt": PAGE})
    root = tmp_path / "cache"
    want = nr.load_reports(raw, cache_dir=root)
    damage(_entry(raw, root))
    calls = []
    real = build_mod.parse_corpus
    monkeypatch.setattr(build_mod, "parse_corpus", lambda *a, **k: calls.append(1) or real(*a, **k))
    with pytest.warns(CacheWarning, match=r"cache entry .* is unusable .*; rebuilding"):
        got = nr.load_reports(raw, cache_dir=root)
    pd.testing.assert_frame_equal(got, want)
    assert calls == [1]
    nr.load_reports(raw, cache_dir=root)  # and the rebuilt entry is good again
    assert calls == [1]


def test_memory_error_while_loading_rebuilds(make_raw, tmp_path, monkeypatch):
    raw = make_raw({"p.txt": PAGE})
    root = tmp_path / "cache"
    nr.load_reports(raw, cache_dir=root)

    def boom(*a, **k):
        raise MemoryError

    monkeypatch.setattr(cache.pd, "read_parquet", boom)
    with pytest.warns(CacheWarning, match="MemoryError"):
        assert len(nr.load_reports(raw, cache_dir=root)) == 1


def test_a_crafted_pickle_is_never_loaded(make_raw, tmp_path):
    raw = make_raw({"p.txt": PAGE})
    root = tmp_path / "cache"
    root.mkdir()
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    key = cache.corpus_key(raw, None, salt="max=10000000")
    for name in (f"{key}.pkl", "manifest.json", "payload.pkl"):
        (root / name).write_bytes(pickle.dumps(Exploit()))
    nr.load_reports(raw, cache_dir=root)
    assert not marker.exists()


def test_an_unwritable_cache_folder_is_a_warning(make_raw, tmp_path, monkeypatch):
    raw = make_raw({"p.txt": PAGE})
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    with pytest.warns(CacheWarning, match="cannot be written"):
        assert len(nr.load_reports(raw, cache_dir=not_a_dir / "cache")) == 1

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.tempfile, "mkdtemp", denied)
    with pytest.warns(CacheWarning, match=r"cannot be written \(Permission denied\)"):
        assert len(nr.load_reports(raw, cache_dir=tmp_path / "c2")) == 1


def test_clear_cache_removes_only_its_own_entries(make_raw, tmp_path, monkeypatch):
    root = tmp_path / "x"
    monkeypatch.setenv("NEC_REPORTS_CACHE", str(root))
    root.mkdir()
    (root / "thesis.docx").write_text("mine")
    (root / "photos").mkdir()
    (root / "photos" / "a.jpg").write_text("mine")
    (root / "abcdef012345abcdef012345").mkdir()  # key-like, but not ours: no manifest
    (root / "0123456789abcdef01234567.pkl").write_bytes(b"old format")
    nr.load_reports(make_raw({"p.txt": PAGE}))
    assert nr.clear_cache() == 2  # the Parquet entry and the format-1 pickle
    assert sorted(p.name for p in root.iterdir()) == [
        "abcdef012345abcdef012345",
        "photos",
        "thesis.docx",
    ]
    assert (root / "photos" / "a.jpg").read_text() == "mine"
    assert nr.clear_cache() == 0


def test_cache_key_is_the_parser_not_the_charts():
    """Editing a chart, the fetcher, search, export or the CLI does not rebuild tables;
    and no parser stage imports one of them (else the key would miss a change)."""
    import ast

    pkg = Path(cache.__file__).parent
    names = {p.relative_to(pkg).as_posix() for p in cache.parser_sources()}
    assert {"pipeline.py", "tables.py", "facts/votes.py", "layouts/__init__.py"} <= names
    assert not any(n.startswith(cache.NOT_PARSER) for n in names)
    left_out = {"plot", "fetch", "export", "textsearch", "cli", "__main__"}
    for name in names:
        for node in ast.walk(ast.parse((pkg / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level and node.module:
                assert node.module.split(".")[0] not in left_out, (name, node.module)
