"""nec-reports: tidy tables from Labour NEC members' meeting reports.

    >>> import nec_reports as nr
    >>> reports = nr.load_reports()      # the bundled corpus, offline

Every ``load_*`` function takes an optional raw folder (default: the bundled corpus)
and ``cache_dir``; results are cached on disk (see :mod:`nec_reports.cache`).
Columns are described in ``docs/data-dictionary.md``.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import (  # noqa: E402
    clear_cache,
    list_tables,
    load_comments,
    load_donors,
    load_files,
    load_fundraising,
    load_meetings,
    load_membership,
    load_money,
    load_reports,
    load_sections,
    load_votes,
)
from .errors import NecReportsError, ParseError  # noqa: E402

__all__ = [
    "NecReportsError",
    "ParseError",
    "__version__",
    "clear_cache",
    "list_tables",
    "load_comments",
    "load_donors",
    "load_files",
    "load_fundraising",
    "load_meetings",
    "load_membership",
    "load_money",
    "load_reports",
    "load_sections",
    "load_votes",
]
