"""The words NEC reports use for votes, membership and money, written once, as data.

Each class is a tuple of phrases (lower-case; a space matches any run of white space).
Extractors compile their patterns and pre-filters from these classes with
:func:`alternation`, :func:`phrase_re` and :func:`first_words`, so a word is added to the
rules in one place.
"""

from __future__ import annotations

import re
from functools import cache

# --- votes ------------------------------------------------------------------------------

#: Words that say a vote was taken.
VOTE_WORDS = ("vote", "votes", "voted", "voting", "ballot", "show of hands", "division")
#: Outcome verbs by polarity: how the question put went.
CARRIED_VERBS = (
    "carried", "carry", "carries", "passed", "passing", "passes", "pass", "agreed", "agreeing",
    "agree", "approved", "approving", "adopted", "endorsed", "accepted", "backed", "supported",
    "won", "elected", "upheld", "confirmed", "ratified", "went through", "noted", "noting",
    "secured", "voted through",
)  # fmt: skip
# "losing" is left out: "with the left losing a vote 17-15" names a side that lost, not
# how the question put went.
REJECTED_VERBS = (
    "rejected", "rejecting", "defeated", "lost", "lose", "loses", "fell", "failed",
    "turned down", "voted down", "thrown out", "blocked", "overturned", "rebuffed",
    "went against",
    "did not pass", "does not pass", "do not pass", "did not carry", "does not carry",
    "did not get through", "was not carried", "was not passed", "was not agreed",
    "not carried", "not passed", "not agreed",
)  # fmt: skip
#: Side words written after (or as a label before) a count of votes.
FOR_SIDE = (
    "for", "in favour", "in support", "supporting", "in favor", "yes", "aye", "ayes",
    "voted for", "voted in favour", "voted in support", "backing", "pro", "supported",
    "backed", "support of", "the support of", "backing of", "the backing of",
)  # fmt: skip
AGAINST_SIDE = (
    "against", "opposed", "opposing", "voted against", "no", "noes", "nays", "voted no",
    "in opposition",
)  # fmt: skip
ABSTAIN_SIDE = ("abstained", "abstaining", "abstention", "abstentions", "abstain", "abstainers")
#: Words for "no votes at all" on one side.
NIL_WORDS = ("nil", "none", "nobody", "no one", "zero")
#: Who may stand between a count and its side ("20 NEC members voted in favour").
VOTERS = ("nec members", "members", "people", "colleagues", "of us", "others", "votes", "vote")

# --- membership -------------------------------------------------------------------------

