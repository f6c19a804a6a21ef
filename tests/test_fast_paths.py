"""The shortcuts that keep the build fast find exactly what the plain code finds.

Gated patterns (``text.gated``), substring pre-checks (``text.Needles``), bisected span
sets (``dates.Spans``), sentence lookups by offset (``facts.common.Parsed``) and the
backwards scan for abbreviations are each compared with the straightforward version
they replace, on the bundled corpus and on invented strings.
"""

from __future__ import annotations

import random
import re

import pytest

import nec_reports.sections
from conftest import RAW
from nec_reports.dates import parse_date, parse_timestamp
from nec_reports.facts.common import Parsed, parse
from nec_reports.facts.numbers import _HEDGES, qualifier_before
from nec_reports.facts.sentences import (
    _END,
    ABBREVIATIONS,
    Sentence,
    _add,
    _is_abbreviation,
    split_sentences,
)
from nec_reports.scan import GATED, STARTS, Needles, Scan, Spans, matches, odd_case
from nec_reports.sections import _HEADING_DATE, DATED_HEADING

# Letters that fold case oddly (dotted and dotless i, long s, Kelvin sign), number words,
# digits, currency and dates: the places where a gate or a pre-check could go wrong.
_INVENTED = [
    "The motion was carried by TWENTY-ONE votes to ſeven, with 2 abstentions.",
    "Membership stood at 432,000 on 1st March 2023 (down from 550,000); £1.5m raised.",
    "Passed 19 to 11. Vote went 21–10. Agreed unanimously, nem con. ſix for, none against.",
    "Tuesday 20th September 2022, 24.05.2022, July 26, 2023 and the 4 to 9 March 2020.",
    "İt was a KELVİN sign: 3 Kelvin \u212a members; half a million; a quarter of a billion.",
    "Organisation Committee, 9 November 2021\nDisputes Panel, 10 November 2021 Report.",
    "approx. 30,000 in arrears; c30 cases; around d 530,000; 32-33,000 joined; 75p.",
]


def _corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))] + _INVENTED


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in rx.finditer(text)]


def test_every_gated_pattern_finds_what_the_plain_pattern_finds() -> None:
    texts = _corpus_texts()
    assert len(GATED) >= 20  # the patterns of dates, sections, numbers, votes, membership
    for rx, pattern, flags in GATED:
        plain = re.compile(pattern, flags)
        for text in texts:
            assert _matches(rx, text) == _matches(plain, text), pattern[:60]
            assert bool(rx.fullmatch(text[:40])) == bool(plain.fullmatch(text[:40]))


def test_gated_patterns_agree_on_random_text() -> None:
    rng = random.Random(6)
    pieces = [
        "one",
        "Two",
        "ſix",
        "\u212a",
        "İ",
        "ı",
        "20",
        "3",
        ",",
        ".",
        " ",
        "\n",
        "£",
        "%",
        "-",
        "to",
        "votes",
        "against",
        "for",
        "m",
        "july",
        "May",
        "the",
        "Committee",
        "unanimous",
        "members",
        "lost",
        "by",
        "a",
        "half",
        "million",
        "with",
        "no",
    ]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(300)]
    for rx, pattern, flags in GATED:
        plain = re.compile(pattern, flags)
        for text in texts:
            assert _matches(rx, text) == _matches(plain, text), (pattern[:60], text)


def test_patterns_tried_only_where_matches_can_start_find_every_match() -> None:
    assert len(STARTS) >= 5  # dates (3), number words, fractions
    rng = random.Random(11)
    pieces = [
        "Tuesday",
        "tuesday,",
        "the",
        "THE",
        "20th",
        "1",
        "31",
        "05.06.22",
        "of",
        "July",
        "sept",
        "MAY",
        "2023",
        "a",
        "A",
        "one",
        "hundred",
        "Twenty-one",
        "half",
        "quarters",
        "three",
        "two",
        "thirds",
        "an",
        "million",
        "\u00a0",
        " ",
        "  ",
        "\n",
        ",",
        "-",
        "x",
        "İ",
        "\u212a",
        "ſ",
        "_",
        "é",
    ]
    texts = _corpus_texts() + [
        "".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(1, 30)))
        for _ in range(400)
    ]
    for rx, starts in STARTS:
        for text in texts:
            scan = Scan(text)
            got = [(m.span(), m.groupdict()) for m in matches(rx, scan, starts)]
            assert got == _matches(rx, text), (rx.pattern[:60], text[:200])


