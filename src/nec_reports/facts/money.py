"""Amounts of money: every £ amount (and pence: "75p") a report states.

``category`` (SCHEMA.md) comes from the words around the amount, nearest first:

* ``threshold``: a cap, limit or threshold ("a spending cap of £500", "donating over
  £1,000 a year" -- the entry level of a donor scheme);
* ``conference_income``: commercial income (exhibitors, fringe and stall sales,
  sponsorship, the Business Forum);
* ``grants``: grants to or from the party ("Short Money", the development fund);
* ``membership_income``: subscriptions, fees, affiliation fees;
* ``other``: policy figures rather than party money ("a £15 minimum wage", "£600 off
  the bills", "£28bn in climate investment");
* ``spending``: costs, savings, budgets, cuts, what the party pays or needs to spend;
* ``donations``: money raised or given (donations, donors, raffles, lottery,
  fundraising totals, war chests).

``fundraising`` is true for money raised for the party: donations, donor-scheme
thresholds, sponsorship, and amounts the party needs to raise for a campaign.
"""

from __future__ import annotations

import re
from itertools import pairwise

from . import clauses
from .common import Hit, Parsed, parse
from .lexicon import MONEY_CUES

CATEGORIES = (
    "donations",
    "membership_income",
    "conference_income",
    "spending",
    "grants",
    "threshold",
    "other",
)
_I = re.IGNORECASE

# (category, cue) in priority order (lexicon.MONEY_CUES): when cues of several categories
# sit equally near an amount, the earlier one wins.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cat, re.compile(r"\b(?:" + "|".join(cues) + r")\b", _I)) for cat, cues in MONEY_CUES.items()
)
_CUE = dict(_CUES)
_LIMIT = re.compile(
    r"no\s+more\s+than|not\s+more\s+than|at\s+most|(?:up\s+to\s+)?a\s+maximum\s+of",
    _I,
)
_TOTAL_INCOME_L = re.compile(
    r"\b(?:total\s+)?(?:income|turnover|revenue)\s+(?:\w+\s+){0,3}(?:was|were|is|of|totalled|"
    r"stood\s+at|reached)\s+$",
    _I,
)
_DIRECT = re.compile(r"^\s*(?:in|of|from|worth|as)\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)", _I)
_DONOR_LEVEL_L = re.compile(
    r"\b(?:donat\w*|giv\w*|contribut\w*)\s+(?:(?:over|more\s+than|at\s+least|upwards\s+of|"
    r"in\s+excess\s+of|above|of)\s+)?$",
    _I,
)
_DONOR_LEVEL_R = re.compile(
    r"^\s*(?:or\s+more\s+)?(?:a|per|each|every)\s+(?:year|month|annum)\b", _I
)
# "donations over £500 must be reported": a compliance threshold on gifts
_GIFT_L = re.compile(r"\b(?:donations?|gifts?|contributions?|loans?)\s+(?:of\s+)?$", _I)
_MUST_BE_R = re.compile(
    r"^\s*(?:or\s+more\s+|and\s+(?:over|above)\s+)?(?:(?:must|should|will|shall|have\s+to|has\s+to|"
    r"need\s+to|needs\s+to|are\s+to|is\s+to|now|also|still|then)\s+)*(?:be\s+)?(?:reported|"
    r"declared|checked|registered|recorded|vetted|published|approved|verified|reportable|"
    r"declarable)\b|^\s*(?:are|is)\s+(?:now\s+)?(?:subject\s+to|reportable|declarable)\b",
    _I,
)
# "will give £1,000 to each of 50 target wards", "will offer up to £100,000 to CLPs": money
# a fund gives to local parties is a grant
_TO_LOCAL_PARTIES_R = re.compile(
    r"^\s*(?:each\s+)?to\s+(?:each\s+(?:of\s+)?)?(?:[\w’'-]+\s+){0,4}?(?:CLPs?|wards?|"
    r"branch(?:es)?|local\s+parties|constituency\s+parties|constituencies|target\s+seats?|"
    r"regional\s+offices)\b",
    _I,
)
_GIVER_L = re.compile(
    r"\b(?:fund|give|gives|gave|giving|offer\w*|award\w*|grant\w*|distribut\w*|allocat\w*)\b",
    _I,
)
# "Each CLP will receive £1,500 from the fund": local parties receiving money
_LOCAL_PARTIES = (
    r"(?:CLPs?|wards?|branch(?:es)?|local\s+parties|constituency\s+parties|constituencies|"
    r"target\s+seats?)"
)
_LOCAL_PARTIES_GET_L = re.compile(
    rf"\b{_LOCAL_PARTIES}\s+"
    r"(?:(?:in|of|across|on)\s+(?:the\s+|our\s+)?[\w’'-]+\s+(?:[\w’'-]+\s+)?)?"
    r"(?:(?:will|would|can|could|may|each|also|now|should|just|only|still|currently)\s+)*"
    r"(?:receive[sd]?|get|gets|got|be\s+(?:given|awarded|offered|allocated|granted))\s+"
    r"(?:(?:up\s+to|an?|another|a\s+further|just|only)\s+)?$",
    _I,
)
# "money returned to constituencies, up from £1.63 to £2.50 per member"
_RETURNED_TO_LOCAL = re.compile(
    rf"\b(?:returned|passed|paid|given|going|goes|sent)\s+(?:back\s+)?to\s+{_LOCAL_PARTIES}\b", _I
)
#: Amounts from this size up are policy figures (a government's, a country's), never the
#: party's own money: Labour's whole annual income is tens of millions.
POLICY_SCALE = 1e9
# Between two amounts of one kind: "£1 a year for ages 14 to 19, and £12 a year"
_COORDINATED = re.compile(
    r"\s+(?:a|per|each)\s+(?:year|month|week|member)[^.;:£]{0,40}?,?\s+(?:and|or)\s+", _I
)
_PER_MEMBER_R = re.compile(r"^\s*(?:a|per|for\s+each|each)\s+member\b", _I)
# a membership rate named before its amount: "a new youth rate of £1 a year", "the £1 rate
# for young members" (after), "a joining rate for former members ... of £1"
_RATE_L = re.compile(
    r"\b(?:(?:youth|joining|student|unwaged|reduced|standard|concessionary|armed\s+forces|"
    r"membership|new)\s+)rates?\b[^.;£]{0,60}?\b(?:of|at|is|was|to|from)\s*$",
    _I,
)
_FEE_TO_R = re.compile(
    r"^\s*(?:rate\s+for\s+(?:young|youth|new|student|former)|(?:a\s+year\s+)?to\s+(?:be\s+able\s+"
    r"to\s+)?(?:vote|join|register|become\s+(?:a\s+)?(?:registered\s+)?supporters?))\b",
    _I,
)
_UP_TO_L = re.compile(r"\bup\s+to\s*$", _I)
# "from £1,000 ... up to £3,500", "(£1,000 in the smallest CLPs up to": the top of a range
_RANGE_L = re.compile(r"(?:\bfrom\b|£)[^;]{0,60}\bup\s+to\s*$", _I)
_FUNDRAISING_NEED = re.compile(
    r"\b(?:needs?|needed|require[sd]?|target|aim\w*|raise|raising|war\s+chest)\b"
    r"[^.;]{0,40}$",
    _I,
)
_DONOR_SCHEME = re.compile(r"\b(?:network|circle|club)\b", _I)
_CAMPAIGN = re.compile(r"\b(?:campaign|election|war\s+chest|fight)\b", _I)
_SAVINGS = re.compile(r"\b(?:sav\w+|cuts?|costs?|reduc\w+|deficit)\b", _I)


