"""Building every table from a raw folder, with caching, writing them out and reading
them back.

``build_tables`` is what the ``load_*`` functions and the ``build`` command share;
``read_table`` reads what ``write_tables`` wrote, with the dtypes ``load_*`` give.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import cache
from . import corrections as corr
from .checks import MEMBERSHIP_RANGE, settle_tables
from .corpus import default_raw_dir
from .corpus import max_file_bytes as max_file_bytes_limit
from .errors import ValidationError
from .models import MAX_NEC_VOTES
from .output import check_out_dir, write_atomically
from .pipeline import parse_corpus
from .schema import typed, validate
from .tables import TABLES, declared, table_docs


def validate_tables(tables: dict[str, pd.DataFrame], schemas: set[str] | None = None) -> list[str]:
    """Every table (or those named in ``schemas``) against its declared schema, plus
    checks across tables."""
    problems = [
        p
        for name, df in tables.items()
        if schemas is None or name in schemas
        for p in validate(name, df, TABLES[name].columns)
    ]
    reports = tables["reports"].drop_duplicates("report_id").set_index("report_id")
    for name, df in tables.items():
        if name != "reports" and "report_id" in df.columns:
            unknown = set(df["report_id"]) - set(reports.index)
            problems += [f"{name}.report_id: {rid!r} is not a report" for rid in sorted(unknown)]
        if {"report_id", "start", "end"} <= set(df.columns) and len(df):
            n = df["report_id"].map(reports["text"].str.len())
            bad = df[(df["start"] > df["end"]) | (df["end"] > n)]
            problems += [
                f"{name}: span {r.start}:{r.end} outside report {r.report_id}"
                for r in bad.itertuples()
            ]
    return problems + sanity_checks(tables)


def sanity_checks(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Checks on the data, not the code: each fact's evidence contains its number as
    written; a head-count vote never sums past the NEC's size unless it is flagged;
    membership figures are plausible counts unless flagged."""
    problems: list[str] = []
    for name in ("membership", "votes", "money", "donors"):
        df = tables.get(name)
        if df is None or df.empty:
            continue
        missing = [r.fact_id for r in df.itertuples() if str(r.written) not in str(r.evidence)]
        problems += [f"{name}.{fid}: evidence does not contain the number" for fid in missing]
    votes = tables.get("votes")
    if votes is not None and not votes.empty:
        heads = votes[(votes["unit"] == "votes") & (votes["body"] != "conference")]
        total = heads[["votes_for", "votes_against", "abstentions"]].fillna(0).sum(axis=1)
        over = heads[(total > MAX_NEC_VOTES) & heads["flag"].isna()]
        problems += [
            f"votes.{r.fact_id}: more votes than the NEC has, unflagged" for r in over.itertuples()
        ]
    members = tables.get("membership")
    if members is not None and not members.empty:
        lo, hi = MEMBERSHIP_RANGE
        out = (members["value"] < lo) | (members["value"] > hi)
        odd = members[out & members["flag"].isna() & (members["measure"] != "other")]
        problems += [
            f"membership.{r.fact_id}: {r.value} is not a plausible count" for r in odd.itertuples()
        ]
    return problems