@pytest.mark.parametrize(
    ("text", "needle", "expected"),
    [
        ("Carried by 20 VOTES to 3", "votes", True),
        ("Carried by 20 to 3", "votes", False),
        ("ſeventeen", "seventeen", True),  # long s: lower-casing does not fold it, so "maybe"
        ("no letters to fold", "voted", False),
    ],
)
def test_needles(text: str, needle: str, expected: bool) -> None:
    assert Needles(text).any(needle) is expected
    assert Needles(text).search(re.compile(needle)) is expected


def test_needles_never_rule_out_a_case_insensitive_match() -> None:
    rng = random.Random(7)
    letters = "aAbBsSſkK\u212aiIİıeEnNoO "
    for _ in range(3000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
        needle = "".join(rng.choice("abskieno") for _ in range(rng.randint(1, 3)))
        if re.search(needle, text, re.IGNORECASE):
            assert Needles(text).any(needle), (text, needle)
            assert Needles(text, odd_case(text + "x")).any(needle)


def test_spans_agree_with_a_list_of_spans() -> None:
    rng = random.Random(8)
    for _ in range(300):
        spans, taken = Spans(), []
        for _ in range(30):
            a = rng.randint(0, 100)
            b = a + rng.randint(1, 8)
            free = all(b <= s or a >= e for s, e in taken)
            assert spans.free(a, b) is free
            if free:
                spans.add(a, b)
                taken.append((a, b))
        for pos in range(-1, 112):
            assert spans.covers(pos) is any(s <= pos < e for s, e in taken)


def test_parsed_looks_up_numbers_and_neighbours_by_offset() -> None:
    text = "\n".join(_corpus_texts())[:150000]
    parsed = parse(text)
    sents = parsed.sentences
    assert len(sents) > 100 and len(parsed.numbers) > 100
    for i, s in enumerate(sents):
        assert parsed.numbers_in(s) == [n for n in parsed.numbers if s.start <= n.start < s.end]
        assert parsed.previous(s) == (sents[i - 1] if i else None)
        assert parsed.following(s) == (sents[i + 1] if i + 1 < len(sents) else None)
    # numbers given out of order are still found (by a scan)
    shuffled = Parsed(text, sents, parsed.numbers[::-1])
    s = next(s for s in sents if len(parsed.numbers_in(s)) > 1)
    assert shuffled.numbers_in(s) == parsed.numbers_in(s)[::-1]


def _is_abbreviation_plain(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", line[:dot])
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True
    return word.lower() in ABBREVIATIONS


def test_abbreviation_scan_agrees_with_the_pattern_it_replaces() -> None:
    rng = random.Random(9)
    alphabet = "aAbeEgiJ. .,1é-xcoNtrp"
    for _ in range(20000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        for dot in range(len(line)):
            assert _is_abbreviation(line, dot) is _is_abbreviation_plain(line, dot), (line, dot)


def _qualifier_before_plain(text: str, pos: int, window: int = 40) -> tuple[str, int]:
    """qualifier_before as one search per qualifier, the earliest start winning."""
    left = text[max(0, pos - window) : pos]
    circa = re.search(r"(?<![A-Za-z])c\s?$", left)
    if circa:
        return "about", pos - len(circa.group(0))
    best: tuple[int, str] | None = None
    for words, q in _HEDGES:
        m = re.search(rf"(?i:\b(?:{words})(?:\s+[b-hj-z])?\s*$)", left)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), q)
    if best is None:
        return "exact", pos
    return best[1], pos - (len(left) - best[0])


def test_one_hedge_search_agrees_with_one_search_per_qualifier() -> None:
    text = "\n".join(_corpus_texts())
    positions = [m.start() for m in re.finditer(r"\d+", text)]
    rng = random.Random(10)
    words = [
        "no more than",
        "more than",
        "around",
        "nearly",
        "just under",
        "over",
        "c",
        "approx.",
        "some",
        "d",
        "x",
        " ",
        "at least",
        "up to a maximum of",
        "£",
        "ſome",
        "AROUND",
        "D",
        "handsome",
        "approx",
        "\n",
        "\u00a0",
    ]
    for _ in range(4000):
        joiner = rng.choice([" ", "  ", "\n", ""])
        t = joiner.join(rng.choice(words) for _ in range(rng.randint(0, 5)))
        t += rng.choice([" ", "", "\n", " \n"]) + "5"
        text += "\n" + t
        positions.append(len(text) - 1)
    for pos in positions:
        assert qualifier_before(text, pos) == _qualifier_before_plain(text, pos), text[
            pos - 40 : pos
        ]


def _split_sentences_by_line(text: str) -> list[Sentence]:
    """split_sentences as it was written first: _END run over each line on its own."""
    out: list[Sentence] = []
    pos = 0
    for line_end in [m.start() for m in re.finditer(r"\n", text)] + [len(text)]:
        line = text[pos:line_end]
        cut = 0
        for m in _END.finditer(line):
            if _is_abbreviation(line, m.start()):
                continue
            _add(out, text, pos + cut, pos + m.end())
            cut = m.end()
        _add(out, text, pos + cut, line_end)
        pos = line_end + 1
    return out


def test_sentences_split_in_one_pass_as_line_by_line() -> None:
    rng = random.Random(12)
    pieces = [
        "Mr.",
        "J.",
        "end.",
        "end.)",
        "”",
        "…",
        "?!",
        " ",
        "  ",
        "\n",
        "\n\n",
        " \n",
        "The",
        "the",
        "3",
        "£5",
        "(A",
        "e.g.",
        "x",
        "A.",
        "Tab\t",
        "\u00a0",
    ]
    texts = _corpus_texts() + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(3000)
    ]
    for text in texts:
        assert split_sentences(text) == _split_sentences_by_line(text), text[:200]


