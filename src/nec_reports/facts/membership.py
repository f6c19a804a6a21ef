"""Membership figures: counts of Labour Party members as reports state them.

A count becomes a membership fact when the words around it say what it counts:

* the noun after it: "395,811 members", "385,324 fully paid-up members", "15,000 new
  members", "13,871 in arrears", "100 members still suspended", "380,000 ballots issued";
* or the phrase before it: "membership is now 434,000", "membership stands at
  415,000", "a membership surge of 30,000", "joiners, 8,000 so far", "down by
  approximately 120,000 members";
* or, inside a sentence that already gave a membership figure, a continuation: "a peak
  of 550,000 in January 2020 to approx 430,000 now", "23,000 are in arrears, but this is
  down from 35,000", "48,295 ... joined ... and 15,000 of those since ...".

``measure`` is one of :data:`MEASURES` (SCHEMA.md): ``members`` (total), ``paid_up``,
``arrears``, ``joined``, ``left`` (including net falls), ``eligible`` (members balloted),
``other`` (suspended or expelled members, registered or affiliated supporters).

Not membership: percentages, years, dates, money, and people who are not counted as
party members (NEC or committee members, delegates, volunteers, attendees, candidates,
staff, members contacted by a fundraising pilot, donor networks such as the Rose
Network, votes cast in a ballot) -- see :data:`NOT_MEMBERS`.
"""

from __future__ import annotations

import re

from ..scan import Needles, gated, odd_case
from .common import Hit, Parsed, clause_after, parse, when_stated
from .donors import SCHEME_HAS_L
from .numbers import Number

MEASURES = ("members", "paid_up", "arrears", "joined", "left", "eligible", "other")
#: Stock figures: a date written after them is the date they describe.  Flows
#: (joined, left) take their date from the meeting: "in 2022" is their period.
STOCKS = ("members", "paid_up", "arrears", "eligible", "other")
#: The smallest count read as a party-wide figure of members, joiners or leavers;
#: smaller counts of "members" in NEC reports are NEC or committee members.
MIN_PARTY_COUNT = 100

_I = re.IGNORECASE
# Most patterns read in the words before a number (``_L``, anchored at its end) are gated
# (text.gated) by the letters their words start with: tried at every position of the
# window, they are the costly part of reading a number's context.
# Words that may stand between a number and "members".
_MOD = (
    r"(?:(?:individual|party|Labour|current|full|existing|total|more|extra|additional|active)\s+)"
)

