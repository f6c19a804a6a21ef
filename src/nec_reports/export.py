"""Every table in one file for people who do not use pandas: ``nec-reports export``.

* :func:`to_sqlite` -- an SQLite database with primary and foreign keys, the ``sentences``
  table with an FTS5 index, and a Datasette metadata file beside it
  (``datasette nec.sqlite --metadata nec.metadata.json``; the ``datasette`` extra).
* :func:`to_xlsx` -- an Excel workbook: a data dictionary sheet, then one sheet per table,
  headers frozen, numbers, true/false and dates as typed cells (the ``excel`` extra).
* :func:`to_excel_csv` -- the CSVs of ``nec-reports build`` with a UTF-8 byte-order mark,
  so Excel opens them with "£" and "–" intact.  The build's own CSVs stay plain UTF-8:
  tools (the shared scorer among them) read them as ``utf-8`` and would take a BOM for
  part of the first column's name.

Descriptions come from the column declarations (:mod:`nec_reports.schema`), like
``docs/data-dictionary.md`` and ``datapackage.json``.
"""

from __future__ import annotations

import html
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .schema import Col, Columns
from .textsearch import SENTENCES, sentence_rows, sql_rows, write_sentences

PathLike = str | Path

TITLE = "Labour NEC meeting reports: tidy tables with evidence"
SOURCE = "Reports by members of Labour's National Executive Committee on their blogs"
SOURCE_URL = "https://github.com/nec-reports/nec-reports"
LICENSE = "CC BY 4.0 (the derived tables)"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"

#: Primary keys that are not one unique column.
COMPOSITE_KEYS = {"sections": ("report_id", "section"), "meetings": ("meeting_date", "body")}
#: What the ``sentences`` table is, for the metadata and the dictionary.
SENTENCES_DOC = (
    "One row per sentence of every report, searchable (full-text index `sentences_fts`)."
)
#: Excel keeps at most this many characters in a cell.
EXCEL_CELL_MAX = 32_767


def _sql_type(col: Col) -> str:
    if col.dtype == "Int64" or col.dtype == "boolean":
        return "INTEGER"
    if col.dtype.lower().startswith("float"):
        return "REAL"
    return "TEXT"


def primary_key(name: str, columns: Columns) -> tuple[str, ...]:
    """The table's primary key: its one unique, never-missing column, or a declared pair."""
    if name in COMPOSITE_KEYS:
        return COMPOSITE_KEYS[name]
    unique = [c for c, col in columns.items() if col.unique and not col.nullable]
    return tuple(unique[:1])


def create_sql(name: str, columns: Columns) -> str:
    """``CREATE TABLE`` with types, NOT NULL, the primary key and foreign keys to
    ``reports`` (and to ``sections`` for a fact's section)."""
    lines = [
        f'"{c}" {_sql_type(col)}' + ("" if col.nullable else " NOT NULL")
        for c, col in columns.items()
    ]
    pk = primary_key(name, columns)
    if pk:
        lines.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in pk) + ")")
    if "report_id" in columns and name != "reports":
        lines.append('FOREIGN KEY ("report_id") REFERENCES reports(report_id)')
    if {"report_id", "section", "fact_id"} <= set(columns):
        lines.append('FOREIGN KEY ("report_id", "section") REFERENCES sections(report_id, section)')
    return f'CREATE TABLE "{name}" (\n  ' + ",\n  ".join(lines) + "\n)"


def _write_table(con: sqlite3.Connection, name: str, df: pd.DataFrame, columns: Columns) -> None:
    con.execute(create_sql(name, columns))
    marks = ", ".join("?" for _ in columns)
    con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', sql_rows(df[list(columns)]))
    for c in ("report_id", "meeting_date", "author"):
        if c in columns and not (name == "reports" and c == "report_id"):
            con.execute(f'CREATE INDEX "{name}_{c}" ON "{name}"("{c}")')


def metadata_path(db_path: PathLike) -> Path:
    """Where the Datasette metadata goes: ``nec.sqlite`` -> ``nec.metadata.json``."""
    p = Path(db_path)
    return p.with_name(p.stem + ".metadata.json")


def to_sqlite(tables: Mapping[str, pd.DataFrame], path: PathLike) -> list[Path]:
    """Write every table, the sentences and their FTS index to ``path`` (replaced if it
    exists) and the Datasette metadata beside it; returns both paths."""
    from .tables import TABLES

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".sqlite.tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        with con:
            con.execute("PRAGMA foreign_keys = ON")
            for name, df in tables.items():
                _write_table(con, name, df, TABLES[name].columns)
            write_sentences(con, sentence_rows(tables["reports"], tables["sections"]))
            bad = con.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise ValueError(f"foreign keys broken in the export: {bad[:5]}")
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    meta = metadata_path(out)
    meta.write_text(json.dumps(datasette_metadata(out.stem), indent=2, ensure_ascii=False) + "\n")
    return [out, meta]


