"""Which URL cites a report (its own permalink, else the page it was captured from, and
``source_url_kind`` saying which), where ``published`` comes from, and the build
summary's count of undated reports and facts."""

from __future__ import annotations

import pytest

import nec_reports as nr
from nec_reports.build import build_tables
from nec_reports.corpus import PAGE_URL, POST_URL, url_kind
from nec_reports.overview import undated_line
from nec_reports.pipeline import parse_corpus
from nec_reports.sections import url_date


@pytest.mark.parametrize(
    "url, want",
    [
        ("https://davelevy.info/necblogs/", PAGE_URL),  # an aggregator's front page
        ("https://aliceperry.wordpress.com/", PAGE_URL),  # a blog's front page
        ("http://lukeakehurst.blogspot.co.uk/", PAGE_URL),
        ("https://aliceperry.wordpress.com/category/uncategorized/", PAGE_URL),
        ("https://example.org/tag/nec/page/2/", PAGE_URL),
        ("http://wheelers-website.blogspot.co.uk/2006/", PAGE_URL),  # a year's archive
        ("https://example.org/2019/03/", PAGE_URL),  # a month's archive
        ("http://www.darrenwilliams.org.uk/?cat=4", PAGE_URL),
        ("http://www.darrenwilliams.org.uk/?m=201905", PAGE_URL),
        ("http://www.darrenwilliams.org.uk/?p=171", POST_URL),  # a post by its number
        ("http://www.annblack.co.uk/nec-update-november-2021/", POST_URL),
        ("https://lukeakehurst.blogspot.com/2021/02/nec-report-11-february-2021.html", POST_URL),
        ("https://aliceperry.wordpress.com/2015/11/20/labour-nec-report-november-2015/", POST_URL),
        ("http://www.christineshawcroft.co.uk/nec/20140603", POST_URL),
        (None, None),
    ],
)
def test_url_kind(url, want):
    assert url_kind(url) == want


def test_a_url_of_a_file_with_several_posts_is_the_pages_whatever_it_looks_like():
    assert url_kind("https://example.org/nec-reports-2018/", posts_in_file=2) == PAGE_URL
    assert url_kind("https://example.org/nec-reports-2018/", posts_in_file=1) == POST_URL


PLANET = """\
July 29, 2023

Sam Sample's Blog

NEC Report – 25 July 2023

The NEC met on 25 July 2023. Membership stands at 400,000 members. […]

by Sam Sample at July 29, 2023 11:10 AM

NEC Report – 20 June 2023

The NEC met on 20 June 2023. Nothing else was decided. […]

by Sam Sample at July 28, 2023 10:00 AM
"""
SINGLE = """\
NEC Report – 25 July 2023

The NEC met on 25 July 2023. Membership stands at 400,000 members. The rest of the
report follows, which the aggregator cut short.
"""


def test_a_posts_own_address_wins_over_the_aggregator_page_it_was_also_read_from(make_raw):
    raw = make_raw(
        {"planet.txt": PLANET, "post.txt": SINGLE},
        manifest=[
            {"file": "planet.txt", "url": "https://planet.example.org/"},
            {"file": "post.txt", "url": "https://sam.example.org/2023/07/nec-report/"},
        ],
    )
    reports = {r.title: r for r in parse_corpus(raw).reports}
    july, june = reports["NEC Report – 25 July 2023"], reports["NEC Report – 20 June 2023"]
    assert len(july.source_files) == 2
    assert (july.source_url, july.source_url_kind) == (
        "https://sam.example.org/2023/07/nec-report/",
        POST_URL,
    )
    assert (june.source_url, june.source_url_kind) == ("https://planet.example.org/", PAGE_URL)
    assert july.published_from == "page"  # the planet footer's date


def test_published_from_the_manifest_and_none_without_a_date(make_raw):
    raw = make_raw(
        {"a.txt": SINGLE, "b.txt": SINGLE.replace("25 July", "1 August")},
        manifest=[{"file": "a.txt", "published": "2023-07-27"}, {"file": "b.txt"}],
    )
    got = {r.source_files[0]: r for r in parse_corpus(raw).reports}
    assert (str(got["a.txt"].published), got["a.txt"].published_from) == ("2023-07-27", "manifest")
    assert (got["b.txt"].published, got["b.txt"].published_from) == (None, None)
    assert got["b.txt"].source_url is None and got["b.txt"].source_url_kind is None


