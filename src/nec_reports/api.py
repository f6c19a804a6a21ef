"""The public ``load_*`` verbs: one per table, each a plain pandas DataFrame.

Every ``load_<name>`` is :func:`load_table` for one table of
:data:`nec_reports.tables.TABLES`, described there; the derived tables below are computed
from the published ones by :mod:`nec_reports.analysis`.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Protocol

import pandas as pd

from . import cache
from .build import build_tables
from .errors import NecReportsWarning, caller_stacklevel
from .schema import Columns
from .tables import TABLES, table_docs

PathLike = str | Path


def _loads(
    names: list[str], raw_dir: PathLike | None, cache_dir: PathLike | None
) -> list[pd.DataFrame]:
    """Several tables of one build (one cache read), warning once about the build's
    problems."""
    build = build_tables(raw_dir, cache_dir=cache_dir)
    if build.problems:
        warnings.warn(
            f"{len(build.problems)} problem(s) reading {build.raw_dir}: {build.problems[0]}"
            + (" (and more; run `nec-reports build` for all)" if len(build.problems) > 1 else ""),
            NecReportsWarning,
            stacklevel=caller_stacklevel(),
        )
    return [build.tables[name].copy() for name in names]


def load_table(
    name: str, raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """The published table ``name`` (one of :func:`list_tables`) built from ``raw_dir``
    (default: the bundled corpus), cached in ``cache_dir``: what every ``load_*`` returns."""
    if name not in TABLES:
        raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
    return _loads([name], raw_dir, cache_dir)[0]


def list_tables() -> list[str]:
    """Names of the tables a ``load_<name>()`` function returns."""
    return list(TABLES)


class Loader(Protocol):
    """A ``load_<name>`` verb: ``raw_dir`` (default: the bundled corpus), ``cache_dir``."""

    def __call__(
        self, raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
    ) -> pd.DataFrame: ...


def _loader(name: str) -> Loader:
    """``load_<name>``: :func:`load_table` for one table, with the table's description."""

    def load(raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None) -> pd.DataFrame:
        return load_table(name, raw_dir, cache_dir=cache_dir)

    load.__name__ = load.__qualname__ = f"load_{name}"
    load.__doc__ = (
        f"{TABLES[name].description}\n\nColumns: docs/data-dictionary.md, section ``{name}``."
    )
    return load


load_reports = _loader("reports")
load_sections = _loader("sections")
load_meetings = _loader("meetings")
load_comments = _loader("comments")
load_files = _loader("files")
load_membership = _loader("membership")
load_votes = _loader("votes")
load_money = _loader("money")
load_donors = _loader("donors")
load_fundraising = _loader("fundraising")
load_numbers = _loader("numbers")


def coverage(raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None) -> pd.DataFrame:
    """Which years and writers the corpus covers: one row per (year, author) with the
    number of reports and meetings and the first and last dates (columns:
    :data:`nec_reports.overview.COVERAGE`)."""
    from .overview import coverage_frame

    return coverage_frame(load_reports(raw_dir, cache_dir=cache_dir))


# --- one figure per fact (nec_reports.analysis) -----------------------------------------


def membership_series(
    measure: str | list[str] | None = None,
    raw_dir: PathLike | None = None,
    *,
    cache_dir: PathLike | None = None,
) -> pd.DataFrame:
    """One row per (as_of, measure): the membership figure the reports agree on, with
    the lowest and highest given, how many reports and who, and whether they agree within
    rounding; a repost counts once, disagreements are flagged, never averaged.

    ``measure`` keeps one measure (or a list).  Columns: docs/data-dictionary.md."""
    from .analysis import membership_series as series

    membership, reports = _loads(["membership", "reports"], raw_dir, cache_dir)
    return series(membership, reports, measure)


def compare_external(
    external: PathLike | pd.DataFrame | None = None,
    raw_dir: PathLike | None = None,
    *,
    cache_dir: PathLike | None = None,
) -> pd.DataFrame:
    """Each outside membership figure (``data/external``) beside the nearest
    :func:`membership_series` figure of the same measure within three months, with the
    difference in % and a note where the two may differ (paid-up against total, dates).

    ``external``: a CSV path or frame (default ``data/external/labour_membership_external.csv``)."""
    from .analysis import compare_external as compare
    from .external import read_external_membership

    ext = external if isinstance(external, pd.DataFrame) else read_external_membership(external)
    return compare(membership_series(None, raw_dir, cache_dir=cache_dir), ext)


def load_decisions(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per vote taken: the same vote reported by several members is one row
    (``n_reports``, ``authors``, each report's split in ``splits``, ``agree``), with the
    motion in the clearest report's words."""
    from .analysis import decisions

    votes, reports = _loads(["votes", "reports"], raw_dir, cache_dir)
    return decisions(votes, reports)


def load_positions(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per (member, vote) the reports state: how named NEC members voted
    (``stance`` for, against or abstain), who reported it, the sentence, and the
    decision (:func:`load_decisions`) it matches where one does."""
    from .analysis import decisions, positions

    reports, sections, votes = _loads(["reports", "sections", "votes"], raw_dir, cache_dir)
    return positions(reports, sections, votes, decisions(votes, reports))


def party_money(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """Every money figure marked ``party_money`` (false for policy, prices, wages and
    other parties' money) and ``money_kind`` (raised, target, threshold, ...), with the
    parts of a stated total and the repeats (reposts, two reports of one meeting) marked."""
    from .analysis import party_money as classify

    money, reports = _loads(["money", "reports"], raw_dir, cache_dir)
    return classify(money, reports)


def fundraising_by_year(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """Money raised for the party per year, party money only and each figure once: the
    largest and the sum of distinct figures, with targets counted apart."""
    from .analysis import fundraising_by_year as by_year

    return by_year(party_money(raw_dir, cache_dir=cache_dir))


def meeting_coverage(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per (meeting, body, member who reported it), with their report(s) of it
    (a repost beside its original) and how many members reported the meeting."""
    from .analysis import meeting_coverage as coverage

    meetings, reports = _loads(["meetings", "reports"], raw_dir, cache_dir)
    return coverage(meetings, reports)


def derived_docs() -> dict[str, tuple[str, Columns]]:
    """The derived tables (``nr.membership_series()``, ``nr.load_decisions()``, ...):
    each one's description (its function's docstring) and declared columns.  They are
    computed from the published tables on request, not written by ``build``."""
    from .analysis.columns import DERIVED

    out: dict[str, tuple[str, Columns]] = {}
    for name, (func, columns) in DERIVED.items():
        doc = (globals()[func].__doc__ or "").split("\n\n")[0]
        out[name] = (f"Derived, `nr.{func}()`: " + " ".join(doc.split()), columns)
    return out


def dictionary_docs() -> dict[str, tuple[str, Columns]]:
    """Every table in ``docs/data-dictionary.md``: the published ones, then the derived."""
    return {**table_docs(), **derived_docs()}


def clear_cache(cache_dir: PathLike | None = None) -> int:
    """Delete the cache entries this library wrote (other files in the cache folder, and
    the folder itself, are left alone); returns how many entries were removed."""
    return cache.clear(cache_dir)
