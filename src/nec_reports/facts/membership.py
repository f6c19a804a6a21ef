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
from collections.abc import Callable
from dataclasses import dataclass

from ..scan import Needles, gated, odd_case
from . import clauses
from .common import Hit, Parsed, clause_after, parse, when_stated
from .donors import SCHEME_HAS_L
from .lexicon import (
    FRAME_LINKS,
    JOINED_BEFORE,
    MEMBER_NOUNS,
    MEMBER_STATES,
    MEMBERSHIP_FRAMES,
    NET_FALL,
    NET_FALL_AFTER,
    NET_RISE,
    alternation,
    phrase_re,
)
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
_FRAME_LINK_L = phrase_re(FRAME_LINKS, at_end=True)
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
_OTHER_R = re.compile(
    r"^\s*(?:(?:members|people|individuals)\s+)?(?:who\s+)?(?:(?:had|have|has|were|are|is|"
    r"still|remain|been|now|currently|automatically|being|be|could|would|will|may|face|facing|"
    r"risk|risking)\s+)*(?:suspended|expelled|excluded|auto-?excluded|expulsion|suspension)\b"
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
_MEMBERSHIP_WORD = re.compile(r"\bmembership\b|\bmembers\b", _I)
_JOIN_WORD = re.compile(r"\bmembership\b|\bjoin", _I)


# Counts of another organisation's members (a union, a faction, another party) or of
# members per CLP: not Labour's membership.  Read within the clause before the number.
_OTHER_ORG_L = gated(
    r"\b(?i:[ugcrtafnbpmlys])",
    r"\b(?:(?-i:Unite|Unison|GMB|CWU|RMT|TSSA|ASLEF|Usdaw|FBU|NEU|BFAWU|PCS|"
    r"Momentum|(?:Progress|Reform)(?=\s+(?:UK\s+)?(?:has|had|claims|now|members|membership)\b|['’]s)|"
    r"Labour\s+First|CLPD|Fabians?|Co-?operative\s+Party|Young\s+Labour|"
    r"Labour\s+Students|Conservatives?|Tory|Tories|Lib\s+Dems?|Liberal\s+Democrats|SNP|"
    r"Greens?|Plaid)|the\s+union|unions?|CLPs?|branch(?:es)?|constituenc(?:y|ies)|"
    r"societ(?:y|ies))\b"
    r"[^,;:()]{0,50}$",
    _I,
)


_ASIDE = re.compile(r"\([^()]*\)")


def _clause_before(left: str) -> str:
    """The clause before a count, asides in brackets blanked ("Party membership (as of
    April) – 420,000"), so its offsets stay those of ``left``."""
    bare = _ASIDE.sub(lambda m: " " * len(m.group(0)), left) if "(" in left else left
    return clauses.before(bare, "phrase")


@dataclass(frozen=True, slots=True)
class Around:
    """What a decision reads around one count: the words after it to the sentence's end
    (``right``), up to 120 characters before its hedge (``left``), those back to the
    clause's start (``clause``), the sentence so far (``sent``) and the earlier figures
    of the sentence with their measures (``prev``)."""

    right: str
    left: str
    clause: str
    sent: str
    prev: list[tuple[Number, str]]
    #: The measure of the last figure of the sentence before, when this one opens by
    #: pointing back to it ("It fell from a peak of 546,443 ...").
    topic: str | None = None
    sent_start: str = ""
    #: Where a link (FRAME_LINKS) ending ``clause`` starts in it, or -1.
    link: int = -1

    @property
    def last(self) -> str | None:
        return self.prev[-1][1] if self.prev else None


#: A feature reads an :class:`Around` and says which measure it speaks for (or
#: :data:`NOT`, that the count is not a membership figure), with its weight.
NOT = "not"
Feature = Callable[[Around], str | None]

_STATE_R = {
    m: re.compile(
        r"^\s*,?\s*(?:(?:members|people|individuals|of\s+(?:them|whom|these|those))\s+)?"
        r"(?:(?:who\s+)?(?:are|were|is|was|remain|remained|still|now|currently|having|have|"
        r"had|been|up\s+to\s+\w+\s+months?)\s+)*" + alternation(words) + r"\b",
        _I,
    )
    for m, words in MEMBER_STATES.items()
}
_PART_NOUN_R = {
    m: re.compile(rf"^\s*(?:{_MOD}|another\s+|some\s+)?{alternation(words)}\b", _I)
    for m, words in MEMBER_NOUNS.items()
}
# "<membership noun> ... <link> N": the frame's own clause, its noun at most 60 letters back
_FRAME_NOUN = {
    m: re.compile(rf"\b{alternation(words)}\b", _I) for m, words in MEMBERSHIP_FRAMES.items()
}
_PUNCT = re.compile(r"[.;:()]")
#: Phrases read at the end of the words before a count are looked for in this many last
#: characters only (the longest is some 20): a search anchored at the end is tried at
#: every position of its text.
TAIL = 48
# "70-odd suspensions", "400,000-plus members": the hedge is read already
_ODD_R = re.compile(r"^(?:[- ]odd|(?:-|\s)?plus|\+)(?![\w])", _I)
_PART_OF = ("paid_up", "arrears", "eligible", "other")
_NET_FALL_L = phrase_re(NET_FALL, at_end=True)
# "a surge of 30,000", "recruited 60,000", "joiners, 8,000 so far", "new members: 4,000"
_JOINED_L = gated(
    rf"\b(?i:[{''.join(sorted({w[0] for w in JOINED_BEFORE}))}])",
    rf"\b{alternation(JOINED_BEFORE)}[,:]?\s*$",
    _I,
)
_RISE_BY_L = phrase_re(NET_RISE, at_end=True)
# "a 500,000-strong membership"
_STRONG_R = re.compile(r"^-?\s*strong\s+(?:party\s+|labour\s+)?(?:membership|party)\b", _I)
_NET_FALL_R = re.compile(rf"^\s*(?:members\s+)?{alternation(NET_FALL_AFTER)}\b", _I)
# A coordinated figure: "down from 339,000 in November and 348,000 in July", "at 30,000,
# having been at over 100,000"
_COORDINATED_L = re.compile(
    r"(?:\band|\bor|\bthen|,)\s*(?:(?:having\s+)?been\s+(?:at\s+)?|to\s+|from\s+)?$", _I
)
# Figures a report does not state as fact: aims, targets, hypotheses.
_UNREAL_L = re.compile(
    r"\b(?:if|unless|target|aim|aims|aiming|goal|ambition|hope|hoped|hopes|aspir\w*|want\w*|"
    r"mass\s+party)\b[^.;:]{0,60}$",
    _I,
)


def _state(a: Around) -> str | None:
    for m, rx in _STATE_R.items():
        if rx.match(a.right) and (m != "paid_up" or a.prev or _MEMBERSHIP_WORD.search(a.sent)):
            return m
    return None


def _noun(a: Around) -> str | None:
    """A noun naming what part of the membership the count is ("paying members",
    "eligible members", "levy-payers"); plain "members", joiners and leavers are read
    with their verbs (_MEMBERS_R, _JOINED_R, _LEFT_R)."""
    return next((m for m, rx in _PART_NOUN_R.items() if m in _PART_OF and rx.match(a.right)), None)


def _framed(a: Around, measure: str) -> bool:
    """The clause names ``measure``'s noun, then at most 60 letters without a stop, then
    a link (FRAME_LINKS) just before the count; or the noun stands just before it, as a
    label ("Total membership 176,891")."""
    if _noun_follows(a.right) or _DIFFERENCE_R.match(a.right):
        return False
    if a.link < 0:
        label = _FRAME_NOUN[measure].search(a.clause, max(0, len(a.clause) - TAIL))
        return label is not None and not a.clause[label.end() :].strip(" \t–—-:=")
    lo = max(0, a.link - 90)
    for m in reversed(list(_FRAME_NOUN[measure].finditer(a.clause, lo, a.link))):
        gap = a.clause[m.end() : a.link]
        return len(gap) <= 61 and not _PUNCT.search(gap)
    return False


def _frame(a: Around) -> str | None:
    """A part of the membership named before the count ("youth membership has fallen to
    30,000", "paid-up members currently number around 309,000")."""
    return next((m for m in _FRAME_NOUN if m != "members" and _framed(a, m)), None)


def _frame_members(a: Around) -> str | None:
    """The membership as a whole named before the count ("membership continues to be
    over 500,000", "the number of members ... is now about 483,000")."""
    return "members" if _framed(a, "members") else None


# What may follow a coordinated figure: its date, or the end of its clause.
_COORDINATED_R = re.compile(
    r"^\s*(?:$|[,.;:)–—-]|(?:in|at|as|on|during|last|earlier|ago|now|previously|before|"
    r"shortly|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:years?|months?|"
    r"weeks?))\b)",
    _I,
)


def _coordinated(a: Around) -> str | None:
    last = a.last
    if last in STOCKS and _COORDINATED_R.match(a.right) and _COORDINATED_L.search(a.left):
        return last
    return None


# A sentence that opens by pointing back to the figure before it.
_POINTS_BACK = re.compile(
    r"^\W*(?:(?:and|but|so)\s+)?(?:it|this|that|numbers|the\s+(?:figure|total|number)|"
    r"(?:this|that)\s+(?:figure|total|number))\b",
    _I,
)


_PEAK_L = re.compile(r"\b(?:peak|high|low|record)\b", _I)


def _topic(a: Around) -> str | None:
    """ "Membership is 390,000. It fell from a peak of 546,443 ...": the figure before
    gives the sentence its topic."""
    if a.topic is None or a.prev or _noun_follows(a.right) or _DIFFERENCE_R.match(a.right):
        return None
    if _POINTS_BACK.match(a.sent_start) and a.link >= 0:
        peak = _PEAK_L.search(a.clause)  # a peak or low is the whole membership's
        return a.topic if a.topic in STOCKS and not peak else "members"
    return None


def _net_fall(a: Around) -> str | None:
    if _NET_FALL_R.match(a.right) and (a.prev or _MEMBERSHIP_WORD.search(a.sent)):
        return "left"
    return None


def _not_members(a: Around) -> str | None:
    if NOT_MEMBERS.match(a.right) or _CONTACT_L.search(a.left):
        return NOT
    if _OTHER_ORG_L.search(a.clause) or SCHEME_HAS_L.search(a.clause):
        return NOT  # "Unite has 1.2 million members", "The 1000 Club now has 1,240 members"
    if _UNREAL_L.search(a.clause):
        return NOT  # "a mass party of up to 800,000 members", "if membership fell below"
    return None


def _rx(rx: re.Pattern[str], measure: str, side: str = "right", tail: bool = False) -> Feature:
    """A pattern as a feature: matched at the start of the words after the count, or
    searched in those before it (``left`` or ``clause``; ``tail``: only their last
    :data:`TAIL` characters, for a short phrase anchored at their end)."""

    def feature(a: Around) -> str | None:
        if side == "right":
            return measure if rx.match(a.right) else None
        text = a.left if side == "left" else a.clause
        found = rx.search(text, max(0, len(text) - TAIL)) if tail else rx.search(text)
        return measure if found else None

    return feature


def _when(cond: Callable[[Around], bool], feature: Feature) -> Feature:
    return lambda a: feature(a) if cond(a) else None


def _about_members(a: Around) -> bool:
    return bool(_MEMBERS_R.match(a.right) or _MEMBERSHIP_WORD.search(a.sent))


#: Every feature with its weight.  The measure with the highest total wins when the total
#: is positive; :data:`NOT` counts against every measure.  Words after the count say most
#: (what it counts), the frame before it less, a figure's neighbours least.
FEATURES: tuple[tuple[str, Feature, int], ...] = (
    ("not_members", _not_members, -200),
    ("arrears_after", _rx(_ARREARS_R, "arrears"), 90),
    ("paid_up_after", _rx(_PAID_UP_R, "paid_up"), 85),
    ("state_after", _state, 80),
    ("eligible_after", _rx(_ELIGIBLE_R, "eligible"), 75),
    ("eligible_before", _rx(_ELIGIBLE_L, "eligible", "left"), 75),
    ("other_after", _rx(_OTHER_R, "other"), 70),
    (
        "other_before",
        _when(lambda a: bool(_MEMBERS_R.match(a.right)), _rx(_OTHER_L, "other", "left", tail=True)),
        70,
    ),
    (
        "supporters_before",
        _when(lambda a: not _noun_follows(a.right), _rx(_SUPPORTERS_L, "other", "clause")),
        65,
    ),
    (
        "supporters_signed_up",
        _when(lambda a: bool(_SUPPORTERS_SENT.search(a.sent)), _rx(_SIGNED_UP_R, "other")),
        65,
    ),
    ("part_noun", _noun, 62),
    ("joined_after", _rx(_JOINED_R, "joined"), 60),
    ("left_after", _rx(_LEFT_R, "left"), 55),
    ("net_fall_before", _when(_about_members, _rx(_NET_FALL_L, "left", "left", tail=True)), 52),
    ("net_fall_after", _net_fall, 50),
    (
        "joined_before",
        _when(
            lambda a: bool(_MEMBERS_R.match(a.right) or _JOIN_WORD.search(a.sent)),
            _rx(_JOINED_L, "joined", "left", tail=True),
        ),
        45,
    ),
    ("members_after", _rx(_MEMBERS_R, "members"), 40),
    ("strong_membership", _rx(_STRONG_R, "members"), 40),
    (
        "net_rise_of_members",
        _when(_about_members, _rx(_RISE_BY_L, "joined", "clause", tail=True)),
        38,
    ),
    (
        "net_rise_before",
        _when(
            lambda a: bool(a.prev) and not _noun_follows(a.right),
            _rx(_NET_RISE_L, "joined", "left", tail=True),
        ),
        35,
    ),
    ("part_frame", _frame, 32),
    ("members_frame", _frame_members, 25),
    (
        "membership_before",
        _when(
            lambda a: not _noun_follows(a.right),
            lambda a: (
                "members"
                if (_MEMBERSHIP_L.search(a.left) or _MEMBERS_NUMBER_L.search(a.left))
                else None
            ),
        ),
        25,
    ),
    (
        "subset_of_previous",
        _when(lambda a: bool(a.prev) and bool(_SUBSET_R.match(a.right)), lambda a: a.last),
        20,
    ),
    ("coordinated", _coordinated, 30),
    ("topic_of_previous", _topic, 22),
    (
        "continues_previous",
        _when(
            lambda a: bool(a.prev) and not _noun_follows(a.right),
            lambda a: (
                (a.last if a.last in STOCKS else "members") if _CONTINUE_L.search(a.left) else None
            ),
        ),
        15,
    ),
)


def score(a: Around) -> tuple[dict[str, int], dict[str, str]]:
    """Each measure's total over :data:`FEATURES` (only those some feature spoke for), and
    the name of the strongest feature behind each (``not`` names the veto, if any).  A
    measure's total is its strongest feature's weight plus a tenth of each other feature
    agreeing; a veto (the first feature, weight -200) outweighs every total."""
    totals: dict[str, int] = {}
    why: dict[str, str] = {}
    for name, feature, weight in FEATURES:
        said = feature(a)
        if said == NOT:
            # a veto outweighs any total the other features can reach: stop here
            return {}, {NOT: name}
        elif said is not None:
            if said not in totals or weight > totals[said]:
                why[said] = name
            bonus = weight // 10 if said in totals else 0
            totals[said] = max(totals.get(said, 0), weight) + bonus
    return totals, why


def _link_at(clause: str) -> int:
    cut = max(0, len(clause) - TAIL)
    m = _FRAME_LINK_L.search(clause, cut)
    return m.start() if m else -1


def decide(
    parsed: Parsed,
    n: Number,
    sent_end: int,
    prev: list[tuple[Number, str]],
    topic: str | None = None,
    sent_start: int | None = None,
) -> tuple[str | None, str]:
    """The measure a count is (or None) and the reason: the deciding feature's name."""
    text = parsed.text
    left = text[max(0, n.hedge_start - 120) : n.hedge_start]
    clause = _clause_before(left)
    a = Around(
        right=_ODD_R.sub("", text[n.end : sent_end], count=1),
        left=left,
        clause=clause,
        sent=text[max(0, n.hedge_start - 400) : sent_end],
        prev=prev,
        topic=topic,
        sent_start=text[sent_start : sent_start + 40] if sent_start is not None else "",
        link=_link_at(clause),
    )
    if (
        _DIFFERENCE_R.match(a.right)
        and not _MEMBERS_R.match(a.right)
        and not _state(a)
        and not _net_fall(a)
    ):
        return None, "difference"  # "8,000 above the projected level"
    totals, why = score(a)
    best = max(totals.items(), key=lambda kv: kv[1], default=None)
    if best and best[1] > 0:
        return best[0], why[best[0]]
    if NOT in why:
        return None, why[NOT]
    return None, "no_membership_cue"


# Words that may follow a membership figure without it counting something else.
_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        """members members' people individual strong now in with of and at as on by this last
        so since from to today currently but which whereas while compared then before after
        when according including excluding the a an up down overall altogether for among
        across during over under ago nationally again its their making meaning having despite
        following or nor yet shortly just only soon ago earlier later last previously
        one two three four five six seven eight nine ten twelve""",
    )
)