@dataclass
class Build:
    """The tables of one build and what happened to each raw file."""

    tables: dict[str, pd.DataFrame]
    problems: list[str] = field(default_factory=list)
    raw_dir: str = ""

    def summary(self) -> str:
        files = self.tables["files"]
        n_read = int((files["status"] != "skipped").sum())
        lines = [f"raw folder: {self.raw_dir}", f"files read: {n_read}"]
        for row in files.itertuples():
            state = {
                "read": f"{row.posts} posts ({row.layout})",
                "skipped": f"skipped ({row.error})",
            }.get(str(row.status), "FAILED")
            if not pd.isna(row.unused):
                state += f"; not used: lines {row.unused}"
            lines.append(f"  {row.file}: {state}")
        n_posts = int(files["posts"].fillna(0).sum())
        lines.append(
            f"posts: {n_posts}; reports after de-duplication: {len(self.tables['reports'])}"
        )
        from .overview import coverage_line, undated_line

        lines.append(coverage_line(self.tables))
        lines.append(undated_line(self.tables))
        for name, df in self.tables.items():
            if name not in ("files", "reports"):
                lines.append(f"{name}: {len(df)} rows")
        lines.append(f"problems: {len(self.problems)}")
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the parse allocates millions of small,
    long-lived objects (sentences, numbers, rows) and no cycles worth collecting: its
    passes over them cost a tenth of a large build.  Reference counting still frees
    everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_tables(
    raw_dir: str | Path | None = None,
    *,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    max_file_bytes: int | None = None,
) -> Build:
    """Every table from ``raw_dir`` (default: the bundled corpus), from the cache when
    the raw files, corrections and parser are unchanged.  Files over ``max_file_bytes``
    (default 10 MB, or ``$NEC_REPORTS_MAX_FILE_MB``) are reported and skipped."""
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    cpath = corr.default_path(raw)
    key = root = None
    if use_cache and raw.is_dir():
        root = cache.cache_root(cache_dir)
        limit = max_file_bytes_limit(max_file_bytes)
        key = cache.corpus_key(raw, cpath, salt=f"max={limit}", max_bytes=limit)
        hit = cache.load(root, key, declared())
        if hit is not None:
            return Build(*hit)
    with _gc_paused():
        corpus = parse_corpus(raw, cpath, max_file_bytes=max_file_bytes)
        tables = {name: t.builder(corpus) for name, t in TABLES.items()}
    before = dict(tables)
    settled = settle_tables(tables, declared())
    changed = {name for name, df in tables.items() if df is not before[name]}
    # what settling leaves is a bug in the code; unchanged tables passed their schema
    violations = validate_tables(tables, schemas=changed)
    if violations:
        raise ValidationError(violations)
    result = Build(tables, [str(p) for p in [*corpus.problems, *settled]], str(raw))
    if root is not None and key is not None:
        cache.save(root, key, (result.tables, result.problems, result.raw_dir))
    return result


def _csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object and s.map(lambda v: isinstance(v, list)).any():
            out[col] = s.map(lambda v: ";".join(map(str, v)) if isinstance(v, list) else v)
        elif isinstance(s.dtype, pd.BooleanDtype):
            out[col] = s.map(lambda v: None if pd.isna(v) else ("true" if v else "false"))
        elif pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%dT%H:%M:%S" if _has_time(s) else "%Y-%m-%d")
        elif isinstance(s.dtype, pd.Float64Dtype):
            out[col] = s.map(_float_text, na_action="ignore")
    return out


def _float_text(v: float) -> str:
    """A float as CSV text: whole values without ".0" (22, 4100000), others as written (62.9)."""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _has_time(s: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(s) and bool(
        (s.dropna() != s.dropna().dt.normalize()).any()
    )


def _datapackage(build: Build) -> str:
    from .datapackage import descriptor, dumps

    timed = {f"{t}.{c}" for t, df in build.tables.items() for c in df.columns if _has_time(df[c])}
    return dumps(descriptor(table_docs(), timed))


def write_tables(build: Build, out_dir: str | Path) -> list[Path]:
    """Write every table as CSV and Parquet, ``summary.txt`` and ``datapackage.json``
    into ``out_dir``, all at once: the files are written into a folder beside it that
    is swapped in whole (see :mod:`nec_reports.output`), so an interrupted build leaves
    the previous output intact and two builds into one folder cannot interleave."""
    out = Path(out_dir)
    check_out_dir(out, Path(build.raw_dir) if build.raw_dir else None)

    def fill(tmp: Path) -> list[str]:
        for name, df in build.tables.items():
            _csv_ready(df).to_csv(tmp / f"{name}.csv", index=False, lineterminator="\n")
            df.to_parquet(tmp / f"{name}.parquet", index=False)
        (tmp / "summary.txt").write_text(build.summary() + "\n", encoding="utf-8")
        (tmp / "datapackage.json").write_text(_datapackage(build), encoding="utf-8")
        return sorted(p.name for p in tmp.iterdir())

    return write_atomically(out, fill)


def read_table(name: str, out_dir: str | Path) -> pd.DataFrame:
    """``<out_dir>/<name>.parquet`` (else ``.csv``), as :func:`write_tables` wrote it,
    with every declared column in the dtype ``load_<name>()`` gives (lists as lists,
    dates as ``datetime64[s]``, flags as ``boolean``); columns a table does not declare
    are left as read.  A missing table is a :class:`FileNotFoundError` naming the fix."""
    folder = Path(out_dir)
    pq, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if pq.exists():
        df = pd.read_parquet(pq)
    elif csv.exists():
        df = pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
    else:
        raise FileNotFoundError(
            f"no {name}.parquet or {name}.csv in {folder.resolve()}; "
            f"run `nec-reports build --out {folder.resolve()}`"
        )
    return typed(df, TABLES[name].columns if name in TABLES else {})