_ARREARS_R = re.compile(
    r"^\s*(?:members\s+|of\s+(?:them|whom|these|those)\s+)?(?:(?:are|were|is|was|remain|"
    r"still|now|currently)\s+)*(?:in\s+arrears\b|(?:(?:more\s+than|over|at\s+least)\s+)?"
    r"(?:(?:a|one|two|three|four|five|six|\d+)\s+(?:months?|weeks?)\s+)?(?:behind|late|overdue)\s+"
    r"(?:with|on|in)\s+(?:their\s+|paying\s+(?:their\s+)?)?(?:membership\s+)?(?:subs|"
    r"subscriptions?|payments?|dues|fees?|direct\s+debits?)\b)",
    _I,
)
_PAID_UP_R = re.compile(
    r"^\s*(?:(?:fully|full)\s+)?(?:paid[- ]?up|paying)\s+(?:party\s+)?members\b"
    r"|^\s*members\s+(?:in\s+good\s+standing|fully\s+paid[- ]up)",
    _I,
)
# "568k, with 521k paid up": paid up said of a number alone, in a membership sentence
_PAID_UP_BARE_R = re.compile(
    r"^\s*(?:of\s+(?:them|whom|these|those)\s+)?(?:(?:are|were|is|now|still|currently|fully)\s+)*"
    r"(?:paid[- ]?up|in\s+good\s+standing)"
    r"\b(?![- ]?front)",
    _I,
)
_ELIGIBLE_R = re.compile(
    r"^\s*(?:members\s+)?(?:(?:were|are|will\s+be|would\s+be)\s+)?eligible\s+to\s+vote"
    r"|^\s*ballots?(?:\s+papers?)?\s+(?:(?:were|had\s+been|have\s+been|being)\s+)?"
    r"(?:issued|sent\s+out|distributed|despatched|dispatched)",
    _I,
)
_ELIGIBLE_L = re.compile(
    r"\belectorate\s+of\s*$|\belectorate\b[^.;]{0,50}\b(?:is|was|of|totals?|totalled|stands\s+at|"
    r"stood\s+at)\s*$",
    _I,
)
_JOINED_R = re.compile(
    r"^\s*(?:new\s+(?:members|joiners|recruits)|joiners|new\s+sign-?ups"
    r"|(?:of\s+(?:the|these|those|them)\s+)?(?:members|people)\s+(?:have\s+|had\s+|who\s+)?"
    r"(?:(?:newly|recently)\s+)?(?:joined|signed\s+up|been\s+recruited|rejoined|re-joined)"
    r"|(?:have\s+|had\s+)?joined\b)",
    _I,
)
_JOINED_L = gated(
    r"\b(?i:[rjnsig])",
    r"(?:\brecruited|\bjoiners,?|\bnew\s+members:?|\bsurge\s+of|\binflux\s+of|\bnet\s+gain\s+of"
    r"|\bincrease\s+of|\brise\s+of|\bgrowth\s+of|\bgained)\s*$",
    _I,
)
# "371,000 members, up 12,000 since polling day": a net rise after a membership figure,
# read as joiners as net falls are read as leavers (SCHEMA.md)
_NET_RISE_L = re.compile(
    r"(?:^|[,;(–—-]|\band)\s*(?:(?:that\s+is|which\s+is|this\s+is|an?)\s+)?(?:up|increased|"
    r"risen|grown|rose|grew)(?:\s+by)?\s*$",
    _I,
)
_LEFT_R = re.compile(
    r"^\s*(?:(?:members|people)\s+)?(?:(?:have|had|who\s+have|who\s+had|having)\s+)?"
    r"(?:(?:since\s+)?(?:left|resigned|quit|lapsed|cancelled|been\s+lost|walked\s+away))\b"
    r"|^\s*(?:resignations|leavers|lapsed\s+members)\b"
    r"|^\s*(?:(?:members|people)\s+)?(?:(?:have|had|who\s+have|who\s+had)\s+)?(?:let\s+their\s+"
    r"(?:membership|subscriptions?)\s+lapse|stopped\s+paying|not\s+renewed|failed\s+to\s+renew|"
    r"cancelled\s+their)",
    _I,
)
_LEFT_L = gated(
    r"\b(?i:[ldfrns])",
    r"(?:\blost|\blosing|\bloss\s+of|\bdrop\s+of|\bfall\s+of|\bdecline\s+of|\bdown\s+by"
    r"|\bfallen\s+by|\bfell\s+by|\bdropped\s+by|\bdecreased\s+by|\breduction\s+of"
    r"|\bnet\s+loss\s+of|\bdecrease\s+of|\bshed)\s*$",
    _I,
)
_OTHER_R = re.compile(
    r"^\s*(?:(?:members|people|individuals)\s+)?(?:who\s+)?(?:(?:had|have|has|were|are|is|"
    r"still|remain|been|now|currently)\s+)*(?:suspended|expelled|excluded|auto-?excluded)\b"
    r"|^\s*(?:(?:registered|affiliated)\s+(?:(?:and|or|&)\s+)?){1,2}supporters\b"
    r"|^\s*(?:letters|notices)\s+(?:(?:had|have)\s+been\s+|were\s+)?(?:sent|issued)\s+to\s+members\b",
    _I,
)
_OTHER_L = gated(r"\b(?i:[sea])", r"\b(?:suspended|expelled|excluded|auto-?excluded)\s*$", _I)
# "Registered supporters number some 5,000", "the number of affiliated supporters is 3,000"
_SUPPORTERS_L = re.compile(
    r"\b(?:registered|affiliated)\s+supporters\b[^.;:,()]{0,30}?\b(?:numbers?|numbered|totals?|"
    r"totalled|stands?\s+at|stood\s+at|is|was|are|were|reached|of)\s*$",
    _I,
)
# "Registered supporters paid £25 ..., and 14,700 signed up": a count of people signing up
# in a sentence about supporters
_SUPPORTERS_SENT = re.compile(r"\b(?:registered|affiliated)\s+supporters?\b", _I)
_SIGNED_UP_R = re.compile(
    r"^\s*(?:(?:people|supporters)\s+)?(?:(?:have|had|who)\s+)?(?:signed\s+up|registered|"
    r"applied|took\s+part)\b(?!\s+(?:to|as)\s+(?:donate|give|a\s+member|members))",
    _I,
)
_MEMBERS_R = re.compile(rf"^\s*{_MOD}{{0,2}}members\b", _I)
# "membership is now 434,000", "membership stands at 415,000", "membership – 401,000",
# "membership figures which we were told stand at 434,000", "membership figures from"
_MEMBERS_NUMBER_L = re.compile(
    r"\bmembers\s+(?:now\s+|currently\s+)?(?:numbers?|numbered|totals?|totalled|stands?\s+at|"
    r"stood\s+at)\s*$",
    _I,
)
_MEMBERSHIP_L = re.compile(
    r"\bmembership\b(?:[^.;:()]{0,60}?\b(?:is|was|are|were|stands?|stood|reached|reaches|totals?"
    r"|totalled|passed|topped|exceeds?|exceeded|hit|hits|of|at|to|from|consists\s+of|has)"
    r"(?:\s+(?:now|currently|still|just|risen|grown|fallen|dropped|climbed|increased|"
    r"decreased|at|to|of|been|reached))*|\s*[–—:-])\s*$",
    _I,
)
# Continuations inside a sentence that already gave a membership figure.
_CONTINUE_L = gated(
    r"\b(?i:[atphlfcv])",
    r"(?:\b(?:a\s+|the\s+)?(?:peak|high|low|total|figure|level)\s+of|\bfrom(?:\s+the)?"
    r"|\bto|\bcompared\s+(?:to|with)|\bversus|\bagainst)\s*$",
    _I,
)
_PASSED_L = re.compile(
    r"\b(?:passed|topped|exceeded|exceeds|surpassed|broken\s+through|broke\s+through|"
    r"(?:gone|went|got)\s+(?:over|past|above))\s*$",
    _I,
)
_SUBSET_R = re.compile(r"^\s*of\s+(?:those|these|them|which|whom)\b", _I)

