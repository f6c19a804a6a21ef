"""Reading numbers the way NEC reports write them.

Reports write counts and sums in many ways: ``385,324``, ``420k``, ``£6m``, ``£1.36M``,
``£5.5 million``, ``£20bn``, ``£1/4m``, ``75p``, ``32-33,000``, ``eighteen``, ``half a
million``.  :func:`find_numbers` finds every number written in a text and says what it
is (an amount of money, a percentage, a year, a time, part of a date, a clause number, a
phone number, an ordinal, or a plain count) and which hedge stands before it ("around",
"over", "nearly", "approx", even with a stray typo as in "around d 530,000").

Regular expressions find where a number is written; ``text2num`` reads numbers written
in words.  Every :class:`Number` keeps ``start``/``end`` offsets so that
``text[start:end]`` is the number as written and :func:`parse_number` reads it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from text_to_num import text2num

from ..dates import find_dates
from ..scan import Scan, Spans, gated, leading_words, matches, odd_case, starts_of

#: What a number is.  Only ``count`` and ``money`` numbers become facts.
KINDS = ("count", "money", "percent", "year", "time", "date", "ref", "phone", "ordinal", "list")
QUALIFIERS = ("exact", "about", "over", "under")

_SCALE_WORDS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "million": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "billion": 1e9,
}

# (a leading point after a letter is an abbreviation's: "c.400,000" is circa 400,000)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![A-Za-z])\.\d+)"
# A scale written straight after the digits ("420k", "£6m", "£1.36M", "£20bn") or as a
# word ("5.5 million", "2.4 million").
_SCALE = r"(?:(?:k|K|m|M|mn|bn|BN)(?![A-Za-z])|\s?(?:thousand|million|billion|Million|Billion)\b)"
_NUMBER = gated(
    r"[£\d.]",
    r"(?P<cur>£\s?)?"
    rf"(?:(?P<lo>{_DIGITS})\s?(?P<dash>[-–])\s?(?=£?\d))?"  # "32-33,000": a range
    r"(?P<curhi>£)?"
    rf"(?P<num>{_DIGITS})"
    r"(?:/(?P<den>[1-9]\d*))?"  # "£1/4m": a quarter of a million (never "/0")
    rf"(?P<scale>{_SCALE})?"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?"
    r"(?P<pence>p\b)?",
)

_UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD = rf"(?:{'|'.join([*_UNITS, *_TENS])}|hundred|thousand|million|billion)"
_WORDS_RE = gated(
    "(?i:[zotfsenhmba])",
    rf"(?i:\b(?:(?:a|one)\s+)?{_WORD}(?:(?:\s+and\s+|\s+|-){_WORD})*\b)"
    r"(?P<pct>\s?%|\s+per\s?cent\b|\s+percent\b)?",
)
# "half a million", "a quarter of a million", "three quarters of a million"
_FRACTION_RE = gated(
    "(?i:[hat])",
    r"(?i:\b(?P<frac>half|a\s+quarter|a\s+third|three\s+quarters|two\s+thirds)"
    r"(?:\s+of)?\s+an?\s+(?P<scale>million|billion|thousand)\b)",
)
_FRACTIONS = {
    "half": 0.5,
    "a quarter": 0.25,
    "a third": 1 / 3,
    "three quarters": 0.75,
    "two thirds": 2 / 3,
}


def _softened(*hedges: str) -> str:
    """ "a little over", "slightly under", "well below": each hedge after a softener, as
    flat alternatives (the words hedges end with are read from them)."""
    soft = ("a little", "a shade", "a touch", "slightly", "well")
    return "|".join(r"\s+".join((*a.split(), *h.split())) for a in soft for h in hedges)


# Hedges written before a number, and the qualifier each gives (longest first).
_HEDGES: tuple[tuple[str, str], ...] = (
    (
        r"just\s+under|just\s+short\s+of|fewer\s+than|less\s+than|almost|nearly|under|below|"
        + _softened("under", "below", "less than", "fewer than")
        + r"|"
        r"not\s+quite|close\s+to|no\s+more\s+than|not\s+more\s+than|at\s+most|a\s+maximum\s+of|"
        r"up\s+to\s+a\s+maximum\s+of",
        "under",
    ),
    (
        r"more\s+than|more\s+that|over|at\s+least|in\s+excess\s+of|upwards\s+of|above|"
        r"just\s+over|exceeding|north\s+of|a\s+minimum\s+of|no\s+fewer\s+than|not\s+less\s+than|"
        + _softened("over", "above", "more than")
        + r"|"
        r"no\s+less\s+than|well\s+over",
        "over",
    ),
    (
        r"around|about|approximately|approx\.?|roughly|some|circa|c\.|an\s+estimated|"
        r"estimated|of\s+the\s+order\s+of|in\s+the\s+region\s+of|round\s+about",
        "about",
    ),
)
# A hedge may be separated from its number by a stray letter (a typo: "around d 530,000")
# and by a currency sign.
# One search for all three: the leftmost hedge wins, and at the same start the group
# listed first (the longest: "no more than" is under, not over).
_HEDGE = re.compile(
    r"(?i:\b(?:"
    + "|".join(f"(?P<h{i}>{words})" for i, (words, _q) in enumerate(_HEDGES))
    + r")(?:\s+[b-hj-z])?\s*$)"
)
# "c30 cases": circa written straight onto the number
_CIRCA_RE = re.compile(r"(?<![A-Za-z])c\s?$")


def _last_words(alternatives: str) -> set[str]:
    out = set()
    for alt in alternatives.split("|"):
        last = re.split(r"\\s\+", alt)[-1]
        if last.endswith("\\.?"):
            out |= {last[:-3], last[:-3] + "."}
        else:
            out.add(last.replace("\\.", "."))
    return out


# The words hedges end with ("than", "of", "approx."): a window ending in none of them,
# give or take a stray letter, holds no hedge, and _HEDGE need not be tried.
_HEDGE_ENDS = tuple(sorted(set().union(*(_last_words(words) for words, _q in _HEDGES))))
assert all(re.fullmatch(r"[a-z]+\.?", w) for w in _HEDGE_ENDS), _HEDGE_ENDS


def _may_end_with(left: str, ends: tuple[str, ...]) -> bool:
    """False only when ``left``, less trailing whitespace, ends with none of ``ends``
    (lower-case) in any letter case: a quick test before a pattern anchored at the end."""
    return odd_case(left) or left.rstrip().lower().endswith(ends)


def _may_hedge(left: str) -> bool:
    """False only when no hedge can end ``left`` (see _HEDGE)."""
    if _may_end_with(left, _HEDGE_ENDS):
        return True
    # a stray letter after the hedge: "around d"
    t = left.rstrip().lower()
    return len(t) >= 2 and t[-2].isspace() and t[:-1].rstrip().endswith(_HEDGE_ENDS)


_TIME_AFTER = re.compile(r"^\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])|^\s?hrs\b", re.I)
_TIME_BEFORE = re.compile(r"(?i:\b(?:at|from|until|by|around|after|before)\s+)$")
_REF_WORDS = (
    r"clause|chapter|rule|section|paragraph|para|article|appendix|annex|item|"
    r"schedule|page|no\.|motion|amendment|cp|q|tier|phase|stage|level|group|"
    r"covid-|ww|category"
)
_REF_BEFORE = re.compile(rf"(?i:\b(?:{_REF_WORDS})\s*)$")
# what the text before a reference number ends with (see _may_end_with)
_REF_ENDS = tuple(w.replace("\\.", ".") for w in _REF_WORDS.split("|"))
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)", re.I)
_YEAR_NOUN_AFTER = re.compile(
    r"^\s+(?:new\s+|more\s+|extra\s+|fewer\s+)?(?:members|people|votes|delegates|"
    r"councillors|candidates|seats|staff|cases|complaints)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number as written: ``text[start:end]``, its value and what kind of number it is.

    ``value`` is the number itself (pounds for money, the percentage for percents, the
    upper figure of a range); ``low`` is the lower figure of a range ("32-33,000").
    ``qualifier`` is the hedge written before it; ``hedge_start`` is where that hedge
    begins (``start`` when there is none).
    """

    start: int
    end: int
    text: str
    value: float
    kind: str
    qualifier: str = "exact"
    hedge_start: int = -1
    low: float | None = None
    words: bool = False

    @property
    def is_range(self) -> bool:
        return self.low is not None

    @property
    def as_int(self) -> int:
        return round(self.value)


