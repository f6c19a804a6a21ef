"""How named NEC members voted, as the reports say.

"I voted against" names the report's writer; "Along with Mish Rahman, Nadia Jama and
Yasmine Dar, I voted against this rule change, as did Ann Black" names five members.
A stance is read only where the text says a named member (or "I") voted, abstained, or
supported or opposed a question put: unnamed groups ("ten members"), the NEC as a whole
("we voted to proscribe") and speeches without a vote are not positions."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from ..text import NOT_NAMES, PERSON
from ._common import content_words, context, typed
from .columns import POSITIONS
from .reposts import canonical_reports

_NAME = rf"(?:{PERSON})"
_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*(?:\s*,?\s+and\s+{_NAME})?"
_OBJECT = (
    r"(?:it|this|these|them|the\s+following|(?:the|this|that|these)\s+(?:amended\s+)?"
    r"(?:motion|amendment|proposals?|changes?|rule\s+changes?|paper|proscriptions?|"
    r"recommendations?))\b"
)
_VERB = (
    r"(?:(?:spoke\s+and\s+)?voted(?:\s+and\s+spoke)?\s+"
    r"(?P<voted>for|against|in\s+favour|to\s+support|to\s+oppose)\b"
    r"|(?P<abstain>abstained)\b"
    r"|joined\s+with\s+[^.;]{0,60}?\s+in\s+voting\s+(?P<joined>for|against|in\s+favour)\b"
    r"|was\s+(?:one\s+of|among)\s+[^.;]{0,30}?\s+who\s+"
    r"(?:voted\s+(?P<among>for|against|in\s+favour)|(?P<among_abst>abstained))\b"
    rf"|(?P<stood>supported|opposed|backed)\s+{_OBJECT})"
)
_SUBJECT = (
    rf"(?:(?:^|(?<=[.;:]\s))(?:Along\s+with|Alongside|With|Like)\s+(?P<with>{_NAMES}),\s*)?"
    rf"(?:\b(?P<i>I)(?:\s+and\s+[^,.;]{{1,80}}?|\s+[a-z][^,.;]{{0,80}}?\s+and)?"
    rf"|(?P<named>{_NAMES}))"
    r"\s+(?:also\s+|then\s+|too\s+|both\s+|all\s+)?"
)
POSITION = re.compile(_SUBJECT + _VERB + rf"(?:[^.;]{{0,120}}?,\s*as\s+did\s+(?P<did>{_NAMES}))?")
_ONE_NAME = re.compile(_NAME)
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s|$)|(?=\n)|$)")

_STANCE = {
    "for": "for",
    "in favour": "for",
    "to support": "for",
    "supported": "for",
    "backed": "for",
    "against": "against",
    "to oppose": "against",
    "opposed": "against",
    "abstained": "abstain",
}


def _stance(m: re.Match[str]) -> str:
    groups = ("voted", "abstain", "joined", "among", "among_abst", "stood")
    word = next(m.group(g) for g in groups if m.group(g))
    return _STANCE[" ".join(word.lower().split())]


def _names(m: re.Match[str], group: str) -> Iterator[tuple[str, int, int]]:
    if not m.group(group):
        return
    base = m.start(group)
    for n in _ONE_NAME.finditer(m.group(group)):
        name = n.group(0)
        if not any(part in NOT_NAMES for part in name.split()):
            yield name, base + n.start(), base + n.end()


def sentence_positions(sentence: str, author: str | None) -> list[tuple[str, str, int, int]]:
    """(member, stance, start, end) for each member a sentence says voted; offsets of
    the mention ("I" or the name) within the sentence."""
    out = []
    for m in POSITION.finditer(sentence):
        stance = _stance(m)
        found = list(_names(m, "with"))
        if m.group("i"):
            if author:
                found.append((author, m.start("i"), m.end("i")))
        else:
            found += list(_names(m, "named"))
        found += list(_names(m, "did"))
        out += [(name, stance, s, e) for name, s, e in found]
    return out


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        if sentence.strip():
            lead = len(sentence) - len(sentence.lstrip())
            yield m.start() + lead, sentence.strip()


def _meeting(report: pd.Series, sections: pd.DataFrame | None, at: int) -> object:
    if sections is not None and not sections.empty:
        own = sections[(sections["report_id"] == report["report_id"])]
        hit = own[(own["start"] <= at) & (own["end"] > at)]
        if len(hit) and not pd.isna(hit["meeting_date"].iloc[0]):
            return hit["meeting_date"].iloc[0]
    dates = report.get("meeting_dates")
    dates = list(dates) if isinstance(dates, (list, tuple)) or hasattr(dates, "__len__") else []
    return dates[0] if len(dates) == 1 else None


def _decision_of(votes: pd.DataFrame | None, decisions: pd.DataFrame | None):
    """fact_id -> decision_id, and each report's vote facts by offset."""
    if votes is None or decisions is None or votes.empty or decisions.empty:
        return {}, {}
    of = {
        f: d
        for d, fs in zip(decisions["decision_id"], decisions["fact_ids"], strict=True)
        for f in fs
    }
    by_report: dict[str, list[tuple[int, str]]] = {}
    for r in votes.itertuples(index=False):
        if r.fact_id in of:
            by_report.setdefault(str(r.report_id), []).append((int(r.start), str(r.fact_id)))
    return of, by_report


