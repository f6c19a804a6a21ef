"""Finding and reading the dates NEC reports write ("25 July 2023", "21/23 July 2023",
"Tuesday 20 September", "24.05.2022", "July 26, 2023 03:47 PM").

Regular expressions find where a date is written; ``dateutil`` reads what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as du_parser

from .scan import Scan, Spans, gated, matches, starts_of

MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
MONTH_RE = rf"(?i:{_MONTH})"
_ORD = r"(?:st|nd|rd|th)?"
_DAY = rf"(?:[12]\d|3[01]|0?[1-9]){_ORD}"
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"

#: Ranges longer than this many days are read as separate meetings on the end days
#: ("4 to 9 March": two meetings), shorter ones as every day ("21/23 July": a weekend).
MAX_EXPANDED_RANGE_DAYS = 5

# Each pattern is gated (text.gated) by the characters a match can start with.
# "21/23 July 2023", "4 to 9 March 2020", "25 July 2023", "Tuesday 20th September"
_DMY = gated(
    "[0-9MTWFSt]",
    rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d1>{_DAY})(?:\s*(?P<sep>/|-|–|to|and|&)\s*(?P<d2>{_DAY}))?"
    rf"(?:\s+of)?\s+(?P<month>{MONTH_RE})\b\.?(?:,?\s+(?P<year>{_YEAR}))?",
)
# "July 26, 2023", "September 29th", "September 29th, 2020"
_MDY = gated(
    "(?i:[jfmasond])",
    rf"\b(?P<month>{MONTH_RE})\.?\s+(?P<d1>{_DAY})(?:\b(?:,?\s+(?P<year>{_YEAR}))?|"
    # "January 23rd2018": an ordinal glued to its year
    rf"(?<=st|nd|rd|th)(?P<glued>{_YEAR})\b)(?!\s*(?:%|,\d))",
)
# "24.05.2022", "22.09.22", "30/1/20"
_NUMERIC = gated(r"\d", r"\b(?P<d1>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<year>(?:19|20)?\d\d)\b")
# "July 2018", "MAy 2022": a month without a day
_MONTH_YEAR = re.compile(rf"\b(?P<month>{MONTH_RE})\s+(?P<year>{_YEAR})\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in text: where it is and the day(s) it names."""

    start: int
    end: int
    days: tuple[date, ...]
    has_year: bool


def month_number(name: str) -> int:
    key = name.lower()[:3]
    if key in _MONTH_INDEX:
        return _MONTH_INDEX[key]
    for i, m in enumerate(MONTH_NAMES, start=1):
        if m.startswith(key):
            return i
    raise ValueError(name)


_MONTH_INDEX = {m[:3]: i for i, m in enumerate(MONTH_NAMES, start=1)}


def _int_day(s: str) -> int:
    """The day of "25th", "1st" or "25": digits, then at most a two-letter suffix."""
    return int(s[:-2] if s[-1:].isalpha() else s)


def infer_year(month: int, day: int, ref: date | None) -> int | None:
    """The year of a day-and-month written without one, read as at or before ``ref``
    (a report describes meetings already held), or None without a reference."""
    if ref is None:
        return None
    year = ref.year
    try:
        if date(year, month, day) > ref + timedelta(days=7):
            year -= 1
    except ValueError:
        return None
    return year


def _days(year: int, month: int, d1: int, d2: int | None) -> tuple[date, ...]:
    first = date(year, month, d1)
    if d2 is None or d2 <= d1:
        return (first,)
    last = date(year, month, d2)
    if (last - first).days <= MAX_EXPANDED_RANGE_DAYS - 1:
        return tuple(first + timedelta(days=i) for i in range((last - first).days + 1))
    return (first, last)


