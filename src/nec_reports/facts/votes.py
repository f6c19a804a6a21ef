"""Vote splits and unanimous decisions as reports write them.

Phrasing families (each with its own pattern below):

* "by 22 votes to 12", "with 18 votes to 11", "27 votes to nil", "eighteen votes to
  thirteen" (:data:`_VOTES_TO`);
* "Vote went 21 to 10", "passed 19 to 11" after a vote word (:data:`_WORD_TO`);
* "22-15", "a 15-15 tie", "defeated 16-14 on a recount" next to a vote word
  (:data:`_DASH`);
* "with 18 for and 9 against", "5 votes for, 22 against and 1 abstention",
  "19 For, 9 Against, 1 Abstention", "14 votes in favour" (:data:`_FOR_AGAINST`);
* conference card votes in percent: "approved by conference with 74% in favour" with
  "the 26% who voted against" in the same or the next sentence (:data:`_PCT_FOR`);
* "agreed unanimously", "a unanimous vote", "passed nem con", "without dissent"
  (:data:`_UNANIMOUS`), unless negated ("could not reach unanimous decisions").

Sides follow the question put (SCHEMA.md): "rejected by 18 votes to 13" is 13 for and
18 against; "we lost the vote: 22-15" is 15 for, 22 against.  Without a verb saying
how it went the split is read for-against in the order written.  A split whose total
is more than the NEC can cast (:data:`MAX_NEC_VOTES`) is kept and flagged
``implausible_total``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..models import BODIES, MAX_NEC_VOTES
from ..scan import Needles, gated, leading_words, odd_case
from . import clauses
from .common import Hit, Parsed, parse
from .lexicon import (
    ABSTAIN_SIDE,
    AGAINST_SIDE,
    CARRIED_VERBS,
    FOR_SIDE,
    NIL_WORDS,
    REJECTED_VERBS,
    VOTE_WORDS,
    VOTERS,
    alternation,
    first_words,
    phrase_re,
)
from .numbers import Number, words_value
from .sentences import Sentence

BODIES_VOTING = BODIES

_I = re.IGNORECASE
_SMALL = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty"
_WORDNUM = rf"(?:(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|{_SMALL})"
_N = rf"(?:\d{{1,3}}|{_WORDNUM})"
_NIL = rf"(?:{_N}|{alternation(NIL_WORDS)})"
_NIL_SET = frozenset((*NIL_WORDS, "no"))
_A = rf"(?P<a>{_N})"
_B = rf"(?P<b>{_NIL})"
_ABST = (
    rf"(?:\s*(?:[,;]|\band\b|\bwith\b|\()\s*(?:(?:and|with)\s+)?(?P<c>{_N}|no)\s+"
    r"(?:abstentions?|abstaining|abstained|abstain)\b)?"
)

# Patterns are gated (text.gated) by the characters a match can start with: a figure
# (a digit or a number word's first letter), a verb's first letter.
_AT_FIGURE = r"(?:\d|(?i:[zotfsen]))"
_VOTES_TO = gated(
    _AT_FIGURE,
    rf"\b{_A}\s+votes?\s+(?:to|against|v\.?|vs\.?)\s+{_B}(?:\s+votes?)?\b(?!\s*%){_ABST}",
    _I,
)
_VOTE_WORDS = (
    r"vote\s+went|votes?\s+(?:was|were)|voted|vote\s+of|passing|split|margin\s+of|"
    rf"majority\s+of|{alternation(CARRIED_VERBS)}|{alternation(REJECTED_VERBS)}"
)
_NOT_A_VOTE_AFTER = (
    r"(?!\s*(?:%|per|years?|months?|weeks?|days?|hours?|members|seats|delegates|people|CLPs|"
    r"staff|candidates|councillors|branches|places))(?!,\d)"
)
_WORD_TO = gated(
    "(?i:[vpcdrlwaesm])",
    rf"\b(?:{_VOTE_WORDS})(?:\s+by)?\s+{_A}\s+to\s+{_B}\b{_NOT_A_VOTE_AFTER}{_ABST}",
    _I,
)
# "the vote in the committee was 11 to 7", "11 to 7 in favour": a vote word shortly before
# or a side named after
_TO = gated(_AT_FIGURE, rf"\b{_A}\s+to\s+{_B}\b{_NOT_A_VOTE_AFTER}{_ABST}", _I)
_TO_BEFORE = re.compile(r"\bvot(?:e|ed|es|ing)\b[^.;]{0,40}$", _I)
_TO_AFTER = re.compile(r"^\s*(?:in\s+favour|against|for)\b", _I)
# A side named straight after a split is the majority's: "voted by 14 to 9 against".
_SIDE_OF_MAJORITY = re.compile(r"\s*(?:votes?\s+)?(against|in\s+favou?r)\b(?!\s+\d)", _I)
_ABSTENTIONS = gated(_AT_FIGURE, rf"\b(?P<c>{_N}|no)\s+(?:abstentions?|abstainers)\b", _I)
_DASH = gated(
    r"\d",
    r"(?<![\d,.£/:-])(?P<a>\d{1,3})\s?(?P<sep>[-–—:])\s?(?P<b>\d{1,3})(?!\d|%|[,.:]\d|/|-)"
    r"(?!\s*(?:%|per|years?|months?|weeks?|days?|hours?|[A-Z][a-z]+\s+(?:19|20)\d\d|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*))" + _ABST,
    _I,
)
# Words that may follow a written split ("carried 22-12 with 2 abstentions").
_AFTER_A_SPLIT = frozenset(
    re.findall(
        r"\S+",
        """with on in and to vote votes tie split margin majority against for the but after
        before at when so after which then a an as or in favour recount by among including
        following""",
    )
)
# Verbs that give a written split's result without a preposition: "fell 14-21", "was
# turned down 3-11", "was tied 17-17", "was noted 20-9".
_RESULT_VERBS = r"fell|turned\s+down|voted\s+down|thrown\s+out|tied|noted|went\s+through"
_DASH_BEFORE = re.compile(
    rf"(?:\b(?:{_VOTE_WORDS}|{_RESULT_VERBS}|vote|votes|ended\s+in\s+a|result|by)\b[:\s]*"
    r"(?:a\s+|an?\s+)?)$",
    _I,
)
# "backed the proposal 20-11", "rejected the amendment 9-21": an outcome verb and its object
_VERB_OBJECT = re.compile(
    rf"\b(?:{alternation(CARRIED_VERBS)}|{alternation(REJECTED_VERBS)})\s+(?:(?:the|a|an|this|that|"
    r"its|their|our|his|her)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+|us|them|him|her|me)\s*[,:]?\s*$",
    _I,
)
# "carried 23:10": a colon split needs a verb saying how the vote went (not "by", which
# also stands before times: "finished by 14:30")
_COLON_BEFORE = re.compile(
    rf"\b(?:{_VOTE_WORDS}|{_RESULT_VERBS}|vote\s+was|result\s+was)(?:\s+by)?\s*$", _I
)
# "tied at 15 each", "a tie at 12 votes apiece": one figure for both sides
_TIED = re.compile(
    rf"\b(?:tied|a\s+tie|deadlocked|split\s+evenly|level)[,\s]+(?:at\s+|on\s+|with\s+)?{_A}\s+"
    r"(?:votes?\s+)?(?:each|all|apiece|a\s+side)\b",
    _I,
)
_DASH_AFTER = re.compile(r"^\s*(?:tie|split|vote|in\s+favour|on\s+a\s+recount|majority)\b", _I)
# "22 for", "14 votes in favour", "twenty-two members voted in favour", "4 who voted against"
_WHO_VOTED = (
    r"(?:(?:(?:NEC\s+)?members|people|colleagues|of\s+us|others)\s+)?(?:who\s+)?"
    r"(?:(?:votes?|voted|voting|were)\s+)?"
)
_FOR = rf"{_WHO_VOTED}(?:for|in\s+favour)\b"
# between the two sides: "22 for, 9 against", "4 against; 11 for", "3 against, with 28 for"
_SIDES_SEP = r"\s*(?:[,;]\s*)?(?:(?:and|with|while|whereas|but)\s+)?(?:and\s+)?"
_AGAINST = rf"{_WHO_VOTED}against\b"
_FOR_AGAINST = gated(
    _AT_FIGURE,
    rf"\b{_A}\s+{_FOR}(?:\s+(?:of\s+)?(?:it|this|that|them|the\s+\w+))?"
    rf"{_SIDES_SEP}(?P<b>{_NIL}|no)\s+{_AGAINST}{_ABST}",
    _I,
)
_AGAINST_FOR = gated(
    _AT_FIGURE,
    rf"\b(?P<b>{_NIL}|no)\s+{_AGAINST}{_SIDES_SEP}{_A}\s+{_FOR}{_ABST}",
    _I,
)
_PCT_FOR = re.compile(
    r"(?P<a>\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent)\s+(?:of\s+(?:the\s+)?(?:vote|votes|delegates)\s+)?"
    r"(?:(?:were|was|voted)\s+)?(?:in\s+favour|for|voting\s+for|supporting|in\s+support)\b",
    _I,
)
_PCT_AGAINST = re.compile(
    r"(?P<b>\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent)\s+(?:of\s+(?:the\s+)?(?:vote|votes|delegates)\s+)?"
    r"(?:(?:who|which)\s+)?(?:(?:were|was|voted|voting)\s+)?against\b",
    _I,
)
_PCT_BY = gated(
    "(?i:[acpsbedrol])",
    r"\b(?P<verb>approved|carried|passed|supported|backed|agreed|endorsed|adopted|rejected|"
    r"defeated|opposed|lost)\s+by\s+(?P<a>\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent)",
    _I,
)
_PCT_TO = re.compile(
    r"(?P<a>\d{1,3}(?:\.\d+)?)\s?%\s*(?:to|[-–—])\s*(?P<b>\d{1,3}(?:\.\d+)?)\s?%", _I
)
_PCT_CONTEXT = re.compile(
    r"\b(?:vote|voted|votes|carried|passed|defeated|rejected|card|approved|backed|supported|"
    r"endorsed|adopted|agreed|opposed|lost|won)\b",
    _I,
)

_UNANIMOUS = re.compile(
    r"\bunanimous(?:ly)?\b|\bnem\.?\s*con\b|\bwithout\s+(?:any\s+)?(?:dissent|opposition|"
    r"a\s+(?:single\s+)?(?:vote|voice)\s+against)\b|\bwith\s+no(?:\s+one)?\s+(?:votes?\s+)?"
    r"(?:against|dissenting|opposed)\b|\bno(?:\s+one|body)\s+voted\s+against\b",
    _I,
)
_NEGATED = re.compile(
    r"\b(?:not|n[’']t|never|no|unable\s+to|failed\s+to|fail\s+to|if|whether|unless|lack\s+of|"
    r"short\s+of|hardly|far\s+from)\b[^.;:,]{0,30}$",
    _I,
)

_CARRIED = phrase_re(CARRIED_VERBS)
_REJECTED = phrase_re(REJECTED_VERBS)
_CONFERENCE = re.compile(
    r"\bby\s+(?:the\s+)?(?:annual\s+|party\s+|labour\s+)?conference\b|"
    r"\bconference\s+(?:voted|agreed|approved|rejected|passed|carried|delegates)\b|\bcard\s+vote\b",
    _I,
)


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    t = s.strip().lower()
    if t in _NIL_SET:
        return 0
    if t.isdigit():
        return int(t)
    v = words_value(t.replace("-", " "))
    return int(v) if v is not None else None


def _relative(numbers: list[Number], offset: int) -> list[Number]:
    """``numbers`` with offsets into the sentence starting at ``offset``."""
    from dataclasses import replace

    return [
        replace(n, start=n.start - offset, end=n.end - offset, hedge_start=n.hedge_start - offset)
        for n in numbers
    ]


def _outcome_before(segment: str) -> str | None:
    """The outcome the last verb in ``segment`` gives: carried, rejected, or None."""
    rejected = [(m.start(), m.end()) for m in _REJECTED.finditer(segment)]
    best: tuple[int, str] | None = None
    for m in _CARRIED.finditer(segment):
        if any(s <= m.start() < e for s, e in rejected):
            continue
        best = (m.start(), "carried") if best is None or m.start() > best[0] else best
    for s, _e in rejected:
        if best is None or s > best[0]:
            best = (s, "rejected")
    return best[1] if best else None


def _own_clause(after: str, tie: bool) -> str:
    """The words after a split that still speak about it: up to a subordinate clause
    about another event and, after a tie, up to the recount."""
    after = clauses.after(after, "subordinate")
    return clauses.after(after, "recount") if tie else after


def _orient(
    a: float, b: float, explicit: bool, outcome: str | None
) -> tuple[float, float, str | None]:
    """(for, against, outcome) of a split written as ``a`` then ``b``."""
    if explicit:
        if outcome is None and a != b:
            outcome = "carried" if a > b else "rejected"
        return a, b, outcome
    if a == b:
        return a, b, outcome
    hi, lo = max(a, b), min(a, b)
    if outcome == "rejected":
        return lo, hi, outcome
    if outcome == "carried":
        return hi, lo, outcome
    return a, b, ("carried" if a > b else "rejected")


# Every split names its first figure in digits or as a number word: a sentence without
# one cannot hold a split, and most sentences of a report have none.  The words each
# family of patterns needs rule out most of the rest before the patterns are tried.
_DIGIT = re.compile(r"\d")
# lower-case words the families need (text.Needles): a vote word of _WORD_TO; for _TO a
# vote word before (_TO_BEFORE) or a side after (_TO_AFTER)
_AUXILIARIES = frozenset(("did", "does", "do", "was", "not"))
_VOTE_WORD = (
    # ("did not pass": "pass" is here; "did" and "was" would find most sentences)
    *(w for w in first_words(VOTE_WORDS, CARRIED_VERBS, REJECTED_VERBS) if w not in _AUXILIARIES),
    *("pass", "split", "margin", "majority"),
    # result verbs a written split follows (_RESULT_VERBS) and ties (_TIED)
    *("fell", "turned", "tied", "tie", "noted", "went", "thrown", "level", "deadlock"),
)
_SIDE = ("vot", "favour", "against")
_FOR_WORD = re.compile(r"\bfor\b")
_PER_CENT = re.compile(r"per\s?cent")  # for the _PCT patterns, with "%"
# for _DASH: a vote word before (_DASH_BEFORE) or a word after (_DASH_AFTER)
_DASH_WORDS = ("ended", "result", "by", "tie", "favour", "recount")
_NUMBER_WORDS = (*_SMALL.split("|"), *_TENS.split("|"))


# --- splits from pairs of counts, each with its side ------------------------------------
# A count of votes names its side after it ("20 in support", "11 opposed", "19 NEC
# members voted to ban", "two abstentions") or as a label before it ("For: 20",
# "against 17 for X"); two counts with opposite sides in one sentence are one split,
# however many clauses lie between ("20 voted in favour ... and 11 against").
_SIDE_AFTER = re.compile(  # matched at a count's end (match anchors there)
    rf"\s*(?:(?:{alternation(VOTERS)})\s+)?(?:(?:who\s+)?(?:{alternation(VOTE_WORDS)}|were|was)\s+)?"
    rf"(?:(?P<abst>{alternation(ABSTAIN_SIDE)})|(?P<against>{alternation(AGAINST_SIDE)})|"
    rf"(?P<for>{alternation(FOR_SIDE)})|(?P<to>(?<=vote\s)to|(?<=voted\s)to)\s+[a-z]+)\b",
    _I,
)
_SIDE_BEFORE = re.compile(
    rf"(?:^|[\s,;(])(?:(?P<abst>{alternation(ABSTAIN_SIDE)})|(?P<against>{alternation(AGAINST_SIDE)})|"
    rf"(?P<for>{alternation(FOR_SIDE)}))\s*[:=–—-]?\s*(?:(?:a|with)\s+)?$",
    _I,
)
_VOTES_NOUN = re.compile(r"\s*votes?\b", _I)
# A pair needs a for or against word by one of its counts: substrings of FOR_SIDE and
# AGAINST_SIDE words, a quick test before the counts are read.
_PAIR_NEEDLES = (
    "for",
    "favo",
    "support",
    "against",
    "oppos",
    "back",
    "yes",
    "aye",
    "nay",
    "pro",
    "noes",
)
#: The most votes a pair may count: a division of the House of Commons (650 members).
MAX_PAIR_VOTES = 650


def _side_of(sent: str, n: Number, lo: int) -> tuple[str | None, int]:
    """The side a count's own words give ("for", "against", "abst") and where they end."""
    before = _SIDE_BEFORE.search(sent[lo : n.hedge_start])
    if before and before.end() == n.hedge_start - lo:
        # a label just before the count wins: "against 17 for Andi Fox"
        return next(k for k in ("abst", "against", "for") if before.group(k)), n.end
    after = _SIDE_AFTER.match(sent, n.end)
    if after:
        side = next(k for k in ("abst", "against", "for", "to") if after.group(k))
        return ("for" if side == "to" else side), after.end()
    return None, n.end