def test_the_quick_test_for_dated_headings_misses_none() -> None:
    texts = _corpus_texts()
    assert any(DATED_HEADING.search(t) for t in texts)
    for text in texts:
        for m in DATED_HEADING.finditer(text):
            assert _HEADING_DATE.search(m.group(0))


@pytest.mark.parametrize(
    "text",
    [
        "July 26, 2023 03:47 PM",
        "July 26, 2023",
        "December 1, 2020 12:05 AM",
        "May 9, 2021 23:59",
        "February 29, 2023 10:00 AM",
        "February 29, 2024 10:00 AM",
        "July 00, 2023",
        "July 26, 2023 13:47 PM",
        "July 26, 2023 00:47 AM",
        "July 26, 2023 24:00",
        "Saturday, February 13, 2021",
        "2021-02-13",
    ],
)
def test_footer_dates_read_directly_as_dateutil_reads_them(text: str) -> None:
    ts = parse_timestamp(text)
    assert parse_date(text) == (ts.date() if ts else None)


def _plain_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn every shortcut off: patterns tried everywhere, every pre-check saying maybe."""
    import nec_reports.dates as dates_mod
    import nec_reports.facts.numbers as numbers_mod
    import nec_reports.facts.votes as votes_mod
    import nec_reports.sections as sections_mod

    everywhere = lambda rx, scan, starts: rx.finditer(scan.text)  # noqa: E731
    monkeypatch.setattr(dates_mod, "matches", everywhere)
    monkeypatch.setattr(numbers_mod, "matches", everywhere)
    monkeypatch.setattr(numbers_mod, "_may_end_with", lambda left, ends: True)
    monkeypatch.setattr(numbers_mod, "_may_hedge", lambda left: True)
    monkeypatch.setattr(Needles, "any", lambda self, *needles: True)
    monkeypatch.setattr(Needles, "search", lambda self, rx: True)
    monkeypatch.setattr(Parsed, "holds", lambda self, s, words: True)
    monkeypatch.setattr(votes_mod, "_maybe_votes", lambda parsed: parsed.sentences)
    monkeypatch.setattr(sections_mod, "_HEADING_DATE", re.compile(""))
    monkeypatch.setattr(
        Parsed,
        "with_numbers",
        lambda self: [
            (s, ns)
            for s in self.sentences
            if (ns := [n for n in self.numbers if s.start <= n.start < s.end])
        ],
    )


def _invented_reports(n: int) -> list[str]:
    """Report-like texts assembled from NEC-style phrases, digits and odd letters."""
    rng = random.Random(13)
    phrases = [
        *_INVENTED,
        "The motion was rejected by 18 votes to 13.",
        "Membership is now 434,000, with 23,000 in arrears; 15,000 of those since May 2023.",
        "The 590 people in the Rose Network gave £1.2m; 100 members were suspended.",
        "Vote went 21 to 10 in favour. The NEC agreed unanimously. Nobody voted against.",
        "Approved by conference with 74% in favour and the 26% who voted against.",
        "On Tuesday, 20 September 2022 the NEC met; the 4th and 5th July; c30 cases.",
        "We lost the vote: 22-15. No one voted against. Carried nem con. 1,500 donors.",
        "Letters were sent to members (some 40 of them); around d 530,000 members; 12 suspended.",
        "Under clause 5 of the rules, Chapter 2, item 7 and no. 3; Tier 2; phase 1 at 10.30 on.",
        "It was agreed with no one dissenting. The rule change passed without dissent.",
        "The motion was carried with no votes against.",
        "Eleven for and none against; 5 votes for, 22 against and 1 abstention; 12-3 split.",
    ]
    joins = ["\n\n", " ", "\n"]
    return [
        rng.choice(joins).join(rng.choice(phrases) for _ in range(rng.randint(1, 12)))
        for _ in range(n)
    ]


def test_fast_and_plain_extraction_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from nec_reports.facts.extract import report_facts
    from nec_reports.facts.numbers import find_numbers
    from nec_reports.pipeline import parse_corpus

    reports = parse_corpus(RAW).reports
    invented = [replace(reports[0], text=t, sections=[]) for t in _invented_reports(150)]

    def run() -> tuple[object, ...]:
        every = reports + invented
        return (
            [report_facts(r) for r in every],
            [find_numbers(r.text) for r in every],
            [split_sentences(r.text) for r in every],
            [nec_reports.sections.dated_headings(r.text) for r in every],
        )

    fast = run()
    _plain_mode(monkeypatch)
    assert run() == fast


def test_plain_figures_read_directly_as_through_decimal() -> None:
    from decimal import Decimal

    from nec_reports.facts.numbers import _NUMBER, _match_value

    rng = random.Random(14)
    figures = ["12", "2023", "385,324", "4.1", "0.50", ".5", "1,234,567.891", "9" * 28, "١٢"]
    figures += [f"{rng.randint(0, 10**9)}.{rng.randint(0, 999):03d}" for _ in range(2000)]
    for fig in figures:
        m = _NUMBER.fullmatch(fig)
        assert m is not None, fig
        assert _match_value(m) == (float(Decimal(fig.replace(",", "")) * Decimal("1")), None)


def test_gc_paused_during_a_build_and_restored_after() -> None:
    import gc

    from nec_reports.build import _gc_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError), _gc_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with _gc_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_sentences_holding_words_found_once_per_text() -> None:
    words_sets = [("against",), ("vote", "pass"), ("to",), ("one", "ten"), ("unanim", "nem")]
    for text in [*_corpus_texts(), *_invented_reports(50)]:
        parsed = parse(text)
        for s in parsed.sentences:
            for words in words_sets:
                said = Needles(text[s.start : s.end]).any(*words)
                assert parsed.holds(s, words) is said or (odd_case(text) and parsed.holds(s, words))
