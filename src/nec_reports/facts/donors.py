"""Counts of donors and fundraising participants (people, not money).

Phrasings: "590 people in the “Rose Network”", "550 members in the Rose Network",
"115 in the Chair’s Circle", "the Rose Network now has 600 members", "2,000 regular
donors", "1,500 people now donating monthly", "3,000 lottery players".  A named scheme
counts when the sentence is about giving money or the scheme is one of Labour's donor
networks (:data:`DONOR_SCHEMES`).  Not donors: members contacted by a fundraising pilot
(SCHEMA.md leaves them out), and party membership counts.
"""

from __future__ import annotations

import re

from .common import Hit, Parsed, parse

_I = re.IGNORECASE
#: Labour's donor networks, by the names reports use.
DONOR_SCHEMES = re.compile(
    r"rose\s+network|chair[’']?s\s+circle|1000\s+club|thousand\s+club|founders[’']?\s+circle|"
    r"labour\s+business\s+forum|leader[’']?s\s+circle|red\s+rose\s+club",
    _I,
)
# A scheme's name: up to three capitalised words or figures ("1000 Club") before the noun.
_SCHEME = r"(?:[A-Z0-9][\w’'&-]*\s+){0,3}(?:Network|Circle|Club|Society|Scheme|Forum)"
_IN_SCHEME_R = re.compile(
    rf"^\s*(?:(?:people|members|donors|supporters|individuals)\s+)?(?:are\s+|were\s+|now\s+)*"
    rf"(?:in|of|belonging\s+to|signed\s+up\s+to|on)\s+(?:the\s+)?[“\"']?(?P<scheme>{_SCHEME})"
)
#: A named scheme and a verb giving its size, just before a count: "The 1000 Club now has",
#: "the Rose Network has another".
SCHEME_HAS_L = re.compile(
    rf"(?P<scheme>{_SCHEME})[”\"']?\s+(?:now\s+|currently\s+)?(?:has|had|have|of|with|numbers?|"
    r"stands\s+at|stood\s+at|reached|grew\s+to|has\s+grown\s+to)\s+"
    r"(?:(?:another|a\s+further|an\s+extra|some|around|about|over|nearly|almost)\s+)?$"
)
_SCHEME_HAS_R = re.compile(r"^\s*(?:people|members|donors|supporters)\b", _I)
_DONORS_R = re.compile(
    r"^\s*(?:(?!(?:to|from|of|for|with|by|and|or|the|a)\b)[a-z-]+\s+){0,3}"
    r"(?:donors|givers|lottery\s+players|raffle\s+players)\b"
    r"|^\s*(?:people|members|supporters)\s+(?:(?:now|are|were|have|had|who)\s+)*"
    r"(?:donat\w*|giving|given|gave|signed\s+up\s+to\s+(?:donate|give|regular\s+giving))\b",
    _I,
)
# "another 410 who each give over £2,500 a year": people who give money (the words after
# must name money or a regular gift, so "members who give their time" are not donors)
_WHO_GIVE_R = re.compile(
    r"^\s*(?:(?:people|members|supporters|individuals|others)\s+(?:who\s+)?|who\s+)"
    r"(?:(?:each|now|all|"
    r"regularly|currently|between\s+them)\s+)*(?:give|donate|contribute)\b",
    _I,
)
_MONEY_GIFT = re.compile(
    r"£|\bmonthly\b|\b(?:a|per|each|every)\s+(?:month|year|annum)\b|\bmoney\b|\bdonations?\b",
    _I,
)
_GIVING = re.compile(r"\bdonat|\bgiv(?:e|ing)\b|\bfundrais|£", _I)
_CONTACTED_L = re.compile(
    r"\b(?:contact(?:ed|ing)?\s+with|contacted|contacting|phon\w+|calling)\s*$", _I
)


# Words a donor count needs in its sentence: a scheme (_SCHEME) or _DONORS_R's words.
_DONOR_WORDS = (
    *("network", "circle", "club", "society", "scheme", "forum"),
    *("donor", "giv", "player", "donat", "gave", "signed", "contribut"),
)


def _name(scheme: str) -> str:
    return re.sub(r"^(?:The|Our)\s+", "", scheme.strip())


def find(text: str, parsed: Parsed | None = None) -> list[Hit]:
    """Donor counts stated in ``text``, in order."""
    parsed = parsed or parse(text)
    hits: list[Hit] = []
    for s, numbers in parsed.with_numbers():
        sentence = text[s.start : s.end]
        if not parsed.holds(s, _DONOR_WORDS):
            continue  # no scheme and no donors: nothing the patterns below can find
        for n in numbers:
            if n.kind != "count" or n.value != int(n.value):
                continue
            right = text[n.end : s.end]
            left = text[s.start : n.hedge_start]
            if _CONTACTED_L.search(left):
                continue
            scheme = None
            m = _IN_SCHEME_R.match(right)
            if m and (DONOR_SCHEMES.search(m.group("scheme")) or _GIVING.search(sentence)):
                scheme = m.group("scheme").strip()
            else:
                m2 = SCHEME_HAS_L.search(left)
                if (
                    m2
                    and _SCHEME_HAS_R.match(right)
                    and (DONOR_SCHEMES.search(m2.group("scheme")) or _GIVING.search(sentence))
                ):
                    scheme = _name(m2.group("scheme"))
                elif _DONORS_R.match(right):
                    scheme = ""
                elif (w := _WHO_GIVE_R.match(right)) and _MONEY_GIFT.search(
                    right[w.end() : w.end() + 60]
                ):
                    scheme = _name(m2.group("scheme")) if m2 else ""
            if scheme is None:
                continue
            fields: dict[str, object] = {
                "value": int(n.value),
                "qualifier": n.qualifier,
                "scheme": scheme or None,
            }
            hits.append(Hit(n.start, n.end, s, fields))
    return hits
