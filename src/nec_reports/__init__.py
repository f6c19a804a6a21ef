"""nec-reports: tidy tables from Labour NEC members' meeting reports.

    >>> import nec_reports as nr
    >>> reports = nr.load_reports()      # the bundled corpus, offline

Every ``load_*`` function takes an optional raw folder (default: the bundled corpus)
and ``cache_dir``; results are cached on disk (see :mod:`nec_reports.cache`).
Columns are described in ``docs/data-dictionary.md``.  ``nr.search(query)`` finds
sentences in every report, ``nr.coverage()`` says which years and writers the corpus
covers, and ``nr.load_external_membership()`` / ``load_external_finances()`` read the
outside figures in ``data/external``.  Charts live in ``nr.plot``
(imported on first use; needs the ``plot`` extra).
"""

from __future__ import annotations

from .api import (
    clear_cache,
    compare_external,
    coverage,
    fundraising_by_year,
    list_tables,
    load_comments,
    load_decisions,
    load_donors,
    load_files,
    load_fundraising,
    load_meetings,
    load_membership,
    load_money,
    load_numbers,
    load_positions,
    load_reports,
    load_sections,
    load_table,
    load_votes,
    meeting_coverage,
    membership_series,
    party_money,
)
from .errors import CacheWarning, NecReportsError, NecReportsWarning, ParseError
from .external import load_external_finances, load_external_membership
from .textsearch import search
from .version import __version__


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
    "compare_external",
    "coverage",
    "fundraising_by_year",
    "list_tables",
    "load_comments",
    "load_decisions",
    "load_donors",
    "load_external_finances",
    "load_external_membership",
    "load_files",
    "load_fundraising",
    "load_meetings",
    "load_membership",
    "load_money",
    "load_numbers",
    "load_positions",
    "load_reports",
    "load_sections",
    "load_table",
    "load_votes",
    "meeting_coverage",
    "membership_series",
    "party_money",
    "search",
]