def _nearest(window_left: str, window_right: str) -> str | None:
    """The category whose cue sits nearest the amount (ties go to the earlier category)."""
    best: tuple[int, int, str] | None = None
    for rank, (cat, rx) in enumerate(_CUES):
        for m in rx.finditer(window_left):
            d = len(window_left) - m.end()
            cand = (d, rank, cat)
            best = cand if best is None or cand < best else best
        for m in rx.finditer(window_right):
            cand = (m.start(), rank, cat)
            best = cand if best is None or cand < best else best
    return best[2] if best else None


def category(
    text: str,
    start: int,
    end: int,
    s_start: int,
    s_end: int,
    hedge: str = "",
    amount: float | None = None,
) -> str:
    """The category of the amount at ``text[start:end]`` (``hedge`` is the hedge written
    before it, already outside ``start``) in the sentence ``s_start:s_end``."""
    left = text[s_start:start]
    right = text[end:s_end]
    if amount is not None and amount >= POLICY_SCALE:
        return "other"  # "£39 billion invested in housing": no party's money runs to billions
    if _LIMIT.fullmatch(hedge.strip()):
        return "threshold"  # "no more than £2,500", "a maximum of £10,000"
    if _DONOR_LEVEL_L.search(left[-40:]) and _DONOR_LEVEL_R.match(right):
        return "threshold"  # "donating over £1,000 a year": a donor scheme's entry level
    if _GIFT_L.search(left[-40:]) and _MUST_BE_R.match(right):
        return "threshold"  # "donations over £500 must now be reported"
    own_left = _clause_left(left)
    if (
        (_TO_LOCAL_PARTIES_R.match(right) and _GIVER_L.search(own_left))
        or _LOCAL_PARTIES_GET_L.search(own_left)
        or (_RETURNED_TO_LOCAL.search(left[-80:]) and _PER_MEMBER_R.match(right))
    ):
        return "grants"
    if _RATE_L.search(_clause_left(left[-80:])) or _FEE_TO_R.match(right):
        return "membership_income"  # "a youth rate of £1 a year", "pay £25 to vote"
    # what the words straight after say the amount is: "£6m in donations",
    # "£7.7m of Government grants", "£1.8m from major donors"
    direct = _DIRECT.match(right)
    if direct:
        cat = _nearest("", direct.group(1))
        if cat:
            return cat
    # cues that bind an amount tightly, read in short windows: a cap names the amount
    # right after it, a policy the amount it is about
    # cues of the amount's own clause only: a cue in the next clause ("Reserves stand at
    # £9m, and the target is to raise £15m") or the last ("within the legal limit of £35m,
    # and the £6.2m raised") speaks about another amount
    near_left, near_right = _clause_left(left[-60:]), _clause_right(right[:40])
    for cat in ("threshold", "conference_income", "grants", "membership_income"):
        rx = _CUE[cat]
        if rx.search(near_left) or rx.search(near_right):
            return cat
    if _TOTAL_INCOME_L.search(near_left):
        return "other"  # "income in 2022 was £52.1m": a total, no category of its own
    if _CUE["other"].search(near_left) or _CUE["other"].search(near_right):
        return "other"
    near = _nearest(near_left, near_right)
    if near:
        return near
    return _nearest(own_left, _own_right(right)) or "other"


