"""`nec-reports fetch --history` against a loopback server emulating each API with the
faults each meets in the wild: a WordPress REST API (a 503 with Retry-After in the middle
of paging, pages shorter than asked, a non-NEC post, comments holding numbers), a WordPress
site with the API off (the paged feed), Blogger's paged Atom feed with a comment feed, and
a Wayback-compatible archive (CDX paging, duplicate captures, a capture that answers 404,
a page that changed between captures, boilerplate and comments holding numbers, a post
present both in a feed and in the archive).  Nothing here touches the network."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from nec_reports.build import build_tables
from nec_reports.cli import main
from nec_reports.corpus import read_manifest
from nec_reports.fetch import HttpSettings, fetch_history
from nec_reports.fetch.archive import cdx_url
from nec_reports.fetch.history import HISTORY_STATE

pytestmark = [pytest.mark.network, pytest.mark.allow_hosts(["127.0.0.1"])]

HEADER = "file,url,author,published,title,layout,original_name,description\n"


# ---------------------------------------------------------------- the server


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int = 0  # answer 503 with Retry-After this many times first
    retry_after: str = "2"


def key(url: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A request's path and sorted query, decoded: how routes are looked up."""
    parts = urlsplit(url)
    return unquote(parts.path), tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


@dataclass
class Server:
    base: str
    routes: dict[tuple[str, tuple[tuple[str, str], ...]], Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)

    def add(self, path: str, route: Route) -> None:
        self.routes[key(path)] = route

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if key(r) == key(path))


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer

    def do_GET(self) -> None:
        srv = self.server.state
        srv.requests.append(self.path)
        srv.agents.add(self.headers.get("User-Agent", ""))
        route = srv.routes.get(key(self.path))
        if route is None:
            self.send_error(404)
            return
        if route.fail_first > 0:
            route.fail_first -= 1
            self.send_response(503)
            self.send_header("Retry-After", route.retry_after)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route.status in (301, 302):
            self.send_response(route.status)
            for k, v in route.headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route.status != 200:
            self.send_error(route.status)
            return
        self.send_response(200)
        self.send_header("Content-Type", route.content_type)
        for k, v in route.headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    state: Server


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
    httpd.state = Server(f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield httpd.state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------- WordPress REST API

TOM = "https://tom.example.org"


def _wp_item(pid: int, title: str, day: str, body: str, author: str, cats: list[str]) -> dict:
    return {
        "id": pid,
        "date": day,
        "link": f"{TOM}/{day[:4]}/{day[5:7]}/{title.lower().replace(' ', '-').replace(':', '')}/",
        "title": {"rendered": title},
        "content": {"rendered": body, "protected": False},
        "excerpt": {"rendered": ""},
        "_links": {"replies": [{"href": f"/wp/wp-json/wp/v2/comments?post={pid}"}]},
        "_embedded": {
            "author": [{"id": 1, "name": author}],
            "wp:term": [[{"taxonomy": "category", "name": c} for c in cats], []],
        },
    }


WP_POSTS = [
    _wp_item(
        5,
        "NEC Report: May 2013",
        "2013-05-20T21:30:00",
        "<p>The NEC met on 14 May. Membership stood at 189,531 members at the end of April.</p>"
        "<p>We agreed the timetable for the selection of parliamentary candidates.</p>",
        "Tom Hartley",
        ["NEC"],
    ),
    _wp_item(
        4,
        "Campaigning in Bury this weekend",
        "2013-04-02T10:00:00",
        "<p>We knocked on 1,200 doors on Saturday and spoke to many residents.</p>",
        "Tom Hartley",
        ["Campaigns"],
    ),
    _wp_item(
        3,
        "January meeting",
        "2013-01-29T18:00:00",
        "<p>The committee met on 29 January. The general secretary said that membership had"
        " reached 187,000 members, the highest for some years.</p><p>More next time.</p>",
        "Jane Guest",
        ["NEC reports"],
    ),
    _wp_item(
        2,
        "NEC report: November 2012",
        "2012-11-27T09:00:00",
        "<p>The NEC met on 27 November and heard that membership was 193,000 members.</p>",
        "Tom Hartley",
        ["NEC"],
    ),
    _wp_item(
        1,
        "Hello world",
        "2012-01-01T00:00:00",
        "<p>Welcome to my new blog.</p>",
        "Tom Hartley",
        ["Uncategorized"],
    ),
]
WP_COMMENTS = {
    5: [
        {
            "author_name": "Bob Reader",
            "date": "2013-05-21T08:15:00",
            "content": {"rendered": "<p>I heard membership was really 777,777 members.</p>"},
        }
    ]
}


def _wordpress(srv: Server, per_page: int = 2) -> None:
    """Five posts, two a page (fewer than the 100 asked): three pages; page 2 answers 503
    with Retry-After once."""
    pages = [WP_POSTS[i : i + per_page] for i in range(0, len(WP_POSTS), per_page)]
    for n, items in enumerate(pages, start=1):
        srv.add(
            f"/wp/wp-json/wp/v2/posts?per_page=100&page={n}&_embed",
            Route(
                json.dumps(items).encode(),
                headers={"X-WP-Total": str(len(WP_POSTS)), "X-WP-TotalPages": str(len(pages))},
                fail_first=1 if n == 2 else 0,
            ),
        )
    for pid in (5, 3, 2):
        srv.add(
            f"/wp/wp-json/wp/v2/comments?post={pid}&per_page=100&page=1&order=asc",
            Route(json.dumps(WP_COMMENTS.get(pid, [])).encode(), headers={"X-WP-TotalPages": "1"}),
        )


# ---------------------------------------------------------------- WordPress, API off


def _rss(items: list[tuple[str, str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
        f"<dc:creator>Ruth Example</dc:creator><category>NEC</category>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        for t, link, d, body in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Ruth</title>'
        f"{entries}</channel></rss>"
    ).encode()


def _wordpress_api_off(srv: Server) -> None:
    srv.add("/ruth/wp-json/wp/v2/posts?per_page=100&page=1&_embed", Route(status=404))
    srv.add(
        "/ruth/feed/",
        Route(
            _rss(
                [
                    (
                        "Report from the NEC, March 2010",
                        "https://ruth.example.org/2010/03/nec/",
                        "Tue, 23 Mar 2010 20:00:00 +0000",
                        "<p>The NEC met today. Membership is now 166,247 members.</p>",
                    )
                ]
            ),
            content_type="application/rss+xml",
        ),
    )
    srv.add(
        "/ruth/feed/?paged=2",
        Route(
            _rss(
                [
                    (
                        "NEC update, January 2010",
                        "https://ruth.example.org/2010/01/nec/",
                        "Wed, 27 Jan 2010 20:00:00 +0000",
                        "<p>The NEC met on 26 January and agreed the manifesto process.</p>",
                    )
                ]
            ),
            content_type="application/rss+xml",
        ),
    )
    # page 3: 404, the end of the feed


# ---------------------------------------------------------------- Blogger


def _atom_entry(pid: str, title: str, published: str, body: str, replies: int) -> str:
    return (
        f"<entry><id>tag:blogger.com,1999:blog-1.post-{pid}</id><published>{published}</published>"
        f"<title type='text'>{title}</title>"
        f"<content type='html'>{body}</content>"
        f"<link rel='replies' type='application/atom+xml' href='{{base}}/blog/feeds/{pid}/comments/default'/>"
        f"<link rel='alternate' type='text/html' href='https://priya.example.blogspot.com/{published[:4]}/{published[5:7]}/{pid}.html'/>"
        f"<author><name>Priya Castellano</name></author><thr:total>{replies}</thr:total></entry>"
    )


def _atom(entries: list[str], total: int, base: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'"
        " xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/'"
        " xmlns:thr='http://purl.org/syndication/thread/1.0'><title>Priya's Blog</title>"
        f"<openSearch:totalResults>{total}</openSearch:totalResults>"
        + "".join(entries).replace("{base}", base)
        + "</feed>"
    ).encode()


def _blogger(srv: Server) -> None:
    """Three posts; the server gives two a page whatever max-results says."""
    e1 = _atom_entry(
        "111",
        "NEC report - June 2011",
        "2011-06-02T23:10:00+01:00",
        "&lt;p&gt;The NEC met on 1 June. We heard that membership is 194,000 members.&lt;/p&gt;",
        1,
    )
    e2 = _atom_entry(
        "110", "Why I love Bolton", "2011-05-01T10:00:00+01:00", "A town 10,000 strong.", 0
    )
    e3 = _atom_entry(
        "109",
        "NEC report - March 2011",
        "2011-03-23T21:00:00Z",
        "&lt;p&gt;The NEC met on 22 March and agreed the budget.&lt;/p&gt;",
        0,
    )
    q = "/blog/feeds/posts/default?start-index={}&max-results=100"
    srv.add(q.format(1), Route(_atom([e1, e2], 3, srv.base), content_type="application/atom+xml"))
    srv.add(q.format(3), Route(_atom([e3], 3, srv.base), content_type="application/atom+xml"))
    comments = (
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>c</title>"
        b"<entry><published>2011-06-03T09:05:00+01:00</published><author><name>Sam Commenter</name></author>"
        b"<content type='html'>Surely membership is 555,555 members by now?</content></entry></feed>"
    )
    srv.add(
        "/blog/feeds/111/comments/default?max-results=500",
        Route(comments, content_type="application/atom+xml"),
    )


# ---------------------------------------------------------------- the archive

BOILERPLATE_NUMBERS = ("987,654", "999,999", "45,678")
COMMENT_NUMBERS = ("777,777", "555,555", "444,444", "250,000")


def _archived_page(
    title: str,
    day: str,
    paragraphs: list[str],
    comments: list[tuple[str, str, str]],
    category: str = "NEC",
) -> bytes:
    """A WordPress theme page: navigation, sidebar and footer holding numbers, and the
    reader comments under the post."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    cmts = "".join(
        f'<li class="comment"><article class="comment-body"><footer class="comment-meta">'
        f'<div class="comment-author vcard"><b class="fn">{who}</b> says:</div>'
        f'<div class="comment-metadata"><time datetime="{when}">{when}</time></div></footer>'
        f'<div class="comment-content"><p>{text}</p></div></article></li>'
        for who, when, text in comments
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title} | Ann Example</title>
<meta name="author" content="Ann Example">
<meta property="article:published_time" content="{day}T10:00:00+00:00">
</head><body>
<header><h1 class="site-title">Ann Example's Blog</h1><nav><ul><li><a href="/">Home</a></li>
<li><a href="/about/">About</a></li><li><a href="/members/">Join our 45,678 supporters</a></li></ul></nav></header>
<div id="content"><article class="post">
<h1 class="entry-title">{title}</h1>
<div class="entry-meta">Posted on <time datetime="{day}T10:00:00+00:00">{day}</time> by <span class="author vcard">Ann Example</span></div>
<div class="entry-content">{body}</div>
<div class="cat-links">Posted in <a href="/category/x/" rel="category tag">{category}</a></div>
</article>
<div id="comments" class="comments-area"><h2>Responses</h2><ol class="comment-list">{cmts}</ol></div>
</div>
<aside id="sidebar"><div class="widget"><h3>Blog stats</h3><p>987,654 hits since 2008</p></div>
<div class="widget"><h3>Recent posts</h3><ul><li>Labour membership tops 999,999 members?</li></ul></div></aside>
<footer>© 2008-2014 Ann Example. Powered by WordPress.</footer>
</body></html>""".encode()


JAN = [
    "The NEC met on 24 January 2012 at party headquarters.",
    "The general secretary reported that membership stood at 193,300 members, up from last year.",
    "We agreed the timetable for selecting candidates and discussed the finances at length.",
]
MARCH = [
    "The NEC met on 20 March 2012 in Newcastle.",
    "We heard the party had 191,500 members at the start of the month.",
    "The meeting agreed the arrangements for this year's conference.",
]
TOM_MAY = [
    "The NEC met on 14 May. Membership stood at 189,531 members at the end of April.",
    "We agreed the timetable for the selection of parliamentary candidates.",
]

ANN = "http://ann.example.org"


def _archive(srv: Server) -> None:
    """Captures under ann.example.org (listed in two CDX pages) and tom.example.org."""
    jan = f"{ANN}/2012/01/nec-report-january-2012/"
    march = f"{ANN}:80/2012/03/nec-report-march-2012/"
    not_nec = f"{ANN}/2012/02/report-from-regional-conference/"
    rows = [
        ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
        ["org,example,ann)/", "20120130000000", f"{ANN}/", "text/html", "200", "F1", "1"],
        ["k", "20120125101010", jan, "text/html", "200", "D1", "1"],
        ["k", "20120126101010", jan, "text/html", "200", "D1", "1"],  # duplicate capture
        ["k", "20120301101010", jan, "text/html", "200", "D2", "1"],  # changed: a new comment
        [
            "k",
            "20120201000000",
            f"{ANN}/2012/01/nec-report-january-2012/feed/",
            "application/rss+xml",
            "200",
            "X",
            "1",
        ],
        ["k", "20120201000000", f"{ANN}/wp-content/uploads/logo.png", "image/png", "200", "X", "1"],
        [],
        ["resume-1"],
    ]
    rows2 = [
        ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
        ["k", "20120321000000", march, "text/html", "200", "M1", "1"],
        ["k", "20120401000000", march, "text/html", "200", "M2", "1"],  # answers 404
        [
            "k",
            "20120215000000",
            f"{ANN}/2012/02/campaign-day-in-leeds/",
            "text/html",
            "200",
            "C",
            "1",
        ],
        ["k", "20120216000000", not_nec, "text/html", "200", "N", "1"],
    ]
    srv.add(_cdx("ann.example.org"), Route(json.dumps(rows).encode()))
    srv.add(_cdx("ann.example.org", "resume-1"), Route(json.dumps(rows2).encode()))
    old_comment = (
        "Bob Reader",
        "2012-01-25T09:15:00",
        "I heard membership was really 250,000 members.",
    )
    new_comment = ("Carol", "2012-02-02T16:02:00", "Thanks Ann, though I make it 444,444 members.")
    srv.add(
        f"/archive/web/20120125101010id_/{jan}",
        Route(
            _archived_page("NEC Report – January 2012", "2012-01-24", JAN, [old_comment]),
            content_type="text/html",
        ),
    )
    srv.add(
        f"/archive/web/20120126101010id_/{jan}",
        Route(
            _archived_page("NEC Report – January 2012", "2012-01-24", JAN, [old_comment]),
            content_type="text/html",
        ),
    )
    srv.add(
        f"/archive/web/20120301101010id_/{jan}",
        Route(
            _archived_page(
                "NEC Report – January 2012", "2012-01-24", JAN, [old_comment, new_comment]
            ),
            content_type="text/html",
        ),
    )
    srv.add(
        f"/archive/web/20120321000000id_/{march}",
        Route(
            _archived_page("NEC Report – March 2012", "2012-03-21", MARCH, []),
            content_type="text/html",
        ),
    )
    srv.add(
        f"/archive/web/20120216000000id_/{not_nec}",
        Route(
            _archived_page(
                "Report from regional conference",
                "2012-02-15",
                ["We had 300 delegates at the conference this year, a record."],
                [],
                category="Campaigns",
            ),
            content_type="text/html",
        ),
    )
    # The WordPress post of May 2013, archived twice: at its own address and at a copy.
    tom_rows = [
        ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
        [
            "k",
            "20130601000000",
            "http://tom.example.org:80/2013/05/nec-report-may-2013/",
            "text/html",
            "200",
            "T1",
            "1",
        ],
        [
            "k",
            "20130602000000",
            "http://tom.example.org/2013/05/nec-report-may-2013-2/",
            "text/html",
            "200",
            "T2",
            "1",
        ],
    ]
    srv.add(_cdx("tom.example.org"), Route(json.dumps(tom_rows).encode()))
    srv.add(
        "/archive/web/20130602000000id_/http://tom.example.org/2013/05/nec-report-may-2013-2/",
        Route(
            _archived_page("NEC report (repost of May)", "2013-05-22", TOM_MAY, []),
            content_type="text/html",
        ),
    )


def _cdx(prefix: str, resume: str | None = None) -> str:
    return (
        urlsplit(cdx_url("http://x/archive", prefix, resume))
        ._replace(scheme="", netloc="")
        .geturl()
    )


# ---------------------------------------------------------------- helpers


REGISTRY_ROWS = [
    ("tomhartley", "/wp", "wordpress", "Tom Hartley", "Tom Hartley on the Record"),
    ("priya", "/blog/feeds/posts/default", "blogger", "Priya Castellano", "Priya's Blog"),
    ("ruth", "/ruth", "wordpress", "Ruth Example", "Ruth's NEC blog"),
    ("ann-archive", "ann.example.org", "archive", "", "Ann Example's Blog"),
    ("tom-archive", "tom.example.org", "archive", "Tom Hartley", "Tom Hartley on the Record"),
]


def _setup(tmp_path: Path, srv: Server, rows=REGISTRY_ROWS) -> tuple[Path, Path]:
    _wordpress(srv)
    _wordpress_api_off(srv)
    _blogger(srv)
    _archive(srv)
    reg = tmp_path / "feeds.csv"
    with reg.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "url", "kind", "author", "site", "years", "note"])
        for name, url, kind, author, site in rows:
            w.writerow(
                [name, url if kind == "archive" else srv.base + url, kind, author, site, "", ""]
            )
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "sources.csv").write_text(HEADER, encoding="utf-8")
    return reg, raw


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def _settings(sleeps: Sleeps | None = None, **kw: object) -> HttpSettings:
    base: dict[str, object] = {
        "timeout_s": 5.0,
        "retries": 2,
        "backoff_s": 0.01,
        "trust_env": False,
        "min_interval_s": 0.0,  # no rate limit in tests
    }
    base.update(kw)
    return HttpSettings(sleep=sleeps if sleeps is not None else Sleeps(), **base)  # type: ignore[arg-type]


