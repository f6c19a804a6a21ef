"""Issue 12, item 5: no raw text is lost without a trace.  Every raw line ends up in a
post, a comment, the page's structure, or a counted, located "not used" span in
`files`; and a property test checks it for any mutation of a real page."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import RAW
from nec_reports.build import build_tables
from nec_reports.layouts import detect_layout
from nec_reports.layouts.base import strip_excerpt_mark
from nec_reports.pipeline import parse_corpus
from nec_reports.tables import TABLES

BLOGGER = (RAW / "lukeakehurst-blogspot-nec-report-2021-02-11.txt").read_text(encoding="utf-8")
PROSE = (
    "The NEC met on 3 May 2019 and agreed the timetable for selections in every region. "
    "It also heard the General Secretary's report on membership."
)


def test_text_before_the_first_wordpress_title_is_kept(make_raw):
    page = (
        f"Category Archives: Reports\n\n{PROSE}\n\nContinue reading\n\n"
        "Labour NEC Report – 12 March 2019\n\nThe NEC met today. Continue reading\n"
    )
    corpus = parse_corpus(make_raw({"wp.txt": page}))
    assert [r.title for r in corpus.reports] == ["", "Labour NEC Report – 12 March 2019"]
    assert corpus.reports[0].text == PROSE and corpus.reports[0].is_excerpt
    (err,) = corpus.problems
    assert str(err).startswith("wp.txt:3: text above the first title: kept as an untitled post")


def test_site_furniture_before_the_first_title_is_counted(make_raw):
    page = (
        "Menu: Home, About, Contact.\n\nLabour NEC Report – 12 March 2019\n\n"
        "The NEC met today. Continue reading\n\nLabour NEC Report – 2 April 2019\n\n"
        "The NEC met again. Continue reading\n"
    )
    build = build_tables(make_raw({"wp.txt": page}), use_cache=False)
    files = build.tables["files"].set_index("file")
    assert files.loc["wp.txt", "unused"] == "1 (27 chars)"
    assert files.loc["wp.txt", "unused_chars"] == 27
    assert "wp.txt: 2 posts (wordpress); not used: lines 1 (27 chars)" in build.summary()
    assert not build.problems  # too short to be prose: furniture, counted only


def test_one_read_more_keeps_a_plain_post_whole(make_raw):
    page = (
        "NEC Report – 5 March 2024\n\nThe NEC met on 5 March 2024. We agreed the budget.\n\n"
        "Read more\n\nGeneral Secretary's Report\n\nThe General Secretary reported on staffing.\n"
    )
    assert detect_layout(page, "p.txt") == "single"
    corpus = parse_corpus(make_raw({"p.txt": page}))
    (r,) = corpus.reports
    assert "Read more" in r.text and r.text.endswith("reported on staffing.")
    assert not r.is_excerpt and not corpus.problems


def _comment_only(page: str) -> str:
    lines = page.split("\n")
    return "\n".join(lines[:6] + lines[107:])  # tagline, date, title, then the comments


def test_a_comment_only_page_joins_its_post(make_raw):
    raw = make_raw({"a-post.txt": BLOGGER, "b-comments.txt": _comment_only(BLOGGER)})
    build = build_tables(raw, use_cache=False)
    (rid,) = build.tables["reports"]["report_id"]
    assert not rid.endswith("-2")
    assert build.tables["reports"]["n_words"].iloc[0] > 1000
    assert len(build.tables["comments"]) == 13
    assert build.tables["reports"]["source_file"].iloc[0] == "a-post.txt;b-comments.txt"


def test_a_comment_only_page_alone_is_a_located_problem(make_raw):
    corpus = parse_corpus(make_raw({"c.txt": _comment_only(BLOGGER)}))
    (r,) = corpus.reports
    assert len(r.comments) == 13
    assert any(
        str(p).startswith("c.txt:5: post has no body text (only its title and comments")
        for p in corpus.problems
    )


def test_a_post_found_twice_keeps_its_comments_once(make_raw):
    raw = make_raw({"one.txt": BLOGGER, "two.txt": BLOGGER})
    build = build_tables(raw, use_cache=False)
    assert len(build.tables["reports"]) == 1
    assert len(build.tables["comments"]) == 13
    assert build.tables["reports"]["n_comments"].tolist() == [13]


def test_unused_prose_is_a_located_problem(make_raw):
    page = BLOGGER.replace("Free Hit Counters", f"Free Hit Counters\n\n{PROSE}")
    build = build_tables(make_raw({"b.txt": page}), use_cache=False)
    assert any(
        p.startswith(f"b.txt:205: text not used in any post ({37 + len(PROSE)} chars)")
        for p in build.problems
    )
    files = build.tables["files"].set_index("file")
    assert files.loc["b.txt", "unused"] == f"205-208 ({37 + len(PROSE)} chars)"


def test_bundled_files_account_for_their_furniture():
    files = build_tables(use_cache=False).tables["files"].set_index("file")
    assert files["unused_chars"].sum() == 15 + 37  # "planet necblogs", a hit counter
    assert files.loc["lukeakehurst-blogspot-nec-report-2021-02-11.txt", "unused"] == (
        "205-206 (37 chars)"
    )


# -- property: any mutation of a real page builds, writes every table, loses nothing ---

REAL = {p.name: p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))}
SMALL = sorted(n for n, t in REAL.items() if len(t) < 50_000)


@st.composite
def mutated_page(draw):
    name = draw(st.sampled_from(SMALL))
    lines = REAL[name].split("\n")
    for _ in range(draw(st.integers(0, 8))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        op = draw(st.sampled_from(["drop", "dup", "cut", "junk", "swap", "blank"]))
        if op == "drop" and lines:
            del lines[i]
        elif op == "dup" and lines:
            lines.insert(i, lines[i])
        elif op == "cut" and lines:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "junk":
            lines.insert(i, draw(st.text(max_size=60)).replace("\n", " ").replace("\r", " "))
        elif op == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "blank":
            lines.insert(i, "")
    text = "\n".join(lines)
    saved = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "crlf", "stray-byte"]))
    if saved == "crlf":
        return name, text.replace("\n", "\r\n").encode()
    if saved == "stray-byte":  # a Latin-1 byte somewhere: the file fails, located
        data = text.encode()
        at = draw(st.integers(0, len(data)))
        return name, data[:at] + b"\xa3" + data[at:]
    return name, text.encode(saved)


def _in_unused(no: int, unused: str | None) -> bool:
    for part in (unused if isinstance(unused, str) else "").split("; "):
        if not part:
            continue
        span = part.split(" ")[0]
        first, _, last = span.partition("-")
        if int(first) <= no <= int(last or first):
            return True
    return False


def _with_real_pages(test):
    for name in SMALL:  # each page as it is, always tried: its furniture must be accounted
        test = example((name, REAL[name].encode()))(test)
    return test


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_page())
@_with_real_pages
def test_any_mutated_page_builds_and_accounts_for_every_line(tmp_path_factory, page):
    from nec_reports.accounting import _STRUCTURE
    from nec_reports.build import write_tables
    from nec_reports.corpus import read_page

    name, data = page
    raw = tmp_path_factory.mktemp("raw")
    (raw / name).write_bytes(data)
    (raw / "sources.csv").write_text(f"file,url,author,published,title\n{name},,,,\n")
    build = build_tables(raw, use_cache=False)  # never raises for bad input
    out = write_tables(build, raw.parent / f"{raw.name}-out")
    assert {p.name for p in out} >= {f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")}
    (row,) = build.tables["files"].itertuples()
    if row.status != "read":
        assert row.error  # a located reason the file was not read
        return
    reports, comments = build.tables["reports"], build.tables["comments"]
    columns = [reports[c] for c in ("text", "title", "blog", "posted_by")]
    columns += [comments[c] for c in ("text", "commenter")]
    held = "\n".join(v for col in columns for v in col.dropna())
    read_text = read_page(raw, name, None).text
    for no, raw_line in enumerate(read_text.split("\n"), start=1):
        line = raw_line.strip()
        if not line or _in_unused(no, row.unused) or any(rx.match(line) for rx in _STRUCTURE):
            continue
        bare = strip_excerpt_mark(line)[0]
        assert not bare or bare in held or " ".join(bare.split()) in " ".join(held.split()), (
            f"line {no} lost: {line!r}"
        )


@pytest.mark.parametrize("name", sorted(REAL))
def test_every_real_page_accounts_for_every_line(name, make_raw):
    build = build_tables(make_raw({name: REAL[name]}), use_cache=False)
    (row,) = build.tables["files"].itertuples()
    assert row.status == "read" and row.unused_chars <= 40
