"""Issue 12, item 7: the total time limit covers connecting, headers and body; entry links
that are not web addresses a reader can follow are never stored.  Plus the politeness
helpers (rate limit, Retry-After as a date)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nec_reports.fetch.errors import FeedTimeoutError
from nec_reports.fetch.feeds import parse_feed
from nec_reports.fetch.http import (
    HttpSettings,
    RateLimiter,
    _retry_after,
    fetch,
    make_client,
    safe_link,
)


class _Dribbler(BaseHTTPRequestHandler):
    """Sends its status line and headers a byte every 0.2 s (the body never comes)."""

    def do_GET(self) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"x" * 200
        try:
            for byte in head:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client gave up, as it should

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture
def dribbler() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Dribbler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/feed"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.mark.network
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_headers_sent_a_byte_at_a_time_are_cut_off_at_the_total_limit(dribbler):
    s = HttpSettings(timeout_s=5.0, total_timeout_s=1.0, retries=3, trust_env=False)
    start = time.monotonic()
    with make_client(s) as client, pytest.raises(FeedTimeoutError) as err:
        fetch(client, dribbler, settings=s)
    took = time.monotonic() - start
    assert took < 3.0, f"the fetch took {took:.1f} s with a 1 s total limit"
    assert "in all (connecting, headers and body)" in str(err.value)
    assert "127.0.0.1" in str(err.value)  # located: names the URL


@pytest.mark.parametrize(
    "href",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "JavaScript:void(0)",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/post",
        "data:text/html,hi",
        "//no-scheme.example/",
    ],
)
def test_links_a_reader_cannot_follow_are_not_kept(href):
    assert safe_link(href) is None


def test_web_links_are_kept():
    assert safe_link(" https://example.org/2024/nec ") == "https://example.org/2024/nec"
    assert safe_link("http://127.0.0.1:8000/x") == "http://127.0.0.1:8000/x"


def test_feed_entries_with_unsafe_links_have_no_url():
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><title>NEC report one</title><link>file:///etc/passwd</link><description>a</description></item>
    <item><title>NEC report two</title><link>javascript:alert(1)</link><description>b</description></item>
    <item><title>NEC report three</title><link>http://169.254.1.2/p</link><description>c</description></item>
    <item><title>NEC report four</title><link>https://example.org/four</link><description>d</description></item>
    </channel></rss>"""
    entries = parse_feed(body, "https://example.org/feed/").entries
    assert [e.url for e in entries] == [None, None, None, "https://example.org/four"]


def test_retry_after_as_seconds_or_an_http_date():
    assert _retry_after("3") == 3.0
    assert _retry_after("-4") == 0.0
    assert _retry_after("soon") is None
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (_retry_after(when) or 0) <= 31


def test_rate_limiter_spaces_requests_to_one_host_only():
    sleeps: list[float] = []
    limiter = RateLimiter(1.0, sleep=sleeps.append)
    limiter.wait("https://a.example/1")
    limiter.wait("https://b.example/1")
    assert sleeps == []
    limiter.wait("https://a.example/2")
    assert len(sleeps) == 1 and 0.9 < sleeps[0] <= 1.0
    RateLimiter(0, sleep=sleeps.append).wait("https://a.example/3")
    assert len(sleeps) == 1