def _digits_value(s: str) -> float:
    return float(s.replace(",", ""))


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    return _SCALE_WORDS[word.strip().lower()]


def words_value(s: str) -> float | None:
    """The value of a number written in words ("eighteen", "two hundred thousand",
    "half a million", "a quarter of a million"), else None."""
    s = re.sub(r"\s+", " ", s.strip().lower())
    m = _FRACTION_RE.fullmatch(s)
    if m:
        return _FRACTIONS[re.sub(r"\s+", " ", m.group("frac"))] * _SCALE_WORDS[m.group("scale")]
    s = re.sub(r"^a ", "one ", s)
    try:
        return float(text2num(s, "en"))
    except ValueError:
        return None


def parse_number(written: str) -> float | None:
    """Read back a number as written (``"£1.36M"`` -> 1360000, ``"420k"`` -> 420000,
    ``"32-33,000"`` -> 33000, ``"eighteen"`` -> 18, ``"75p"`` -> 0.75); None if it is
    not a number."""
    w = written.strip()
    m = _NUMBER.fullmatch(w)
    if m:
        return _match_value(m)[0]
    m2 = _WORDS_RE.fullmatch(w)
    if m2 or _FRACTION_RE.fullmatch(w):
        return words_value(re.sub(r"\s?(?:%|per\s?cent|percent)$", "", w))
    return None