def _run(reg: Path, raw: Path, srv: Server, **kw: object):
    kw.setdefault("settings", _settings())
    return fetch_history(reg, raw, archive_url=srv.base + "/archive", today=date(2024, 8, 1), **kw)  # type: ignore[arg-type]


def _rows(raw: Path) -> list[dict[str, str]]:
    with (raw / "sources.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


EXPECTED = {
    # title: (published, author)
    "NEC Report: May 2013": ("2013-05-20", "Tom Hartley"),
    "January meeting": ("2013-01-29", "Jane Guest"),
    "NEC report: November 2012": ("2012-11-27", "Tom Hartley"),
    "NEC report - June 2011": ("2011-06-02", "Priya Castellano"),
    "NEC report - March 2011": ("2011-03-23", "Priya Castellano"),
    "Report from the NEC, March 2010": ("2010-03-23", "Ruth Example"),
    "NEC update, January 2010": ("2010-01-27", "Ruth Example"),
    "NEC Report – January 2012": ("2012-01-24", "Ann Example"),
    "NEC Report – March 2012": ("2012-03-21", "Ann Example"),
}


# ---------------------------------------------------------------- the tests


def test_one_command_fills_an_empty_folder_with_each_nec_post_once(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    sleeps = Sleeps()
    run = _run(reg, raw, server, settings=_settings(sleeps))
    assert run.ok, run.summary()
    rows = _rows(raw)
    got = {r["title"]: (r["published"], r["author"]) for r in rows}
    assert got == EXPECTED
    assert len(rows) == len(EXPECTED)  # each once: the archived copies of May 2013 are known
    assert 2.0 in sleeps  # the 503's Retry-After was honoured in full
    assert server.hits("/wp/wp-json/wp/v2/posts?per_page=100&page=2&_embed") == 2
    assert server.hits("/wp/wp-json/wp/v2/posts?per_page=100&page=3&_embed") == 1
    assert server.hits("/blog/feeds/posts/default?start-index=3&max-results=100") == 1
    # Not fetched at all: the index page, a feed, an image, a slug not naming the NEC,
    # and the archived copy at the post's own address.
    fetched = [r for r in server.requests if "/archive/web/" in r]
    assert not any(
        x in r
        for r in fetched
        for x in ("campaign-day", "logo.png", "/feed/", "tom.example.org:80")
    )
    assert any("20120301101010id_" in r for r in fetched)  # the newest of the changed page
    assert not any("20120125101010id_" in r or "20120126101010id_" in r for r in fetched)
    assert any("20120321000000id_" in r for r in fetched)  # after the newer one's 404
    assert all(
        a.startswith("nec-reports/") and "github.com/nec-reports" in a for a in server.agents
    )
    by = {r["title"]: r for r in rows}
    jan = by["NEC Report – January 2012"]
    assert jan["url"] == "http://ann.example.org/2012/01/nec-report-january-2012/"
    assert f"{server.base}/archive/web/20120301101010/" in jan["description"]
    assert "captured 2012-03-01 10:10:10 UTC" in jan["description"]
    assert "3 captures (2 different), the newest readable used" in jan["description"]
    march = by["NEC Report – March 2012"]
    assert march["url"] == "http://ann.example.org/2012/03/nec-report-march-2012/"  # no :80
    assert "HTTP 404" in march["description"]
    assert by["NEC Report: May 2013"]["url"] == f"{TOM}/2013/05/nec-report-may-2013/"
    summary = run.summary()
    assert "ann-archive: 2 new" in summary and "not an NEC report" in summary


def test_pages_keep_comments_apart_from_the_body(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    _run(reg, raw, server)
    by = {r["title"]: r for r in _rows(raw)}
    jan = (raw / by["NEC Report – January 2012"]["file"]).read_text(encoding="utf-8")
    assert "193,300" in jan and "Carol said..." in jan and "444,444" in jan
    assert not any(n in jan for n in BOILERPLATE_NUMBERS)
    assert "Wayback" not in jan and "Powered by" not in jan and "Recent posts" not in jan
    assert by["NEC Report – January 2012"]["layout"] == "blogger"
    may = (raw / by["NEC Report: May 2013"]["file"]).read_text(encoding="utf-8")
    assert "Bob Reader said..." in may and "8:15 am, May 21, 2013" in may
    june = (raw / by["NEC report - June 2011"]["file"]).read_text(encoding="utf-8")
    assert "Sam Commenter said..." in june and "555,555" in june
    assert by["NEC report: November 2012"]["layout"] == "single"  # no comments


def test_build_extracts_body_figures_never_boilerplate_or_comments(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    _run(reg, raw, server)
    build = build_tables(raw, use_cache=False)
    assert not build.problems, build.summary()
    members = build.tables["membership"]
    values = set(members["value"].astype(int))
    assert {193300, 191500, 189531, 187000, 193000, 194000, 166247} <= values
    for n in (*BOILERPLATE_NUMBERS, *COMMENT_NUMBERS):
        assert int(n.replace(",", "")) not in values
    reports = build.tables["reports"]
    assert len(reports) == len(EXPECTED)
    authors = dict(zip(reports["title"], reports["author"], strict=True))
    assert authors["January meeting"] == "Jane Guest"
    assert authors["NEC Report – March 2012"] == "Ann Example"
    assert authors["NEC Report – January 2012"] == "Ann Example"  # the page with comments
    published = dict(zip(reports["title"], reports["published"], strict=True))
    assert str(published["NEC Report – January 2012"])[:10] == "2012-01-24"
    assert str(published["NEC report - June 2011"])[:10] == "2011-06-02"  # local, not UTC
    comments = build.tables["comments"]
    assert {"Carol", "Bob Reader", "Sam Commenter"} <= set(comments["commenter"])
    assert comments["text"].str.contains("444,444").any()


def test_a_rerun_adds_nothing_and_skips_archived_pages_already_read(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    _run(reg, raw, server)
    before = {p.name: p.read_bytes() for p in raw.iterdir() if not p.name.startswith(".")}
    server.requests.clear()
    again = _run(reg, raw, server)
    assert again.ok and again.added == []
    after = {p.name: p.read_bytes() for p in raw.iterdir() if not p.name.startswith(".")}
    assert after == before
    assert not any("/archive/web/" in r for r in server.requests)  # only the CDX listings


def test_an_interrupted_run_continues_where_it_stopped(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    page3 = "/wp/wp-json/wp/v2/posts?per_page=100&page=3&_embed"
    good = server.routes[key(page3)]
    server.add(page3, Route(status=500))
    first = _run(reg, raw, server, sources=["tomhartley"], settings=_settings(retries=1))
    assert not first.ok and first.results[0].failed
    assert len(first.added) == 3  # pages 1 and 2 were stored before page 3 failed
    state = json.loads((raw / HISTORY_STATE).read_text())
    assert state["sources"]["tomhartley"] == {"mode": "api", "page": 3, "url": server.base + "/wp"}
    server.routes[key(page3)] = good
    server.requests.clear()
    second = _run(reg, raw, server, sources=["tomhartley"])
    assert second.ok and second.added == []  # page 3 holds no NEC report
    assert "resuming where the last run stopped" in second.summary()
    assert server.hits("/wp/wp-json/wp/v2/posts?per_page=100&page=1&_embed") == 0
    assert server.hits(page3) == 1
    assert "tomhartley" not in json.loads((raw / HISTORY_STATE).read_text())["sources"]


def test_since_until_and_dry_run(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    manifest = (raw / "sources.csv").read_bytes()
    run = _run(reg, raw, server, since=date(2012, 1, 1), until=date(2012, 12, 31), dry_run=True)
    assert sorted(p.title for p in run.added) == [
        "NEC Report – January 2012",
        "NEC Report – March 2012",
        "NEC report: November 2012",
    ]
    assert (raw / "sources.csv").read_bytes() == manifest
    assert sorted(p.name for p in raw.iterdir()) == ["sources.csv"]
    assert "would add 3 page(s)" in run.summary()


def test_a_failing_source_leaves_the_others_running(tmp_path, server, capsys, monkeypatch):
    rows = [("gone", "/gone", "wordpress", "", "Gone"), *REGISTRY_ROWS[1:3]]
    reg, raw = _setup(tmp_path, server, rows)
    from nec_reports.fetch import history

    monkeypatch.setattr(history, "HttpSettings", lambda: _settings())
    args = ["fetch", "--history", "--feeds", str(reg), "--raw", str(raw), "--rate", "0"]
    args += ["--archive-url", server.base + "/archive"]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "gone: FAILED: HTTP 404" in captured.out
    assert "priya: 2 new" in captured.out and "ruth: 2 new" in captured.out
    assert "error: gone:" in captured.err
    assert len(read_manifest(raw)[0]) == 4


def test_progress_bar_counts_requests(tmp_path, server):
    import io

    reg, raw = _setup(tmp_path, server)
    out = io.StringIO()
    _run(reg, raw, server, sources=["ruth"], progress=True, progress_file=out)
    assert "history" in out.getvalue() and "request" in out.getvalue()


def test_a_retry_after_beyond_the_limit_fails_that_source_at_once(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    server.add(
        "/blog/feeds/posts/default?start-index=1&max-results=100",
        Route(fail_first=5, retry_after="86400"),
    )
    sleeps = Sleeps()
    run = _run(reg, raw, server, sources=["priya", "ruth"], settings=_settings(sleeps))
    priya, ruth = run.results
    assert priya.failed and "Retry-After 86400 s" in str(priya.error)
    assert sleeps == []  # never waited a day
    assert ruth.status == "added" and len(ruth.added) == 2


def test_an_api_answering_html_falls_back_to_the_paged_feed(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    server.add(
        "/ruth/wp-json/wp/v2/posts?per_page=100&page=1&_embed",
        Route(b"<html><body>Not here</body></html>", content_type="text/html"),
    )
    run = _run(reg, raw, server, sources=["ruth"])
    assert run.ok and len(run.added) == 2
    assert all("(paged feed)" in p.description for p in run.added)


def test_an_api_on_another_host_falls_back_to_the_paged_feed(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    server.add(
        "/ruth/wp-json/wp/v2/posts?per_page=100&page=1&_embed",
        Route(status=302, headers={"Location": "https://public-api.example.com/wp/v2/posts"}),
    )
    run = _run(reg, raw, server, sources=["ruth"])
    assert run.ok and len(run.added) == 2


def test_history_into_a_copy_of_the_bundled_corpus_skips_what_it_holds(tmp_path, server):
    import shutil

    from conftest import RAW

    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    entry = _atom_entry(
        "2021",
        "NEC Report - 11 February 2021",
        "2021-02-13T12:00:00Z",
        "Although there have been the NEC Away Day and a special meeting to deal with the EHRC Action Plan, this was the first ordinary full NEC meeting.",
        0,
    ).replace(
        "https://priya.example.blogspot.com/2021/02/2021.html",
        "https://lukeakehurst.blogspot.com/2021/02/nec-report-11-february-2021.html",
    )
    q = "/luke/feeds/posts/default?start-index=1&max-results=100"
    server.add(q, Route(_atom([entry], 1, server.base), content_type="application/atom+xml"))
    reg = tmp_path / "feeds.csv"
    reg.write_text(
        "name,url,kind,author,site\n"
        f"lukeakehurst,{server.base}/luke/feeds/posts/default,blogger,Luke Akehurst,Luke's Blog\n",
        encoding="utf-8",
    )
    run = _run(reg, raw, server)
    assert run.ok and run.added == []
    assert run.results[0].skipped == {"already in the corpus": 1}
    after = {p.name: p.read_bytes() for p in raw.iterdir() if p.name in before}
    assert after == before


def test_a_damaged_or_foreign_cursor_starts_the_source_again(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    for saved in (
        {"mode": "api", "page": "three"},
        {"page": 3, "url": "https://elsewhere.example/"},
    ):
        (raw / HISTORY_STATE).write_text(
            json.dumps({"version": 1, "sources": {"tomhartley": saved}})
        )
        server.requests.clear()
        run = _run(reg, raw, server, sources=["tomhartley"], dry_run=True)
        assert run.ok and len(run.added) == 3
        assert server.hits("/wp/wp-json/wp/v2/posts?per_page=100&page=1&_embed") == 1


def test_requests_to_one_host_are_spaced_by_the_rate_limit(tmp_path, server):
    reg, raw = _setup(tmp_path, server)
    sleeps = Sleeps()
    run = _run(reg, raw, server, sources=["ruth"], settings=_settings(sleeps, min_interval_s=5.0))
    assert run.ok
    asked = len(server.requests)  # API (404), feed pages 1 and 2, page 3 (404)
    assert asked == 4
    assert len([s for s in sleeps if 4.0 < s <= 5.0]) == asked - 1