def _pair_splits(
    sent: str, numbers: list[Number]
) -> list[tuple[int, int, float, float, int | None, bool, str]]:
    """Splits from counts whose sides are written beside them (offsets in ``sent``)."""
    sided: list[tuple[Number, str | None, int]] = []
    lo = 0
    for n in numbers:
        if n.kind != "count" or n.value != int(n.value) or n.value > MAX_PAIR_VOTES:
            lo = n.end
            continue
        side, end = _side_of(sent, n, lo)
        if side is None and not _VOTES_NOUN.match(sent, n.end):
            lo = n.end
            continue
        sided.append((n, side, end))
        lo = end
    out = []
    i = 0
    while i + 1 < len(sided):
        (a, sa, _), (b, sb, end) = sided[i], sided[i + 1]
        sides = {sa, sb}
        if sides in ({"for", "against"}, {"for", None}, {"against", None}) and sa != sb:
            first, second = (a, b) if (sa == "for" or sb == "against") else (b, a)
            abst = None
            if i + 2 < len(sided) and sided[i + 2][1] == "abst":
                abst, end = int(sided[i + 2][0].value), sided[i + 2][2]
                i += 1
            out.append((a.start, end, first.value, second.value, abst, True, "votes"))
            i += 2
        else:
            i += 1
    return out


