"""nec-reports: tidy tables from Labour NEC members' meeting reports.

    >>> import nec_reports as nr
    >>> reports = nr.load_reports()      # the bundled corpus, offline

Every ``load_*`` function takes an optional raw folder (default: the bundled corpus)
and ``cache_dir``; results are cached on disk (see :mod:`nec_reports.cache`).
Columns are described in ``docs/data-dictionary.md``.  Charts live in ``nr.plot``
(imported on first use; needs the ``plot`` extra).
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import (
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
from .errors import CacheWarning, NecReportsError, NecReportsWarning, ParseError


def __getattr__(name: str) -> object:
    # ``nr.plot`` needs matplotlib and seaborn (the ``plot`` extra), so it is imported on
    # first use rather than with the core package.
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CacheWarning",
    "NecReportsError",
    "NecReportsWarning",
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