def _clause_left(left: str) -> str:
    """The words before an amount back to a clause break that changes subject."""
    return clauses.before(left, "subject")


def _own_right(right: str) -> str:
    """The words after an amount up to a clause break that changes subject."""
    return clauses.after(right, "subject")


def _clause_right(right: str) -> str:
    return clauses.after(right, "phrase_after")


def _fundraising(cat: str, left: str, right: str, sentence: str) -> bool:
    if cat == "donations":
        return True
    if cat == "threshold":
        # a donor scheme's entry level ("donating over £1,000 a year") is fundraising; a
        # spending limit or a compliance threshold on donations is not
        return bool(
            _DONOR_SCHEME.search(sentence)
            or (_DONOR_LEVEL_L.search(left[-40:]) and _DONOR_LEVEL_R.match(right))
        )
    if cat == "conference_income":
        return bool(
            re.search(r"\bsponsor|\bbusiness\s+forum|\bbusiness\s+visitors|\bdonor", sentence, _I)
        )
    if cat == "spending":
        return bool(
            _FUNDRAISING_NEED.search(left)
            and _CAMPAIGN.search(sentence)
            and not _SAVINGS.search(left[-40:])
        )
    return False


def find(text: str, parsed: Parsed | None = None) -> list[Hit]:
    """Money amounts stated in ``text``, in order."""
    parsed = parsed or parse(text)
    hits: list[Hit] = []
    for s, numbers in parsed.with_numbers():
        prev: tuple[int, str] | None = None
        for n in numbers:
            if n.kind != "money":
                continue
            hedge = text[n.hedge_start : n.start]
            cat = category(text, n.hedge_start, n.end, s.start, s.end, hedge, n.value)
            if (
                prev
                and _COORDINATED.fullmatch(text, prev[0], n.hedge_start)
                and n.value < POLICY_SCALE
            ):
                cat = prev[1]  # "a youth rate of £1 a year for ages 14 to 19, and £12 a year ..."
            prev = (n.end, cat)
            left = text[s.start : n.hedge_start]
            qualifier = n.qualifier
            if qualifier == "exact" and _UP_TO_L.search(left) and not _RANGE_L.search(left):
                qualifier = "under"  # "up to £100,000", not "£1,000 ... up to £3,500"
            fields: dict[str, object] = {
                "amount_gbp": n.value,
                "category": cat,
                "fundraising": _fundraising(cat, left, text[n.end : s.end], text[s.start : s.end]),
                "qualifier": qualifier,
            }
            hits.append(Hit(n.start, n.end, s, fields))
    _changes_of_one_amount(text, hits)
    return hits


# "up from £1.63 to £2.50 per member", "rose from £1.2m to £1.5m in donations"
_FROM_L = re.compile(r"\bfrom\s*$", _I)
_TO_NEXT = re.compile(
    r"\s*to\s+(?:(?:over|about|around|nearly|almost|just\s+over|more\s+than|some)\s+)?", _I
)


def _changes_of_one_amount(text: str, hits: list[Hit]) -> None:
    """An amount written as where a change started ("from £X to £Y") is the same kind of
    money as where it ended: the words after the second amount say what both are."""
    for a, b in pairwise(hits):
        if a.sentence is not b.sentence or not _FROM_L.search(text, a.sentence.start, a.start):
            continue
        if _TO_NEXT.fullmatch(text, a.end, b.start):
            for k in ("category", "fundraising"):
                a.fields[k] = b.fields[k]
