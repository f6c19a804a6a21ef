"""One row per vote taken: the same vote reported by several members folded together.

Two vote facts are one decision when they come from different reports (a repost counts
as its original) of the same meeting and body, give the same split or its mirror (within
a few votes, never more than the NEC has members) and talk about the same thing: the
words around them overlap.  Pairs are joined best first, and a decision never holds two
facts from one report (a report's two votes are two votes)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from ..dates import find_month_year
from ..models import MAX_NEC_VOTES
from ._common import content_words, context, names, typed, weighted_jaccard
from .columns import DECISIONS
from .reposts import with_canonical

#: How far two reports' splits may differ (votes, both sides together) and be one vote.
SPLIT_SLACK = 3
#: Least overlap of the words around two vote facts for them to be one vote (weighted
#: Jaccard: rare words count more); pairs are joined in order of overlap over 1 + the
#: votes their splits differ by.
MIN_SIMILARITY = 0.03

_GENERIC = re.compile(
    r"^(?:the|a|this|that|our)\s+(?:amended\s+|main\s+|final\s+)?"
    r"(?:motion|paper|proposal|amendment|vote|recommendations?|changes?)(?:\s+itself)?$",
    re.IGNORECASE,
)
_PROPOSES = re.compile(
    r"\b(?:motion|propos\w*|amendment|moved|rule\s+changes?|recommend\w*)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'(])")


@dataclass(slots=True)
class VoteFact:
    """One report's account of one vote (a repost's identical fact folded in)."""

    fact_ids: list[str]
    report: str
    author: str | None
    order: int
    meeting: pd.Timestamp | None
    month: tuple[int, int] | None
    body: str | None
    unit: str
    split: tuple[float | None, float | None, float | None]
    unanimous: bool
    outcome: str | None
    motion: str
    motion_rank: int
    evidence: str
    own: set[str] = field(default_factory=set)
    near: set[str] = field(default_factory=set)
    weights: dict[str, float] = field(default_factory=dict)


def _num(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)  # type: ignore[arg-type]


def _sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(paragraph.strip()) if s.strip()]


def _heading(text: str, start: int, reach: int = 1500) -> str | None:
    """The nearest short title line above ``start`` ("Motion on the Restoration of ...")."""
    lines = text[max(0, start - reach) : start].split("\n")[:-1]
    for line in reversed(lines):
        s = line.strip()
        if 3 <= len(s.split()) <= 14 and s[0].isupper() and not s.endswith((".", ":", "?")):
            return s
    return None


_BULLET = re.compile(r"^[\s·•*–-]+")


def motion_text(motion: str, evidence: str, text: str, start: int) -> tuple[str, int]:
    """:func:`_motion_text` without a list item's bullet."""
    said, rank = _motion_text(motion, evidence, text, start)
    return _BULLET.sub("", said), rank


def _motion_text(motion: str, evidence: str, text: str, start: int) -> tuple[str, int]:
    """What was voted on, in the report's words, and how clear that is (0 best):
    0 the extractor's motion, from the vote's own sentence; 1 from the sentence before,
    when it proposes something; 2 the first sentence of the vote's paragraph; 3 the
    heading above it; 4 the vote's sentence itself."""
    motion = " ".join(str(motion or "").split())
    head = motion[:40]
    if motion and not _GENERIC.match(motion) and head in " ".join(evidence.split()):
        return motion, 0
    if motion and not _GENERIC.match(motion) and _PROPOSES.search(motion):
        return motion, 1
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", start)
    sentences = _sentences(text[para_start : para_end if para_end >= 0 else len(text)])
    if len(sentences) > 1 and sentences[0] not in evidence:
        return sentences[0][:160], 2
    heading = _heading(text, para_start)
    if heading:
        return heading, 3
    return " ".join(evidence.split())[:160], 4


