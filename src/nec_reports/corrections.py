"""Corrections kept beside the raw pages (``data/corrections.csv``) and applied by code.

Raw text is never edited.  A row names a record by id (a ``report_id``, or a ``fact_id``
for the fact tables), the field to change, the new value and why.  Every applied
correction is listed on the record, so the output shows what was changed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_date
from .errors import CorrectionError
from .models import BODIES, Report

COLUMNS = ("id", "field", "value", "reason")
REPORT_FIELDS = ("title", "author", "published", "meeting_dates", "bodies", "is_excerpt")


@dataclass(frozen=True, slots=True)
class Correction:
    id: str
    field: str
    value: str
    reason: str
    line: int
    file: str


FILE = "corrections.csv"


def bundled_path() -> Path:
    from .corpus import data_dir

    return data_dir() / FILE


def default_path(raw_dir: Path) -> Path:
    """Corrections live beside the raw folder (``<raw>/../corrections.csv``) or inside it;
    else the bundled ones apply.  They name reports by id (title and date), so the bundled
    corrections fix copies of the bundled pages wherever they are and touch nothing else."""
    for path in (raw_dir.parent / FILE, raw_dir / FILE):
        if path.is_file():
            return path
    return bundled_path()


def is_fallback(path: Path, raw_dir: Path) -> bool:
    """True for corrections that are not the raw folder's own (the bundled ones applied
    to another folder): ids they name that are not in the folder are not problems."""
    own = {(raw_dir.parent / FILE).resolve(), (raw_dir / FILE).resolve()}
    return path.resolve() not in own


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # Excel saves CSV with a BOM
    except UnicodeDecodeError as exc:
        line = path.read_bytes().count(b"\n", 0, exc.start) + 1
        raise CorrectionError(
            f"not UTF-8 (byte offset {exc.start}); re-save as UTF-8", str(path), line
        ) from None
    except OSError as exc:
        raise CorrectionError(f"cannot read ({exc.strerror or exc})", str(path)) from None


def read_corrections(path: Path) -> tuple[list[Correction], list[CorrectionError]]:
    if not path.exists():
        return [], []
    out: list[Correction] = []
    problems: list[CorrectionError] = []
    try:
        text = _text(path)
    except CorrectionError as exc:
        return [], [exc]
    with io.StringIO(text, newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            return [], [CorrectionError(f"missing column(s) {', '.join(missing)}", str(path), 1)]
        for row in reader:
            cell = {k: str(row.get(k) or "").strip() for k in COLUMNS}
            c = Correction(
                cell["id"], cell["field"], cell["value"], cell["reason"], reader.line_num, str(path)
            )
            if not c.id or not c.field or not c.reason:
                problems.append(
                    CorrectionError("id, field and reason are required", str(path), c.line, c.id)
                )
                continue
            out.append(c)
    return out, problems


def _value(c: Correction) -> object:
    if c.field == "published":
        d = parse_date(c.value) if c.value else None
        if c.value and d is None:
            raise CorrectionError("published must be YYYY-MM-DD", c.file, c.line, c.value)
        return d
    if c.field == "meeting_dates":
        days = [parse_date(v) for v in c.value.split(";") if v.strip()]
        if any(d is None for d in days):
            raise CorrectionError("meeting_dates must be YYYY-MM-DD;...", c.file, c.line, c.value)
        return sorted(d for d in days if d)
    if c.field == "bodies":
        bodies = [b.strip() for b in c.value.split(";") if b.strip()]
        bad = [b for b in bodies if b not in BODIES]
        if bad:
            raise CorrectionError(f"unknown body {bad[0]!r}", c.file, c.line, c.value)
        return bodies
    if c.field == "is_excerpt":
        return c.value.lower() in {"true", "1", "yes"}
    return c.value or None


def apply_to_reports(
    reports: list[Report], corrections: list[Correction]
) -> tuple[list[Correction], list[CorrectionError]]:
    """Apply the report corrections in place; return the rows left for other tables
    (ids that are not report ids) and the problems."""
    by_id = {r.report_id: r for r in reports}
    rest: list[Correction] = []
    problems: list[CorrectionError] = []
    for c in corrections:
        report = by_id.get(c.id)
        if report is None:
            rest.append(c)
            continue
        if c.field not in REPORT_FIELDS:
            problems.append(
                CorrectionError(
                    f"cannot correct field {c.field!r} of a report "
                    f"(one of {', '.join(REPORT_FIELDS)})",
                    c.file,
                    c.line,
                    c.field,
                )
            )
            continue
        try:
            new = _value(c)
        except CorrectionError as exc:
            problems.append(exc)
            continue
        old = getattr(report, c.field)
        setattr(report, c.field, new)
        report.corrections.append(f"{c.field}: {_show(old)} -> {_show(new)} ({c.reason})")
    return rest, problems


def _show(v: object) -> str:
    if isinstance(v, list):
        return ";".join(str(x) for x in v) or "''"
    return "''" if v is None else str(v)
