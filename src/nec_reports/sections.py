"""Reports -> sections: which meetings a report covers, when, and of which body.

A report covering several meetings (Ann Black's updates) has dated headings such as
``Organisation Committee, 9 November 2021``, on a line of their own or, in an
aggregator's flattened excerpt, inside a paragraph.  Each heading opens a section with
its own date and body; text before the first heading is a preamble section.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from .dates import MONTH_RE, find_dates, month_number
from .models import BODIES, Report, Section
from .scan import gated

_HEAD_WORD = (
    r"(?:[Cc]ommittee|[Ss]ub-?[Cc]ommittee|[Pp]anel|[Ff]orum|[Cc]onference|NEC|[Bb]oard|"
    r"[Gg]roup|[Ee]xecutive|[Mm]eeting|[Aa]way ?[Dd]ay|[Cc]ouncil)"
)
DATED_HEADING = gated(
    "[A-Z]",
    r"(?:(?<=^)|(?<=\n)|(?<=[.!?…]\s)|(?<=[.!?…]\s\s))"
    rf"(?P<heading>(?:[A-Z][\w’'&-]*\s+)(?:[\w’'&-]+\s+){{0,4}}?{_HEAD_WORD}),\s+"
    rf"(?P<date>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+{MONTH_RE}\s+(?:19|20)\d\d)"
    r"(?=\s*(?:\n|$|[A-Z“\"]))",
)
# The comma and date that end every dated heading: a literal comma first, which the
# regex engine finds fast.
_HEADING_DATE = re.compile(
    rf",\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+{MONTH_RE}\s+(?:19|20)\d\d"
)
# Opening sentences that say when the reported meeting was held.
_MET = re.compile(
    r"\b(?:met|meet|meeting|meetings|held|took place|gathered|convened)\b(?![^.]*\bnext\b)", re.I
)
_NEXT = re.compile(r"\b(?:next|will|forthcoming|upcoming)\b", re.I)

_COMMITTEE = re.compile(r"committee|sub-?committee|panel|\bcttee", re.I)
# Sub-committees are named with the word committee/panel somewhere near them
# ("the Equalities, Disputes and Organisation Sub-Committees met").
SUBCOMMITTEE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("organisation", re.compile(r"\borgani[sz]ation(?:al)?\b|\borg\b", re.I)),
    ("disputes", re.compile(r"\bdisputes?\b", re.I)),
    ("equalities", re.compile(r"\bequalit(?:y|ies)\b|\bwomen\S*\s+sub-?committee", re.I)),
    ("complaints", re.compile(r"\bcomplaints\b", re.I)),
)
_NPF = re.compile(r"\bnational policy forum\b|\bNPF\b", re.I)
_CONFERENCE = re.compile(
    r"\b(?:annual|party|labour) conference\b|(?<!Regional )(?<!regional )\bConference\b"
)
_NEC = re.compile(r"\bNEC\b|national executive|\baway ?day\b", re.I)
_SUBCOMMITTEES_ONLY = re.compile(r"\bsub-?committees?\b|\bNEC Update\b", re.I)
_FULL_NEC = re.compile(r"\bfull NEC\b|\bNEC (?:meeting|met)\b|\bNEC at\b", re.I)
_ORDER = list(BODIES)


def classify(text: str) -> list[str]:
    """Bodies a heading, title or opening sentence names: sub-committees by name, the
    national policy forum, conference, else the full NEC; [] when it names none."""
    found: set[str] = set()
    if _COMMITTEE.search(text):
        found |= {name for name, rx in SUBCOMMITTEE_WORDS if rx.search(text)}
    if _NPF.search(text):
        found.add("npf")
    if _CONFERENCE.search(text):
        found.add("conference")
    if _NEC.search(text) and (
        _FULL_NEC.search(text) or not (found or _SUBCOMMITTEES_ONLY.search(text))
    ):
        found.add("nec")
    return sorted(found, key=_ORDER.index)


def _report_bodies(title: str, opening: str) -> list[str]:
    """Bodies of a report without dated headings: the title's, unless the opening
    sentence names the sub-committees that met ("The organisation and disputes
    sub-committees met today")."""
    from_title = classify(title)
    subs = (
        {n for n, rx in SUBCOMMITTEE_WORDS if rx.search(opening)}
        if _COMMITTEE.search(opening)
        else set()
    )
    only_subs = _SUBCOMMITTEES_ONLY.search(opening) and not _FULL_NEC.search(opening)
    if from_title in ([], ["nec"]) and (subs or only_subs) and not _FULL_NEC.search(opening):
        return sorted(subs, key=_ORDER.index) or ["other"]
    return from_title or classify(opening) or ["other"]


def _opening(text: str, n: int = 2) -> str:
    parts = re.split(r"(?<=[.!?])\s+", text[:600])
    return " ".join(parts[:n])


def dated_headings(text: str) -> list[tuple[int, int, str, date]]:
    out: list[tuple[int, int, str, date]] = []
    if not _HEADING_DATE.search(text):
        return out  # no ", 9 November 2021" anywhere: no dated heading (a quick test)
    for m in DATED_HEADING.finditer(text):
        ds = find_dates(m.group("date"))
        if ds:
            out.append((m.start(), m.end(), m.group("heading").strip(), ds[0].days[0]))
    return out


def title_dates(title: str, ref: date | None) -> list[date]:
    return sorted({d for m in find_dates(title, ref) for d in m.days})


def opening_dates(text: str, ref: date | None, window: int = 700) -> list[date]:
    """Dates of the meeting as the opening sentences state it ("The full NEC met on
    Tuesday 19th July", "Meetings held 5th July 2022"); future meetings are ignored."""
    head = text[:window]
    out: list[date] = []
    for m in find_dates(head, ref):
        sent_start = max(head.rfind(". ", 0, m.start), head.rfind("\n", 0, m.start)) + 1
        before = head[sent_start : m.start]
        if _MET.search(before) and not _NEXT.search(before):
            out.extend(m.days)
            break
    return sorted(set(out))


def sectionize(report: Report, ref: date | None) -> None:
    """Fill ``report.sections``, ``report.meeting_dates`` and ``report.bodies``."""
    text = report.text
    heads = dated_headings(text)
    from_title = title_dates(report.title, ref)
    if heads or from_title:
        dates = sorted(set(from_title) | {h[3] for h in heads})
    else:
        dates = opening_dates(text, ref)
    report.meeting_dates = dates
    if heads:
        main_date = from_title[0] if len(from_title) == 1 else None
    else:
        main_date = dates[0] if len(dates) == 1 else None

    title_bodies = _report_bodies(report.title, _opening(text, 1))
    sections: list[Section] = []
    cuts = [h[0] for h in heads]
    if not heads or (heads[0][0] > 0 and text[: heads[0][0]].strip()):
        end = cuts[0] if cuts else len(text)
        sections.append(Section(0, None, main_date, text[:end], 0, end))
    for i, (start, _end, heading, day) in enumerate(heads):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        sections.append(Section(len(sections), heading, day, text[start:end], start, end))
    report.sections = sections
    bodies: list[str] = []
    for s in sections:
        if s.heading:
            bodies.extend(classify(s.heading) or ["other"])
    if not heads:
        bodies = title_bodies
    report.bodies = sorted(set(bodies), key=lambda b: _ORDER.index(b))


def section_bodies(report: Report, section: Section) -> list[str]:
    """Bodies one section is about: its heading's, else the report's."""
    return classify(section.heading) if section.heading else list(report.bodies)


def infer_reference_dates(reports: list[Report]) -> dict[str, date | None]:
    """A date to read year-less dates against, per report: its publication date; else the
    year its title gives; else, in an archive listing newest first, the year of the
    neighbouring post (a post is no older than the one listed after it)."""
    refs: dict[str, date | None] = {}
    for r in reports:
        if r.published:
            refs[r.report_id] = r.published
            continue
        full = [d for m in find_dates(r.title) if m.has_year for d in m.days]
        my = _month_year(r.title)
        refs[r.report_id] = (
            full[-1] if full else (date(my[0], my[1], 28) if my else url_date(r.source_url))
        )
    by_file: dict[str, list[Report]] = {}
    for r in reports:
        by_file.setdefault(r.source_files[0], []).append(r)
    for group in by_file.values():
        for i, r in enumerate(group):
            if refs[r.report_id] is not None:
                continue
            older = next((refs[o.report_id] for o in group[i + 1 :] if refs[o.report_id]), None)
            if older is None:
                continue
            md = _month_day(r.title)
            if md is None:
                refs[r.report_id] = older
                continue
            year = older.year
            if date(year, *md) < older:
                year += 1
            refs[r.report_id] = date(year, *md)
    return refs


# The date in a post's or archive's address: /2019/03/12/, /2019/03/, /2019/, ?m=201903.
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)/(?:(0?[1-9]|1[0-2])/(?:([0-2]?[1-9]|[123]0|31)/)?)?"
    r"|[?&]m=((?:19|20)\d\d)(0[1-9]|1[0-2])?\b"
)


def url_date(url: str | None) -> date | None:
    """The latest day the date in a URL allows (a post's own address names the day it
    was published, an archive's the month or year it lists), to read year-less dates
    against; None when the URL holds no date."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    year = int(m.group(1) or m.group(4))
    month_s = m.group(2) or m.group(5)
    if not month_s:
        return date(year, 12, 31)
    month = int(month_s)
    last = calendar.monthrange(year, month)[1]
    day = int(m.group(3)) if m.group(3) else last
    return date(year, month, min(day, last))


def _month_year(text: str) -> tuple[int, int] | None:
    m = re.search(rf"\b({MONTH_RE})\s+((?:19|20)\d\d)\b", text)
    return (int(m.group(2)), month_number(m.group(1))) if m else None


def _month_day(text: str) -> tuple[int, int] | None:
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})\b", text)
    if not m:
        return None
    return month_number(m.group(2)), int(m.group(1))