def _match_value(m: re.Match[str]) -> tuple[float, float | None]:
    """(value, low) of a digit-written number match.  Decimal arithmetic keeps "£4.1m"
    at 4100000 exactly."""
    num = m.group("num").replace(",", "")
    if len(num) <= 28 and not (
        m.group("den") or m.group("scale") or m.group("pence") or m.group("lo")
    ):
        # a plain figure: read directly, the same float as through an exact Decimal
        return float(num), None
    value = Decimal(num)
    if m.group("den"):
        value = value / Decimal(m.group("den"))
    scale = Decimal(_scale(m.group("scale")))
    value *= scale
    if m.group("pence") and not (m.group("cur") or m.group("curhi")):
        value /= 100  # "75p"; "£1.63p" is pounds written with a stray p
    low: float | None = None
    if m.group("lo"):
        lo = Decimal(m.group("lo").replace(",", ""))
        # "32-33,000": the lower figure borrows the upper one's thousands
        if "," not in m.group("lo") and m.group("num").endswith(",000") and lo < 1000:
            lo *= 1000
        low = float(lo * scale)
    return float(value), low


def qualifier_before(text: str, pos: int, window: int = 40) -> tuple[str, int]:
    """The qualifier a hedge just before ``pos`` gives, and where the hedge starts."""
    left = text[max(0, pos - window) : pos]
    circa = _CIRCA_RE.search(left) if "c" in left[-3:] else None
    if circa:
        return "about", pos - len(circa.group(0))
    # the longest hedge wins: "no more than" (under) over "more than" (over)
    m = _HEDGE.search(left) if _may_hedge(left) else None
    if m is None:
        return "exact", pos
    q = next(q for i, (_w, q) in enumerate(_HEDGES) if m.group(f"h{i}") is not None)
    return q, pos - (len(left) - m.start())


def _date_spans(text: str, scan: Scan | None = None) -> Spans:
    # any reference date will do: only where dates are written matters here
    spans = Spans()
    for d in find_dates(text, date(2024, 12, 31), scan):
        spans.add(d.start, d.end)
    return spans


