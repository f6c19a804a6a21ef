"""Implausible values become located problems, never a fatal error.

Two passes.  :func:`settle_records` runs on the parsed records: a date before
:data:`~nec_reports.schema.EARLIEST` or after tomorrow (a feed's 1970 date, a comment
dated 7404) is left empty, and the problem names the file, line and the date as written.
:func:`settle_tables` runs on the built tables: each row that breaks its table's
schema or a cross-table check is repaired (an impossible date emptied, an unflagged
vote total flagged) or dropped, with a located problem; the other rows and tables are
kept.  Only a table-wide break (a missing column, a wrong dtype) is a bug in the code
and still raises :class:`~nec_reports.errors.ValidationError`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from .errors import ImplausibleValueError, ValidationError
from .models import MAX_NEC_VOTES
from .schema import EARLIEST, Columns, failures

if TYPE_CHECKING:
    from .models import Post, Report

#: Plausible bounds for a count of Labour members (the party has never had a million);
#: ``other`` counts (affiliated levy-payers, some three million) are not held to them.
MEMBERSHIP_RANGE = (1, 1_000_000)
#: The flag a membership row outside :data:`MEMBERSHIP_RANGE` is kept with.
IMPLAUSIBLE_VALUE = "implausible_value"


def latest_day() -> date:
    """Tomorrow: nothing in a report can be dated later (time zones allow one day)."""
    return date.today() + timedelta(days=1)


def plausible_day(d: date | datetime | None) -> bool:
    if d is None:
        return True
    day = d.date() if isinstance(d, datetime) else d
    return EARLIEST.date() <= day <= latest_day()


def _bad_date(what: str, d: date | datetime, file: str, line: int | None) -> ImplausibleValueError:
    return ImplausibleValueError(
        f"{what} {d.isoformat()} is not a plausible date (before {EARLIEST.year} or after "
        "tomorrow); left empty",
        file,
        line,
        d.isoformat(),
    )


def settle_post(post: Post) -> list[ImplausibleValueError]:
    """Empty a post's (and its comments') implausible dates; one problem for each."""
    problems = []
    if not plausible_day(post.published):
        assert post.published is not None
        problems.append(_bad_date("publication date", post.published, post.source_file, post.line))
        post.published = None
    for c in post.comments:
        if not plausible_day(c.posted):
            assert c.posted is not None
            problems.append(_bad_date("comment date", c.posted, post.source_file, c.line))
            c.posted = None
    return problems


def settle_records(reports: list[Report]) -> list[ImplausibleValueError]:
    """Empty a report's implausible publication, meeting and section dates."""
    problems = []
    for r in reports:
        where = (r.source_files[0] if r.source_files else "<input>", r.line)
        if not plausible_day(r.published):
            assert r.published is not None
            problems.append(_bad_date("publication date", r.published, *where))
            r.published = None
        bad = [d for d in r.meeting_dates if not plausible_day(d)]
        problems += [_bad_date("meeting date", d, *where) for d in bad]
        r.meeting_dates = [d for d in r.meeting_dates if plausible_day(d)]
        for s in r.sections:
            if not plausible_day(s.meeting_date):
                if s.meeting_date not in bad:
                    assert s.meeting_date is not None
                    problems.append(_bad_date("section date", s.meeting_date, *where))
                s.meeting_date = None
    return problems


def flag_membership(df: pd.DataFrame) -> pd.DataFrame:
    """The membership table with a ``flag`` column: ``implausible_value`` for a count
    outside :data:`MEMBERSHIP_RANGE` (kept, so it can be checked, never silently used)."""
    lo, hi = MEMBERSHIP_RANGE
    odd = ((df["value"] < lo) | (df["value"] > hi)) & (df["measure"] != "other")
    flag = pd.Series(pd.NA, index=df.index, dtype="str")
    flag[odd.fillna(False).astype(bool)] = IMPLAUSIBLE_VALUE
    out = df.copy()
    out.insert(list(out.columns).index("as_of_precision") + 1, "flag", flag)
    return out


class _Locator:
    """Where a row of any table comes from: its report's file and line."""

    def __init__(self, tables: dict[str, pd.DataFrame]) -> None:
        reports = tables["reports"].drop_duplicates("report_id").set_index("report_id")
        self.file = (
            reports["source_file"]
            .astype(object)
            .map(lambda v: str(v).split(";")[0] if isinstance(v, str) else None)
        )
        self.line = reports["line"]

    def problem(self, table: str, row: pd.Series, message: str) -> ImplausibleValueError:
        rid = row.get("report_id")
        ids = row.get("report_ids")
        if rid is None and isinstance(ids, list) and ids:
            rid = ids[0]  # a meeting: where its first report is
        if table == "files":
            file, line = str(row.get("file")), None
        elif table == "reports":
            file, line = str(row.get("source_file") or "").split(";")[0], row.get("line")
        elif isinstance(rid, str) and rid in self.file.index:
            file, line = self.file[rid], self.line[rid]
        else:
            file, line = None, None
        key = row.get("fact_id", rid)
        fragment = row.get("evidence") if "evidence" in row else row.get("title")
        return ImplausibleValueError(
            f"{table} row {key}: {message}",
            file,
            None if line is None or pd.isna(line) else int(line),
            str(fragment) if isinstance(fragment, str) else None,
        )