_WEEKDAYS = tuple(f"{d}day" for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun"))
_MONTHS3 = tuple(m[:3] for m in MONTH_NAMES)
_THE_DAY = re.compile(r"the\s+[0-9]")


@starts_of(_DMY)
def _dmy_starts(scan: Scan) -> list[int]:
    """A day (digits starting a word), "the" before a day, or a weekday."""
    assert scan.low is not None
    out = set(scan.digit_word_starts())
    out.update(m.start() for m in _THE_DAY.finditer(scan.low))
    out.update(scan.word_starts(_WEEKDAYS))
    return sorted(out)


@starts_of(_MDY)
def _mdy_starts(scan: Scan) -> list[int]:
    return scan.word_starts(_MONTHS3)


@starts_of(_NUMERIC)
def _numeric_starts(scan: Scan) -> list[int]:
    return scan.digit_word_starts()


#: Texts this long are read with :class:`~nec_reports.scan.Scan`; shorter ones plainly.
SCAN_FROM_CHARS = 2000


def find_dates(text: str, ref: date | None = None, scan: Scan | None = None) -> list[DateMention]:
    """Every day-precise date in ``text``, in order.  Dates without a year take it from
    ``ref`` (see :func:`infer_year`) and are skipped when there is none.  ``scan``: the
    text already read by a :class:`~nec_reports.scan.Scan`, if it has been."""
    found: list[DateMention] = []
    taken = Spans()
    free = taken.free
    if scan is None and len(text) >= SCAN_FROM_CHARS:
        scan = Scan(text)

    for rx, starts in ((_DMY, _dmy_starts), (_MDY, _mdy_starts)):
        for m in rx.finditer(text) if scan is None else matches(rx, scan, starts):
            if not free(m.start(), m.end()):
                continue
            groups = m.groupdict()
            month = month_number(groups["month"])
            d1 = _int_day(groups["d1"])
            d2 = _int_day(groups["d2"]) if groups.get("d2") else None
            if groups.get("sep") in ("and", "&"):
                d2s: tuple[int, ...] = (d1, d2) if d2 else (d1,)
            else:
                d2s = ()
            year_s = groups["year"] or groups.get("glued")
            year = int(year_s) if year_s else infer_year(month, d1, ref)
            if year is None:
                continue
            try:
                if d2s:
                    days: tuple[date, ...] = tuple(date(year, month, d) for d in d2s)
                else:
                    days = _days(year, month, d1, d2)
            except ValueError:
                continue
            taken.add(m.start(), m.end())
            found.append(DateMention(m.start(), m.end(), days, bool(year_s)))
    for m in _NUMERIC.finditer(text) if scan is None else matches(_NUMERIC, scan, _numeric_starts):
        if not free(m.start(), m.end()):
            continue
        y = int(m.group("year"))
        y = y + 2000 if y < 100 else y
        try:
            d = date(y, int(m.group("m")), int(m.group("d1")))
        except ValueError:
            continue
        taken.add(m.start(), m.end())
        found.append(DateMention(m.start(), m.end(), (d,), True))
    found.sort(key=lambda x: x.start)
    return found


def find_month_year(text: str) -> tuple[int, int] | None:
    """(year, month) of the first "July 2018"-style mention, else None."""
    m = _MONTH_YEAR.search(text)
    return (int(m.group("year")), month_number(m.group("month"))) if m else None


def find_year(text: str) -> int | None:
    m = re.search(rf"\b({_YEAR})\b", text)
    return int(m.group(1)) if m else None


def parse_timestamp(text: str) -> datetime | None:
    """Read a full timestamp such as "July 26, 2023 03:47 PM" or "8:15 pm, February 13, 2021"."""
    try:
        return du_parser.parse(text.replace(",", " "), fuzzy=False)
    except (ValueError, OverflowError):
        return None


# "July 26, 2023 03:47 PM", as aggregator footers write it: read directly, since
# dateutil takes a third of a millisecond for each (the same date either way).
_FOOTER_DATE = re.compile(
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December) (?P<day>[0-9]{1,2}), (?P<year>[0-9]{4})"
    r"(?: (?P<hour>[0-9]{1,2}):(?P<minute>[0-5][0-9])(?: ?(?P<half>[AP]M))?)?"
)


def _footer_date(text: str) -> date | None:
    m = _FOOTER_DATE.fullmatch(text)
    if m is None:
        return None
    if m.group("hour") is not None:
        hour = int(m.group("hour"))
        if not (1 <= hour <= 12 if m.group("half") else hour <= 23):
            return None
    try:
        return date(int(m.group("year")), month_number(m.group("month")), int(m.group("day")))
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """Read a date written in full ("Saturday, February 13, 2021", "2021-02-13")."""
    quick = _footer_date(text)
    if quick is not None:
        return quick
    ts = parse_timestamp(text)
    return ts.date() if ts else None
