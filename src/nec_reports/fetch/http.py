"""Downloading one feed politely: an honest User-Agent, timeouts, a few retries with
exponential back-off on 5xx / 429 and connection errors, a size cap, conditional requests
(ETag / Last-Modified), and redirects followed only within the same site.

httpx is imported inside the functions so that ``import nec_reports`` never loads it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import __version__
from .errors import (
    FeedConnectionError,
    FeedTimeoutError,
    FetchError,
    HttpStatusError,
    OversizeError,
    RedirectError,
)

if TYPE_CHECKING:
    import httpx

USER_AGENT = (
    f"nec-reports/{__version__} (corpus updater; +https://github.com/nec-reports/nec-reports)"
)
#: Statuses worth another try: the server is busy or briefly broken.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
ACCEPT = {
    "atom": "application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1",
    "rss": "application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1",
}


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """How patient and how careful a download is.  ``sleep`` is injectable so tests
    never wait for back-off."""

    timeout_s: float = 20.0  # connect / read / write, each
    total_timeout_s: float = 120.0  # whole body, so a trickling server cannot hang a run
    retries: int = 3  # further tries after the first
    backoff_s: float = 2.0  # first wait; doubles each retry
    max_backoff_s: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    trust_env: bool = True  # honour HTTP(S)_PROXY / NO_PROXY
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of one conditional GET: ``body`` is None when the server said
    304 Not Modified."""

    url: str  # after redirects
    status: int
    body: bytes | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    tries: int


def site_of(host: str | None) -> str:
    """The host, lower-cased, without a leading ``www.``: ``www.example.org`` and
    ``example.org`` are one site, ``localhost`` and ``127.0.0.1`` are two."""
    h = (host or "").lower().rstrip(".")
    return h.removeprefix("www.")


def make_client(settings: HttpSettings) -> httpx.Client:
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(settings.timeout_s),
        follow_redirects=False,  # redirects are checked by hand: same site only
        headers={"User-Agent": settings.user_agent},
        trust_env=settings.trust_env,
    )


def fetch(
    client: httpx.Client,
    url: str,
    *,
    kind: str = "atom",
    etag: str | None = None,
    last_modified: str | None = None,
    settings: HttpSettings | None = None,
) -> Fetched:
    """GET ``url`` with retries; raises a :class:`FetchError` subclass on failure."""
    import httpx

    s = settings or HttpSettings()
    headers = {"Accept": ACCEPT.get(kind, ACCEPT["atom"])}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    tries = 0
    while True:
        tries += 1
        wait: float | None = None
        try:
            return _get(client, url, headers, s, tries)
        except _Retryable as exc:
            if tries > s.retries:
                raise HttpStatusError(exc.status, exc.reason, exc.url, tries) from None
            wait = exc.retry_after
        except httpx.DecodingError as exc:
            raise FetchError(f"could not decode the response body: {exc}", url) from None
        except httpx.TimeoutException as exc:
            if tries > s.retries:
                raise FeedTimeoutError(
                    f"timed out after {tries} tries ({type(exc).__name__})", url
                ) from None
        except httpx.TransportError as exc:
            if tries > s.retries:
                raise FeedConnectionError(
                    f"connection failed after {tries} tries: {exc or type(exc).__name__}", url
                ) from None
        backoff = s.backoff_s * 2 ** (tries - 1)
        s.sleep(min(s.max_backoff_s, max(backoff, wait or 0.0)))


class _Retryable(Exception):
    def __init__(self, status: int, reason: str, url: str, retry_after: float | None) -> None:
        super().__init__(status)
        self.status, self.reason, self.url, self.retry_after = status, reason, url, retry_after


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None  # an HTTP date: fall back to our own back-off


def _get(
    client: httpx.Client, url: str, headers: dict[str, str], s: HttpSettings, tries: int
) -> Fetched:
    import httpx

    start_site = site_of(httpx.URL(url).host)
    current = url
    for _ in range(s.max_redirects + 1):
        with client.stream("GET", current, headers=headers) as r:
            if r.has_redirect_location:  # 301, 302, 303, 307, 308 with a Location
                nxt = r.url.join(r.headers["Location"])
                if nxt.scheme not in ("http", "https"):
                    raise RedirectError(f"redirect to a non-HTTP address {nxt}", current)
                if site_of(nxt.host) != start_site:
                    raise RedirectError(
                        f"redirect to another host {nxt.host!r}: not followed; "
                        "if the blog has moved, update its row in feeds.csv",
                        current,
                    )
                current = str(nxt)
                continue
            final = str(r.url)
            if r.status_code == 304:
                return Fetched(final, 304, None, None, None, None, tries)
            if r.status_code in RETRY_STATUSES:
                raise _Retryable(
                    r.status_code,
                    r.reason_phrase,
                    final,
                    _retry_after(r.headers.get("Retry-After")),
                )
            if r.status_code != 200:
                raise HttpStatusError(r.status_code, r.reason_phrase, final, tries)
            body = _read_capped(r, s, final)
            return Fetched(
                url=final,
                status=200,
                body=body,
                content_type=r.headers.get("Content-Type"),
                etag=r.headers.get("ETag"),
                last_modified=r.headers.get("Last-Modified"),
                tries=tries,
            )
    raise RedirectError(f"more than {s.max_redirects} redirects", url)


def _read_capped(r: httpx.Response, s: HttpSettings, url: str) -> bytes:
    declared = r.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > s.max_bytes:
        raise OversizeError(
            f"body of {int(declared):,} bytes is over the {s.max_bytes:,}-byte cap", url
        )
    start = time.monotonic()
    chunks: list[bytes] = []
    size = 0
    for chunk in r.iter_bytes():  # decoded (gzip-safe): the cap applies to what we keep
        size += len(chunk)
        if size > s.max_bytes:
            raise OversizeError(f"body is over the {s.max_bytes:,}-byte cap", url)
        if time.monotonic() - start > s.total_timeout_s:
            raise FeedTimeoutError(f"body took longer than {s.total_timeout_s:g} s", url)
        chunks.append(chunk)
    return b"".join(chunks)


__all__ = ["USER_AGENT", "FetchError", "Fetched", "HttpSettings", "fetch", "make_client", "site_of"]