def _vote_facts(votes: pd.DataFrame, reports: pd.DataFrame | None) -> list[VoteFact]:
    df = with_canonical(votes, reports)
    has_numbers = df["votes_for"].notna() & df["votes_against"].notna()
    df = df[has_numbers | df["unanimous"].fillna(False).astype(bool)]
    info = _report_info(reports)
    out: dict[tuple[object, ...], VoteFact] = {}
    seen: dict[tuple[object, ...], int] = {}
    for i, r in enumerate(df.itertuples(index=False)):
        split = (_num(r.votes_for), _num(r.votes_against), _num(r.abstentions))
        same = (str(r.report_id), " ".join(str(r.evidence).split()), split)
        seen[same] = seen.get(same, 0) + 1  # one sentence can give two votes
        key = (r.canonical_report_id, *same[1:], seen[same])
        if key in out:  # the same sentence in a repost
            out[key].fact_ids.append(str(r.fact_id))
            continue
        text, month = info.get(str(r.report_id), ("", None))
        motion, rank = motion_text(str(r.motion or ""), str(r.evidence), text, int(r.start))
        meeting = None if pd.isna(r.meeting_date) else pd.Timestamp(r.meeting_date)
        own, before = context(text, int(r.start), int(r.end)) if text else (str(r.evidence), "")
        out[key] = VoteFact(
            fact_ids=[str(r.fact_id)],
            report=str(r.canonical_report_id),
            author=r.author if isinstance(r.author, str) else None,
            order=i,
            meeting=meeting,
            month=(meeting.year, meeting.month) if meeting is not None else month,
            body=r.body if isinstance(r.body, str) else None,
            unit=str(r.unit or "votes"),
            split=split,
            unanimous=bool(r.unanimous) if not pd.isna(r.unanimous) else False,
            outcome=r.outcome if isinstance(r.outcome, str) else None,
            motion=motion,
            motion_rank=rank,
            evidence=str(r.evidence),
            own=content_words(f"{r.motion} {own}"),
            near=content_words(before),
        )
    facts = list(out.values())
    _weigh(facts)
    return facts


def _weigh(facts: list[VoteFact]) -> None:
    """Word weights: rarer words among all the votes count more (idf), and words of the
    vote's own paragraph twice those of the paragraph before."""
    df: dict[str, int] = {}
    for f in facts:
        for w in f.own | f.near:
            df[w] = df.get(w, 0) + 1
    n = len(facts) + 1
    for f in facts:
        idf = {w: math.log(n / df[w]) for w in f.own | f.near}
        f.weights = {w: idf[w] * (2.0 if w in f.own else 1.0) for w in idf}


def _report_info(reports: pd.DataFrame | None) -> dict[str, tuple[str, tuple[int, int] | None]]:
    """report_id -> (text, the (year, month) its title names, for undated reports)."""
    if reports is None or reports.empty:
        return {}
    return {
        str(r.report_id): (str(r.text or ""), find_month_year(str(r.title or "")))
        for r in reports.itertuples(index=False)
    }


def split_distance(a: VoteFact, b: VoteFact) -> float | None:
    """Votes apart (the closer of the split and its mirror), or None when the two
    cannot be one vote."""
    if a.unit != b.unit:
        return None
    (fa, xa, _), (fb, xb, _) = a.split, b.split
    if fa is None or xa is None or fb is None or xb is None:
        # a unanimous decision without a count matches one with nobody against
        other = b if fa is None or xa is None else a
        uncounted = a if other is b else b
        if not uncounted.unanimous:
            return None
        return 0.0 if other.unanimous or other.split[1] in (None, 0.0) else None
    if a.unit == "votes" and max(fa + xa, fb + xb) > MAX_NEC_VOTES:
        return None
    d = min(abs(fa - fb) + abs(xa - xb), abs(fa - xb) + abs(xa - fb))
    return d if d <= SPLIT_SLACK else None


def same_meeting(a: VoteFact, b: VoteFact) -> bool:
    if a.body and b.body and a.body != b.body:
        return False
    if a.meeting is not None and b.meeting is not None:
        return a.meeting == b.meeting
    return a.month is not None and a.month == b.month


def _pairs(facts: list[VoteFact]) -> list[tuple[float, float, int, int]]:
    pairs = []
    for i, a in enumerate(facts):
        for j in range(i + 1, len(facts)):
            b = facts[j]
            if a.report == b.report or not same_meeting(a, b):
                continue
            d = split_distance(a, b)
            sim = weighted_jaccard(a.weights, b.weights)
            if d is not None and sim >= MIN_SIMILARITY:
                pairs.append((-sim / (1 + d), d, i, j))
    return sorted(pairs)


