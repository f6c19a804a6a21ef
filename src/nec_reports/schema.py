"""Column and table declarations shared by the builders, the validator, the readers and
the data dictionary.

Each published table is declared once, as a :class:`Table`: its name, a one-line
description, its columns (:class:`Col` objects: dtype, meaning, an example, allowed
values and bounds) and the function that builds it.  From these, :func:`frame` casts
rows to the declared dtypes, :func:`pandera_schema` builds the pandera
``DataFrameSchema`` that ``build`` validates every table against, and
``docs/data-dictionary.md`` is generated (:func:`data_dictionary`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

#: Earliest and latest plausible dates for anything in an NEC report.
EARLIEST = pd.Timestamp("1990-01-01")


@dataclass(frozen=True, slots=True)
class Col:
    """One declared column.

    ``dtype`` is a pandas dtype name, or ``"list"`` for a column of Python lists
    (joined by ';' in CSV)."""

    dtype: str
    doc: str
    example: str = ""
    allowed: tuple[str, ...] | None = None
    nullable: bool = True
    unique: bool = False
    ge: float | None = None
    le: float | None = None


Columns = Mapping[str, Col]


def dtypes(columns: Columns) -> dict[str, str]:
    return {name: col.dtype for name, col in columns.items()}


@dataclass(frozen=True)
class Table:
    """One published table: ``name``, a one-line ``description`` (the data dictionary's,
    ``datapackage.json``'s and its ``load_<name>()``'s), its declared ``columns`` and its
    ``builder`` (a parsed corpus -> the DataFrame)."""

    name: str
    description: str
    columns: Columns
    builder: Callable[[Any], pd.DataFrame]

    # The (builder, columns) pair that ``TABLES`` held before tables were declared whole,
    # for code written against it: ``builder, columns = TABLES[name]``, ``TABLES[name][1]``.
    def __iter__(self) -> Iterator[Any]:
        return iter((self.builder, self.columns))

    def __getitem__(self, i: int) -> Any:
        return (self.builder, self.columns)[i]


def frame(rows: Iterable[dict[str, Any]], columns: Columns) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` in order, each cast to its declared dtype."""
    df = pd.DataFrame(list(rows), columns=list(columns))
    for col, dtype in dtypes(columns).items():
        if dtype == "list":
            df[col] = df[col].astype(object)
        elif dtype.startswith("datetime64"):
            df[col] = pd.to_datetime(df[col]).astype(dtype)
        elif dtype == "boolean":
            df[col] = df[col].astype("boolean")
        else:
            df[col] = df[col].astype(dtype)
    return df


def typed(df: pd.DataFrame, columns: Columns) -> pd.DataFrame:
    """``df`` as stored (Parquet, or CSV read as text) with each column that ``columns``
    declares cast back to its declared dtype, as the builders made it: lists are Python
    lists of text (Parquet gives arrays, CSV ``a;b``), dates ``datetime64[s]``, flags
    ``boolean`` (CSV ``true``/``false``).  Columns it does not declare are left alone."""
    out = df.copy()
    for col, dtype in dtypes(columns).items():
        if col not in out.columns:
            continue
        s = out[col]
        if dtype == "list":
            out[col] = pd.Series([_as_list(v) for v in s], index=out.index, dtype=object)
        elif dtype.startswith("datetime64") and not pd.api.types.is_datetime64_any_dtype(s):
            out[col] = pd.to_datetime(s, format="ISO8601").astype(dtype)
        elif dtype == "boolean" and not pd.api.types.is_bool_dtype(s):
            out[col] = s.map({"true": True, "false": False}, na_action="ignore").astype(dtype)
        elif dtype in ("Int64", "Float64") and not pd.api.types.is_numeric_dtype(s):
            out[col] = pd.to_numeric(s).astype(dtype)
        else:
            out[col] = s.astype(dtype)
    return out


def _as_list(v: Any) -> list[str]:
    if isinstance(v, str):
        return [p for p in v.split(";") if p]
    if v is None or (isinstance(v, float) and v != v):
        return []
    return [str(x) for x in v]