class Split(NamedTuple):
    """A split found in one sentence: offsets in it, the two figures as written (``a``
    first), abstentions, whether sides are named, and the unit."""

    start: int
    end: int
    a: float
    b: float
    abst: int | None
    explicit: bool
    unit: str


@dataclass(slots=True)
class _Sent:
    """One sentence being read for splits, with what the pre-filters found in it."""

    text: str
    parsed: Parsed
    s: Sentence
    needles: Needles
    vote_word: bool
    found: list[Split] = field(default_factory=list)

    def free(self, a: int, b: int) -> bool:
        return all(b <= f.start or a >= f.end for f in self.found)

    def add(self, split: Split) -> None:
        if self.free(split.start, split.end):
            self.found.append(split)

    def next_text(self) -> str | None:
        nxt = self.parsed.following(self.s)
        return self.parsed.text[nxt.start : nxt.end] if nxt is not None else None


def _worded(c: _Sent) -> None:
    """ "22 for and 9 against", "9 against, 22 for", "by 22 votes to 9", "passed 19 to 11"."""
    has = c.needles.any
    sides = has("against")
    for rx, explicit, needed in (
        (_FOR_AGAINST, True, sides),
        (_AGAINST_FOR, True, sides),
        (_VOTES_TO, False, has("vote")),
        (_WORD_TO, False, has("to") and c.vote_word),
    ):
        for m in rx.finditer(c.text) if needed else ():
            first, second = _num(m.group("a")), _num(m.group("b"))
            if first is not None and second is not None:
                start = m.start("a") if rx is not _AGAINST_FOR else m.start("b")
                c.add(Split(start, m.end(), first, second, _num(m.group("c")), explicit, "votes"))


