"""Running the fact extractors over a parsed corpus, once per build.

Each report's text is split into sentences and its numbers read once; each extractor
(:mod:`.membership`, :mod:`.votes`, :mod:`.money`, :mod:`.donors`) returns hits with
offsets into the report text.  Here every hit gets the columns all fact tables share:
a stable ``fact_id`` (report id, a kind letter and a sequence number in text order:
``m`` membership, ``v`` votes, ``g`` money in GBP, ``d`` donors), the section it sits
in, the meeting date, the evidence sentence and the source.  Facts come from
``Report.text`` only: reader comments (``Report.comments``) are never read.

Fact-level fixes live in ``data/corrections.csv`` with ``id`` = a ``fact_id``: a field
of the fact's table gets a new value, or field ``drop`` with value ``true`` removes a
spurious fact.  Every applied fix is listed in the row's ``corrections`` column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..corrections import Correction
from ..dates import find_month_year
from ..errors import CorrectionError
from ..models import Report, Section
from ..pipeline import Corpus
from ..sections import section_bodies
from . import common, donors, membership, money, votes

KIND_LETTERS = {"membership": "m", "votes": "v", "money": "g", "donors": "d"}
FACT_ID = re.compile(r"-[mvgd]\d{2,}$")
_FINDERS: dict[str, Callable[[str, common.Parsed], list[common.Hit]]] = {
    "membership": membership.find,
    "votes": votes.find,
    "money": money.find,
    "donors": donors.find,
}
#: Fields a correction may change, per table (``drop`` removes the fact).
CORRECTABLE = {
    "membership": ("value", "measure", "qualifier", "as_of"),
    "votes": (
        "votes_for",
        "votes_against",
        "abstentions",
        "unanimous",
        "unit",
        "outcome",
        "body",
        "motion",
        "flag",
    ),
    "money": ("amount_gbp", "category", "fundraising", "qualifier", "as_of"),
    "donors": ("value", "qualifier", "scheme", "as_of"),
}
_ALLOWED = {
    "measure": membership.MEASURES,
    "qualifier": ("exact", "about", "over", "under"),
    "category": money.CATEGORIES,
    "unit": ("votes", "percent"),
    "outcome": ("carried", "rejected", ""),
    "body": votes.BODIES_VOTING,
}


@dataclass
class Facts:
    """Rows (dicts) of every fact table, before they become DataFrames."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


_LAST: tuple[Corpus, Facts] | None = None


def corpus_facts(corpus: Corpus) -> Facts:
    """The facts of ``corpus``, extracted once however many tables ask for them."""
    global _LAST
    if _LAST is not None and _LAST[0] is corpus:
        return _LAST[1]
    facts = Facts({kind: [] for kind in (*KIND_LETTERS, "numbers")})
    for report in corpus.reports:
        for kind, rows in report_facts(report).items():
            facts.rows[kind].extend(rows)
    _apply_corrections(facts, corpus)
    _LAST = (corpus, facts)
    return facts


def _section_of(report: Report, offset: int) -> Section | None:
    for s in report.sections:
        if s.start <= offset < s.end:
            return s
    return None


def _meeting_date(report: Report, section: Section | None) -> date | None:
    if section is not None and section.meeting_date is not None:
        return section.meeting_date
    return report.meeting_dates[0] if len(report.meeting_dates) == 1 else None


def _default_as_of(report: Report, meeting: date | None) -> tuple[str | None, str | None]:
    """The date a figure describes when the text gives none: the meeting date, else the
    month in the title ("NEC Report – MAY 2021"), else the publication date."""
    if meeting is not None:
        return meeting.isoformat(), "day"
    my = find_month_year(report.title)
    if my:
        return f"{my[0]:04d}-{my[1]:02d}", "month"
    if report.published is not None:
        return report.published.isoformat(), "day"
    return None, None


