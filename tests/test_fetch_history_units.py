"""The pieces of `fetch --history` without a server: which archived addresses are posts,
how captures are grouped and chosen, reading an archived page (main text apart from
boilerplate and comments), and the page layout the splitters read back."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nec_reports.fetch.archive import (
    NOT_A_POST,
    Capture,
    _cdx_rows,
    group_captures,
    not_a_post,
    read_capture,
)
from nec_reports.fetch.history import page_text
from nec_reports.fetch.paging import ReaderComment, with_query
from nec_reports.fetch.store import KnownPosts, text_key
from nec_reports.layouts import split_page


@pytest.mark.parametrize(
    "url",
    [
        "http://ann.example.org/",
        "http://ann.example.org/2012/",
        "http://ann.example.org/2012/01/",
        "http://ann.example.org/feed/",
        "http://ann.example.org/category/nec/",
        "http://ann.example.org/tag/nec/page/2/",
        "http://ann.example.org/wp-content/uploads/2012/01/report.pdf",
        "http://ann.example.org/style.css",
        "http://ann.example.org/2012/01/nec-report/?replytocom=12",
        "http://ann.example.org/2012/01/nec-report/comment-page-2/",
        "http://blog.example.com/search/label/NEC",
        "http://www.annblack.com/index.htm",
        "http://ann.example.org/about/",
    ],
)
def test_indexes_feeds_files_and_reply_links_are_not_posts(url):
    assert not_a_post(url) == NOT_A_POST


@pytest.mark.parametrize(
    "url",
    [
        "http://ann.example.org/2012/01/nec-report-january-2012/",
        "http://www.christineshawcroft.co.uk/nec/20120529",
        "http://www.annblack.com/nec_july2004.htm",
        "http://ann.example.org/?p=123",
        "http://blog.example.com/2006/12/nec-report.html",
        "http://ann.example.org/2012/01/report-from-the-national-executive/",
        "http://ann.example.org/2013/05/away-day-thoughts/",
    ],
)
def test_post_addresses_are_fetched(url):
    assert not_a_post(url) is None


def test_a_worded_slug_not_naming_the_nec_is_not_fetched():
    assert not_a_post("http://ann.example.org/2012/02/campaign-day-in-leeds/")
    assert not_a_post("ann.example.org/2012/02/why-i-love-bolton.html")


def test_captures_group_by_page_newest_first_html_only():
    caps = [
        Capture("20120101000000", "http://ann.example.org:80/a/", "text/html", "1"),
        Capture("20130101000000", "https://www.ann.example.org/a", "text/html", "2"),
        Capture("20110101000000", "http://ann.example.org/a/?utm_source=x", "text/html", "1"),
        Capture("20120101000000", "http://ann.example.org/logo.png", "image/png", "3"),
    ]
    groups = group_captures(caps)
    assert list(groups) == ["ann.example.org/a"]
    assert [c.timestamp for c in groups["ann.example.org/a"]] == [
        "20130101000000",
        "20120101000000",
        "20110101000000",
    ]
    c = groups["ann.example.org/a"][0]
    assert c.raw_url("https://web.archive.org/") == (
        "https://web.archive.org/web/20130101000000id_/https://www.ann.example.org/a"
    )
    assert c.when == datetime.fromisoformat("2013-01-01T00:00:00+00:00")


def test_cdx_rows_by_header_with_a_resume_key():
    rows = [
        ["timestamp", "original", "statuscode", "mimetype"],  # any column order
        ["20120101000000", "http://a.example/x", "200", "text/html"],
        ["short"],
        [],
        ["next-page-key"],
    ]
    caps, resume = _cdx_rows(rows, "http://cdx")
    assert [(c.timestamp, c.original, c.mimetype) for c in caps] == [
        ("20120101000000", "http://a.example/x", "text/html")
    ]
    assert resume == "next-page-key"


BLOGGER_CLASSIC = b"""<html><head><title>Priya's Blog: NEC report - June 2009</title></head><body>
<!-- BEGIN WAYBACK TOOLBAR INSERT --><div id="wm-ipp">1,234 captures 02 Jun 2009 - 9 Mar 2016</div><!-- END WAYBACK TOOLBAR INSERT -->
<div id="header"><h1>Priya's Blog</h1><p>Visitors: 123,456</p></div>
<div id="main"><div class="post">
<h2 class="date-header">Tuesday, June 02, 2009</h2>
<h3 class="post-title">NEC report - June 2009</h3>
<div class="post-body"><p>The NEC met on 1 June. We heard that the party had 166,000 members, fewer than in the spring.</p>
<p>The general secretary reported on the European election campaign and the finances.</p></div>
<div class="post-footer">Labels: <span class="post-labels"><a href="/search/label/NEC" rel="tag">NEC</a></span></div>
</div>
<div id="comments"><h4>2 comments:</h4><dl id="comments-block">
<dt class="comment-author" id="c1">Sam Commenter said...</dt>
<dd class="comment-body"><p>I thought membership was 150,000 members by now.</p></dd>
<dd class="comment-footer"><span class="comment-timestamp"><a href="#c1">9:05 am, June 03, 2009</a></span></dd>
<dt class="comment-author" id="c2">Anonymous said...</dt>
<dd class="comment-body"><p>Thanks Priya.</p></dd>
<dd class="comment-footer"><span class="comment-timestamp"><a href="#c2">June 04, 2009</a></span></dd>
</dl></div></div>
<div id="sidebar"><h2>Blog Archive</h2><ul><li>2009 (12)</li><li>2008 (34)</li></ul></div>
<div id="footer">Powered by Blogger. 99,999 page views.</div>
</body></html>"""


def test_an_archived_blogger_page_reads_as_post_and_comments_apart():
    cap = Capture(
        "20090610000000", "http://priya.example.blogspot.com/2009/06/nec-report.html", "", ""
    )
    found = read_capture(BLOGGER_CLASSIC, cap, "https://web.archive.org")
    assert found is not None
    e = found.entry
    assert "NEC report - June 2009" in e.title
    assert "166,000" in e.text and "European election" in e.text
    for junk in ("150,000", "123,456", "99,999", "1,234", "Blog Archive", "Powered by"):
        assert junk not in e.text
    assert "NEC" in e.categories
    assert e.url == "http://priya.example.blogspot.com/2009/06/nec-report.html"
    assert [c.who for c in found.comments] == ["Sam Commenter", "Anonymous"]
    assert found.comments[0].posted == datetime(2009, 6, 3, 9, 5)
    assert found.comments[1].posted is None  # no time of day given: not made up
    assert found.capture_url == (
        "https://web.archive.org/web/20090610000000/"
        "http://priya.example.blogspot.com/2009/06/nec-report.html"
    )


def test_a_date_after_the_capture_is_not_a_publication_date():
    page = b"""<html><head><title>NEC report</title>
    <meta property="article:published_time" content="2019-05-01T10:00:00+00:00"></head>
    <body><article><h1>NEC report</h1><p>The NEC met and agreed the budget for the coming
    year after a long debate about the party's finances and staffing.</p></article></body></html>"""
    early = Capture("20120101000000", "http://a.example.org/nec-report/", "text/html", "")
    late = Capture("20200101000000", "http://a.example.org/nec-report/", "text/html", "")
    assert read_capture(page, early, "http://x").entry.published is None  # type: ignore[union-attr]
    assert read_capture(page, late, "http://x").entry.published == date(2019, 5, 1)  # type: ignore[union-attr]


