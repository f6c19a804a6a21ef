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
    build = build_tables(raw_dir, cache_dir=cache_dir)
    if build.problems:
        warnings.warn(
            f"{len(build.problems)} problem(s) reading {build.raw_dir}: {build.problems[0]}"
            + (" (and more; run `nec-reports build` for all)" if len(build.problems) > 1 else ""),
            NecReportsWarning,
            stacklevel=3,
        )
    return build.tables[name].copy()


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


def table_docs() -> dict[str, tuple[str, Columns]]:
    """Each table's description (its loader's docstring) and declared columns."""
    out = {}
    for name, (_, columns) in TABLES.items():
        doc = (globals()[f"load_{name}"].__doc__ or "").split("\n\n")[0]
        out[name] = (" ".join(doc.split()), columns)
    return out


def clear_cache(cache_dir: PathLike | None = None) -> int:
    """Delete the cache entries this library wrote (other files in the cache folder, and
    the folder itself, are left alone); returns how many entries were removed."""
    return cache.clear(cache_dir)