def _body(report: Report, section: Section | None) -> str:
    bodies = section_bodies(report, section) if section is not None else list(report.bodies)
    if not bodies:
        return "other"
    return "nec" if "nec" in bodies else bodies[0]


def report_facts(report: Report) -> dict[str, list[dict[str, Any]]]:
    """Fact rows found in one report's text (never its comments), per table, and under
    ``numbers`` every number of the text with the table it went to and why."""
    parsed = common.parse(report.text)
    out: dict[str, list[dict[str, Any]]] = {}
    reasons: dict[int, str] = {}
    for kind, finder in _FINDERS.items():
        rows = []
        found = membership.find(report.text, parsed, reasons) if kind == "membership" else None
        for i, hit in enumerate(found if found is not None else finder(report.text, parsed), 1):
            section = _section_of(report, hit.start)
            meeting = _meeting_date(report, section)
            row: dict[str, Any] = {
                "fact_id": f"{report.report_id}-{KIND_LETTERS[kind]}{i:02d}",
                "report_id": report.report_id,
                "author": report.author,
                "section": section.section if section is not None else None,
                "meeting_date": meeting,
                "evidence": hit.sentence.text,
                "start": hit.start,
                "end": hit.end,
                "written": report.text[hit.start : hit.end],
                "source_url": report.source_url,
                "corrections": None,
            }
            fields = dict(hit.fields)
            if kind == "votes":
                conference = fields.pop("conference", False)
                fields["body"] = "conference" if conference else _body(report, section)
                fields["flag"] = votes.flag(fields, str(fields["body"]))
            else:
                if "as_of" not in fields and kind == "money":
                    year = meeting.year if meeting else None
                    when = common.when_stated(
                        common.clause_after(report.text, hit.end, hit.sentence.end), year
                    )
                    if when:
                        fields["as_of"], fields["as_of_precision"] = when
                if "as_of" not in fields:
                    fields["as_of"], fields["as_of_precision"] = _default_as_of(report, meeting)
            row.update(fields)
            rows.append(row)
        out[kind] = rows
    out["numbers"] = number_rows(report, parsed, out, reasons)
    return out


def _why_in(kind: str, row: dict[str, Any], reasons: dict[int, str]) -> str:
    if kind == "membership":
        return f"{row['measure']}:{reasons.get(row['start'], 'rule')}"
    if kind == "votes":
        return "unanimous" if row["votes_for"] is None else "vote_split"
    if kind == "money":
        return f"money:{row['category']}"
    return "donors"


def number_rows(
    report: Report,
    parsed: common.Parsed,
    facts: dict[str, list[dict[str, Any]]],
    reasons: dict[int, str],
) -> list[dict[str, Any]]:
    """One row per number written in the report: its fact table and fact (if any) and a
    short reason code (the deciding feature, or why it was left out)."""
    spans = sorted(
        (row["start"], row["end"], kind, row)
        for kind, rows in facts.items()
        for row in rows
        if row["start"] is not None
    )
    out = []
    starts = [h[0] for h in spans]
    sents = parsed.sentences
    sent_starts = [x.start for x in sents]
    for n in parsed.numbers:
        i = bisect_right(starts, n.start) - 1
        # the fact whose span holds the number (spans of one table never overlap)
        hit = next(
            (h for h in spans[max(0, i - 3) : i + 1][::-1] if n.start < max(h[1], h[0] + 1)),
            None,
        )
        k = bisect_right(sent_starts, n.start) - 1
        sent = sents[k] if k >= 0 and n.start < sents[k].end else None
        if hit is not None:
            table, fact_id, reason = hit[2], hit[3]["fact_id"], _why_in(hit[2], hit[3], reasons)
        else:
            table, fact_id = None, None
            said = reasons.get(n.start) if n.kind == "count" else None
            reason = said or ("no_table" if n.kind in ("count", "money") else f"kind:{n.kind}")
        out.append(
            {
                "report_id": report.report_id,
                "author": report.author,
                "value": n.value,
                "written": n.text,
                "kind": n.kind,
                "qualifier": n.qualifier,
                "start": n.start,
                "end": n.end,
                "noun": _noun_after(report.text, n.end),
                "table": table,
                "fact_id": fact_id,
                "reason": reason,
                "sentence": sent.text if sent is not None else report.text[n.start : n.end],
            }
        )
    return out