#: Nouns (written after a count) and the measure they count (SCHEMA.md ``measure``).
MEMBER_NOUNS: dict[str, tuple[str, ...]] = {
    "members": ("members", "individual members", "party members", "labour members"),
    "paid_up": (
        "fully paid members", "fully paid up members", "fully paid-up members",
        "paid up members", "paid-up members", "paying members", "members in good standing",
        "members up to date with their payments", "fully-paid members",
    ),
    "arrears": ("members in arrears", "lapsed but not removed", "members in lapse"),
    "eligible": ("eligible members", "members eligible to vote", "eligible voters"),
    "joined": ("new members", "joiners", "new joiners", "recruits", "new recruits", "sign-ups"),
    "left": ("leavers", "resignations", "lapsed members", "former members"),
    "other": (
        "registered supporters", "affiliated supporters", "supporters", "youth members",
        "young members", "student members", "suspensions", "suspended members", "expulsions",
        "levy-payers", "levy payers", "levy paying members", "affiliated members",
        "auto-exclusions",
    ),
}  # fmt: skip
#: Predicates written after a count of members (or of "people"): "N are in arrears".
MEMBER_STATES: dict[str, tuple[str, ...]] = {
    "arrears": (
        "in arrears", "fallen behind", "having fallen behind", "behind with their payments",
        "behind with their subs", "behind on their payments", "behind on their subs",
        "lapsed but not removed", "months in arrears", "not paid their subs",
        "not paid their subscriptions", "yet to pay", "not paid their dues",
    ),
    "paid_up": ("paid up", "fully paid", "in good standing", "up to date with their payments"),
    "eligible": ("eligible to vote", "eligible", "casting", "balloted"),
    "other": ("suspended", "expelled", "auto-excluded", "excluded"),
    "members": ("members of the party", "members of labour", "labour members", "party members"),
}  # fmt: skip
#: Nouns naming the membership as a whole: a frame "<noun> ... <verb> N".
MEMBERSHIP_FRAMES: dict[str, tuple[str, ...]] = {
    "members": (
        "membership", "membership numbers", "membership figures", "number of members",
        "members", "party membership", "individual membership", "numbers",
    ),
    "paid_up": (
        "fully paid", "paid up", "paid-up", "up to date with their payments",
        "in good standing", "paying",
    ),
    "arrears": ("in arrears", "arrears", "fallen behind"),
    "joined": ("new members", "joiners", "new joiners", "recruits", "new recruits"),
    "other": (
        "youth membership", "young members", "registered supporters", "affiliated supporters",
        "scottish labour", "welsh labour", "levy-payers", "suspensions",
    ),
}  # fmt: skip
#: Verbs (and prepositions) that link a membership frame to its figure.
FRAME_LINKS = (
    "is", "was", "are", "were", "stands at", "stood at", "standing at", "reached", "reaches",
    "totals", "totalled", "total", "of", "at", "to", "has", "had", "number", "numbers",
    "numbered",
    "continues to be", "continued to be", "remains", "remained", "remains at", "is now",
    "was now", "now", "dropped to", "dropped below", "fallen to", "fallen below", "fell to",
    "fell below", "down to", "up to", "risen to", "rose to", "grown to", "grew to",
    "climbed to", "increased to", "decreased to", "declined to", "slumped to", "been at",
    "having been at", "peaked at", "a peak of", "peak of", "from", "down from", "up from",
    "compared with", "compared to", "of around", "sits at", "sat at", "hovering around",
    "dropped", "fallen", "fell", "below", "under", "over", "above", "as", "given as",
    "put at", "estimated at", "reported at", "reported as", "recorded at", "recorded as",
    "a record", "a record high of", "a new high of", "a high of", "a low of",
    "an all-time high of", "a new record of", "compares with", "compares to", "against",
)  # fmt: skip
#: Net falls and rises: recorded as ``left`` and ``joined`` (SCHEMA.md).
NET_FALL = (
    "down by", "a drop of", "drop of", "a fall of", "fall of", "fallen by", "fell by",
    "dropped by", "decreased by", "a loss of", "loss of", "lost", "losing", "shed",
    "a decline of", "decline of", "a reduction of", "net loss of", "a decrease of",
    "is down", "was down", "are down", "were down", "down",
)  # fmt: skip
NET_FALL_AFTER = (
    "down on", "fewer than", "fewer members than", "down since", "lower than",
    "fewer members", "members fewer",
)  # fmt: skip
NET_RISE = (
    "up by", "risen by", "rose by", "grown by", "grew by", "increased by",
    "a net increase of", "up", "risen", "grown",
)  # fmt: skip
#: Words just before a count of people who joined ("recruited 60,000", "joiners, 8,000 so
#: far", "a surge of 30,000"), read even across a comma or colon.
JOINED_BEFORE = (
    "recruited", "joiners", "new members", "surge of", "influx of", "net gain of",
    "increase of", "rise of", "growth of", "gained",
)  # fmt: skip

# --- money ------------------------------------------------------------------------------

