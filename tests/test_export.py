"""`nec-reports export`: SQLite (keys, FTS5, Datasette metadata), Excel (sheets, frozen
headers, typed cells) and Excel-friendly CSVs (BOM), all from the bundled corpus."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from conftest import load_scorer
from nec_reports.api import table_docs
from nec_reports.build import build_tables, write_tables
from nec_reports.cli import main
from nec_reports.export import EXCEL_CELL_MAX, _excel_value, metadata_path
from nec_reports.schema import Col
from nec_reports.tables import TABLES

openpyxl = pytest.importorskip("openpyxl", reason="the excel extra (openpyxl) is not installed")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return build_tables().tables


@pytest.fixture(scope="module")
def exported(tmp_path_factory, tables) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("export")
    args = ["export", "--sqlite", str(out / "nec.sqlite"), "--xlsx", str(out / "nec.xlsx")]
    assert main([*args, "--csv", str(out / "excel-csv")]) == 0
    return {"db": out / "nec.sqlite", "xlsx": out / "nec.xlsx", "csv": out / "excel-csv"}


def test_sqlite_has_every_table_with_its_rows(exported, tables):
    con = sqlite3.connect(exported["db"])
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(TABLES) | {"sentences", "sentences_fts", "search_words"} <= names
    for name, df in tables.items():
        assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(df)
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
        assert cols == list(TABLES[name].columns)
    row = con.execute(
        "SELECT typeof(value), typeof(meeting_date), typeof(start) FROM membership LIMIT 1"
    ).fetchone()
    assert row == ("integer", "text", "integer")
    assert {r[0] for r in con.execute("SELECT DISTINCT is_excerpt FROM reports")} == {0, 1}
    assert con.execute("SELECT count(*) FROM reports WHERE published LIKE '____-__-__'").fetchone()[
        0
    ]


def test_sqlite_primary_and_foreign_keys(exported):
    con = sqlite3.connect(exported["db"])

    def pk(table: str) -> list[str]:
        info = sorted((r[5], r[1]) for r in con.execute(f'PRAGMA table_info("{table}")') if r[5])
        return [c for _, c in info]

    assert pk("reports") == ["report_id"] and pk("files") == ["file"]
    assert pk("membership") == ["fact_id"] and pk("sections") == ["report_id", "section"]
    assert pk("sentences") == ["sentence_id"]
    for table in ("sections", "comments", "membership", "votes", "sentences"):
        refs = {(r[2], r[3], r[4]) for r in con.execute(f'PRAGMA foreign_key_list("{table}")')}
        assert ("reports", "report_id", "report_id") in refs, table
    assert ("sections", "section", "section") in {
        (r[2], r[3], r[4]) for r in con.execute('PRAGMA foreign_key_list("votes")')
    }
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO comments (report_id, text) VALUES ('no-such-report', 'x')")


def test_sqlite_full_text_index(exported):
    con = sqlite3.connect(exported["db"])
    hits = con.execute(
        "SELECT s.sentence, r.author FROM sentences_fts JOIN sentences s "
        "ON s.sentence_id = sentences_fts.rowid JOIN reports r USING (report_id) "
        "WHERE sentences_fts MATCH 'antisemitism' ORDER BY rank"
    ).fetchall()
    assert len(hits) >= 20
    assert any("anti-semitism" in s.lower() for s, _ in hits)  # the hyphenated spelling too
    text = con.execute(
        'SELECT r.text, s.start, s."end", s.sentence FROM sentences s JOIN reports r '
        "USING (report_id) LIMIT 50"
    ).fetchall()
    assert all(t[a:b] == s for t, a, b, s in text)


def test_datasette_metadata(exported):
    path = metadata_path(exported["db"])
    assert path == exported["db"].with_name("nec.metadata.json")
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert meta["title"] and meta["source"] and meta["source_url"].startswith("https://")
    assert "CC BY 4.0" in meta["license"] and meta["license_url"].startswith("https://")
    tables = meta["databases"]["nec"]["tables"]
    docs = table_docs()
    for name, (doc, columns) in docs.items():
        assert tables[name]["description"] == doc.replace("``", "`")
        assert "``" not in tables[name]["description_html"]
        assert set(tables[name]["columns"]) == set(columns)
        for c, col in columns.items():
            assert tables[name]["columns"][c].startswith(col.doc)
    assert tables["sentences"]["fts_table"] == "sentences_fts"
    assert tables["reports"]["label_column"] == "title"
    assert "One of: exact, about" in tables["membership"]["columns"]["qualifier"]
    assert "<code>value</code> (members)" in tables["membership"]["description_html"]


def test_xlsx_sheets_and_frozen_headers(exported, tables):
    wb = openpyxl.load_workbook(exported["xlsx"], read_only=False)
    assert wb.sheetnames == ["dictionary", *TABLES]
    for name in wb.sheetnames:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws["A1"].font.bold
    for name, df in tables.items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == list(TABLES[name].columns)
        assert ws.max_row == len(df) + 1
    dictionary = list(wb["dictionary"].iter_rows(min_row=2, values_only=True))
    assert len(dictionary) == len(TABLES) + sum(len(t.columns) for t in TABLES.values())
    assert dictionary[[(r[0], r[1]) for r in dictionary].index(("membership", "value"))][:3] == (
        "membership",
        "value",
        "Int64",
    )


def _column(ws, name: str) -> list:
    header = [c.value for c in ws[1]]
    i = header.index(name)
    return [row[i] for row in ws.iter_rows(min_row=2)]


def test_xlsx_cells_are_typed(exported):
    wb = openpyxl.load_workbook(exported["xlsx"])
    published = [c for c in _column(wb["reports"], "published") if c.value is not None]
    assert published and all(c.is_date and c.number_format == "yyyy-mm-dd" for c in published)
    assert all(isinstance(c.value, datetime) for c in published)
    posted = [c for c in _column(wb["comments"], "posted") if c.value is not None]
    assert posted and all(c.is_date for c in posted)
    assert any(c.value.hour or c.value.minute for c in posted)  # times of day kept
    values = [c.value for c in _column(wb["membership"], "value")]
    assert all(isinstance(v, int) for v in values)
    assert {c.value for c in _column(wb["reports"], "is_excerpt")} == {True, False}
    amounts = [c.value for c in _column(wb["money"], "amount_gbp")]
    assert all(isinstance(v, int | float) for v in amounts)
    bodies = [c.value for c in _column(wb["reports"], "bodies") if c.value]
    assert any(";" in b for b in bodies)


def test_xlsx_cuts_text_past_the_cell_limit():
    col = Col("str", "")
    long = _excel_value("x" * (EXCEL_CELL_MAX + 10), col)
    assert len(long) == EXCEL_CELL_MAX and long.endswith("…")
    assert _excel_value("bell\x07", col) == "bell"
    assert _excel_value(pd.Timestamp("2021-02-03"), Col("datetime64[s]", "")) == date(2021, 2, 3)
    assert _excel_value(pd.NA, Col("Int64", "")) is None


def test_excel_csvs_have_a_bom_and_the_build_csvs_do_not(exported, tables, tmp_path):
    write_tables(build_tables(), tmp_path / "built")
    for name in TABLES:
        excel = (exported["csv"] / f"{name}.csv").read_bytes()
        built = (tmp_path / "built" / f"{name}.csv").read_bytes()
        assert excel.startswith(b"\xef\xbb\xbf") and not built.startswith(b"\xef\xbb\xbf")
        assert excel[3:] == built
    money = (exported["csv"] / "money.csv").read_text(encoding="utf-8-sig")
    assert "£" in money
    # The shared scorer opens CSVs as plain utf-8: the built ones keep their first column.
    scorer = load_scorer()
    rows = scorer.read_csv(tmp_path / "built" / "membership.csv")
    assert rows and "fact_id" in rows[0]


def test_export_needs_a_target(capsys):
    assert main(["export"]) == 2
    assert "--sqlite FILE" in capsys.readouterr().err


def test_xlsx_without_openpyxl_says_which_extra(monkeypatch, capsys, tmp_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "openpyxl" else real(name, *a)
    )
    assert main(["export", "--xlsx", str(tmp_path / "x.xlsx")]) == 2
    assert "pip install 'nec-reports[excel]'" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