_NOUN_AFTER = re.compile(
    r"\s*(?:(?:new|more|fully|paid[- ]up|paying|extra|individual|party|NEC)\s+)*"
    r"(?P<noun>[A-Za-z][\w'’-]*)"
)


def _noun_after(text: str, end: int) -> str | None:
    """The word a number counts, as written after it ("members", "votes", "in")."""
    m = _NOUN_AFTER.match(text, end)
    return m.group("noun").lower() if m else None


def _convert(name: str, value: str, c: Correction) -> Any:
    v = value.strip()
    if name == "value":
        if v == "":
            return None
        if not re.fullmatch(r"\d+", v):
            raise CorrectionError(f"{name} must be a whole number", c.file, c.line, value)
        return int(v)
    if name in ("votes_for", "votes_against", "abstentions"):
        if v == "":
            return None
        if not re.fullmatch(r"\d+(?:\.\d+)?", v):  # a head count, or a card vote's percent
            raise CorrectionError(f"{name} must be a number", c.file, c.line, value)
        return float(v) if "." in v else int(v)
    if name == "amount_gbp":
        try:
            return float(v.replace(",", "").replace("£", ""))
        except ValueError:
            raise CorrectionError("amount_gbp must be a number", c.file, c.line, value) from None
    if name in ("unanimous", "fundraising"):
        if v.lower() not in {"true", "false"}:
            raise CorrectionError(f"{name} must be true or false", c.file, c.line, value)
        return v.lower() == "true"
    if name in _ALLOWED and v not in _ALLOWED[name]:
        raise CorrectionError(
            f"{name} must be one of {', '.join(x for x in _ALLOWED[name] if x)}",
            c.file,
            c.line,
            value,
        )
    return v or None


def _apply_corrections(facts: Facts, corpus: Corpus) -> None:
    by_id = {
        row["fact_id"]: (kind, row)
        for kind, rows in facts.rows.items()
        if kind in KIND_LETTERS
        for row in rows
    }
    dropped: set[str] = set()
    for c in corpus.pending_corrections:
        if not FACT_ID.search(c.id):
            continue  # not a fact id: another table's correction
        found = by_id.get(c.id)
        if found is None:
            corpus.problems.append(
                CorrectionError("no fact has this fact_id", c.file, c.line, c.id)
            )
            continue
        kind, row = found
        if c.field == "drop":
            if c.value.strip().lower() == "true":
                dropped.add(c.id)
            continue
        if c.field not in CORRECTABLE[kind]:
            corpus.problems.append(
                CorrectionError(
                    f"cannot correct field {c.field!r} of a {kind} fact "
                    f"(one of {', '.join(CORRECTABLE[kind])}, or drop)",
                    c.file,
                    c.line,
                    c.field,
                )
            )
            continue
        try:
            new = _convert(c.field, c.value, c)
        except CorrectionError as exc:
            corpus.problems.append(exc)
            continue
        old = row.get(c.field)
        row[c.field] = new
        if c.field == "as_of":
            row["as_of_precision"] = {10: "day", 7: "month", 4: "year"}.get(len(c.value.strip()))
        note = f"{c.field}: {old} -> {new} ({c.reason})"
        row["corrections"] = f"{row['corrections']} | {note}" if row["corrections"] else note
    for kind, rows in facts.rows.items():
        if kind in KIND_LETTERS:
            facts.rows[kind] = [r for r in rows if r["fact_id"] not in dropped]
    for r in facts.rows["numbers"]:
        if r["fact_id"] in dropped:
            r.update(table=None, fact_id=None, reason="dropped_by_correction")