#: Counts of people who are not party members, or members counted for another reason.
NOT_MEMBERS = re.compile(
    rf"^\s*{_MOD}*members\s+(?:of\s+(?!the\s+(?:Labour\s+)?party\b)|"
    r"(?:who\s+)?(?:(?:have|had)\s+)?(?:attend|attended|attending|registered|voted|took\s+part|"
    r"participated|turned\s+out|cast|contacted|phoned|called|were\s+contacted|watched|tuned|"
    r"signed|wrote|responded|submitted|applied|nominated|stood|marched|lobbied|"
    r"joined\s+(?:the|a|an|our|us\s+on)\s+(?:\w+\s+)?(?:call|meeting|rally|event|webinar|"
    r"protest|picket|demonstration|march|lobby|training))|"
    r"in\s+the\s+[“\"']?[A-Z])",
    _I,
)
_CONTACT_L = gated(
    r"\b(?i:[cptesb])",
    r"\b(?:contact(?:ed|ing)?\s+with|contacted|contacting|phoned|phoning|calling|called|"
    r"texted|emailed|canvassed|surveyed|polled|(?:CLPs?|branch(?:es)?|"
    r"constituenc(?:y|ies))\s+(?:with|of|having))\s*$",
    _I,
)
_DIFFERENCE_R = re.compile(
    r"^\s*(?:above|below|more|fewer|less|higher|lower|up|down|ahead|behind|short)\b", _I
)
_NOUN_R = re.compile(r"^\s*[a-z]", re.ASCII)
_MEMBERSHIP_WORD = re.compile(r"\bmembership\b|\bmembers\b", _I)


# Counts of another organisation's members (a union, a faction, another party) or of
# members per CLP: not Labour's membership.  Read within the clause before the number.
_OTHER_ORG_L = gated(
    r"\b(?i:[ugcrtafnbpmlys])",
    r"\b(?:Unite|Unison|GMB|CWU|RMT|TSSA|ASLEF|Usdaw|FBU|NEU|BFAWU|PCS|the\s+union|unions?|"
    r"Momentum|Progress|Labour\s+First|CLPD|Fabians?|Co-?operative\s+Party|Young\s+Labour|"
    r"Labour\s+Students|Conservatives?|Tory|Tories|Lib\s+Dems?|Liberal\s+Democrats|SNP|"
    r"Greens?|Reform|Plaid|CLPs?|branch(?:es)?|constituenc(?:y|ies)|societ(?:y|ies))\b"
    r"[^,;:()]{0,50}$",
    _I,
)


_CLAUSE_BREAK = re.compile(r"\b(?:and|but|while|whereas|compared\s+(?:to|with))\b")


def _clause_before(left: str) -> str:
    cut = max(left.rfind(c) for c in ",;:(")
    m = list(_CLAUSE_BREAK.finditer(left))
    if m:
        cut = max(cut, m[-1].end())
    return left[cut + 1 :] if cut >= 0 else left


