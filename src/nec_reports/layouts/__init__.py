"""Layout splitters: each turns one kind of raw page into :class:`~nec_reports.models.Post`
records.  :func:`split_page` picks the layout (or takes the manifest's) and splits."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..errors import UnknownLayoutError
from ..models import Post
from . import planet, single, wordpress

Splitter = Callable[[str, str], list[Post]]

#: Layouts in the order detection tries them: the most specific first.
LAYOUTS: dict[str, tuple[Callable[[str], bool], Splitter]] = {
    "planet": (planet.detect, planet.split),
    "blogger": (single.detect_blogger, single.split_blogger),
    "wordpress": (wordpress.detect, wordpress.split),
    "single": (single.detect_plain, single.split_plain),
}
_HTML = re.compile(r"<(?:!DOCTYPE|html|head|body|div|p)\b", re.I)


#: The layout a text page no detector recognises is read with: one post, its first line
#: the title (see :func:`split_page`, which notes the fallback on the post).
FALLBACK = "single"
FALLBACK_NOTE = (
    "no layout recognises this page (expected a planet, WordPress, Blogger or single-post "
    "page): read as one post, first line as its title"
)


def detect_layout(text: str, source_file: str) -> str | None:
    """Name of the first layout that recognises ``text``, or None when none does (the
    page is then read as one post); UnknownLayoutError for HTML, which is not text."""
    head = text[:2000]
    if _HTML.search(head):
        m = _HTML.search(head)
        assert m
        line = head.count("\n", 0, m.start()) + 1
        raise UnknownLayoutError(
            "page is HTML, not text: save it as plain text (or use `nec-reports fetch`)",
            source_file,
            line,
            m.group(0),
        )
    for name, (detect, _) in LAYOUTS.items():
        if detect(text):
            return name
    return None


def split_page(text: str, source_file: str, layout: str | None = None) -> tuple[str, list[Post]]:
    """Split a page into posts; returns the layout used and the posts."""
    if layout:
        if layout not in LAYOUTS:
            raise UnknownLayoutError(
                f"unknown layout {layout!r} in sources.csv (known: {', '.join(LAYOUTS)})",
                source_file,
            )
        name = layout
    else:
        detected = detect_layout(text, source_file)
        if detected is None:
            posts = single.split_any(text, source_file)
            for p in posts:
                p.problem = FALLBACK_NOTE
            return FALLBACK, posts
        name = detected
    return name, LAYOUTS[name][1](text, source_file)
