"""A Frictionless Data Package descriptor (``datapackage.json``) for the CSVs a build
writes, generated from the same column declarations as the schemas, so the tables load
with their types in other tools (frictionless, R's frictionless, Open Data Editor)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .schema import Columns
from .version import __version__

_TYPES = {"str": "string", "Int64": "integer", "boolean": "boolean", "list": "string"}
_KEYS = {"reports": ["report_id"], "files": ["file"]}


def _field(name: str, col: Any, has_time: bool) -> dict[str, Any]:
    if col.dtype.startswith("datetime64"):
        ftype = "datetime" if has_time else "date"
    elif col.dtype.lower().startswith("float"):
        ftype = "number"
    else:
        ftype = _TYPES.get(col.dtype, "string")
    field: dict[str, Any] = {"name": name, "type": ftype, "description": col.doc}
    if ftype == "boolean":
        field |= {"trueValues": ["true"], "falseValues": ["false"]}
    if col.dtype == "list":
        field["description"] += " (';'-separated list)"
    constraints: dict[str, Any] = {}
    if not col.nullable:
        constraints["required"] = True
    if col.unique:
        constraints["unique"] = True
    if col.allowed and col.dtype != "list":
        constraints["enum"] = list(col.allowed)
    if col.ge is not None and ftype in ("integer", "number"):
        constraints["minimum"] = col.ge
    if constraints:
        field["constraints"] = constraints
    return field


def descriptor(tables: Mapping[str, tuple[str, Columns]], time_columns: set[str]) -> dict[str, Any]:
    """``tables``: name -> (description, columns); ``time_columns``: "table.column" names
    whose values carry a time of day (written as ISO datetimes, not dates)."""
    resources = []
    for name, (doc, columns) in tables.items():
        schema: dict[str, Any] = {
            "fields": [_field(c, col, f"{name}.{c}" in time_columns) for c, col in columns.items()],
            "missingValues": [""],
        }
        if name in _KEYS:
            schema["primaryKey"] = _KEYS[name]
        if "report_id" in columns and name != "reports":
            schema["foreignKeys"] = [
                {
                    "fields": ["report_id"],
                    "reference": {"resource": "reports", "fields": ["report_id"]},
                }
            ]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": doc,
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "nec-reports",
        "title": "Labour NEC meeting reports: tidy tables with evidence",
        "version": __version__,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 (the derived tables)",
            }
        ],
        "resources": resources,
    }


def dumps(desc: dict[str, Any]) -> str:
    return json.dumps(desc, indent=2, ensure_ascii=False) + "\n"
