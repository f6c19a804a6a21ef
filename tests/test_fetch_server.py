"""`nec-reports fetch` against a real HTTP server on 127.0.0.1 serving feeds written for
the tests (tests/fixtures/feeds/): first fetch, re-runs, conditional GET, each kind of
failure, and the build reading what was fetched."""

from __future__ import annotations

import csv
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import nec_reports as nr
from nec_reports.cli import main
from nec_reports.corpus import read_manifest
from nec_reports.fetch import HttpSettings, fetch_feeds
from nec_reports.fetch.errors import (
    FeedConnectionError,
    FeedTimeoutError,
    HttpStatusError,
    MalformedFeedError,
    OversizeError,
    RedirectError,
)
from nec_reports.fetch.http import USER_AGENT
from nec_reports.fetch.store import STATE

pytestmark = [pytest.mark.network, pytest.mark.allow_hosts(["127.0.0.1"])]

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
HEADER = "file,url,author,published,title,layout,original_name,description\n"


# ---------------------------------------------------------------- the test server


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    fail_first: int = 0  # answer 500 this many times, then serve
    delay_s: float = 0.0
    send_length: bool = True
    hits: int = 0


@dataclass
class Server:
    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer

    def do_GET(self) -> None:
        srv = self.server.state
        srv.requests.append((self.path, dict(self.headers.items())))
        route = srv.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        route.hits += 1
        if route.delay_s:
            time.sleep(route.delay_s)
        if route.hits <= route.fail_first:
            self.send_error(500)
            return
        if route.location:
            self.send_response(route.status)
            self.send_header("Location", route.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route.status != 200:
            self.send_error(route.status)
            return
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (route.etag and inm == route.etag) or (
            route.last_modified and not inm and ims == route.last_modified
        ):
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", route.content_type)
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        if route.send_length:
            self.send_header("Content-Length", str(len(route.body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(route.body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    state: Server

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is not a server error


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
    httpd.state = Server(f"http://127.0.0.1:{httpd.server_address[1]}", {})
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield httpd.state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def _fixture(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def _standard_routes(srv: Server) -> None:
    srv.routes.update(
        {
            "/priya/feeds/posts/default": Route(
                _fixture("blogger.atom.xml"), content_type="application/atom+xml", etag='"b-1"'
            ),
            "/tom/feed/": Route(
                _fixture("wordpress.rss.xml"),
                content_type="application/rss+xml; charset=UTF-8",
                last_modified="Fri, 12 Jul 2024 10:00:00 GMT",
            ),
            "/grassroots/category/report/feed/": Route(_fixture("group.rss.xml")),
            "/planet/atom.xml": Route(_fixture("planet.atom.xml")),  # no validators at all
        }
    )


def _registry(tmp_path: Path, srv: Server, rows: list[tuple[str, str, str, str, str]]) -> Path:
    path = tmp_path / "feeds.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "url", "kind", "author", "site"])
        for name, route, kind, author, site in rows:
            w.writerow([name, srv.url(route), kind, author, site])
    return path


def _standard_registry(tmp_path: Path, srv: Server) -> Path:
    _standard_routes(srv)
    return _registry(
        tmp_path,
        srv,
        [
            ("priya", "/priya/feeds/posts/default", "atom", "Priya Castellano", "Priya's Blog"),
            ("tomhartley", "/tom/feed/", "rss", "Tom Hartley", "Tom Hartley on the Record"),
            ("grassroots", "/grassroots/category/report/feed/", "rss", "", "Grassroots Example"),
            ("planet", "/planet/atom.xml", "atom", "", "planet example"),
        ],
    )


def _empty_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "sources.csv").write_text(HEADER, encoding="utf-8")
    return raw


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def _settings(sleeps: Callable[[float], None] | None = None, **kw: object) -> HttpSettings:
    base: dict[str, object] = {"timeout_s": 5.0, "retries": 2, "backoff_s": 1.0, "trust_env": False}
    base.update(kw)
    return HttpSettings(sleep=sleeps if sleeps is not None else Sleeps(), **base)  # type: ignore[arg-type]


def _snapshot(raw: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(raw.iterdir())}


TODAY = date(2024, 8, 1)


# ---------------------------------------------------------------- first fetch and re-runs


def test_first_fetch_adds_each_new_nec_report_once(tmp_path, server):
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    run = fetch_feeds(registry, raw, settings=_settings(), today=TODAY)
    assert run.ok, run.summary()
    by_feed = {r.feed.name: r for r in run.results}
    assert [p.file for p in by_feed["priya"].added] == [
        "priya-2024-07-26-nec-report-23-july-2024.txt",
        "priya-2024-05-17-nec-report-14-may-2024.txt",
    ]
    assert by_feed["priya"].skipped == {"not an NEC report": 1}
    assert {p.title for p in by_feed["tomhartley"].added} == {
        "Organisation Committee, 9 July 2024",  # an NEC report by its category
        "NEC Meeting, 21 May 2024",
    }
    assert by_feed["tomhartley"].skipped == {"not an NEC report": 2}
    assert len(by_feed["grassroots"].added) == 2
    # The planet carries Priya's July post too: it is already there, from her own feed.
    assert [p.title for p in by_feed["planet"].added] == ["NEC Report – July 2024"]
    assert by_feed["planet"].skipped == {"already in the corpus": 1}

    manifest, problems = read_manifest(raw)
    assert problems == []
    assert len(manifest) == 7
    july = manifest["priya-2024-07-26-nec-report-23-july-2024.txt"]
    assert july.url == "https://priya-example.blogspot.com/2024/07/nec-report-23-july-2024.html"
    assert july.author == "Priya Castellano" and july.published == date(2024, 7, 26)
    assert july.layout == "single" and july.title == "NEC Report – 23 July 2024"
    text = (raw / july.file).read_text(encoding="utf-8")
    assert text.startswith("NEC Report – 23 July 2024\n\nThe NEC met on Tuesday 23 July")
    assert text.endswith("by 21 votes to 9.\n")
    with (raw / "sources.csv").open(newline="", encoding="utf-8") as fh:
        rows = {r["file"]: r for r in csv.DictReader(fh)}
    assert rows[july.file]["description"] == (
        f"fetched from priya ({server.url('/priya/feeds/posts/default')}) on 2024-08-01"
    )
    assert rows[july.file]["original_name"] == ""
    # Every request says who is asking.
    assert {h.get("User-Agent") for _, h in server.requests} == {USER_AGENT}
    assert "nec-reports/" in USER_AGENT


def test_rerun_adds_nothing_and_asks_conditionally(tmp_path, server):
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    assert fetch_feeds(registry, raw, settings=_settings(), today=TODAY).ok
    before = _snapshot(raw)
    state = json.loads((raw / STATE).read_text())["feeds"]
    assert state == {
        server.url("/priya/feeds/posts/default"): {"etag": '"b-1"'},
        server.url("/tom/feed/"): {"last_modified": "Fri, 12 Jul 2024 10:00:00 GMT"},
    }

    again = fetch_feeds(registry, raw, settings=_settings(), today=date(2024, 8, 2))
    assert again.ok and again.added == []
    status = {r.feed.name: r.status for r in again.results}
    # ETag and Last-Modified feeds answer 304; the others are read and every post is known.
    assert status == {
        "priya": "not-modified",
        "tomhartley": "not-modified",
        "grassroots": "unchanged",
        "planet": "unchanged",
    }
    second = [h for p, h in server.requests[-4:]]
    assert second[0].get("If-None-Match") == '"b-1"'
    assert second[1].get("If-Modified-Since") == "Fri, 12 Jul 2024 10:00:00 GMT"
    assert _snapshot(raw) == before  # not a byte changed, the state file included


def test_a_changed_feed_after_304s_adds_only_the_new_post(tmp_path, server):
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    fetch_feeds(registry, raw, sources=["priya"], settings=_settings(), today=TODAY)
    route = server.routes["/priya/feeds/posts/default"]
    new_entry = (
        "<entry><id>tag:new</id><published>2024-09-20T18:00:00.000+01:00</published>"
        "<title type='text'>NEC Report – 17 September 2024</title>"
        "<content type='html'>&lt;p&gt;The NEC met on 17 September to agree the conference "
        "agenda.&lt;/p&gt;</content><link rel='alternate' type='text/html' "
        "href='https://priya-example.blogspot.com/2024/09/nec-report.html'/>"
        "<author><name>Priya Castellano</name></author></entry>"
    )
    route.body = route.body.replace(b"<entry>", new_entry.encode() + b"\n<entry>", 1)
    route.etag = '"b-2"'
    run = fetch_feeds(registry, raw, sources=["priya"], settings=_settings(), today=TODAY)
    assert [p.file for p in run.added] == ["priya-2024-09-20-nec-report-17-september-2024.txt"]
    assert run.results[0].skipped == {"already in the corpus": 2, "not an NEC report": 1}
    state = json.loads((raw / STATE).read_text())["feeds"]
    assert state[server.url("/priya/feeds/posts/default")] == {"etag": '"b-2"'}


def test_a_post_already_in_an_aggregator_page_is_skipped_by_title_and_date(tmp_path, server):
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    planet_page = (
        "planet example\n\nMay 23, 2024\n\nTom Hartley on the Record\n\n"
        "NEC Meeting, 21 May 2024\n\nThe NEC met on 21 May, two days before the general "
        "election was called. Membership was 370,450 […]\n\n"
        "by Tom Hartley at May 23, 2024 11:00 AM\n"
    )
    (raw / "planet-2024-05-23.txt").write_text(planet_page, encoding="utf-8")
    with (raw / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write("planet-2024-05-23.txt,http://planet.example.org/,,,,,,a planet page\n")
    run = fetch_feeds(registry, raw, sources=["tomhartley"], settings=_settings(), today=TODAY)
    assert [p.title for p in run.added] == ["Organisation Committee, 9 July 2024"]
    assert run.results[0].skipped["already in the corpus"] == 1


def test_since_keeps_only_newer_posts_and_asks_unconditionally(tmp_path, server):
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    fetch_feeds(registry, raw, sources=["priya"], since=date(2024, 7, 1), settings=_settings())
    assert [m for m in read_manifest(raw)[0]] == ["priya-2024-07-26-nec-report-23-july-2024.txt"]
    assert not (raw / STATE).exists()  # a narrowed run leaves no validators behind
    run = fetch_feeds(registry, raw, sources=["priya"], settings=_settings())
    assert run.results[0].status == "added"  # not a 304: the May report is still there to add
    assert [p.title for p in run.added] == ["NEC Report – 14 May 2024"]


def test_dry_run_writes_nothing(tmp_path, server):
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    before = _snapshot(raw)
    run = fetch_feeds(registry, raw, dry_run=True, settings=_settings(), today=TODAY)
    assert run.ok and len(run.added) == 7
    assert "would add 7 page(s)" in run.summary()
    assert _snapshot(raw) == before


def test_progress_bar_across_feeds(tmp_path, server):
    import io

    registry = _standard_registry(tmp_path, server)
    bar = io.StringIO()
    fetch_feeds(
        registry, _empty_raw(tmp_path), settings=_settings(), progress=True, progress_file=bar
    )
    shown = bar.getvalue()
    assert "feeds:" in shown and "0/4 [" in shown  # a bar over the 4 feeds


def test_a_second_fetch_into_the_same_folder_waits_its_turn(tmp_path, server):
    from nec_reports.fetch.errors import CorpusLockedError
    from nec_reports.fetch.store import locked

    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    with locked(raw), pytest.raises(CorpusLockedError, match="another `nec-reports fetch`"):
        fetch_feeds(registry, raw, settings=_settings())
    assert server.requests == [] and not (raw / ".fetch.lock").exists()


# ---------------------------------------------------------------- failures


def _one_feed_registry(tmp_path: Path, srv: Server, path: str, route: Route) -> Path:
    _standard_routes(srv)
    srv.routes[path] = route
    return _registry(
        tmp_path,
        srv,
        [
            ("broken", path, "atom", "", "Broken"),
            ("priya", "/priya/feeds/posts/default", "atom", "Priya Castellano", "Priya's Blog"),
        ],
    )


def _run_with_broken(tmp_path: Path, srv: Server, path: str, route: Route, **kw: object):
    registry = _one_feed_registry(tmp_path, srv, path, route)
    raw = _empty_raw(tmp_path)
    run = fetch_feeds(registry, raw, today=TODAY, **kw)  # type: ignore[arg-type]
    broken, priya = run.results
    assert not run.ok and run.failed == [broken]
    assert priya.status == "added" and len(priya.added) == 2  # the other feed still ran
    assert all(not p.file.startswith("broken") for p in run.added)
    return broken, raw


def test_5xx_is_retried_with_backoff_then_succeeds(tmp_path, server):
    _standard_routes(server)
    server.routes["/flaky"] = Route(_fixture("blogger.atom.xml"), fail_first=2)
    registry = _registry(tmp_path, server, [("flaky", "/flaky", "atom", "Priya Castellano", "")])
    sleeps = Sleeps()
    run = fetch_feeds(registry, _empty_raw(tmp_path), settings=_settings(sleeps), today=TODAY)
    assert run.ok and len(run.added) == 2
    assert server.hits("/flaky") == 3
    assert sleeps == [1.0, 2.0]  # exponential back-off, injected so the test never waits


def test_persistent_5xx_fails_that_feed_only(tmp_path, server):
    sleeps = Sleeps()
    broken, _ = _run_with_broken(
        tmp_path, server, "/down", Route(status=503), settings=_settings(sleeps)
    )
    assert isinstance(broken.error, HttpStatusError) and broken.error.status == 503
    assert "HTTP 503" in str(broken.error) and "after 3 tries" in str(broken.error)
    assert server.hits("/down") == 3 and sleeps == [1.0, 2.0]


def test_404_is_not_retried(tmp_path, server):
    sleeps = Sleeps()
    broken, _ = _run_with_broken(
        tmp_path, server, "/gone", Route(status=404), settings=_settings(sleeps)
    )
    assert isinstance(broken.error, HttpStatusError) and broken.error.status == 404
    assert server.hits("/gone") == 1 and sleeps == []


def test_timeout(tmp_path, server):
    broken, _ = _run_with_broken(
        tmp_path,
        server,
        "/slow",
        Route(_fixture("blogger.atom.xml"), delay_s=1.0),
        settings=_settings(timeout_s=0.2, retries=1),
    )
    assert isinstance(broken.error, FeedTimeoutError)
    assert "timed out after 2 tries" in str(broken.error)


def test_connection_refused(tmp_path, server):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    registry = _registry(tmp_path, server, [])
    registry.write_text(
        registry.read_text() + f"dead,http://127.0.0.1:{port}/feed,rss,,\n", encoding="utf-8"
    )
    run = fetch_feeds(registry, _empty_raw(tmp_path), settings=_settings(retries=1))
    assert isinstance(run.results[0].error, FeedConnectionError) and not run.ok


def test_malformed_xml(tmp_path, server):
    body = _fixture("blogger.atom.xml").replace(b"</title>", b"</titel>", 1)
    broken, _ = _run_with_broken(tmp_path, server, "/bad.xml", Route(body), settings=_settings())
    assert isinstance(broken.error, MalformedFeedError) and broken.error.line == 5
    assert "not well-formed" in str(broken.error)


def test_oversized_body_declared_or_streamed(tmp_path, server):
    big = _fixture("blogger.atom.xml") * 3
    broken, _ = _run_with_broken(
        tmp_path, server, "/big", Route(big), settings=_settings(max_bytes=8000)
    )
    assert isinstance(broken.error, OversizeError) and "8,000-byte cap" in str(broken.error)
    # Without a Content-Length the cap is enforced while reading.
    server.routes["/big2"] = Route(big, send_length=False)
    registry = _registry(tmp_path, server, [("big2", "/big2", "atom", "", "")])
    run = fetch_feeds(registry, tmp_path / "raw", settings=_settings(max_bytes=8000))
    assert isinstance(run.results[0].error, OversizeError)


@pytest.mark.parametrize("host", ["localhost", "feeds.example.invalid"])
def test_redirect_to_another_host_is_refused(tmp_path, server, host):
    port = server.base.rsplit(":", 1)[1]
    target = f"http://{host}:{port}/priya/feeds/posts/default"
    broken, _ = _run_with_broken(
        tmp_path, server, "/moved", Route(status=301, location=target), settings=_settings()
    )
    assert isinstance(broken.error, RedirectError)
    assert f"another host {host!r}" in str(broken.error)
    # "localhost" resolves to this very server: had the redirect been followed, it would show.
    assert all(h.get("Host", "").startswith("127.0.0.1") for _, h in server.requests)


def test_redirect_within_the_site_is_followed(tmp_path, server):
    _standard_routes(server)
    server.routes["/old-feed"] = Route(status=301, location="/priya/feeds/posts/default")
    registry = _registry(tmp_path, server, [("priya", "/old-feed", "atom", "Priya Castellano", "")])
    run = fetch_feeds(registry, _empty_raw(tmp_path), settings=_settings(), today=TODAY)
    assert run.ok and len(run.added) == 2
    assert any("redirected to" in n for n in run.results[0].notes)


def test_bad_registry_rows_are_reported_and_fail_the_run(tmp_path, server):
    registry = _standard_registry(tmp_path, server)
    registry.write_text(registry.read_text() + "oops,not-a-url,rss,,\n", encoding="utf-8")
    run = fetch_feeds(registry, _empty_raw(tmp_path), sources=["priya"], settings=_settings())
    assert len(run.added) == 2 and not run.ok
    assert "url must be an http(s) address" in run.summary()


# ---------------------------------------------------------------- never damaging the corpus


def test_existing_files_are_never_overwritten(tmp_path, server):
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    squatter = raw / "priya-2024-05-17-nec-report-14-may-2024.txt"
    squatter.write_text("Something else\n\nA page a person saved by hand under this name.\n")
    with (raw / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"{squatter.name},,,,,,,saved by hand\n")
    before = squatter.read_bytes()
    run = fetch_feeds(registry, raw, sources=["priya"], settings=_settings(), today=TODAY)
    assert squatter.read_bytes() == before
    assert "priya-2024-05-17-nec-report-14-may-2024-2.txt" in [p.file for p in run.added]


def test_an_interrupted_run_leaves_complete_files_and_is_finished_by_the_next(
    tmp_path, server, monkeypatch
):
    from nec_reports.fetch import run as run_module

    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    manifest_before = (raw / "sources.csv").read_bytes()

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the user pressed Ctrl-C after the pages, before the manifest

    monkeypatch.setattr(run_module, "append_manifest", killed)
    with pytest.raises(KeyboardInterrupt):
        fetch_feeds(registry, raw, sources=["priya"], settings=_settings(), today=TODAY)
    monkeypatch.undo()
    assert (raw / "sources.csv").read_bytes() == manifest_before
    pages = sorted(p.name for p in raw.glob("*.txt"))
    assert len(pages) == 2 and not list(raw.glob(".fetch-*.tmp"))
    assert not (raw / STATE).exists()  # so the next run asks for the whole feed again
    for name in pages:
        assert (raw / name).read_text().count("\n\n") >= 1  # complete pages, title and body

    run = fetch_feeds(registry, raw, sources=["priya"], settings=_settings(), today=TODAY)
    assert sorted(p.file for p in run.added) == pages  # adopted, not copied to "-2"
    assert sorted(read_manifest(raw)[0]) == pages


def test_a_stale_temporary_file_is_cleaned_up(tmp_path, server):
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    (raw / ".fetch-abc123.tmp").write_text("half a pa")
    fetch_feeds(registry, raw, sources=["priya"], settings=_settings(), today=TODAY)
    assert not (raw / ".fetch-abc123.tmp").exists()


# ---------------------------------------------------------------- the build reads what was fetched


def test_build_picks_up_fetched_reports_with_author_and_date(tmp_path, server):
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    assert fetch_feeds(registry, raw, settings=_settings(), today=TODAY).ok
    reports = nr.load_reports(raw, cache_dir=tmp_path / "cache")
    got = {r.title: (r.author, r.published.strftime("%Y-%m-%d")) for r in reports.itertuples()}
    assert got == {
        "NEC Report – 23 July 2024": ("Priya Castellano", "2024-07-26"),
        "NEC Report – 14 May 2024": ("Priya Castellano", "2024-05-17"),
        "Organisation Committee, 9 July 2024": ("Tom Hartley", "2024-07-12"),
        "NEC Meeting, 21 May 2024": ("Tom Hartley", "2024-05-23"),
        "Dana Whitfield NEC Report – 23rd July 2024": ("Dana Whitfield", "2024-07-25"),
        "NEC report": ("Sam Okafor", "2024-05-20"),
        "NEC Report – July 2024": ("Lee Marsh", "2024-07-27"),
    }
    files = nr.load_files(raw, cache_dir=tmp_path / "cache")
    assert set(files["layout"]) == {"single"} and files["error"].isna().all()
    may = reports[reports["title"] == "NEC Report – 14 May 2024"].iloc[0]
    assert "• The Leader’s report\n• The Disputes Panel report" in may["text"]
    assert (
        may["source_url"]
        == "https://priya-example.blogspot.com/2024/05/nec-report-14-may-2024.html"
    )


def test_fetching_into_a_copy_of_the_bundled_corpus_keeps_it_building(tmp_path, server):
    import shutil

    from nec_reports.corpus import default_raw_dir

    raw = tmp_path / "raw"
    shutil.copytree(default_raw_dir(), raw)
    before = {n: b for n, b in _snapshot(raw).items() if n != "sources.csv"}
    registry = _standard_registry(tmp_path, server)
    run = fetch_feeds(registry, raw, sources=["priya"], settings=_settings(), today=TODAY)
    assert run.ok and len(run.added) == 2
    after = _snapshot(raw)
    assert all(after[n] == b for n, b in before.items())  # no existing page touched
    old_manifest = (default_raw_dir() / "sources.csv").read_bytes()
    assert after["sources.csv"].startswith(old_manifest)
    reports = nr.load_reports(raw, cache_dir=tmp_path / "cache")
    assert (reports["title"] == "NEC Report – 23 July 2024").sum() == 1


# ---------------------------------------------------------------- the command


def test_cli_exit_status_says_whether_anything_failed(tmp_path, server, capsys, monkeypatch):
    from nec_reports.fetch import run as run_module

    sleeps = Sleeps()
    monkeypatch.setattr(run_module, "HttpSettings", lambda: _settings(sleeps))
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    args = ["fetch", "--feeds", str(registry), "--raw", str(raw), "--source", "grassroots"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "grassroots: 2 new; skipped 1 not an NEC report" in out
    assert "run `nec-reports build`" in out
    server.routes["/grassroots/category/report/feed/"] = Route(status=500)
    assert main([*args, "--dry-run"]) == 1
    captured = capsys.readouterr()
    assert "grassroots: FAILED: HTTP 500" in captured.out
    assert "error: grassroots: HTTP 500" in captured.err
    assert sleeps == [1.0, 2.0]


def test_cli_rejects_unknown_sources_and_bad_dates(tmp_path, server, capsys):
    registry = _standard_registry(tmp_path, server)
    raw = _empty_raw(tmp_path)
    assert main(["fetch", "--feeds", str(registry), "--raw", str(raw), "--source", "nope"]) == 2
    assert "unknown source(s) nope; known: grassroots, planet, priya, tomhartley" in (
        capsys.readouterr().err
    )
    with pytest.raises(SystemExit):
        main(["fetch", "--since", "last week"])
    assert server.requests == []  # nothing was downloaded
