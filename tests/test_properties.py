"""Property-based tests (hypothesis): parsers never crash on arbitrary or mangled
input, and splitting a page into posts loses no body text."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import RAW
from nec_reports.errors import ParseError
from nec_reports.layouts import split_page
from nec_reports.layouts.base import strip_excerpt_mark
from nec_reports.layouts.planet import DATE_HEADER, FOOTER
from nec_reports.pipeline import parse_corpus

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REAL_PAGES = {p.name: p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))}


@SETTINGS
@given(st.text(max_size=3000))
def test_arbitrary_text_never_crashes_the_splitters(text):
    with contextlib.suppress(ParseError):
        split_page(text, "fuzz.txt")


@st.composite
def mangled_page(draw):
    name = draw(st.sampled_from(sorted(REAL_PAGES)))
    lines = REAL_PAGES[name].split("\n")
    for _ in range(draw(st.integers(0, 12))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        op = draw(st.sampled_from(["drop", "dup", "cut", "junk", "swap"]))
        if op == "drop" and lines:
            del lines[i]
        elif op == "dup" and lines:
            lines.insert(i, lines[i])
        elif op == "cut" and lines:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "junk":
            lines.insert(i, draw(st.text(max_size=80)).replace("\n", " "))
        elif op == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return name, "\n".join(lines)


@SETTINGS
@given(mangled_page())
def test_mangled_real_pages_never_crash_the_pipeline(tmp_path_factory, page):
    name, text = page
    raw = tmp_path_factory.mktemp("raw")
    (raw / name).write_text(text, encoding="utf-8")
    (raw / "sources.csv").write_text(f"file,url,author,published,title\n{name},,,,\n")
    corpus = parse_corpus(raw)  # problems are reported, never raised
    for r in corpus.reports:
        for s in r.sections:
            assert r.text[s.start : s.end] == s.body


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
_SENTENCE = st.lists(_WORD, min_size=3, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)


@st.composite
def planet_page(draw):
    """A planet page of generated posts, with the paragraphs each post should keep."""
    out, expected = ["planet necblogs", ""], []
    for d in range(draw(st.integers(1, 4))):
        out += [f"March {10 + d:02d}, 2024", ""]
        n_blogs = draw(st.integers(1, 3))
        for b in range(n_blogs):
            out += [f"Blog Number {d}{b}", ""]
            # as on real planet pages, a blog header with no post under it comes last
            # under its date (or straight after another post)
            for k in range(draw(st.integers(0 if b == n_blogs - 1 else 1, 3))):
                paras = draw(st.lists(_PARAGRAPH, min_size=1, max_size=5))
                out += [f"NEC Report – {k + 1} March 2024", ""]
                for para in paras:
                    out += [para, ""]
                out += [f"by Writer {b} at March {10 + d:02d}, 2024 0{k}:15 PM", ""]
                expected.append(paras)
    return "\n".join(out), expected


@SETTINGS
@given(planet_page())
def test_splitting_a_planet_page_loses_no_body_text(page):
    text, expected = page
    assume(expected)  # a page with no posts at all is not a planet page
    _, posts = split_page(text, "planet.txt")
    assert [p.text.split("\n\n") for p in posts] == expected


@st.composite
def wordpress_page(draw):
    out, expected = ["Category Archives: Reports", ""], []
    for k in range(draw(st.integers(1, 5))):
        paras = draw(st.lists(_PARAGRAPH, min_size=1, max_size=5))
        out += [f"Labour NEC Report – {k + 1} May 2019", ""]
        for para in paras:
            out += [para, ""]
        out += ["Continue reading", ""]
        expected.append(paras)
    return "\n".join(out), expected


@SETTINGS
@given(wordpress_page())
def test_splitting_a_wordpress_page_loses_no_body_text(page):
    text, expected = page
    _, posts = split_page(text, "wp.txt")
    assert [p.text.split("\n\n") for p in posts] == expected


def test_real_pages_lose_nothing_but_page_structure():
    """Every line of the bundled planet page is a date header, a blog name, a title, a
    footer or part of a post's text."""
    text = REAL_PAGES["planet-necblogs-2023-07-29.txt"]
    _, posts = split_page(text, "planet.txt")
    kept = {ln.strip() for p in posts for ln in p.text.split("\n")}
    kept |= {p.title for p in posts} | {p.blog for p in posts if p.blog}
    lines = [strip_excerpt_mark(ln.strip())[0] for ln in text.split("\n")]
    lost = [
        ln
        for ln in lines
        if ln and ln not in kept and not (DATE_HEADER.match(ln) or FOOTER.match(ln))
    ]
    assert lost == ["planet necblogs"], lost


_TEMPLATES = (
    "Membership now stands at {n:,} members, of whom {m:,} are in arrears.",
    "The motion was carried by {a} votes to {b}, with {c} abstentions.",
    "The amendment fell {b}-{a}.",
    "We raised £{n:,} in online donations and the party spent £{m}m on the campaign.",
    "There are {m} people in the Rose Network, donating over £1,000 a year.",
    "Around {n}k members joined in {year}, and {m:,} have left since.",
)


@st.composite
def report_text(draw):
    sentences = []
    for _ in range(draw(st.integers(1, 6))):
        tpl = draw(st.sampled_from(_TEMPLATES))
        sentences.append(
            tpl.format(
                n=draw(st.integers(100, 999_999)),
                m=draw(st.integers(1, 99_999)),
                a=draw(st.integers(0, 40)),
                b=draw(st.integers(0, 40)),
                c=draw(st.integers(0, 5)),
                year=draw(st.integers(2000, 2030)),
            )
        )
        if draw(st.booleans()):
            sentences.append(draw(st.text(max_size=60)).replace("\n", " "))
    return " ".join(sentences)


@SETTINGS
@given(report_text())
def test_every_fact_span_parses_back_to_its_value(text):
    from nec_reports.facts.extract import report_facts
    from nec_reports.facts.numbers import parse_number
    from nec_reports.models import Report, Section

    report = Report(
        "r",
        ["f.txt"],
        None,
        "A Writer",
        None,
        "NEC Report",
        None,
        [],
        ["nec"],
        False,
        text,
        None,
        1,
        sections=[Section(0, None, None, text, 0, len(text))],
    )
    facts = report_facts(report)
    for row in facts["numbers"]:  # every number: its span, sentence and table's fact
        assert text[row["start"] : row["end"]] == row["written"]
        assert row["written"] in row["sentence"] and row["sentence"] in text
        assert (row["table"] is None) == (row["fact_id"] is None) and row["reason"]
    for kind, rows in facts.items():
        if kind == "numbers":
            continue
        for row in rows:
            span = text[row["start"] : row["end"]]
            assert span in row["evidence"] and row["evidence"] in text
            if kind in ("membership", "donors"):
                assert parse_number(span) == row["value"], (kind, span, row)
            elif kind == "money":
                assert parse_number(span) == pytest.approx(row["amount_gbp"]), (span, row)
