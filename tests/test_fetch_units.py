"""`nec-reports fetch`, the parts that need no server: the registry, the NEC-report rule,
HTML to text, feed parsing, who wrote an entry, de-duplication keys and atomic writes."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from nec_reports.corpus import MANIFEST_COLUMNS, read_manifest
from nec_reports.fetch import html_to_text, is_nec_report, read_registry
from nec_reports.fetch.errors import MalformedFeedError, RegistryError
from nec_reports.fetch.feeds import FeedEntry, parse_feed, person
from nec_reports.fetch.registry import COLUMNS, Feed
from nec_reports.fetch.run import writer
from nec_reports.fetch.store import (
    KnownPosts,
    append_manifest,
    create_new,
    index_corpus,
    load_state,
    save_state,
    url_key,
)

ROOT = Path(__file__).resolve().parents[1]
FEEDS = Path(__file__).parent / "fixtures" / "feeds"


# ---------------------------------------------------------------- registry


def test_bundled_registry_lists_the_known_blogs():
    feeds, problems = read_registry(ROOT / "data" / "feeds.csv")
    assert problems == []
    by_name = {f.name: f for f in feeds}
    assert by_name["lukeakehurst"].url.endswith("/feeds/posts/default")
    assert by_name["lukeakehurst"].kind == "blogger"
    assert by_name["lukeakehurst"].feed_kind == "atom"
    assert by_name["annblack"].kind == "wordpress"
    assert by_name["annblack"].feed_url == "http://www.annblack.co.uk/feed/"  # as before
    assert by_name["aliceperry"].feed_url == "https://aliceperry.wordpress.com/feed/"
    assert by_name["lukeakehurst"].author == "Luke Akehurst"
    assert (
        by_name["annblack"].author == "Ann Black" and by_name["aliceperry"].author == "Alice Perry"
    )
    # Feeds carrying several writers have no default author.
    assert by_name["clpd"].author is None and by_name["planet-necblogs"].author is None
    assert "davelevy.info/necblogs/" in by_name["planet-necblogs"].url
    # Every row says which years it covers and how far it was checked; the aggregator
    # is last, archive rows come after the feeds of the blogs they may duplicate.
    assert all(f.years and f.note for f in feeds)
    assert feeds[-1].name == "planet-necblogs"
    kinds = {f.kind for f in feeds}
    assert kinds == {"wordpress", "blogger", "archive", "rss", "atom"}
    archive = [f for f in feeds if f.kind == "archive"]
    assert archive and all("://" not in f.url for f in archive)


def test_registry_kinds_and_archive_prefixes(tmp_path):
    path = tmp_path / "feeds.csv"
    path.write_text(
        "name,url,kind,author,site\n"
        "wp,https://a.example.org,wordpress,,\n"
        "old,old.example.org/blog/,archive,Jo Bloggs,\n"
        "bad-archive,https://old.example.org/,archive,,\n"
        "bad-kind,https://b.example.org/,gopher,,\n",
        encoding="utf-8",
    )
    feeds, problems = read_registry(path)
    assert [f.name for f in feeds] == ["wp", "old"]
    assert feeds[0].feed_url == "https://a.example.org/feed/" and feeds[0].feed_kind == "rss"
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (4, "an archive url is a site prefix without scheme (example.org/blog)"),
        (5, "kind must be one of atom, rss, wordpress, blogger, archive"),
    ]


def test_registry_reports_bad_rows_by_line_and_keeps_the_good_ones(tmp_path):
    path = tmp_path / "feeds.csv"
    path.write_text(
        "name,url,kind,author,site\n"
        "good,https://a.example.org/feed/,rss,Jo Bloggs,Jo's blog\n"
        "Bad Name,https://b.example.org/feed/,rss,,\n"
        "ftp,ftp://c.example.org/feed,rss,,\n"
        "json,https://d.example.org/feed.json,json,,\n"
        "good,https://e.example.org/feed/,atom,,\n",
        encoding="utf-8",
    )
    feeds, problems = read_registry(path)
    assert [f.name for f in feeds] == ["good"]
    assert [(p.line, p.fragment) for p in problems] == [
        (3, "Bad Name"),
        (4, "ftp://c.example.org/feed"),
        (5, "json"),
        (6, "good"),
    ]
    assert all(p.file == str(path) for p in problems)


def test_registry_without_a_column_or_file_is_an_error(tmp_path):
    path = tmp_path / "feeds.csv"
    path.write_text("name,url,author\nx,https://x.example.org/feed/,\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"missing column.*kind"):
        read_registry(path)
    with pytest.raises(RegistryError, match="not found"):
        read_registry(tmp_path / "nope.csv")
    assert COLUMNS == ("name", "url", "kind", "author", "site")


# ---------------------------------------------------------------- which posts are NEC reports


@pytest.mark.parametrize(
    "title",
    [
        "NEC Report – 14 May 2024",
        "NEC Meeting, 21 May 2024",
        "Labour NEC Report – 3 December 2019",
        "Kim Example reports from the 17 March NEC",
        "Report from NEC Equalities Committee from Kim Example",
        "Update from Labour’s National Executive Committee",
        "Nec report",
        "NEC Away Day, 28 November",
        "NEC elections: my report of the count",  # says it reports
    ],
)
def test_titles_naming_the_nec_are_reports(title):
    assert is_nec_report(title)


@pytest.mark.parametrize(
    "title",
    [
        "In memory of my grandmother",
        "South East Regional Executive Committee, 10 June 2023",
        "National Policy Forum, 21/23 July 2023",
        "Unite Executive Council elections 2023",
        "Connecting with members",  # "nec" inside a word
        "Why I am standing for the NEC",
        "NEC elections: please nominate the Grassroots slate",
        "Thank you for re-electing me to the NEC",
        "Vote for me in the NEC ballot",
    ],
)
def test_other_titles_are_not(title):
    assert not is_nec_report(title)


def test_a_category_naming_the_nec_counts_but_not_for_a_campaign_post():
    assert is_nec_report("Organisation Committee, 9 July 2024", ["NEC"])
    assert is_nec_report("Disputes Panel, 2 May", ["Labour Party", "NEC reports"])
    assert not is_nec_report("Organisation Committee, 9 July 2024", ["Region", "Labour"])
    assert not is_nec_report("Why I am standing again", ["NEC"])


# ---------------------------------------------------------------- HTML to text


def test_paragraphs_lines_and_lists_keep_their_shape():
    html = (
        "<p>The NEC met\n   on 14 May.</p><p>Items:</p><ul><li>Leader’s report</li>"
        "<li>Disputes</li></ul><h3>Selections</h3><p>Shortlists<br/>Appeals</p>"
    )
    assert html_to_text(html) == (
        "The NEC met on 14 May.\n\nItems:\n\n• Leader’s report\n• Disputes\n\n"
        "Selections\n\nShortlists\nAppeals"
    )


def test_blogger_divs_and_double_breaks_make_paragraphs():
    html = "<div>First line.</div><div><br /></div><div>Second para.</div><div>Same para.</div>"
    assert html_to_text(html) == "First line.\n\nSecond para.\nSame para."
    assert html_to_text("One.<br><br>Two.<br>Three.") == "One.\n\nTwo.\nThree."


def test_scripts_styles_and_entities():
    html = (
        "<style>p{}</style><p>£1.2m &amp; 370,450 members&nbsp;</p>"
        "<script>x()</script><p>&nbsp;</p>"
    )
    assert html_to_text(html) == "£1.2m & 370,450 members"


# ---------------------------------------------------------------- feed parsing


def test_atom_entries_have_title_url_local_date_author_and_categories():
    feed = parse_feed((FEEDS / "blogger.atom.xml").read_bytes(), "http://127.0.0.1/x")
    assert feed.version == "atom10" and feed.title == "Priya Castellano's Blog"
    first, _, last = feed.entries
    assert first.title == "NEC Report – 23 July 2024"
    assert first.url == "https://priya-example.blogspot.com/2024/07/nec-report-23-july-2024.html"
    assert first.categories == ("NEC",) and first.author == "Priya Castellano"
    assert first.text.startswith("The NEC met on Tuesday 23 July")
    assert "\n\nOrganisation Committee\n\n" in first.text
    # 00:30 on 17 May British Summer Time is still 16 May in UTC: the blogger's date wins.
    assert last.published == date(2024, 5, 17)


def test_rss_entries_prefer_the_full_content_to_the_summary():
    feed = parse_feed((FEEDS / "wordpress.rss.xml").read_bytes(), "http://127.0.0.1/x")
    assert feed.version == "rss20"
    org = feed.entries[0]
    assert org.author == "tomhartley" and org.categories == ("NEC",)
    assert org.published == date(2024, 7, 12)
    assert "[…]" not in org.text and "412 CLPs" in org.text


def test_an_aggregated_entry_names_its_blog():
    feed = parse_feed((FEEDS / "planet.atom.xml").read_bytes(), "http://127.0.0.1/x")
    lee = feed.entries[0]
    assert lee.blog == "Lee Marsh's Blog" and lee.author == "Admin"
    assert lee.text.startswith("The NEC met on 23 July 2024")


def test_malformed_xml_is_located():
    body = b"<?xml version='1.0'?>\n<rss version='2.0'><channel>\n<item><title>NEC</titel></item>\n"
    with pytest.raises(MalformedFeedError) as err:
        parse_feed(body, "http://127.0.0.1/feed")
    assert err.value.line == 3 and "</titel>" in (err.value.fragment or "")
    assert "not well-formed" in str(err.value) and "http://127.0.0.1/feed" in str(err.value)


def test_a_web_page_is_not_a_feed():
    with pytest.raises(MalformedFeedError, match="not an Atom or RSS feed"):
        parse_feed(b"<html><body><p>Hello</p></body></html>", "http://x/", "text/html")


# ---------------------------------------------------------------- who wrote it


def _entry(title: str, text: str, author: str | None = None, blog: str | None = None) -> FeedEntry:
    return FeedEntry(title, None, date(2024, 5, 20), author, blog, (), text)


def _feed(author: str | None, site: str | None = "A Blog") -> Feed:
    return Feed("x", "https://x.example.org/feed/", "rss", author, site, 2)


def test_person_tells_names_from_logins_and_roles():
    assert person("Ann Example") == "Ann Example"
    assert person("annexample") is None and person("Admin") is None and person("CLPD") is None


def test_single_writer_blog_credits_a_guest_else_the_owner():
    body = "The NEC met on 14 May and agreed the timetable."
    assert writer(_feed("Tom Hartley"), _entry("NEC Meeting", body, "tomhartley")) == "Tom Hartley"
    assert writer(_feed("Tom Hartley"), _entry("NEC Meeting", body, "Jo Guest")) == "Jo Guest"
    # A writer named in the title wins, as it does in the build.
    title = "Dana Whitfield NEC Report – 14 May"
    assert writer(_feed("Tom Hartley"), _entry(title, body, "Jo Guest")) == "Dana Whitfield"


def test_group_feed_looks_past_who_pressed_publish():
    body = "The NEC met on 14 May.\n\nA motion fell by 11 votes to 24."
    signed = body + "\n\nSam Okafor, CLP section"
    assert writer(_feed(None), _entry("NEC report", signed, "Morgan Ellery")) == "Sam Okafor"
    assert writer(_feed(None), _entry("NEC report", body, "Morgan Ellery")) == "Morgan Ellery"
    assert (
        writer(_feed(None), _entry("NEC report", body, "Admin", "Lee Marsh's Blog")) == "Lee Marsh"
    )
    assert writer(_feed(None), _entry("NEC report", body, "Admin")) is None


# ---------------------------------------------------------------- what the corpus holds


def test_url_key_ignores_scheme_www_slash_fragment_and_tracking():
    a = url_key("http://www.example.org/2024/05/nec-report/?utm_source=rss#more")
    assert a == url_key("https://example.org/2024/05/nec-report")
    assert url_key("https://x.blogspot.com/2024/05/a.html?m=1") == url_key(
        "https://x.blogspot.com/2024/05/a.html"
    )
    assert url_key("https://example.org/?p=301") != url_key("https://example.org/?p=302")


def test_known_posts_match_by_url_title_and_date_or_undated_opening():
    known = KnownPosts()
    known.add("https://example.org/a/", "NEC Report – 14 May", date(2024, 5, 17), "The NEC met.")
    known.add(None, "Labour NEC Report – May 2018", None, "The NEC met on 22 May in London to")
    assert known.holds("http://www.example.org/a", "Another title", None, "")
    assert known.holds(None, "NEC report – 14 May", date(2024, 5, 17), "Different text")
    assert not known.holds(None, "NEC Report – 14 May", date(2024, 5, 18), "The NEC met.")
    # An undated archive copy: same title and the same opening words.
    full = "The NEC met on 22 May in London to agree the rules for selections."
    assert known.holds(None, "Labour NEC Report – May 2018", date(2018, 5, 24), full)
    assert not known.holds(None, "Labour NEC Report – May 2018", date(2018, 5, 24), "Other words")


def test_index_corpus_knows_the_bundled_posts():
    known, problems = index_corpus(ROOT / "data" / "raw")
    assert problems == []
    # A post inside the planet page, by title and date, and a single page by its URL.
    assert known.holds(None, "NEC Meeting, 25 July 2023", date(2023, 7, 29), "")
    assert known.holds(
        "https://lukeakehurst.blogspot.com/2021/02/nec-report-11-february-2021.html", "x", None, ""
    )


# ---------------------------------------------------------------- writing safely


def test_create_new_never_overwrites(tmp_path):
    target = tmp_path / "a.txt"
    assert create_new(target, b"first\n")
    assert not create_new(target, b"second\n")
    assert target.read_bytes() == b"first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary left behind


def test_append_manifest_keeps_existing_bytes(tmp_path):
    (tmp_path / "old.txt").write_text("Old\n\nbody text that is long enough to be a post.\n")
    old = b'file,url,author,published,title,layout,original_name,description\nold.txt,,,,,,,"a, b"'
    (tmp_path / "sources.csv").write_bytes(old)  # no final newline
    (tmp_path / "new.txt").write_text('New, "quoted"\n\nbody\n')
    append_manifest(
        tmp_path,
        [
            {
                "file": "new.txt",
                "title": 'New, "quoted"',
                "published": "2024-05-17",
                "layout": "single",
            }
        ],
    )
    data = (tmp_path / "sources.csv").read_bytes()
    assert data.startswith(old + b"\n")
    rows, problems = read_manifest(tmp_path)
    assert problems == [] and rows["new.txt"].title == 'New, "quoted"'
    assert rows["new.txt"].published == date(2024, 5, 17) and rows["new.txt"].layout == "single"


def test_written_files_get_ordinary_permissions_and_the_manifest_keeps_its_own(tmp_path):
    umask = os.umask(0o022)
    try:
        create_new(tmp_path / "page.txt", b"Title\n\nBody\n")
        (tmp_path / "sources.csv").write_text("file,url,author,published,title\n")
        os.chmod(tmp_path / "sources.csv", 0o664)
        append_manifest(tmp_path, [{"file": "page.txt"}])
    finally:
        os.umask(umask)
    assert (tmp_path / "page.txt").stat().st_mode & 0o777 == 0o644  # not mkstemp's 0o600
    assert (tmp_path / "sources.csv").stat().st_mode & 0o777 == 0o664


def test_append_manifest_creates_one_with_a_header(tmp_path):
    (tmp_path / "new.txt").write_text("New\n\nbody\n")
    append_manifest(tmp_path, [{"file": "new.txt", "author": "Jo Bloggs"}])
    with (tmp_path / "sources.csv").open(newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header[:5]) == MANIFEST_COLUMNS
    assert read_manifest(tmp_path)[0]["new.txt"].author == "Jo Bloggs"


def test_state_round_trip_and_a_damaged_state_file_means_ask_again(tmp_path):
    save_state(tmp_path, {"http://x/feed": {"etag": '"abc"', "last_modified": "Tue, 1 Oct"}})
    assert load_state(tmp_path) == {
        "http://x/feed": {"etag": '"abc"', "last_modified": "Tue, 1 Oct"}
    }
    (tmp_path / ".fetch-state.json").write_text("{half")
    assert load_state(tmp_path) == {}


# ---------------------------------------------------------------- the library stays offline


def test_importing_the_package_loads_no_network_or_feed_library():
    code = (
        "import sys, nec_reports, nec_reports.cli, nec_reports.fetch;"
        "bad = [m for m in ('httpx', 'feedparser', 'bs4', 'tqdm', 'httpcore', 'trafilatura', 'lxml', 'htmldate') if m in sys.modules];"
        "print(','.join(bad))"
    )
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