_DIGIT = re.compile(r"\d")
_POUNDS_AFTER = re.compile(r"^\s+(?:pounds?|sterling)\b", re.I)
_CLOCK = re.compile(r"\d{1,2}\.\d\d")
_CLOCK_AFTER = re.compile(r"^\s?(?:on|to|–|-)\b")
_PHONE = re.compile(r"0\d{3,}(?:[-\s]\d+)?")
_PHONE_AFTER = re.compile(r"^[-\s]?\d{5,}")
_DECIMAL = re.compile(r"\d+\.\d+")
_CLAUSE_BEFORE = re.compile(r"(?i:clause|chapter|rule)\s*\S*\s*$")
_LIST_AFTER = re.compile(r"^(?:\)|\.(?:\s|$))")
_LINE_START_BEFORE = re.compile(r"(?:^|\n)\s*$")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_POUNDS_WORD_AFTER = re.compile(r"^\s+pounds?\b", re.I)
_POUND_BEFORE = re.compile(r"£\s?$")
_ODD_AFTER = re.compile(r"[- ]odd\b", re.I)
_PLUS_AFTER = re.compile(r"(?:-|\s)?plus\b|\+(?!\d)", re.I)


def _kind_of(text: str, m: re.Match[str], date_spans: Spans) -> str | None:
    """What a digit-written number is, or None when it is not a number at all (part of a
    word such as "Q4", "WW2", "img_5602")."""
    start, end = m.start(), m.end()
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    raw = m.group("num")
    glued = start > 0 and (text[start - 1].isalpha() or text[start - 1] == "_")
    if glued and not m.group("cur") and not _CIRCA_RE.search(before):
        return None
    if _TIME_AFTER.match(after) and not m.group("cur"):
        return "time"
    if after[:1].isalpha() and not m.group("scale") and not m.group("pence"):
        if _ORDINAL_AFTER.match(after):
            return "ordinal"
        return None  # "3rd", "1/3rd", "2x", "img"
    if m.group("cur") or m.group("curhi"):
        return "money"
    if m.group("pence") and not m.group("pct"):
        return "money" if _DIGIT.search(raw) else None
    if m.group("pct"):
        return "percent"
    if _POUNDS_AFTER.match(after):
        return "money"
    if date_spans.covers(start):
        return "date"
    if _ORDINAL_AFTER.match(after):
        return "ordinal"
    if _TIME_AFTER.match(after):
        return "time"
    if _CLOCK.fullmatch(raw) and (_TIME_BEFORE.search(before) or _CLOCK_AFTER.match(after)):
        return "time"
    if _PHONE.fullmatch(m.group(0).replace("£", "")) or _PHONE_AFTER.match(after):
        return "phone"
    if (_may_end_with(before, _REF_ENDS) and _REF_BEFORE.search(before)) or (
        _DECIMAL.fullmatch(raw) and "." in raw and _CLAUSE_BEFORE.search(before)
    ):
        return "ref"
    if _LIST_AFTER.match(after) and _LINE_START_BEFORE.search(before):
        return "list"  # "1)" or "1." opening a list item
    if (
        _YEAR_DIGITS.fullmatch(raw)
        and not m.group("scale")
        and not m.group("lo")
        and not _YEAR_NOUN_AFTER.match(after)
    ):
        return "year"
    if m.group("lo") and _YEAR_DIGITS.fullmatch(raw):
        return "year"  # "2015-2019"
    return "count"


def _money_pair(text: str, m: re.Match[str]) -> list[Number]:
    lo_end = m.end("lo")
    q, hs = qualifier_before(text, m.start())
    first = Number(
        m.start(), lo_end, text[m.start() : lo_end], _digits_value(m.group("lo")), "money", q, hs
    )
    hi_start = m.start("curhi")
    hi = parse_number(text[hi_start : m.end()])
    second = Number(
        hi_start, m.end(), text[hi_start : m.end()], hi or 0.0, "money", "exact", hi_start
    )
    return [first, second]


