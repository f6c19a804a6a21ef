"""One figure per fact: reconciled series, decisions and how members voted.

Pandas only: every function takes the published tables as DataFrames (``nr.load_*``)
and returns a DataFrame with declared columns (:mod:`.columns`, listed in
``docs/data-dictionary.md``); nothing here reads a file.  ``nr.membership_series()``,
``nr.load_decisions()`` and the other ``nr.*`` verbs load the tables and call these.
"""

from __future__ import annotations

from .coverage import coverage_gaps, meeting_coverage, quarter_coverage
from .decisions import decisions
from .external import compare_external
from .money import fundraising_by_year, party_money
from .positions import positions
from .reposts import canonical_reports, repost_groups, with_canonical
from .series import membership_series

__all__ = [
    "canonical_reports",
    "compare_external",
    "coverage_gaps",
    "decisions",
    "fundraising_by_year",
    "meeting_coverage",
    "membership_series",
    "party_money",
    "positions",
    "quarter_coverage",
    "repost_groups",
    "with_canonical",
]