def _dashed(c: _Sent) -> None:
    """ "22-15", "23:10" beside a vote word, an outcome verb and its object, or a side."""
    sent = c.text
    if not (any(ch in sent for ch in "-–—:") and (c.vote_word or c.needles.any(*_DASH_WORDS))):
        return
    for m in _DASH.finditer(sent):
        before, after = sent[: m.start()], sent[m.end("b") :]
        if m.group("sep") == ":":
            if not _COLON_BEFORE.search(before) or re.fullmatch(r"0\d", m.group("b")):
                continue
        elif not (
            _DASH_BEFORE.search(before) or _DASH_AFTER.match(after) or _VERB_OBJECT.search(before)
        ):
            continue
        if re.search(r"\bfrom\s*$", before, _I):
            continue  # "from 21-23 July", "from 2015-2019"
        noun = re.match(r"^\s*([a-z]+)", after)
        if noun and noun.group(1) not in _AFTER_A_SPLIT:
            continue  # "by 5-10 minutes", "2-3 candidates": a range of something
        a, b = int(m.group("a")), int(m.group("b"))
        c.add(Split(m.start(), m.end(), a, b, _num(m.group("c")), False, "votes"))


def _tied(c: _Sent) -> None:
    """ "tied at 15 each", "a tie at 12 votes apiece"."""
    if not c.needles.any("tie", "deadlock", "evenly", "level"):
        return
    for m in _TIED.finditer(c.text):
        tie = _num(m.group("a"))
        if tie is not None:
            c.add(Split(m.start("a"), m.end(), tie, tie, None, False, "votes"))