def test_a_page_with_comments_reads_back_with_them_apart_from_the_body():
    comments = [
        ReaderComment(
            "Bob Reader", datetime(2013, 5, 21, 8, 15), "Membership is 777,777.\nSaid..."
        ),
        ReaderComment("Carol", datetime(2013, 5, 21, 19, 2), "Thanks.\n10:00 am, May 1, 2013"),
        ReaderComment("Dan", None, "No time for this one: 555,555."),
    ]
    text, layout, kept = page_text(
        "NEC Report: May 2013",
        "The NEC met on 14 May.\n\nMembership stood at 189,531.\n\nOlder Post",
        date(2013, 5, 20),
        comments,
    )
    assert layout == "blogger" and kept == 3
    _, posts = split_page(text, "p.txt", layout)
    [post] = posts
    assert post.title == "NEC Report: May 2013" and post.published == date(2013, 5, 20)
    assert "189,531" in post.text
    assert not any(n in post.text for n in ("777,777", "555,555", "Older Post", "said..."))
    assert [(c.commenter, c.posted) for c in post.comments] == [
        ("Bob Reader", datetime(2013, 5, 21, 8, 15)),
        ("Carol", datetime(2013, 5, 21, 19, 2)),
    ]


def test_without_comments_or_a_date_the_page_is_a_plain_post():
    assert page_text("NEC report", "Body.", None, [ReaderComment("A", None, "x")])[1:] == (
        "single",
        0,
    )
    assert page_text("NEC report", "Body.", date(2020, 1, 1), []) == (
        "NEC report\n\nBody.\n",
        "single",
        0,
    )