def _column_doc(col: Col) -> str:
    doc = col.doc
    if col.allowed:
        doc += " One of: " + ", ".join(col.allowed) + "."
    if col.dtype == "list":
        doc += " (';'-separated list)"
    if col.dtype == "boolean":
        doc += " (1 true, 0 false)"
    return doc


_CODE = re.compile(r"``?([^`]+)``?")


def _plain(doc: str) -> str:
    """A docstring's ``literal`` marks as Markdown's `literal`."""
    return _CODE.sub(r"`\1`", doc)


def _html(doc: str) -> str:
    """A docstring as HTML for Datasette, ``literal`` marks as <code>."""
    return _CODE.sub(r"<code>\1</code>", html.escape(doc, quote=False))


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata: title, source, licence, and a description of every table and
    column (from the schema) for the database named ``database`` (the file's stem)."""
    from .tables import table_docs

    docs = dict(table_docs())
    docs["sentences"] = (SENTENCES_DOC, SENTENCES)
    tables: dict[str, Any] = {
        name: {
            "description": _plain(doc),
            "description_html": _html(doc),
            "columns": {c: _column_doc(col) for c, col in columns.items()},
        }
        for name, (doc, columns) in docs.items()
    }
    tables["sentences"] |= {"fts_table": "sentences_fts", "fts_pk": "sentence_id"}
    tables["reports"]["label_column"] = "title"  # links to a report show its title
    tables["sentences_fts"] = {"hidden": True}
    tables["search_words"] = {"hidden": True}
    return {
        "title": TITLE,
        "description": (
            "Membership figures, vote splits, money and donors as NEC members reported them, "
            "each row with the sentence it comes from and the report's URL."
        ),
        "source": SOURCE,
        "source_url": SOURCE_URL,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "databases": {database: {"tables": tables}},
    }


# --------------------------------------------------------------------------- Excel


def _excel_value(v: Any, col: Col) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(v, list):
        v = ";".join(map(str, v))
    elif v is None or pd.isna(v):
        return None
    if col.dtype.startswith("datetime64"):
        ts = pd.Timestamp(v)
        return ts.date() if ts == ts.normalize() else ts.to_pydatetime()
    if col.dtype == "boolean":
        return bool(v)
    if isinstance(v, str):
        v = ILLEGAL_CHARACTERS_RE.sub("", v)
        return v if len(v) <= EXCEL_CELL_MAX else v[: EXCEL_CELL_MAX - 1] + "…"
    return v.item() if hasattr(v, "item") else v


def _sheet(wb: Any, title: str, header: list[str], rows: Any, widths: list[int]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    bold = Font(bold=True)
    cells = []
    for h in header:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = bold
        cells.append(cell)
    ws.append(cells)
    n = 1
    for row in rows:
        ws.append(row)
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{n}"


def _dictionary_rows(docs: Mapping[str, tuple[str, Columns]]) -> list[list[str]]:
    rows = []
    for name, (doc, columns) in docs.items():
        rows.append([name, "", "table", doc, ""])
        rows += [[name, c, col.dtype, _column_doc(col), col.example] for c, col in columns.items()]
    return rows


def to_xlsx(tables: Mapping[str, pd.DataFrame], path: PathLike) -> Path:
    """An Excel workbook: ``dictionary`` (every table and column described), then one
    sheet per table.  Text longer than Excel's cell limit is cut, ending in '…'."""
    from openpyxl import Workbook

    from .tables import TABLES, table_docs

    wb = Workbook(write_only=True)
    header = ["table", "column", "type", "meaning", "example"]
    _sheet(wb, "dictionary", header, _dictionary_rows(table_docs()), [14, 18, 14, 90, 30])
    for name, df in tables.items():
        columns = TABLES[name].columns
        widths = [_width(c, col) for c, col in columns.items()]
        rows = (
            [_excel_value(v, col) for v, col in zip(row, columns.values(), strict=True)]
            for row in df[list(columns)].itertuples(index=False)
        )
        _sheet(wb, name, list(columns), rows, widths)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _width(name: str, col: Col) -> int:
    if col.dtype.startswith("datetime64"):
        return 12
    if col.dtype in ("Int64", "boolean") or col.dtype.lower().startswith("float"):
        return max(10, len(name) + 2)
    return 60 if name in ("text", "evidence", "motion") else max(16, len(name) + 2)


def to_excel_csv(tables: Mapping[str, pd.DataFrame], out_dir: PathLike) -> list[Path]:
    """The build's CSVs (same columns and text) as UTF-8 with a byte-order mark."""
    from .build import _csv_ready  # the build's own CSV formatting, so the copies agree

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        path = out / f"{name}.csv"
        _csv_ready(df).to_csv(path, index=False, lineterminator="\n", encoding="utf-8-sig")
        written.append(path)
    return written