def _nearest_vote(facts: list[tuple[int, str]], at: int, reach: int = 1500) -> str | None:
    """The vote reported nearest a position ("This was rejected by 18 votes to 13.  I voted
    against"), a vote reported after it counting half as far again."""
    near = [(at - s if s <= at else 1.5 * (s - at), f) for s, f in facts]
    near = [(d, f) for d, f in near if d <= reach]
    return min(near)[1] if near else None


#: Share of another report's motion words a position's paragraph must hold to be
#: matched to that decision, and how far ahead of the next best it must be.
MIN_OVERLAP = 0.4
MARGIN = 0.75


def _by_words(decisions: pd.DataFrame | None, meeting: object, words: set[str]) -> str | None:
    """The decision of that meeting whose motion the position's paragraph talks about
    (most of the motion's words in it, clearly more than any other's), else None."""
    if decisions is None or decisions.empty or meeting is None or pd.isna(meeting):  # type: ignore[call-overload]
        return None
    same = decisions[decisions["meeting_date"] == pd.Timestamp(meeting)]  # type: ignore[arg-type]
    scored = []
    for r in same.itertuples(index=False):
        motion = content_words(r.motion)
        if len(motion) >= 5:
            scored.append((len(words & motion) / len(motion), str(r.decision_id)))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < MIN_OVERLAP:
        return None
    if len(scored) > 1 and scored[1][0] > MARGIN * scored[0][0]:
        return None  # two decisions fit about as well: say none
    return scored[0][1]


def positions(
    reports: pd.DataFrame,
    sections: pd.DataFrame | None = None,
    votes: pd.DataFrame | None = None,
    decisions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per (member, vote) a report states.  ``sections`` dates each position by
    its section; ``votes`` with ``decisions`` (:func:`decisions`) match it to the vote
    reported nearest it.  A repost's positions are its original's and are not repeated."""
    canon = canonical_reports(reports)
    of, by_report = _decision_of(votes, decisions)
    rows = []
    for _, rep in reports.iterrows():
        rid = str(rep["report_id"])
        if canon.get(rid, rid) != rid:
            continue
        text, n = str(rep["text"] or ""), 0
        author = rep["author"] if isinstance(rep["author"], str) else None
        for at, sentence in _sentences(text):
            found = sentence_positions(sentence, author)
            if not found:
                continue
            meeting = _meeting(rep, sections, at)
            fact = _nearest_vote(by_report.get(rid, []), at)
            decision = of.get(fact) if fact else None
            if decision is None:
                own, _ = context(text, at, at + len(sentence))
                decision = _by_words(decisions, meeting, content_words(own))
            for member, stance, s, e in found:
                n += 1
                rows.append(
                    {
                        "position_id": f"{rid}-p{n:02d}",
                        "member": member,
                        "stance": stance,
                        "meeting_date": meeting,
                        "decision_id": decision,
                        "reporter": author,
                        "report_id": rid,
                        "evidence": " ".join(sentence.split()),
                        "start": at + s,
                        "end": at + e,
                        "source_url": rep.get("source_url"),
                    }
                )
    return typed(rows, POSITIONS)
