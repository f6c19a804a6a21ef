"""Shared fixtures: the bundled corpus, a private cache per test session, and a helper
that writes a small raw folder (pages + manifest) for a test."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOLD = Path(__file__).parent / "gold"


def load_scorer():
    """The shared scorer, vendored unchanged in tests/tools/score.py."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "score", Path(__file__).parent / "tools" / "score.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_tables(out: Path, gold: Path) -> dict:
    """Every table written to ``out`` scored against ``gold`` as the shared scorer does:
    ``{"reports": ..., "membership": ..., ...}``, each with gold, pred, matched, precision,
    recall, f1, attributes, missed and spurious."""
    score = load_scorer()
    pred_reports = score.read_csv(out / "reports.csv")
    by_id = {r.get("report_id", ""): r for r in pred_reports}
    result = {"reports": score.score_reports(gold, pred_reports)}
    for kind in score.KINDS:
        result[kind] = score.score_kind(
            score.gold_facts(gold, kind), score.pred_facts(out, kind, by_id)
        )
    return result


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Never write to the user's real cache from tests."""
    mp = pytest.MonkeyPatch()
    mp.setenv("NEC_REPORTS_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


MakeRaw = Callable[..., Path]


@pytest.fixture
def make_raw(tmp_path: Path) -> MakeRaw:
    """make_raw({"name.txt": text_or_bytes, ...}, manifest=[{"file":..., ...}] or None)

    Without ``manifest`` every page gets a row with blank defaults; ``manifest=False``
    writes no sources.csv at all."""

    def make(
        pages: dict[str, str | bytes], manifest: list[dict[str, str]] | bool | None = None
    ) -> Path:
        raw = tmp_path / "raw"
        raw.mkdir(exist_ok=True)
        for name, body in pages.items():
            path = raw / name
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(body, encoding="utf-8")
        if manifest is not False:
            rows = manifest if isinstance(manifest, list) else [{"file": n} for n in pages]
            with (raw / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
                w = csv.DictWriter(fh, ["file", "url", "author", "published", "title", "layout"])
                w.writeheader()
                for row in rows:
                    w.writerow(row)
        return raw

    return make
