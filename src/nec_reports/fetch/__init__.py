"""Keeping the corpus current from the NEC members' blog feeds (``nec-reports fetch``).

This is the only part of the package that uses the network, and only when called.  Its
HTTP and feed libraries (the optional ``fetch`` extra) are imported when a fetch runs,
never by ``import nec_reports``.
"""

from __future__ import annotations

from .errors import FetchError, RegistryError
from .feeds import html_to_text, is_nec_report
from .history import fetch_history
from .http import HttpSettings
from .registry import Feed, read_registry
from .run import FeedResult, FetchRun, fetch_feeds, writer

__all__ = [
    "Feed",
    "FeedResult",
    "FetchError",
    "FetchRun",
    "HttpSettings",
    "RegistryError",
    "fetch_feeds",
    "fetch_history",
    "html_to_text",
    "is_nec_report",
    "read_registry",
    "writer",
]