def _to(c: _Sent) -> None:
    """ "the vote in the committee was 11 to 7", "11 to 7 in favour"."""
    has = c.needles.any
    if not (has("to") and (has(*_SIDE) or c.needles.search(_FOR_WORD))):
        return
    for m in _TO.finditer(c.text):
        before, after = c.text[: m.start()], c.text[m.end("b") :]
        if re.search(r"\bfrom\s*$", before, _I):
            continue
        if not (_TO_BEFORE.search(before) or _TO_AFTER.match(after)):
            continue
        first, second = _num(m.group("a")), _num(m.group("b"))
        if first is not None and second is not None:
            c.add(Split(m.start(), m.end(), first, second, _num(m.group("c")), False, "votes"))


def _percent_other_side(c: _Sent, at: int, *patterns: re.Pattern[str]) -> re.Match[str] | None:
    """The other side's share, later in the sentence or in the next one."""
    for text, pos in ((c.text, at), (c.next_text(), 0)):
        for rx in patterns:
            m = rx.search(text, pos) if text is not None else None
            if m:
                return m
    return None


def _card_votes(c: _Sent) -> None:
    """Conference card votes in percent: "74% in favour" ... "the 26% who voted against",
    "approved by 62.9%" with the rest named, "43% to 57%"."""
    sent = c.text
    if not ("%" in sent or (c.needles.any("cent") and c.needles.search(_PER_CENT))):
        return
    for m in _PCT_FOR.finditer(sent):
        against = _percent_other_side(c, m.end(), _PCT_AGAINST)
        if against is not None and c.free(m.start(), m.end()):
            a, b = float(m.group("a")), float(against.group("b"))
            c.add(Split(m.start(), m.end(), a, b, None, True, "percent"))
    for m in _PCT_BY.finditer(sent):
        other = _percent_other_side(c, m.end(), _PCT_AGAINST, _PCT_FOR)
        if other is None or not c.free(m.start("a"), m.end()):
            continue
        share, rest = float(m.group("a")), float(other.group(other.lastgroup or "b"))
        if _REJECTED.search(m.group("verb")) or re.match(r"opposed", m.group("verb"), _I):
            share, rest = rest, share
        c.add(Split(m.start("a"), m.end(), share, rest, None, True, "percent"))
    for m in _PCT_TO.finditer(sent):
        a, b = float(m.group("a")), float(m.group("b"))
        if not 90 <= a + b <= 100.5:
            continue  # "2% – 4%": a range of shares, not the two sides of a vote
        if _PCT_CONTEXT.search(sent):
            c.add(Split(m.start(), m.end(), a, b, None, False, "percent"))


def _paired(c: _Sent) -> None:
    """Counts whose sides are written beside them, across clauses (_pair_splits)."""
    numbers = c.parsed.numbers_in(c.s)
    if sum(n.kind == "count" for n in numbers) < 2 or not c.needles.any(*_PAIR_NEEDLES):
        return  # a pair needs two counts and a side or vote word
    for pair in _pair_splits(c.text, _relative(numbers, c.s.start)):
        c.add(Split(*pair))


#: The families of written splits, tried in this order (an earlier family's match wins
#: where two overlap).
FAMILIES = (_worded, _dashed, _tied, _to, _card_votes, _paired)


def _splits(
    text: str, s: Sentence, parsed: Parsed, needles: Needles | None = None
) -> list[tuple[int, int, dict[str, object]]]:
    sent = text[s.start : s.end]
    needles = needles or Needles(sent)
    if not (_DIGIT.search(sent) or parsed.holds(s, _NUMBER_WORDS)):
        return []
    c = _Sent(sent, parsed, s, needles, parsed.holds(s, _VOTE_WORD))
    has = needles.any
    if not (
        c.vote_word
        or has("against")
        or (has("to") and (has(*_SIDE) or needles.search(_FOR_WORD)))
        or (any(ch in sent for ch in "-–—:") and has(*_DASH_WORDS))
        or "%" in sent
        or (has("cent") and needles.search(_PER_CENT))
    ):
        _paired(c)  # the other families need one of those words
    else:
        for family in FAMILIES:
            family(c)
    found = sorted(c.found)
    if len(found) == 1 and found[0].abst is None and found[0].unit == "votes":
        abst = _ABSTENTIONS.search(sent)
        if abst:
            found[0] = found[0]._replace(abst=_num(abst.group("c")))
    return _oriented(found, sent, s.start)


def _oriented(
    found: list[Split], sent: str, offset: int
) -> list[tuple[int, int, dict[str, object]]]:
    """Each split with its sides and outcome, from the verbs of its own clause."""
    out: list[tuple[int, int, dict[str, object]]] = []
    if not found:
        return out
    prev_end = 0
    conference = bool(_CONFERENCE.search(sent))
    for f in found:
        later = [g.start for g in found if g.start > f.start]
        after = _own_clause(sent[f.end : later[0] if later else len(sent)], tie=f.a == f.b)
        if f.a == f.b:
            # a tie is decided by what follows it ("tied 17-17 and fell on the chair's
            # casting vote"), not by the verb that introduced the vote
            outcome = _outcome_before(after)
        else:
            side = None if f.explicit else _SIDE_OF_MAJORITY.match(after)
            outcome = (
                ("rejected" if side.group(1).lower() == "against" else "carried")
                if side
                else _outcome_before(sent[prev_end : f.start]) or _outcome_before(after)
            )  # "voted by 14 to 9 against the proposal": the majority's side
        vf, va, outcome = _orient(f.a, f.b, f.explicit, outcome)
        prev_end = f.end
        fields: dict[str, object] = {
            "votes_for": vf,
            "votes_against": va,
            "abstentions": f.abst,
            "unit": f.unit,
            "outcome": outcome,
            # "27 votes to nil", "27 in favour, none against and one abstention"
            "unanimous": bool(f.unit == "votes" and min(vf, va) == 0 and max(vf, va) > 0),
            "conference": conference or f.unit == "percent",
        }
        out.append((offset + f.start, offset + f.end, fields))
    return out


