"""What `build --out` writes: byte-identical on rebuild, and a Frictionless data
package that other tools can load and validate."""

from __future__ import annotations

import json
import warnings

import pytest

from nec_reports.build import build_tables, write_tables


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    write_tables(build_tables(use_cache=False), a)
    write_tables(build_tables(use_cache=False), b)
    return a, b


def test_two_builds_of_the_same_input_are_byte_identical(two_builds):
    a, b = two_builds
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert "datapackage.json" in names and "reports.parquet" in names
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_datapackage_describes_every_csv_and_validates(two_builds):
    out, _ = two_builds
    desc = json.loads((out / "datapackage.json").read_text())
    assert {r["path"] for r in desc["resources"]} == {p.name for p in out.glob("*.csv")}
    for res in desc["resources"]:
        header = (out / res["path"]).read_text(encoding="utf-8").split("\n", 1)[0]
        assert header.split(",") == [f["name"] for f in res["schema"]["fields"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # frictionless' own dependencies are noisy
        import frictionless

        report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
