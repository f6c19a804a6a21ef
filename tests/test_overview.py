"""nr.coverage, the coverage line in the build summary, the outside-figures loaders at top
level (pandas only), `nec-reports dictionary --help`, and the Makefile's install stamps."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

import nec_reports as nr
from conftest import ROOT
from nec_reports.build import build_tables
from nec_reports.cli import main
from nec_reports.external import EXTERNAL_FINANCES, EXTERNAL_MEMBERSHIP
from nec_reports.overview import COVERAGE, coverage_line

PAGE = (
    "NEC Report – {day}\n\nThe NEC met today and discussed the rule changes put by the officers.\n"
)


def test_coverage_of_a_small_corpus(make_raw):
    raw = make_raw(
        {
            "a.txt": PAGE.format(day="5 March 2021"),
            "b.txt": PAGE.format(day="9 June 2021").replace("met", "met again"),
            "c.txt": PAGE.format(day="7 June 2023"),
            "d.txt": "Some thoughts on the NEC\n\nThe NEC met and discussed the rule changes put by the officers.\n",
        },
        manifest=[
            {"file": "a.txt", "author": "Ann Example"},
            {"file": "b.txt", "author": "Ann Example"},
            {"file": "c.txt", "author": "Bob Sample"},
            {"file": "d.txt", "author": "Bob Sample"},
        ],
    )
    cov = nr.coverage(raw)
    assert list(cov.columns) == list(COVERAGE)
    assert {c: str(t) for c, t in cov.dtypes.items()} == {c: k.dtype for c, k in COVERAGE.items()}
    rows = {(None if pd.isna(r.year) else r.year, r.author): r for r in cov.itertuples()}
    ann = rows[(2021, "Ann Example")]
    assert (ann.n_reports, ann.n_meetings) == (2, 2)
    assert (ann.first, ann.last) == (pd.Timestamp("2021-03-05"), pd.Timestamp("2021-06-09"))
    assert rows[(2023, "Bob Sample")].n_reports == 1
    assert rows[(None, "Bob Sample")].n_reports == 1  # the undated report is counted too
    line = coverage_line(build_tables(raw).tables)
    assert line == "coverage: 2021-2023 (no reports from 2022); 2 writer(s); 1 report(s) undated"


def test_coverage_of_nothing_is_empty_and_typed(make_raw):
    cov = nr.coverage(make_raw({}))
    assert cov.empty and list(cov.columns) == list(COVERAGE)
    assert str(cov["first"].dtype) == "datetime64[s]"


def test_bundled_coverage_and_build_summary(capsys, tmp_path):
    cov = nr.coverage()
    assert {"Ann Black", "Luke Akehurst", "Alice Perry"} <= set(cov["author"].dropna())
    assert cov["year"].dropna().between(2015, 2024).all()
    assert cov["n_reports"].sum() == len(nr.load_reports())
    assert main(["build", "--out", str(tmp_path)]) == 0
    summary = (tmp_path / "summary.txt").read_text(encoding="utf-8")
    assert "coverage: 2017-2023" in summary and "writer(s)" in summary


def test_outside_figures_load_without_the_plot_extra():
    code = (
        "import sys, nec_reports as nr; m = nr.load_external_membership(); "
        "f = nr.load_external_finances(); "
        "assert len(m) > 50 and len(f) > 40; "
        "assert 'matplotlib' not in sys.modules and 'nec_reports.plot' not in sys.modules; "
        "print('ok')"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr


def test_outside_figures_are_typed_and_agree_with_the_charts():
    m, f = nr.load_external_membership(), nr.load_external_finances()
    assert {c: str(t) for c, t in m.dtypes.items()} == {
        c: k.dtype for c, k in EXTERNAL_MEMBERSHIP.items()
    }
    assert {c: str(t) for c, t in f.dtypes.items()} == {
        c: k.dtype for c, k in EXTERNAL_FINANCES.items()
    }
    assert m["year_end"].any() and not m["independent"].all()
    assert f["expenditure"].any()
    pytest.importorskip("matplotlib", reason="the plot extra is not installed")
    pd.testing.assert_frame_equal(m, nr.plot.read_external_membership()[list(m.columns)])
    pd.testing.assert_frame_equal(f, nr.plot.read_external_finances()[list(f.columns)])


def test_dictionary_help_says_it_prints(capsys, tmp_path):
    with pytest.raises(SystemExit):
        main(["dictionary", "--help"])
    assert "Print the data dictionary" in capsys.readouterr().out
    assert main(["dictionary"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# Data dictionary")
    assert main(["dictionary", "--out", str(tmp_path / "d.md")]) == 0
    assert (tmp_path / "d.md").read_text(encoding="utf-8") == printed


def _dry_run(target: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("no make")
    run = subprocess.run(
        ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_make_report_installs_only_what_the_report_needs():
    report = _dry_run("report")
    assert "-e '.[plot,notebooks]'" in report and ".[dev]" not in report
    assert "nec_reports build" in report and "nec_reports.plot.notebooks" in report
    assert "-e '.[dev]'" in _dry_run("test")


def test_make_bench_builds_the_tables_first():
    bench = _dry_run("bench")
    assert bench.index("nec_reports build") < bench.index("benchmarks/accuracy.py")


def test_readme_says_how_to_open_python_and_jupyterlab():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/jupyter lab" in readme and "--allow-root" in readme
    assert ".venv/bin/python" in readme
    assert "nec-reports search" in readme and "nec-reports export --sqlite" in readme
    assert "datasette" in readme and "--metadata" in readme
