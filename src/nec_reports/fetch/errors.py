"""Typed errors for ``nec-reports fetch``: each names the feed and the URL, so a failure
report says which feed broke and why, and the other feeds still run."""

from __future__ import annotations

from ..errors import NecReportsError, ParseError


class FetchError(NecReportsError):
    """One feed could not be fetched or read; the run goes on with the others."""

    def __init__(self, message: str, url: str | None = None) -> None:
        self.message = message
        self.url = url
        super().__init__(f"{message} ({url})" if url else message)


class HttpStatusError(FetchError):
    """The server answered with an error status (after any retries)."""

    def __init__(self, status: int, reason: str, url: str, tries: int = 1) -> None:
        self.status = status
        after = f" after {tries} tries" if tries > 1 else ""
        super().__init__(f"HTTP {status} {reason}".rstrip() + after, url)


class FeedTimeoutError(FetchError):
    """The server did not answer (or finish answering) in time."""


class FeedConnectionError(FetchError):
    """No connection could be made (DNS, refused, reset)."""


class OversizeError(FetchError):
    """The response body is larger than the size cap."""


class RedirectError(FetchError):
    """A redirect to another host, to a non-HTTP URL, or too many redirects."""


class MalformedFeedError(FetchError):
    """The body is not a well-formed Atom or RSS feed: carries the line and fragment."""

    def __init__(
        self, message: str, url: str, line: int | None = None, fragment: str | None = None
    ) -> None:
        self.line = line
        self.fragment = fragment
        where = f" at line {line}" if line is not None else ""
        frag = f" [{fragment[:80]!r}]" if fragment else ""
        super().__init__(f"{message}{where}{frag}", url)


class FetchDependencyError(NecReportsError):
    """The optional ``fetch`` libraries are not installed."""


class RegistryError(ParseError):
    """A problem with the feed registry (``data/feeds.csv``): a bad row, a missing column."""


class CorpusLockedError(NecReportsError):
    """Another ``nec-reports fetch`` is writing to the same raw folder."""
