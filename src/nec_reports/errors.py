"""Typed, located errors.  Every problem with input names the file, and the line and
offending fragment where there is one, so a user can go straight to it."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = str(Path(__file__).parent)


class NecReportsError(Exception):
    """Base class for every error this package raises on purpose."""


class ParseError(NecReportsError):
    """Input that cannot be read as intended: carries file, line and fragment."""

    def __init__(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        fragment: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.fragment = fragment
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: {self.message}"
        if self.fragment:
            frag = self.fragment if len(self.fragment) <= 80 else self.fragment[:77] + "..."
            text += f" [{frag!r}]"
        return text


class EmptyFileError(ParseError):
    """A raw file with no text in it."""


class DecodeError(ParseError):
    """A raw file that is not valid UTF-8 text (binary, or another encoding)."""


class UnknownLayoutError(ParseError):
    """A page that no layout splitter recognises."""


class UnreadableFileError(ParseError):
    """A raw file the build may not or cannot read: permissions, a symlink out of the
    raw folder, a folder or hidden file, a file over the size limit."""


class ImplausibleValueError(ParseError):
    """A value no report can hold (a 1970 or future date, a membership over a million):
    the row is kept with the value emptied or flagged, or dropped, never fatal."""


class ManifestError(ParseError):
    """A problem with data/raw/sources.csv: a missing file, an unlisted file, a bad row."""


class UnsafePathError(ManifestError):
    """A manifest name that would escape the raw directory (``../x``, an absolute path)."""


class CorrectionError(ParseError):
    """A row of data/corrections.csv that names no report or field, or cannot be applied."""


class BuildError(NecReportsError):
    """A build that finished with problems; the tables written are listed in the summary."""


class ValidationError(NecReportsError):
    """Built tables that break their declared schema or a cross-table check: a bug in
    the parser or a correction, never something to ship."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"{len(problems)} schema violation(s):\n" + "\n".join(f"  {p}" for p in problems)
        )


class NecReportsWarning(UserWarning):
    """Some raw input had problems; the tables hold what could be read."""


class CacheWarning(NecReportsWarning):
    """The table cache could not be used (damaged, stale, crafted) or written: the tables
    were rebuilt, or not cached; never fatal."""


def caller_stacklevel() -> int:
    """The ``stacklevel`` for warnings.warn that names the first caller outside this
    package (the user's line, however deep inside the package the warning is raised)."""
    level, frame = 1, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level