def test_bundled_reports_say_what_their_url_is():
    reports = nr.load_reports()
    kinds = reports.set_index("title")["source_url_kind"]
    assert set(kinds.dropna()) <= {POST_URL, PAGE_URL} and kinds.notna().all()
    # the November 2021 update is on the planet page and in its own file: its own address
    nov = reports[reports["title"] == "NEC Update, November 2021"].iloc[0]
    assert nov["source_url"] == "http://www.annblack.co.uk/nec-update-november-2021/"
    assert nov["source_url_kind"] == POST_URL
    planet_only = reports[reports["source_file"] == "planet-necblogs-2023-07-29.txt"]
    assert (planet_only["source_url_kind"] == PAGE_URL).all()
    # a post's publication date is never made up: Alice Perry's pages print none
    perry = reports[reports["author"] == "Alice Perry"]
    assert perry["published"].isna().all() and perry["published_from"].isna().all()


def test_build_summary_counts_undated_reports_and_facts():
    built = build_tables()
    line = undated_line(built.tables)
    assert line.startswith("undated: ")
    assert "Mish Rahman 5" in line  # her reposts name a month, never the meeting's day
    assert "15 without a publication date (Alice Perry 15)" in line
    assert "fact row(s) have no meeting date" in line
    assert line in built.summary()


@pytest.mark.parametrize(
    "url, want",
    [
        ("https://labourlist.org/2011/09/nec-report-september-20th/?utm_source=x", "2011-09-30"),
        (
            "https://aliceperry.wordpress.com/2015/11/20/labour-nec-report-november-2015/",
            "2015-11-20",
        ),
        ("http://labourbriefing.squarespace.com/home/2016/7/18/nec-member-reports", "2016-07-18"),
        ("http://wheelers-website.blogspot.co.uk/2006/", "2006-12-31"),
        ("http://www.darrenwilliams.org.uk/?m=201905", "2019-05-31"),
        ("https://davelevy.info/necblogs/", None),
        (None, None),
    ],
)
def test_url_date(url, want):
    got = url_date(url)
    assert (got.isoformat() if got else None) == want


def test_a_year_less_title_takes_its_year_from_the_posts_address(make_raw):
    text = "NEC Report – September 20th\n\nThe NEC met on 20th September. It agreed things.\n"
    raw = make_raw(
        {"a.txt": text, "b.txt": text.replace("20th", "21st")},
        manifest=[
            {"file": "a.txt", "url": "https://labourlist.org/2011/09/nec-report-september-20th/"},
            {"file": "b.txt", "url": "https://example.org/nec-report-september-21st/"},
        ],
    )
    got = {r.source_files[0]: r for r in parse_corpus(raw).reports}
    assert [d.isoformat() for d in got["a.txt"].meeting_dates] == ["2011-09-20"]
    assert got["a.txt"].published is None  # a month in the address is no publication date
    assert got["b.txt"].meeting_dates == []  # no year anywhere: left empty, never guessed


def test_a_link_line_on_an_aggregator_page_is_the_reports_own_address(make_raw):
    page = PLANET.replace(
        "NEC Report – 20 June 2023\n",
        "NEC Report – 20 June 2023\nLink: https://sam.example.org/june/\n",
    )
    raw = make_raw(
        {"planet.txt": page},
        manifest=[{"file": "planet.txt", "url": "https://planet.example.org/"}],
    )
    corpus = parse_corpus(raw)
    got = {r.title: (r.source_url, r.source_url_kind) for r in corpus.reports}
    assert got["NEC Report – 20 June 2023"] == ("https://sam.example.org/june/", POST_URL)
    assert got["NEC Report – 25 July 2023"] == ("https://planet.example.org/", PAGE_URL)
    assert corpus.files[0].unused_chars == 0  # the link line is the post's, not lost text
