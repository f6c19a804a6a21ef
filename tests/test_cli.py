"""`nec-reports` and `python -m nec_reports` are the same CLI; build writes CSV + Parquet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from nec_reports.cli import main
from nec_reports.tables import TABLES


def test_build_writes_every_table_as_csv_and_parquet(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "files read: 5" in printed and "reports after de-duplication:" in printed
    assert "problems: 0" in printed
    for name in TABLES:
        csv = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        pq = pd.read_parquet(out / f"{name}.parquet")
        assert list(csv.columns) == list(pq.columns) == list(TABLES[name].columns)
        assert len(csv) == len(pq)
    reports = pd.read_csv(out / "reports.csv", dtype=str, keep_default_na=False)
    assert reports["meeting_dates"].str.contains(";").any()  # lists joined by ';'
    assert reports["published"].str.fullmatch(r"(\d{4}-\d\d-\d\d)?").all()
    assert set(reports["is_excerpt"]) == {"true", "false"}


def test_module_and_console_script_are_the_same_cli():
    exe = Path(sys.executable).with_name("nec-reports")
    a = subprocess.run(
        [sys.executable, "-m", "nec_reports", "tables"], capture_output=True, text=True
    )
    b = subprocess.run([str(exe), "tables"], capture_output=True, text=True)
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout and a.stdout.startswith("reports: report_id")