def _two_figures(text: str, m: re.Match[str], kind: str) -> list[Number]:
    """ "401,000 – 12,000": a dash between a larger and a smaller figure is no range."""
    out = []
    for g in ("lo", "num"):
        start = m.start(g)
        end = m.end(g) if g == "lo" else m.end()
        written = text[start:end]
        value = parse_number(written)
        if value is not None:
            q, hs = qualifier_before(text, start)
            out.append(Number(start, end, written, value, kind, q, hs))
    return out


_WORD_LEADS = leading_words([*_UNITS, *_TENS, "hundred", "thousand", "million", "billion"])


@starts_of(_WORDS_RE)
def _words_starts(scan: Scan) -> list[int]:
    """A number word starting a word, or "a"/"one" before it ("a hundred")."""
    qs = scan.word_starts(_WORD_LEADS)
    out = set(qs)
    for q in qs:
        out.update(scan.before(q, ("a", "one")))
    return sorted(out)


@starts_of(_FRACTION_RE)
def _fraction_starts(scan: Scan) -> list[int]:
    """ "half", or the word before "quarter(s)"/"third(s)" ("a quarter", "two thirds")."""
    out = set(scan.word_starts(("half",)))
    for q in scan.word_starts(("quarter", "third")):
        out.update(scan.before(q, ("a", "three", "two")))
    return sorted(out)


def find_numbers(text: str, scan: Scan | None = None) -> list[Number]:
    """Every number written in ``text``, in order, with its kind and qualifier (``scan``:
    the text already read by a :class:`~nec_reports.scan.Scan`, if it has been)."""
    out: list[Number] = []
    taken = Spans()
    scan = scan or Scan(text)
    spans = _date_spans(text, scan)
    for m in _NUMBER.finditer(text):
        kind = _kind_of(text, m, spans)
        if kind is None:
            continue
        if kind == "date" and m.group("lo"):
            continue
        if kind == "money" and m.group("lo") and m.group("curhi"):
            out.extend(_money_pair(text, m))  # "£1,000-£3,500": two amounts
            taken.add(m.start(), m.end())
            continue
        value, low = _match_value(m)
        if low is not None and low >= value:
            if _YEAR_DIGITS.fullmatch(m.group("lo")):
                kind = "year"  # "2019-20": a financial year
            else:
                out.extend(_two_figures(text, m, kind))  # "401,000 – 12,000 down": two figures
                taken.add(m.start(), m.end())
                continue
        q, hs = qualifier_before(text, m.start())
        if low is not None and q == "exact":
            q = "about"  # a range "32-33,000" is recorded as its upper figure, about
        if q == "exact" and _ODD_AFTER.match(text, m.end()):
            q = "about"  # "70-odd suspensions", "some 40 odd"
        elif q == "exact" and _PLUS_AFTER.match(text, m.end()):
            q = "over"  # "400,000-plus members"
        out.append(Number(m.start(), m.end(), m.group(0), value, kind, q, hs, low))
        taken.add(m.start(), m.end())
    for rx, starts in ((_FRACTION_RE, _fraction_starts), (_WORDS_RE, _words_starts)):
        for m in matches(rx, scan, starts):
            if not taken.free(m.start(), m.end()):
                continue
            written = m.group(0)
            pct = m.groupdict().get("pct")
            core = written[: len(written) - len(pct)] if pct else written
            read = words_value(core)
            if read is None:
                continue
            value = read
            kind = "percent" if pct else "count"
            end = m.end()
            after = text[end : end + 12]
            # "£" with at most a space (and a final newline) before it
            if _POUNDS_WORD_AFTER.match(after) or _POUND_BEFORE.search(
                text, max(0, m.start() - 3), m.start()
            ):
                kind = "money"
            q, hs = qualifier_before(text, m.start())
            out.append(Number(m.start(), end, written, value, kind, q, hs, None, True))
            taken.add(m.start(), end)
    out.sort(key=lambda n: n.start)
    return out