def _schema_pass(
    name: str, df: pd.DataFrame, columns: Columns, where: _Locator
) -> tuple[pd.DataFrame, list[ImplausibleValueError]]:
    """Repair or drop each row that breaks the table's schema."""
    cases = failures(name, df, columns)
    if cases is None:
        return df, []
    # a missing column, a wrong dtype or a duplicated id is a bug in the code, not input
    table_wide = cases[cases["index"].isna() | cases["check"].astype(str).str.contains("unique")]
    if len(table_wide):
        raise ValidationError(
            [f"{name}.{r.column}: {r.check} failed" for r in table_wide.itertuples()]
        )
    df = df.copy()
    problems = []
    dropped: set[object] = set()
    for case in cases.itertuples():
        idx, col = case.index, str(case.column)
        if idx in dropped or idx not in df.index:
            continue
        spec = columns.get(col)
        message = f"{col} {case.failure_case!r} breaks '{case.check}'"
        if spec is not None and spec.dtype.startswith("datetime64") and spec.nullable:
            problems.append(where.problem(name, df.loc[idx], message + "; left empty"))
            df.loc[idx, col] = pd.NaT
        else:
            problems.append(where.problem(name, df.loc[idx], message + "; row dropped"))
            dropped.add(idx)
    return df.drop(index=list(dropped)), problems


def settle_tables(
    tables: dict[str, pd.DataFrame], declared: dict[str, Columns]
) -> list[ImplausibleValueError]:
    """Repair or drop, in place, every row that breaks a schema or a cross-table check;
    returns a located problem for each."""
    problems: list[ImplausibleValueError] = []
    where = _Locator(tables)
    for name, columns in declared.items():
        tables[name], found = _schema_pass(name, tables[name], columns, where)
        problems += found
    return problems + _cross_checks(tables, where)


def _drop(
    tables: dict[str, pd.DataFrame], name: str, mask: pd.Series, message: str, where: _Locator
) -> list[ImplausibleValueError]:
    df = tables[name]
    bad = df[mask.fillna(False).astype(bool)]
    if bad.empty:
        return []
    tables[name] = df.drop(index=bad.index)
    return [where.problem(name, row, message + "; row dropped") for _, row in bad.iterrows()]


def _cross_checks(tables: dict[str, pd.DataFrame], where: _Locator) -> list[ImplausibleValueError]:
    """Every row names a known report and a span inside its text; every fact's evidence
    holds its number as written; a head count over the NEC's size is flagged."""
    problems: list[ImplausibleValueError] = []
    text = tables["reports"].drop_duplicates("report_id").set_index("report_id")["text"]
    for name, df in tables.items():
        if name == "reports" or "report_id" not in df.columns or df.empty:
            continue
        unknown = ~df["report_id"].isin(text.index)
        problems += _drop(tables, name, unknown, "names no report", where)
        df = tables[name]
        if {"start", "end"} <= set(df.columns) and len(df):
            n = df["report_id"].map(text.str.len())
            outside = (df["start"] > df["end"]) | (df["end"] > n)
            problems += _drop(tables, name, outside, "span outside its report's text", where)
        df = tables[name]
        if {"written", "evidence"} <= set(df.columns) and len(df):
            pairs = zip(df["written"], df["evidence"], strict=True)
            held = pd.Series([str(w) in str(e) for w, e in pairs], index=df.index)
            problems += _drop(tables, name, ~held, "evidence does not hold the number", where)
    members = tables["membership"]
    for _, row in members[members["flag"] == IMPLAUSIBLE_VALUE].iterrows():
        problems.append(
            where.problem(
                "membership", row, f"{row['value']} members is not plausible; kept with flag"
            )
        )
    return problems + _flag_votes(tables, where)


def _flag_votes(tables: dict[str, pd.DataFrame], where: _Locator) -> list[ImplausibleValueError]:
    """A head count over the NEC's size that the extractor left unflagged is flagged."""
    votes = tables["votes"]
    if votes.empty or not votes["flag"].isna().any():
        return []
    heads = (votes["unit"] == "votes") & (votes["body"] != "conference")
    total = votes[["votes_for", "votes_against", "abstentions"]].fillna(0).sum(axis=1)
    over = (heads & (total > MAX_NEC_VOTES) & votes["flag"].isna()).fillna(False).astype(bool)
    if not over.any():
        return []
    problems = [
        where.problem("votes", row, "more votes than the NEC has; flagged")
        for _, row in votes[over].iterrows()
    ]
    votes = votes.copy()
    votes.loc[over, "flag"] = "implausible_total"
    tables["votes"] = votes
    return problems
