"""The public ``load_*`` verbs: one per table, each a plain pandas DataFrame."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from . import cache
from .build import build_tables
from .errors import NecReportsWarning
from .schema import Columns
from .tables import TABLES

PathLike = str | Path


def _load(name: str, raw_dir: PathLike | None, cache_dir: PathLike | None) -> pd.DataFrame:
    return _loads([name], raw_dir, cache_dir)[0]


def _loads(
    names: list[str], raw_dir: PathLike | None, cache_dir: PathLike | None
) -> list[pd.DataFrame]:
    """Several tables of one build (one cache read)."""
    build = build_tables(raw_dir, cache_dir=cache_dir)
    if build.problems:
        warnings.warn(
            f"{len(build.problems)} problem(s) reading {build.raw_dir}: {build.problems[0]}"
            + (" (and more; run `nec-reports build` for all)" if len(build.problems) > 1 else ""),
            NecReportsWarning,
            stacklevel=4,
        )
    return [build.tables[name].copy() for name in names]


def list_tables() -> list[str]:
    """Names of the tables a ``load_<name>()`` function returns."""
    return list(TABLES)


def load_reports(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per distinct report: who wrote it, when, which meetings and bodies it covers,
    and its text (``report_id`` is stable across builds).

    Columns: docs/data-dictionary.md, section ``reports``.
    """
    return _load("reports", raw_dir, cache_dir)


def load_sections(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per section of a report: a meeting it covers, with its date, body and
    character offsets (``start``, ``end``) into the report's text.

    Columns: docs/data-dictionary.md, section ``sections``.
    """
    return _load("sections", raw_dir, cache_dir)


def load_meetings(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per meeting (date and body) with the reports that cover it and their authors.

    Columns: docs/data-dictionary.md, section ``meetings``.
    """
    return _load("meetings", raw_dir, cache_dir)


def load_comments(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """Reader comments under posts: kept apart, never part of a report's text or facts.

    Columns: docs/data-dictionary.md, section ``comments``.
    """
    return _load("comments", raw_dir, cache_dir)


def load_files(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per raw file: the layout found, the posts it gave, its SHA-256, any error.

    Columns: docs/data-dictionary.md, section ``files``.
    """
    return _load("files", raw_dir, cache_dir)


def load_membership(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per membership figure a report states: ``value`` (members), ``measure``
    (members, paid_up, arrears, joined, left, eligible, other), ``qualifier`` and
    ``as_of``, with the evidence sentence and offsets of the number."""
    return _load("membership", raw_dir, cache_dir)


def load_votes(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per recorded vote split or unanimous decision: ``votes_for``,
    ``votes_against``, ``abstentions``, ``unanimous``, ``outcome``, ``body``, ``motion``,
    and ``flag`` for splits that cannot be right."""
    return _load("votes", raw_dir, cache_dir)


def load_money(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per amount of money a report states: ``amount_gbp``, ``category``,
    ``fundraising`` and ``qualifier``."""
    return _load("money", raw_dir, cache_dir)


def load_donors(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per count of donors or fundraising participants ("590 people in the Rose
    Network")."""
    return _load("donors", raw_dir, cache_dir)


def load_fundraising(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """Money raised for the party and counts of donors in one long table (``kind``,
    ``value``, ``unit``), ready to chart."""
    return _load("fundraising", raw_dir, cache_dir)


def load_numbers(
    raw_dir: PathLike | None = None, *, cache_dir: PathLike | None = None
) -> pd.DataFrame:
    """One row per number written in a report body, with the fact table it went to (or
    none) and a short reason code: how to audit what the extractors took and skipped."""
    return _load("numbers", raw_dir, cache_dir)


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


def table_docs() -> dict[str, tuple[str, Columns]]:
    """Each table's description (its loader's docstring) and declared columns."""
    out = {}
    for name, (_, columns) in TABLES.items():
        doc = (globals()[f"load_{name}"].__doc__ or "").split("\n\n")[0]
        out[name] = (" ".join(doc.split()), columns)
    return out


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