def _measure(
    parsed: Parsed, n: Number, sent_end: int, prev: list[tuple[Number, str]]
) -> str | None:
    text = parsed.text
    right = text[n.end : sent_end]
    left = text[max(0, n.hedge_start - 120) : n.hedge_start]
    sent = text[max(0, n.hedge_start - 400) : sent_end]
    if NOT_MEMBERS.match(right) or _CONTACT_L.search(left):
        return None
    clause = _clause_before(left)
    if _OTHER_ORG_L.search(clause) or SCHEME_HAS_L.search(clause):
        return None  # "Unite has 1.2 million members", "The 1000 Club now has 1,240 members"
    if _ARREARS_R.match(right):
        return "arrears"
    if _PAID_UP_R.match(right):
        return "paid_up"
    if _PAID_UP_BARE_R.match(right) and (prev or _MEMBERSHIP_WORD.search(sent)):
        return "paid_up"
    if _ELIGIBLE_R.match(right) or _ELIGIBLE_L.search(left):
        return "eligible"
    if _OTHER_R.match(right) or (_OTHER_L.search(left) and _MEMBERS_R.match(right)):
        return "other"
    if _SUPPORTERS_L.search(clause) and not _noun_follows(right):
        return "other"
    if _SUPPORTERS_SENT.search(sent) and _SIGNED_UP_R.match(right):
        return "other"
    if _JOINED_R.match(right):
        return "joined"
    if _LEFT_R.match(right):
        return "left"
    if _LEFT_L.search(left) and (_MEMBERS_R.match(right) or _MEMBERSHIP_WORD.search(sent)):
        return "left"
    if _JOINED_L.search(left) and (
        _MEMBERS_R.match(right) or re.search(r"\bmembership\b|\bjoin", sent, _I)
    ):
        return "joined"
    if _MEMBERS_R.match(right):
        return "members"
    if prev and _NET_RISE_L.search(left) and not _noun_follows(right):
        return "joined"
    if _DIFFERENCE_R.match(right):
        return None  # "8,000 above the projected level"
    by_phrase = _MEMBERSHIP_L.search(left) or _MEMBERS_NUMBER_L.search(left)
    if by_phrase and not _noun_follows(right):
        return "members"
    if prev and _SUBSET_R.match(right):
        return prev[-1][1]  # "15,000 of those since the start of 2023"
    if prev and _CONTINUE_L.search(left) and not _noun_follows(right):
        last = prev[-1][1]
        return last if last in STOCKS else "members"
    return None


# Words that may follow a membership figure without it counting something else.
_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        """members members' people individual strong now in with of and at as on by this last
        so since from to today currently but which whereas while compared then before after
        when according including excluding the a an up down overall altogether for among
        across during over under ago nationally again its their making meaning having despite
        following or nor yet""",
    )
)


def _noun_follows(right: str) -> bool:
    """True when a noun other than "members" follows (the count is of something else):
    "approximately 70,000 votes cast", "8,000 council seats"."""
    m = re.match(r"^\s*([A-Za-z][\w'-]*)", right)
    return m is not None and m.group(1).lower() not in _FUNCTION_WORDS


_SCALED = re.compile(r"[kKmM]$|thousand|million")
# Words _OTHER_R and _OTHER_L need.
_OTHER_WORDS = ("suspended", "expelled", "excluded", "supporters", "letters", "notices")


def find(text: str, parsed: Parsed | None = None) -> list[Hit]:
    """Membership facts stated in ``text``, in order."""
    parsed = parsed or parse(text)
    hits: list[Hit] = []
    odd = odd_case(text)
    for s, numbers in parsed.with_numbers():
        prev: list[tuple[Number, str]] = []
        for n in numbers:
            if n.kind != "count":
                continue
            scaled = bool(_SCALED.search(n.text))
            small = n.value < MIN_PARTY_COUNT and not scaled
            if small and not (prev and prev[-1][1] == "other"):
                # only "other" keeps a small count: skip reading its context when
                # nothing around it can say "other" (see _OTHER_R, _OTHER_L)
                around = text[max(0, n.hedge_start - 120) : n.hedge_start] + "\n"
                if not Needles(around + text[n.end : s.end], odd).any(*_OTHER_WORDS):
                    continue
            measure = _measure(parsed, n, s.end, prev)
            if measure is None:
                continue
            if measure != "other" and small:
                continue
            if n.value != int(n.value):
                continue
            prev.append((n, measure))
            qualifier = n.qualifier
            if qualifier == "exact" and _PASSED_L.search(text[s.start : n.hedge_start]):
                qualifier = "over"  # "membership has passed 580,000"
            fields: dict[str, object] = {
                "value": int(n.value),
                "measure": measure,
                "qualifier": qualifier,
            }
            if measure in STOCKS:
                when = when_stated(clause_after(text, n.end, s.end))
                if when:
                    fields["as_of"], fields["as_of_precision"] = when
            hits.append(Hit(n.start, n.end, s, fields))
    return hits