def cluster(facts: list[VoteFact]) -> list[list[VoteFact]]:
    """Join the most alike pairs first; a cluster never holds two facts of one report."""
    group = list(range(len(facts)))
    members: dict[int, set[int]] = {i: {i} for i in group}
    for _, _, i, j in _pairs(facts):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        if {facts[k].report for k in members[gi]} & {facts[k].report for k in members[gj]}:
            continue
        for k in members[gj]:
            group[k] = gi
        members[gi] |= members.pop(gj)
    return [sorted((facts[k] for k in ks), key=lambda f: f.order) for ks in members.values()]


def _split_text(f: VoteFact) -> str:
    if f.split[0] is None or f.split[1] is None:
        return f"{f.author or 'unknown'}: unanimous"
    parts = [f.split[0], f.split[1]] + ([f.split[2]] if f.split[2] is not None else [])
    return f"{f.author or 'unknown'}: " + "–".join(f"{p:g}" for p in parts)


def agree(group: list[VoteFact]) -> bool:
    """Same for and against in every report; abstentions and outcomes where stated."""
    counted = [f for f in group if f.split[0] is not None and f.split[1] is not None]
    if len({f.split[:2] for f in counted}) > 1:
        return False
    if len({f.split[2] for f in counted if f.split[2] is not None}) > 1:
        return False
    return len({f.outcome for f in group if f.outcome}) <= 1


def _decision(group: list[VoteFact]) -> dict[str, object]:
    clearest = min(group, key=lambda f: (f.motion_rank, f.split[2] is None, f.order))
    counted = [f for f in group if f.split[0] is not None and f.split[1] is not None]
    split: tuple[float | None, ...] = (None, None, None)
    if counted:
        common = pd.Series([f.split[:2] for f in counted]).value_counts()
        top = set(common[common == common.max()].index)
        pick = next(f for f in sorted(counted, key=lambda f: f.order) if f.split[:2] in top)
        pick = clearest if clearest.split[:2] in top else pick
        abst = next(
            (
                f.split[2]
                for f in counted
                if f.split[:2] == pick.split[:2] and f.split[2] is not None
            ),
            None,
        )
        split = (*pick.split[:2], abst)
    outcomes = pd.Series([f.outcome for f in group if f.outcome]).value_counts()
    return {
        "meeting_date": next((f.meeting for f in group if f.meeting is not None), None),
        "body": next((f.body for f in group if f.body), None),
        "motion": clearest.motion,
        "votes_for": split[0],
        "votes_against": split[1],
        "abstentions": split[2],
        "unanimous": any(f.unanimous for f in group),
        "unit": clearest.unit,
        "outcome": outcomes.index[0] if len(outcomes) else None,
        "n_reports": len({f.report for f in group}),
        "authors": names(f.author for f in group),
        "agree": agree(group),
        "splits": [_split_text(f) for f in group],
        "fact_ids": [i for f in group for i in f.fact_ids],
        "report_ids": list(dict.fromkeys(f.report for f in group)),
        "evidence": clearest.evidence,
        "_order": min(f.order for f in group),
    }


def decisions(votes: pd.DataFrame, reports: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per vote taken (see the module's docstring).  ``reports`` (the reports
    table) gives the text around each vote, the month of an undated report and which
    reports are reposts; without it only the vote sentences are compared."""
    rows = [_decision(g) for g in cluster(_vote_facts(votes, reports))]
    rows.sort(key=lambda r: (pd.Timestamp(r["meeting_date"] or pd.Timestamp.max), r["_order"]))  # type: ignore[arg-type]
    seq: dict[tuple[object, object], int] = {}
    for r in rows:
        day = r["meeting_date"]
        key = (day, r["body"])
        seq[key] = seq.get(key, 0) + 1
        stamp = pd.Timestamp(day).strftime("%Y-%m-%d") if day is not None else "undated"  # type: ignore[arg-type]
        r["decision_id"] = f"{stamp}-{r['body'] or 'other'}-{seq[key]:02d}"
    return typed(rows, DECISIONS)