_UNANIMOUS_WORDS = ("unanim", "nem", "with", "voted")  # _UNANIMOUS needs one


def _unanimous(text: str, s: Sentence) -> list[tuple[int, int, dict[str, object]]]:
    sent = text[s.start : s.end]
    out: list[tuple[int, int, dict[str, object]]] = []
    if not Needles(sent).any(*_UNANIMOUS_WORDS):
        return out
    for m in _UNANIMOUS.finditer(sent):
        before = sent[: m.start()]
        if _NEGATED.search(before) and not m.group(0).lower().startswith(("without", "with no")):
            continue
        decided = _CARRIED.search(sent) or re.search(r"\bvote[ds]?\b", sent, _I)
        rejected = _REJECTED.search(sent[max(0, m.start() - 60) : m.end() + 60])
        outcome = "rejected" if rejected and not decided else ("carried" if decided else None)
        out.append(
            (
                s.start + m.start(),
                s.start + m.end(),
                {
                    "votes_for": None,
                    "votes_against": None,
                    "abstentions": None,
                    "unit": "votes",
                    "outcome": outcome,
                    "unanimous": True,
                    "conference": bool(_CONFERENCE.search(sent)),
                },
            )
        )
    return out[:1]


#: The longest motion kept, in characters (cut at a word boundary).
MOTION_MAX = 160
# Verbs a report uses for deciding: a subject before them ("The paper on X was agreed",
# "An amendment to Y fell") names what was voted on.
_DECIDED = (
    r"(?:passed|carried|approved|agreed|adopted|endorsed|accepted|noted|defeated|rejected|lost|"
    r"won|tied|fell|failed|turned\s+down|voted\s+down|put|taken|supported|backed|opposed|"
    r"overturned|ratified|upheld|referred\s+back|went\s+through|did\s+not\s+(?:pass|carry)|"
    r"voted\s+on|thrown\s+out|"
    r"was\s+not\s+(?:carried|passed|agreed))"
)
_SUBJECT_END = re.compile(
    rf"\s+(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:then\s+|also\s+|"
    rf"finally\s+|narrowly\s+|eventually\s+|overwhelmingly\s+|comfortably\s+|easily\s+|"
    rf"duly\s+|formally\s+|subsequently\s+|unanimously\s+)*{_DECIDED}|"
    rf"(?:then\s+|narrowly\s+|duly\s+)?(?:fell|passed|failed|tied|went\s+through|did\s+not\s+"
    rf"(?:pass|carry)))\b",
    _I,
)
# A body or person deciding, then what it decided: "The NEC voted 18-12 to ask ...",
# "The committee approved the procedures for ...", "by agreeing a new Code of Conduct".
_ACTIVE_END = re.compile(
    r"\b(?:voted|agreed|decided|resolved|approved|approving|adopted|adopting|endorsed|"
    r"endorsing|accepted|accepting|agreeing|backed|supported|rejected|rejecting|passed|"
    r"unanimously|overwhelmingly)(?:[\s,]+(?:by|with|to))?\s*$",
    _I,
)
_OBJECT = re.compile(
    r"\b(?:approved|approving|adopted|adopting|endorsed|endorsing|accepted|accepting|agreed|"
    r"agreeing|backed|supported|rejected|rejecting|passed|ratified|noted)\s+"
    r"(?P<obj>(?:the|a|an|its|our|their|new|this|these)\b.*)$",
    _I,
)
_TO_CLAUSE = re.compile(
    r"^[\s,]*(?:(?:unanimously|overwhelmingly|in\s+favour|at\s+the\s+end)\s+)?"
    r"(?P<what>(?:to|that)\s+\S.*)",
    _I,
)
_OBJECT_AFTER = re.compile(
    r"^\s*(?:approved|agreed|adopted|endorsed|accepted|backed|supported|rejected|passed|"
    r"ratified|carried|elected)\s+(?P<obj>(?!by\b|with\b|to\b)\S.*)",
    _I,
)
_ON_OPENING = re.compile(
    r"^\W*(?:(?:However|Then|Finally|Later|And|But|Also|Next),?\s+)?On\s+"
    r"(?P<what>(?:the|a|an|this|that|our|my|his|her|their)\s+[^,;]{3,}?),",
    _I,
)
# Subjects that only point back to what was voted on: take the sentence (or clause) before.
_POINTER = re.compile(
    r"^(?:this|that|it|which|these|those|they|both|all|both\s+of\s+them|all\s+of\s+them|"
    r"(?:this|that|these|those)\s+(?:[\w-]+\s+){0,2}[\w-]+)$",
    _I,
)
# Subjects naming a motion only generically ("The amended paper"): kept when nothing better.
_GENERIC = re.compile(
    r"^the\s+(?:amended\s+|main\s+|substantive\s+|original\s+|revised\s+)?(?:motion|amendment|"
    r"proposal|paper|vote|rule\s+change|report|recommendations?|proposals|amendments|motions|"
    r"papers)(?:\s+itself)?$",
    _I,
)
_FIRST_PERSON = re.compile(r"^(?:I|we)\b", _I)
_LEADING = re.compile(
    r"^(?:[\s,;:–—*·•-]|o(?=\s)|(?i:\b(?:and|but|while|whereas|however|unfortunately|then|so|"
    r"also|finally|only|in\s+the\s+end|on\s+a\s+recount|after\s+that)\b,?))+"
)
_TRAILING = re.compile(r"(?:[\s,;:.–—-]|\b(?:by|with|at|but|and|while|whereas)\b)+$", _I)
# Clause-level conjunctions: "X wanted to defer it but that was defeated", "..., and this
# was agreed"; a bare "and" inside a subject ("the report and the response") is not one.
_CONJUNCTION = re.compile(r",\s*(?:and|so)\b|\b(?:but|while|whereas|and\s+then)\b", _I)
_NEW_SUBJECT = re.compile(r"^(?:this|that|it|which|these|those|they|the|a|an|[A-Z])\b")
# A verb after the vote word ("The NEC unanimously agreed to publish ...", "we unanimously
# approved new structures ...", "a unanimous vote to require ...")
_VERB_AFTER = re.compile(
    r"^\s*(?:agreed|voted|decided|resolved|vote|decision|agreement)\b(?:\s+(?:for|on))?", _I
)


