"""Downloading one feed politely: an honest User-Agent, timeouts, a few retries with
exponential back-off on 5xx / 429 and connection errors (honouring Retry-After), a size
cap, conditional requests (ETag / Last-Modified), redirects followed only within the same
site, an optional per-host rate limit, and a total time limit that covers connecting,
the headers and the body (a server sending a byte a second cannot hold a run).

httpx is imported inside the functions so that ``import nec_reports`` never loads it.
"""

from __future__ import annotations

import contextvars
import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..version import __version__
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
    "json": "application/json, */*;q=0.1",
    "html": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
}
#: When the current request must be finished (time.monotonic()), read by the network layer.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "nec_reports_fetch_deadline", default=None
)


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """How patient and how careful a download is.  ``sleep`` is injectable so tests
    never wait for back-off."""

    timeout_s: float = 20.0  # connect / read / write, each
    total_timeout_s: float = 120.0  # connect + headers + body of one try, never retried
    retries: int = 3  # further tries after the first
    backoff_s: float = 2.0  # first wait; doubles each retry
    max_backoff_s: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    max_retry_after_s: float = 900.0  # a longer Retry-After gives up rather than wait
    min_interval_s: float = 1.0  # per host, between requests (with a RateLimiter); 0: none
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
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names


def site_of(host: str | None) -> str:
    """The host, lower-cased, without a leading ``www.``: ``www.example.org`` and
    ``example.org`` are one site, ``localhost`` and ``127.0.0.1`` are two."""
    h = (host or "").lower().rstrip(".")
    return h.removeprefix("www.")


def make_client(settings: HttpSettings) -> httpx.Client:
    import httpx

    client = httpx.Client(
        timeout=httpx.Timeout(settings.timeout_s),
        follow_redirects=False,  # redirects are checked by hand: same site only
        headers={"User-Agent": settings.user_agent},
        trust_env=settings.trust_env,
    )
    _install_deadline(client)
    return client


# ---------------------------------------------------------------- the total time limit


def _budget(timeout: float | None) -> float | None:
    """The phase's own timeout, cut to what is left of the request's total time."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    import httpcore

    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the total time limit has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream:
    """A network stream whose every read and write waits no longer than the request's
    remaining total time, so slow headers count against the limit as a slow body does."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return bytes(self._inner.read(max_bytes, _budget(timeout)))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _budget(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> _DeadlineStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, _budget(timeout))
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend:
    """httpcore's network backend with :class:`_DeadlineStream` connections."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, **kw: Any) -> Any:
        return _DeadlineStream(self._inner.connect_tcp(host, port, _budget(timeout), **kw))

    def connect_unix_socket(self, path: str, timeout: float | None = None, **kw: Any) -> Any:
        return _DeadlineStream(self._inner.connect_unix_socket(path, _budget(timeout), **kw))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _install_deadline(client: httpx.Client) -> None:
    """Wrap the network backend of each of the client's connection pools.  If a future
    httpx lays its pools out otherwise, the limit still holds between body chunks."""
    transports = [getattr(client, "_transport", None), *getattr(client, "_mounts", {}).values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]


# ---------------------------------------------------------------- politeness


class RateLimiter:
    """At most one request per ``interval_s`` to each host (0: no limit)."""

    def __init__(self, interval_s: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval_s = interval_s
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        if self.interval_s <= 0:
            return
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            gap = self.interval_s - (time.monotonic() - last)
            if gap > 0:
                self._sleep(gap)
        self._last[host] = time.monotonic()


def safe_link(url: str | None) -> str | None:
    """``url`` if it is a web address a reader can follow: http(s), with a host that is
    not link-local (169.254.x.x, fe80::); None for ``file:``, ``javascript:`` and others."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return url.strip()
    return None if ip.is_link_local else url.strip()


def fetch(
    client: httpx.Client,
    url: str,
    *,
    kind: str = "atom",
    etag: str | None = None,
    last_modified: str | None = None,
    settings: HttpSettings | None = None,
    limiter: RateLimiter | None = None,
) -> Fetched:
    """GET ``url`` with retries; raises a :class:`FetchError` subclass on failure.  Each
    try (connect, headers and body) must finish within ``total_timeout_s``; a try that
    runs out of that time is not retried."""
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
        if limiter is not None:
            limiter.wait(url)
        deadline = time.monotonic() + s.total_timeout_s
        token = _DEADLINE.set(deadline)
        try:
            return _get(client, url, headers, s, tries)
        except _Retryable as exc:
            if tries > s.retries:
                raise HttpStatusError(exc.status, exc.reason, exc.url, tries) from None
            if exc.retry_after is not None and exc.retry_after > s.max_retry_after_s:
                raise HttpStatusError(
                    exc.status, f"{exc.reason} (Retry-After {exc.retry_after:g} s)", exc.url
                ) from None
            wait = exc.retry_after
        except httpx.DecodingError as exc:
            raise FetchError(f"could not decode the response body: {exc}", url) from None
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                raise FeedTimeoutError(
                    f"took longer than {s.total_timeout_s:g} s in all "
                    "(connecting, headers and body)",
                    url,
                ) from None
            if tries > s.retries:
                raise FeedTimeoutError(
                    f"timed out after {tries} tries ({type(exc).__name__})", url
                ) from None
        except httpx.TransportError as exc:
            if tries > s.retries:
                raise FeedConnectionError(
                    f"connection failed after {tries} tries: {exc or type(exc).__name__}", url
                ) from None
        finally:
            _DEADLINE.reset(token)
        backoff = min(s.max_backoff_s, s.backoff_s * 2 ** (tries - 1))
        s.sleep(max(backoff, wait or 0.0))  # Retry-After is honoured in full


class _Retryable(Exception):
    def __init__(self, status: int, reason: str, url: str, retry_after: float | None) -> None:
        super().__init__(status)
        self.status, self.reason, self.url, self.retry_after = status, reason, url, retry_after


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date (seconds from now)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


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
                headers={k.lower(): v for k, v in r.headers.items()},
            )
    raise RedirectError(f"more than {s.max_redirects} redirects", url)


def _read_capped(r: httpx.Response, s: HttpSettings, url: str) -> bytes:
    declared = r.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > s.max_bytes:
        raise OversizeError(
            f"body of {int(declared):,} bytes is over the {s.max_bytes:,}-byte cap", url
        )
    deadline = _DEADLINE.get() or time.monotonic() + s.total_timeout_s
    chunks: list[bytes] = []
    size = 0
    for chunk in r.iter_bytes():  # decoded (gzip-safe): the cap applies to what we keep
        size += len(chunk)
        if size > s.max_bytes:
            raise OversizeError(f"body is over the {s.max_bytes:,}-byte cap", url)
        if time.monotonic() > deadline:
            raise FeedTimeoutError(
                f"took longer than {s.total_timeout_s:g} s in all (connecting, headers and body)",
                url,
            )
        chunks.append(chunk)
    return b"".join(chunks)


__all__ = [
    "USER_AGENT",
    "FetchError",
    "Fetched",
    "HttpSettings",
    "RateLimiter",
    "fetch",
    "make_client",
    "safe_link",
    "site_of",
]