def pandera_schema(name: str, columns: Columns) -> Any:
    """A strict, ordered pandera schema for one table (pandera imported only here)."""
    import pandera.pandas as pa

    latest = pd.Timestamp(date.today()) + pd.Timedelta(days=1)
    cols = {}
    for cname, col in columns.items():
        checks = []
        if col.allowed is not None:
            checks.append(pa.Check.isin(list(col.allowed)))
        if col.ge is not None:
            checks.append(pa.Check.ge(col.ge))
        if col.le is not None:
            checks.append(pa.Check.le(col.le))
        if col.dtype.startswith("datetime64"):
            checks.append(pa.Check.in_range(EARLIEST, latest, error="date between 1990 and today"))
        if col.dtype == "list" and col.allowed is not None:
            checks = [
                pa.Check(
                    lambda s, ok=frozenset(col.allowed): s.map(lambda v: set(v) <= ok),
                    error=f"values in {sorted(col.allowed)}",
                )
            ]
        if col.dtype == "list":
            checks.append(pa.Check(lambda s: s.map(lambda v: isinstance(v, list)), error="a list"))
        cols[cname] = pa.Column(
            None if col.dtype == "list" else col.dtype,
            checks=checks,
            nullable=col.nullable,
            unique=col.unique,
            description=col.doc,
            title=cname,
        )
    return pa.DataFrameSchema(cols, name=name, strict=True, ordered=True)


def failures(name: str, df: pd.DataFrame, columns: Columns) -> pd.DataFrame | None:
    """pandera's failure cases for one table (``index`` names the row; empty for a
    table-wide failure such as a missing column), or None when the table is valid."""
    import pandera.errors as pe

    try:
        pandera_schema(name, columns).validate(df, lazy=True)
    except pe.SchemaErrors as exc:
        cases: pd.DataFrame = exc.failure_cases
        return cases
    return None


def validate(name: str, df: pd.DataFrame, columns: Columns) -> list[str]:
    """Problems with one table, one line each ('' list when it is valid)."""
    import pandera.errors as pe

    try:
        pandera_schema(name, columns).validate(df, lazy=True)
    except pe.SchemaErrors as exc:
        cases = exc.failure_cases
        out = []
        for row in cases.head(20).itertuples():
            fc = row.failure_case
            missing = fc is None or (isinstance(fc, float) and fc != fc)
            out.append(
                f"{name}.{row.column}: {row.check} failed" + ("" if missing else f" for {fc!r}")
            )
        if len(cases) > 20:
            out.append(f"{name}: and {len(cases) - 20} more failures")
        return out
    return []


def data_dictionary(tables: Mapping[str, tuple[str, Columns]]) -> str:
    """Markdown: one section per table (its docstring), one row per column."""
    lines = [
        "# Data dictionary",
        "",
        "Generated from the column declarations in `src/nec_reports/` by",
        "`nec-reports dictionary`; do not edit by hand (a test checks it is current).",
        "",
        "Types: `str` text; `Int64` nullable integer; `Float64` number; `boolean` nullable",
        "true/false; `datetime64[s]` a date (ISO `YYYY-MM-DD` in CSV); `list` a list of values",
        "(joined by `;` in CSV).  Missing values are empty in CSV and `<NA>` in pandas.",
        "",
    ]
    for tname, (doc, columns) in tables.items():
        lines += [
            f"## `{tname}`",
            "",
            doc.strip(),
            "",
            "| column | type | meaning | example |",
            "|---|---|---|---|",
        ]
        for cname, col in columns.items():
            meaning = col.doc
            if col.allowed:
                meaning += " One of: " + ", ".join(f"`{a}`" for a in col.allowed) + "."
            if col.unique:
                meaning += " Unique."
            if not col.nullable:
                meaning += " Never missing."
            ex = f"`{col.example}`" if col.example else ""
            meaning, ex = meaning.replace("|", "\\|"), ex.replace("|", "\\|")
            lines.append(f"| `{cname}` | {col.dtype} | {meaning} | {ex} |")
        lines.append("")
    return "\n".join(lines)