def _short(phrase: str) -> str:
    """``phrase`` tidied and cut to :data:`MOTION_MAX` characters at a word boundary."""
    phrase = re.sub(r"\s+", " ", _LEADING.sub("", phrase.strip()))
    phrase = re.sub(r"(?<=\w)\s+(?:which|that|who)$", "", _TRAILING.sub("", phrase))
    if len(phrase) > MOTION_MAX:
        cut = phrase[: MOTION_MAX + 1]
        phrase = cut[: cut.rfind(" ")] if " " in cut else cut[:MOTION_MAX]
        phrase = _TRAILING.sub("", phrase)
    return phrase


def _first_clause(what: str) -> str:
    return clauses.after(what, "motion")


def _to_clause(tail: str) -> str | None:
    """ "to ask the procedures committee to draft a code", up to a clause break."""
    m = _TO_CLAUSE.match(tail)
    if not m:
        return None
    what = _first_clause(m.group("what"))
    return what if len(what.split()) >= 3 else None


def _motion(parsed: Parsed, s: Sentence, start: int, end: int, lo: int, earlier: str | None) -> str:
    """What was voted on, in a short phrase: the subject of the sentence ("An amendment
    from X to Y was defeated ..."), an opening "On the proposal to ...,", what a body
    agreed ("The NEC voted 18-12 to ask ..."), or, when the sentence only gives the result
    ("This was carried by 20 votes to 11.", "Passed nem con."), the sentence before.
    ``lo`` is where the vote's own clause starts (after an earlier vote in the sentence,
    whose motion is ``earlier``)."""
    text = parsed.text
    clause_start = max(lo, text.rfind(";", s.start, start) + 1)
    head = text[clause_start:start]
    stop = text.find(";", end, s.end)
    tail = text[end : stop if stop >= 0 else s.end]
    prev = parsed.previous(s)
    before = _short(prev.text) if prev is not None else ""
    on = _ON_OPENING.match(head) or _ON_OPENING.match(text[s.start : start])
    if on:
        return _short(on.group("what"))
    # a body deciding: what it decided follows the vote
    verb = _VERB_AFTER.match(tail)
    if _ACTIVE_END.search(head) or verb:
        rest = tail[verb.end() :] if verb else tail
        what = _to_clause(rest)
        if what:
            return _short(what)
        obj = _OBJECT_AFTER.match(tail)
        if obj:
            return _short(_first_clause(obj.group("obj")))
    obj = _OBJECT_AFTER.match(tail)
    if obj and not _SUBJECT_END.search(head):
        return _short(_first_clause(obj.group("obj")))  # "we unanimously approved new ..."
    obj_m = _OBJECT.search(head)
    if obj_m and not _SUBJECT_END.search(head[: obj_m.start() + 1]):
        what = _short(_first_clause(obj_m.group("obj")))
        if len(what.split()) >= 2:
            return what  # "The committee approved the procedures for ... by 10 votes to 4"
    subj = _SUBJECT_END.search(head)
    if subj:
        whole = head[: subj.start()]
        # the subject after the last conjunction: "Colleagues wanted X but that was defeated"
        parts = _CONJUNCTION.split(whole)
        np = _short(parts[-1])
        if np and len(parts) > 1 and not _NEW_SUBJECT.match(np):
            parts, np = [whole], _short(whole)  # "to limit X, and not allow Y": one subject
        if not np and earlier:
            return earlier  # "ended in a 15-15 tie but then was defeated 16-14"
        if np and _POINTER.match(np):
            what = _to_clause(tail)
            if what:
                return _short(what)  # "it was agreed unanimously to hold the meeting in May"
            sooner = _short(text[s.start : clause_start] + whole[: len(whole) - len(parts[-1])])
            if len(sooner.split()) >= 4:
                return sooner
            return before or np
        if np:
            return np
    plain = _short(head)
    words = re.findall(r"[A-Za-z]+", plain)
    short_first_person = _FIRST_PERSON.match(plain) and len(words) < 8
    if before and (len(words) < 4 or short_first_person or _POINTER.match(plain)):
        return before  # "Passed by 16 votes to 11.", "I was one of 4 who voted against"
    return plain or before