def test_a_post_is_known_by_its_normalised_text():
    body = (
        "The NEC met on 14 May. Membership stood at 189,531 members at the end of April, "
        "and we agreed the timetable for the selection of parliamentary candidates."
    )
    known = KnownPosts()
    known.add("https://tom.example.org/a/", "NEC Report: May 2013", date(2013, 5, 20), body)
    reworded = body.replace(" ", "  ").replace("May.", "May —").upper()
    assert known.holds(None, "A different title", None, reworded)
    assert not known.holds(None, "A different title", None, "The NEC met in June. " * 3)
    assert text_key("Too short to name a post.") is None


def test_with_query_adds_and_replaces_parameters():
    assert with_query("http://a/feed/", paged=2) == "http://a/feed/?paged=2"
    assert with_query("http://a/f?x=1&paged=1", paged=3) == "http://a/f?x=1&paged=3"


def test_the_archive_prefix_itself_is_an_index_not_a_post():
    import json

    from nec_reports.fetch.archive import walk_archive
    from nec_reports.fetch.http import Fetched
    from nec_reports.fetch.registry import Feed

    rows = [
        ["timestamp", "original", "mimetype"],
        ["20130101000000", "http://old.example.org/nec/", "text/html"],
        ["20130101000000", "http://old.example.org/nec/20120529", "text/html"],
    ]
    asked: list[str] = []

    def get(url: str, kind: str) -> Fetched:
        asked.append(url)
        body = json.dumps(rows).encode() if "/cdx/" in url else BLOGGER_CLASSIC
        return Fetched(url, 200, body, "text/html", None, None, 1)

    feed = Feed("old", "old.example.org/nec/", "archive", None, None, 2)
    batches = list(walk_archive(get, feed, {}, "http://arch"))
    assert [u for u in asked if "/cdx/" not in u] == [
        "http://arch/web/20130101000000id_/http://old.example.org/nec/20120529"
    ]
    assert batches[-1].done and batches[-1].skipped == {NOT_A_POST: 1}
    assert batches[-1].cursor == {"seen": ["old.example.org/nec/20120529"]}


def test_the_cdx_query_asks_for_a_prefix_under_a_path():
    from nec_reports.fetch.archive import cdx_url

    assert cdx_url("https://web.archive.org/", "www.annblack.com") == (
        "https://web.archive.org/cdx/search/cdx?url=www.annblack.com/*&output=json"
        "&filter=statuscode:200&collapse=digest&limit=5000&showResumeKey=true"
    )
    assert cdx_url("https://web.archive.org", "a.example/nec/", "k 1").endswith(
        "url=a.example/nec/*&output=json&filter=statuscode:200&collapse=digest"
        "&limit=5000&showResumeKey=true&resumeKey=k%201"
    )
