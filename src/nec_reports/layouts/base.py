"""Helpers shared by the layout splitters: lines with numbers, excerpt markers,
what a title line looks like, and turning a run of lines into body text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: How a page cuts a post short ("Continue reading", "[…]", "Read more").
EXCERPT_MARK = re.compile(
    r"\s*(?:\[(?:…|\.\.\.)\]|(?:Continue reading|Read more)(?:\s*(?:→|»|&rarr;))?)\s*$"
)
_SENTENCE_END = re.compile(r"[.!?:;,”\"')\]]\s*$")
MAX_TITLE_CHARS = 160
#: An archive page's heading: it lists posts and is no post's title.
ARCHIVE_HEADER = re.compile(
    r"^(?:(?:Category|Tag|Monthly|Yearly|Daily|Author)\s+)?Archives?(?:\s*[:–-]|\s+for\s+\S)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Line:
    no: int  # 1-based line number in the raw file
    text: str  # stripped


def numbered_lines(text: str) -> list[Line]:
    return [Line(i, raw.strip()) for i, raw in enumerate(text.split("\n"), start=1)]


def non_empty(lines: Sequence[Line]) -> list[Line]:
    return [ln for ln in lines if ln.text]


def looks_like_title(text: str) -> bool:
    """A short line that does not read as a sentence: no closing punctuation."""
    return (
        0 < len(text) <= MAX_TITLE_CHARS
        and not _SENTENCE_END.search(text)
        and not text.startswith(("·", "•", "-", "*", "o "))
    )


def strip_excerpt_mark(text: str) -> tuple[str, bool]:
    """Remove a trailing "Continue reading" / "[…]" and say whether there was one."""
    m = EXCERPT_MARK.search(text)
    if m and m.start() < len(text):
        return text[: m.start()].rstrip(), True
    return text, False


def looks_truncated(text: str) -> bool:
    """A body whose last paragraph stops mid-sentence (an archive cut it short)."""
    tail = text.rstrip()
    return bool(tail) and not re.search(r"[.!?:;”\"')\]…]\s*$", tail)


def body_text(lines: Sequence[Line]) -> tuple[str, bool]:
    """Join lines into body text, one blank line between paragraphs; strip the
    excerpt marker.  Returns (text, cut_short)."""
    paras: list[str] = []
    cur: list[str] = []
    for ln in lines:
        if ln.text:
            cur.append(ln.text)
        elif cur:
            paras.append("\n".join(cur))
            cur = []
    if cur:
        paras.append("\n".join(cur))
    cut = False
    while paras:
        last, marked = strip_excerpt_mark(paras[-1])
        if not marked:
            break
        cut = True
        if last:
            paras[-1] = last
            break
        paras.pop()
    return "\n\n".join(paras), cut


#: A line that gives the post's own address, as an aggregator or a capture may print it
#: directly under the title or at the end of the post: "Permalink: https://…", "Link: …",
#: "Original post: …", "Originally posted at …", "Source: …", "Read the full post at …".
LINK_LINE = re.compile(
    r"^(?:Permalink|Link|Original(?:ly)?\s+post(?:ed)?(?:\s+(?:at|on))?|Source|URL|"
    r"Read\s+(?:it|the\s+(?:full|whole)\s+(?:post|report))\s+(?:at|on))\s*:?\s*"
    r"<?(?P<url>https?://[^\s<>/]+(?:/[^\s<>]*)?)>?$",
    re.I,
)


def take_link(lines: Sequence[Line]) -> tuple[list[Line], str | None]:
    """A post's lines without the link line that opens or closes them, and the address
    it gives; the lines unchanged and None when neither the first nor the last non-empty
    line is one (a link inside the post is the writer's, not the post's address)."""
    out = list(lines)
    filled = [i for i, ln in enumerate(out) if ln.text]
    for i in dict.fromkeys(filled[:1] + filled[-1:]):
        m = LINK_LINE.match(out[i].text)
        if m:
            out[i] = Line(out[i].no, "")
            return out, m.group("url")
    return out, None