_FIGURE_WORDS = leading_words([*_SMALL.split("|"), *_TENS.split("|")])
_WITH_NO = re.compile(r"with\s+no")


def _maybe_votes(parsed: Parsed) -> list[Sentence]:
    """The sentences that may state a split (they have a figure, see _splits) or a
    unanimous decision (a word _UNANIMOUS needs): most have neither, and they are found
    with substring searches over the whole text instead of patterns in each sentence."""
    scan = parsed.scan
    low = scan.low
    if low is None:
        return parsed.sentences
    at = list(scan.digit_runs())
    for w in (*_FIGURE_WORDS, "unanim", "nem", "without", "voted"):
        at.extend(scan.occurrences(w))
    at.extend(q for q in scan.occurrences("with") if _WITH_NO.match(low, q))
    return parsed.sentences_at(at)


# "For: 20", "Against – 11", "Abstentions: 2": a side's label and its count, alone in a
# short line or sentence; consecutive labels are one split.
_LABEL = re.compile(
    rf"^\W*(?:(?P<abst>{alternation(ABSTAIN_SIDE)})|(?P<against>{alternation(AGAINST_SIDE)})|"
    rf"(?P<for>{alternation(FOR_SIDE)}))\s*(?:[:=–—-]\s*|\s)(?P<n>{_NIL})(?:\s+votes?)?\W*$",
    _I,
)


# Where a label line may start: a side word and a separator ("For: 20", "In favour –
# 14"), or a line "For 12": plain substring tests on the lower-cased text, then a pattern.
_LABEL_STARTS = ("for:", "for :", "for –", "for -", "for—", "favour:", "favour –", "yes:", "ayes:")
_LABEL_LINE = re.compile(r"(?=[fF])(?i:for)\s+\d")


def _may_have_labels(text: str) -> bool:
    low = text.lower()
    if any(k in low for k in _LABEL_STARTS):
        return True
    for m in _LABEL_LINE.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()].rstrip(" \t*•-")
        if not before or before[-1] in "\n.!?":
            return True  # "For 12" opening a line or a sentence
    return False


def _label_splits(parsed: Parsed) -> list[Hit]:
    """Splits written as label lines ("For: 20." "Against: 11." "Abstentions: 1.")."""
    hits: list[Hit] = []
    run: list[tuple[Sentence, re.Match[str]]] = []
    for s in [*parsed.sentences, None]:
        m = _LABEL.match(s.text) if s is not None and len(s.text) <= 40 else None
        if s is not None and m is not None:
            run.append((s, m))
            continue
        hit = _label_run(parsed, run)
        if hit is not None:
            hits.append(hit)
        run = []
    return hits


def _label_run(parsed: Parsed, run: list[tuple[Sentence, re.Match[str]]]) -> Hit | None:
    """One split from consecutive label lines, if they name both sides."""
    side: dict[str, tuple[Sentence, re.Match[str]]] = {}
    for ls, lm in run:
        side.setdefault(next(k for k in ("abst", "against", "for") if lm.group(k)), (ls, lm))
    if "for" not in side or "against" not in side:
        return None
    vf, va = (_num(side[k][1].group("n")) for k in ("for", "against"))
    if vf is None or va is None:
        return None
    abst = _num(side["abst"][1].group("n")) if "abst" in side else None
    first, last = run[0][0], run[-1][0]
    whole = Sentence(first.start, last.end, parsed.text[first.start : last.end])
    fs, fm = side["for"]
    start, end = fs.start + fm.start("n"), fs.start + fm.end("n")
    split = Split(start - whole.start, end - whole.start, vf, va, abst, True, "votes")
    ((_, _, fields),) = _oriented([split], whole.text, whole.start)
    fields["motion"] = _motion(parsed, first, start, end, first.start, None)
    return Hit(start, end, whole, fields)


def find(text: str, parsed: Parsed | None = None) -> list[Hit]:
    """Vote splits and unanimous decisions stated in ``text``, in order."""
    parsed = parsed or parse(text)
    hits: list[Hit] = _label_splits(parsed) if _may_have_labels(text) else []
    odd = odd_case(text)
    for s in _maybe_votes(parsed):
        needles = Needles(text[s.start : s.end], odd)
        splits = _splits(text, s, parsed, needles)
        found = list(splits)
        if not any(f[2]["unanimous"] for f in splits):
            found.extend(_unanimous(text, s))
        lo, earlier = s.start, None
        for start, end, fields in sorted(found, key=lambda f: f[0]):
            fields = dict(fields)
            fields["motion"] = earlier = _motion(parsed, s, start, end, lo, earlier)
            hits.append(Hit(start, end, s, fields))
            lo = end
    return sorted(hits, key=lambda h: h.start)


def flag(fields: dict[str, object], body: str) -> str | None:
    """Why a split cannot be right, or None: more votes than the NEC (or one of its
    committees) has members, or percentages adding up to more than 100."""
    parts = [fields.get(k) for k in ("votes_for", "votes_against", "abstentions")]
    total = sum(float(p) for p in parts if isinstance(p, (int, float)))
    if fields.get("unit") == "percent":
        return "implausible_total" if total > 100.5 else None
    if body != "conference" and total > MAX_NEC_VOTES:
        return "implausible_total"
    return None