#: Cue words by money category (SCHEMA.md ``category``), in priority order: when cues of
#: several categories sit equally near an amount, the earlier category wins.  Each cue is
#: a regular expression for one word or phrase (``donat\w*``: any word starting so).
MONEY_CUES: dict[str, tuple[str, ...]] = {
    "threshold": (
        r"cap",
        r"caps",
        r"capped",
        r"limit",
        r"limits",
        r"limited",
        r"threshold",
        r"ceiling",
        r"maximum",
        r"minimum\s+(?:donation|fee|spend|contribution)",
    ),
    "conference_income": (
        r"exhibit\w*",
        r"fringe",
        r"stalls?",
        r"sponsor\w*",
        r"commercial",
        r"business\s+forum",
        r"business\s+visitors",
        r"sales?",
        r"sold",
        r"(?:conference|delegate|visitor|exhibitor)\s+pass(?:es)?",
        r"tickets?",
        r"conference\s+income",
        r"conference\s+(?:made|generated|brought\s+in|raised)",
        r"surplus\s+(?:from|on)\s+(?:annual\s+)?conference",
    ),
    "grants": (
        r"grants?",
        r"short\s+money",
        r"cranborne",
        r"development\s+fund",
        r"policy\s+development\s+grant",
    ),
    "membership_income": (
        r"subscriptions?",
        r"subs",
        r"membership\s+(?:fees?|income|rates?)",
        r"fees?",
        r"dues",
        r"affiliat(?!ed\b)\w*",
        r"a\s+throw",
        r"per\s+member",
        r"each\s+member\s+pays",
        r"pays?\s+on\s+average",
        r"registered\s+supporters?",
        r"(?:standard|reduced|concessionary|full|unwaged|youth)\s+rates?",
    ),
    "other": (
        r"minimum\s+wage",
        r"wages?",
        r"pay\s+rise",
        r"bills?",
        r"tax",
        r"taxes",
        r"benefits?",
        r"universal\s+credit",
        r"earn",
        r"earns",
        r"earning",
        r"households?",
        r"families",
        r"pensioners?",
        r"pensions?",
        r"an\s+hour",
        r"per\s+hour",
        r"(?:climate|green|public|capital|infrastructure|national)\s+investment",
        r"investment\s+in",
        r"national\s+wealth\s+fund",
        r"(?:labour|we|government)\s+(?:is|was|will\s+be|would\s+be|are)\s+(?:pledging|promising|committed\s+to)",
        r"deficits?",
        r"surplus(?:es)?",
        r"reserves?",
    ),
    "spending": (
        r"spend\w*",
        r"spent",
        r"costs?",
        r"costing",
        r"cost\s+in",
        r"savings?",
        r"saved",
        r"save",
        r"budgets?",
        r"cuts?",
        r"overspend",
        r"paid",
        r"pay",
        r"paying",
        r"expenditure",
        r"expenses?",
        r"reduce\w*",
        r"need\w*",
        r"invest\w*",
        r"outlay",
        r"bill",
        r"debt",
        r"loan",
        r"owed",
        r"legal\s+action",
        r"payments?\s+(?:of|to)",
        r"one-?off\s+payments?",
        r"bonus(?:es)?",
        r"redundanc\w*",
        r"salar(?:y|ies)",
    ),
    "donations": (
        r"donat\w*",
        r"donors?",
        r"rais\w*",
        r"fundrais\w*",
        r"raffles?",
        r"lotter\w*",
        r"war\s+chest",
        r"gifts?",
        r"pledge[sd]?",
        r"bequests?",
        r"legac(?:y|ies)",
        r"in\s+the\s+bank",
        r"crowdfund\w*",
        r"appeal",
        r"rose\s+network",
        r"chair[’']?s\s+circle",
        r"1000\s+club",
        r"received",
        r"given",
        r"gave",
        r"give",
        r"gives",
        r"(?:came|come|comes|coming)\s+from",
    ),
}  # fmt: skip


# --- compiling --------------------------------------------------------------------------


def _phrase(p: str) -> str:
    return r"\s+".join(re.escape(w) for w in p.split())


@cache
def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words`` (longest first, spaces as ``\\s+``), unanchored."""
    return "(?:" + "|".join(_phrase(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


@cache
def phrase_re(
    words: tuple[str, ...], *, at_start: bool = False, at_end: bool = False
) -> re.Pattern[str]:
    """``words`` as whole words, case-insensitive; anchored after leading space
    (``at_start``) or before trailing space (``at_end``)."""
    body = rf"\b{alternation(words)}\b"
    if at_start:
        body = r"^\s*" + body
    if at_end:
        body += r"\s*$"
    return re.compile(body, re.IGNORECASE)


def first_words(*classes: tuple[str, ...]) -> tuple[str, ...]:
    """The first word of every phrase in ``classes``, lower-case: a pre-filter's needles."""
    return tuple(sorted({p.split()[0].lower() for c in classes for p in c}))