def _noun_follows(right: str) -> bool:
    """True when a noun other than "members" follows (the count is of something else):
    "approximately 70,000 votes cast", "8,000 council seats"."""
    m = re.match(r"^\s*([A-Za-z][\w'-]*)", right)
    return m is not None and m.group(1).lower() not in _FUNCTION_WORDS


_SCALED = re.compile(r"[kKmM]$|thousand|million")
# Words _OTHER_R and _OTHER_L need.
_OTHER_WORDS = (
    *("suspended", "suspension", "expelled", "expulsion", "excluded", "supporters"),
    *("letters", "notices", "levy", "youth", "young"),
)


def find(
    text: str, parsed: Parsed | None = None, reasons: dict[int, str] | None = None
) -> list[Hit]:
    """Membership facts stated in ``text``, in order; ``reasons`` gets, by each count's
    start, why it is or is not a membership figure."""
    why = reasons if reasons is not None else {}
    parsed = parsed or parse(text)
    hits: list[Hit] = []
    odd = odd_case(text)
    last: tuple[int, str] | None = None  # the end of the last sentence with a figure, its measure
    for s, numbers in parsed.with_numbers():
        before = parsed.previous(s)
        topic = last[1] if last and before is not None and before.end == last[0] else None
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
                    why[n.start] = "small_count"
                    continue
            measure, why[n.start] = decide(parsed, n, s.end, prev, topic, s.start)
            if measure is None:
                if small:
                    why[n.start] = "small_count"  # as when the look-up above skips it
                continue
            if (measure != "other" and small) or n.value != int(n.value):
                why[n.start] = "small_count" if small else "not_whole"
                continue
            prev.append((n, measure))
            last = (s.end, measure)
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
