"""Charts for notebooks and write-ups (needs the ``plot`` extra: matplotlib, seaborn).

    >>> import nec_reports as nr
    >>> tables = {n: nr.plot.read_table(n) for n in ("reports", "meetings")}
    >>> fig = nr.plot.meeting_timeline(tables["meetings"], tables["reports"])

Every chart function takes DataFrames and returns a matplotlib Figure drawn in one theme
(colour-blind-safe colours, titles, axis labels with units, dates on time axes) with a
source line under it naming the table it draws (where the data can be found) and the
reports behind it, and alt text (:func:`alt_text`) that the exports store in each file.
``nec-reports figures`` writes them all (see :data:`FIGURES`).
"""

from __future__ import annotations

from .corpus import (
    coverage_by_quarter,
    excerpts_versus_full_texts,
    meeting_timeline,
    reports_by_author_and_year,
)
from .data import (
    MissingTableError,
    coverage_gaps,
    default_data_dir,
    default_external_dir,
    external_year_end,
    fact_dates,
    meeting_reporters,
    membership_agreement,
    membership_points,
    money_rows,
    quarter_coverage,
    read_external_finances,
    read_external_membership,
    read_table,
    read_tables,
    report_years,
    source_line,
    tidy,
    to_dates,
    vote_splits,
)
from .figures import (
    ALT_TEXT_FILE,
    FIGURES,
    ExportResult,
    FigureSpec,
    draw,
    export_figures,
    load_figure_tables,
    read_alt_text,
)
from .membership import (
    membership_over_time,
    membership_vs_outside_figures,
    reconciled_membership,
)
from .money import fundraising_over_time, largest_amounts, money_by_category_over_time
from .tables import readable, say, show
from .theme import PALETTE, alt_text, gbp, label, rc, themed, use_theme
from .votes import closest_votes, decision_table, unanimous_vs_divided, vote_shares_over_time

__all__ = [
    "ALT_TEXT_FILE",
    "FIGURES",
    "PALETTE",
    "ExportResult",
    "FigureSpec",
    "MissingTableError",
    "alt_text",
    "closest_votes",
    "coverage_by_quarter",
    "coverage_gaps",
    "decision_table",
    "default_data_dir",
    "default_external_dir",
    "draw",
    "excerpts_versus_full_texts",
    "export_figures",
    "external_year_end",
    "fact_dates",
    "fundraising_over_time",
    "gbp",
    "label",
    "largest_amounts",
    "load_figure_tables",
    "meeting_reporters",
    "meeting_timeline",
    "membership_agreement",
    "membership_over_time",
    "membership_points",
    "membership_vs_outside_figures",
    "money_by_category_over_time",
    "money_rows",
    "quarter_coverage",
    "rc",
    "read_alt_text",
    "read_external_finances",
    "read_external_membership",
    "read_table",
    "read_tables",
    "readable",
    "reconciled_membership",
    "report_years",
    "reports_by_author_and_year",
    "say",
    "show",
    "source_line",
    "themed",
    "tidy",
    "to_dates",
    "unanimous_vs_divided",
    "use_theme",
    "vote_shares_over_time",
    "vote_splits",
]
