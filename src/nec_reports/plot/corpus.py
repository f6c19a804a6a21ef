"""What is in the corpus: reports per author and year, which meetings were reported and
by whom, excerpts against full texts, and where coverage is thin."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from . import theme as th
from .data import meeting_reporters, quarter_coverage, report_years, source_line, tidy


def _reports_of(reports: pd.DataFrame, meetings: pd.DataFrame) -> pd.DataFrame:
    ids = {i for ids in tidy(meetings)["report_ids"] for i in ids}
    return reports[reports["report_id"].isin(ids)]


def reports_by_author_and_year(reports: pd.DataFrame) -> Figure:
    """Heatmap: how many reports each author wrote in each year (published, else the
    year of the first meeting reported)."""
    r = tidy(reports)
    with th.themed():
        fig = th.new_figure(9, 1.6 + 0.45 * max(1, r["author"].nunique()))
        ax = fig.add_subplot()
        if r.empty:
            th.no_data(ax, "No reports in this data folder")
        else:
            year = report_years(r).astype("string").fillna("undated")
            table = pd.crosstab(r["author"].fillna("unknown author"), year)
            table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
            cols = sorted(c for c in table.columns if c != "undated")
            table = table[cols + (["undated"] if "undated" in table.columns else [])]
            table["All years"] = table.sum(axis=1)
            data = table.astype(float)
            mask = data == 0
            sns.heatmap(
                data,
                ax=ax,
                annot=table,
                fmt="d",
                mask=mask,
                cmap="Blues",
                vmin=0,
                vmax=float(data.drop(columns="All years").to_numpy().max()) * 1.2,
                cbar=False,
                linewidths=1,
                linecolor="white",
                annot_kws={"fontsize": 10},
            )
            ax.axvline(len(table.columns) - 1, color="0.3", lw=1)
            ax.set_xlabel("Year (published, or of the first meeting reported)")
            ax.set_ylabel("")
            ax.tick_params(axis="y", rotation=0)
            ax.grid(False)
        n_undated = int(report_years(r).isna().sum()) if len(r) else 0
        alt = (
            f"Heatmap of {len(r)} reports by {r['author'].nunique()} NEC members and year"
            + (
                ": " + ", ".join(f"{a} {c}" for a, c in r["author"].value_counts().items())
                if len(r)
                else ""
            )
            + (f"; {n_undated} undated reports in their own column." if n_undated else ".")
        )
        th.finish(
            fig,
            source_line(r, table="reports"),
            title="Reports per author and year",
            subtitle="Number of reports; the last column totals each row",
            alt=alt,
        )
    return fig


def undated_reports(reports: pd.DataFrame) -> pd.Series:
    """Reports that name no meeting date, counted by author (most first): the meetings
    table, and so every chart of meetings, cannot place them."""
    r = tidy(reports, "reports")
    if r.empty or "meeting_dates" not in r:
        return pd.Series(dtype="int64")
    none = r[[not v for v in r["meeting_dates"]]]
    return none["author"].fillna("unknown author").value_counts()


def _undated_reports_note(reports: pd.DataFrame) -> str | None:
    by = undated_reports(reports)
    if by.empty:
        return None
    n = int(by.sum())
    return (
        f"{n} report{'s' if n != 1 else ''} with no meeting date ("
        + ", ".join(f"{a} {c}" for a, c in by.items())
        + ")"
    )


def _draw_meetings(ax: Axes, long: pd.DataFrame, ypos: dict[str, int]) -> None:
    """A marker per meeting and reporter on the reporter's row, coloured by body; several
    bodies meeting the same day for one reporter are spread vertically."""
    bodies = [b for b in th.BODY_COLORS if b in set(long["body"])] + sorted(
        set(long["body"]) - set(th.BODY_COLORS)
    )
    colors = th.color_map(bodies, th.BODY_COLORS)
    # Several bodies meeting the same day for one reporter: spread them vertically.
    rank = long.groupby(["author", "meeting_date"])["body"].rank(method="first") - 1
    size = long.groupby(["author", "meeting_date"])["body"].transform("size")
    long = long.assign(y=long["author"].map(ypos) + (rank - (size - 1) / 2) * 0.16)
    for body in bodies:
        part = long[long["body"] == body]
        ax.scatter(
            part["meeting_date"],
            part["y"],
            s=46,
            color=colors[body],
            label=th.label(body),
            edgecolor="white",
            linewidth=0.6,
            zorder=3,
        )


def _draw_undated_rows(
    ax: Axes, missing: list[str], undated: pd.Series, ypos: dict[str, int]
) -> None:
    """On the row of each writer with no dated report: how many reports it has."""
    for a in missing:
        n = int(undated[a])
        ax.text(
            0.02,
            ypos[a],
            f"{n} report{'s' if n != 1 else ''}, none naming a meeting date",
            transform=ax.get_yaxis_transform(),
            va="center",
            fontsize=9,
            style="italic",
            color="0.3",
        )


def _draw_timeline(
    ax: Axes, long: pd.DataFrame, rows: list[str], missing: list[str], undated: pd.Series
) -> None:
    """The timeline: meetings, a pale line where 2+ members reported one, the rows of
    writers with no dated report, the axes and the legend."""
    ypos = {a: i for i, a in enumerate(rows)}
    _draw_meetings(ax, long, ypos)
    shared = long[long["n_reports"].fillna(0) >= 2].drop_duplicates(["meeting_date", "body"])
    for d in shared["meeting_date"]:
        ax.axvline(d, color="0.85", lw=0.8, zorder=1)
    _draw_undated_rows(ax, missing, undated, ypos)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel("Meeting date")
    if len(long):
        th.date_axis(ax)
    ax.grid(visible=False)
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color="0.85", lw=0.8))
    labels.append("reported by 2+ members")
    ax.legend(handles, labels, title="Body that met", loc="upper left", bbox_to_anchor=(1.0, 1.0))


def _timeline_alt(long: pd.DataFrame, authors: list[str], missing: list[str]) -> str:
    """Alt text for the meeting timeline."""
    n_meetings = long.drop_duplicates(["meeting_date", "body"]).shape[0]
    return (
        f"Timeline of {n_meetings} meetings reported by {len(authors)} NEC members, one row "
        f"per writer, coloured by the body that met"
        + (
            f"; {', '.join(missing)} named no meeting date, so their rows are empty"
            if missing
            else ""
        )
        + "."
    )


def meeting_timeline(meetings: pd.DataFrame, reports: pd.DataFrame) -> Figure:
    """Timeline: one marker per meeting and reporter, coloured by the body that met.  A
    writer none of whose reports names a meeting date still gets a row, saying how many
    reports it has; every report left out is counted under the chart."""
    long = meeting_reporters(meetings).dropna(subset=["meeting_date"])
    authors = long.groupby("author")["meeting_date"].min().sort_values(kind="stable").index.tolist()
    undated = undated_reports(reports)
    missing = [a for a in undated.index if a not in authors]
    rows = authors + missing
    with th.themed():
        fig = th.new_figure(10, 1.8 + 0.5 * max(1, len(rows)))
        ax = fig.add_subplot()
        if long.empty and not missing:
            th.no_data(ax, "No dated meetings in this data folder")
        else:
            _draw_timeline(ax, long, rows, missing, undated)
        th.finish(
            fig,
            source_line(
                pd.concat([_reports_of(tidy(reports), meetings), _undated(reports)]),
                table="meetings",
                left_out=_undated_reports_note(reports),
            ),
            title="Which meetings were reported, and by whom",
            subtitle="One marker per meeting and reporter; colour shows the body that met",
            alt=_timeline_alt(long, authors, missing),
        )
    return fig


def _undated(reports: pd.DataFrame) -> pd.DataFrame:
    r = tidy(reports, "reports")
    if r.empty or "meeting_dates" not in r:
        return r.iloc[0:0]
    return r[[not v for v in r["meeting_dates"]]]


def excerpts_versus_full_texts(reports: pd.DataFrame) -> Figure:
    """Horizontal bars per author: full texts and excerpts (cut at 'Continue reading')."""
    r = tidy(reports)
    with th.themed():
        fig = th.new_figure(9, 1.6 + 0.45 * max(1, r["author"].nunique()))
        ax = fig.add_subplot()
        if r.empty:
            th.no_data(ax, "No reports in this data folder")
        else:
            kind = r["is_excerpt"].map({True: "Excerpt", False: "Full text"}).fillna("Unknown")
            table = pd.crosstab(r["author"].fillna("unknown author"), kind)
            for col in ("Full text", "Excerpt"):
                if col not in table.columns:
                    table[col] = 0
            table = table[
                [
                    "Full text",
                    "Excerpt",
                    *[c for c in table.columns if c not in ("Full text", "Excerpt")],
                ]
            ]
            table = table.loc[table.sum(axis=1).sort_values(kind="stable").index]
            colors = {
                "Full text": th.PALETTE[0],
                "Excerpt": th.PALETTE[9],
                "Unknown": th.PALETTE[7],
            }
            left = pd.Series(0, index=table.index)
            for col in table.columns:
                bars = ax.barh(
                    table.index,
                    table[col],
                    left=left,
                    color=colors.get(col),
                    label=col,
                    edgecolor="white",
                )
                ax.bar_label(
                    bars,
                    labels=[str(v) if v else "" for v in table[col]],
                    label_type="center",
                    fontsize=9,
                    color="black",
                )
                left = left + table[col]
            ax.set_xlabel("Reports (count)")
            ax.xaxis.set_major_formatter(th.count_formatter)
            ax.grid(axis="y", visible=False)
            ax.legend(loc="lower right")
        n_ex = int(r["is_excerpt"].fillna(False).astype(bool).sum()) if len(r) else 0
        th.finish(
            fig,
            source_line(r, table="reports"),
            title="Full texts and excerpts, by author",
            subtitle='An excerpt is cut short in the capture (e.g. at "Continue reading")',
            alt=f"Stacked bar chart of {len(r)} reports by author: {len(r) - n_ex} full texts "
            f"and {n_ex} excerpts.",
        )
    return fig


def coverage_by_quarter(meetings: pd.DataFrame, reports: pd.DataFrame) -> Figure:
    """Stacked bars per quarter: meetings reported by one member, two, or three or more.
    Empty quarters are where the corpus has nothing."""
    cov = quarter_coverage(meetings)
    with th.themed():
        fig = th.new_figure(10, 4.5)
        ax = fig.add_subplot()
        if cov.empty:
            th.no_data(ax, "No dated meetings in this data folder")
        else:
            bands = {
                "one_report": ("1 report", th.PALETTE[9]),
                "two_reports": ("2 reports", th.PALETTE[0]),
                "three_or_more": ("3 or more", th.PALETTE[2]),
            }
            x = [p.start_time + pd.Timedelta(days=45) for p in cov["quarter"]]
            bottom = pd.Series(0, index=cov.index, dtype="float64")
            for col, (name, color) in bands.items():
                vals = cov[col].astype("float64")
                ax.bar(x, vals, bottom=bottom, width=70, color=color, label=name, edgecolor="white")
                bottom = bottom + vals
            for p, n in zip(cov["quarter"], cov["meetings"], strict=True):
                if n == 0:
                    ax.axvspan(p.start_time, p.end_time, color="0.93", zorder=0, lw=0)
            ax.set_xlabel("Quarter of the meeting")
            ax.set_ylabel("Meetings reported (count)")
            ax.xaxis.set_major_locator(mdates.YearLocator())
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.grid(axis="x", visible=False)
            handles, labels = ax.get_legend_handles_labels()
            handles.append(Patch(color="0.93"))
            labels.append("no meeting reported")
            ax.legend(handles, labels, title="Meetings covered by", loc="upper left")
        empty = int((cov["meetings"] == 0).sum()) if len(cov) else 0
        th.finish(
            fig,
            source_line(
                _reports_of(tidy(reports), meetings),
                table="meetings",
                left_out=_undated_reports_note(tidy(reports)),
            ),
            title="How thickly each quarter's meetings are covered",
            subtitle="Meetings (date and body) per quarter, by how many reports cover each",
            alt=f"Stacked bar chart of meetings reported per quarter over {len(cov)} quarters, "
            f"by how many reports cover each; {empty} quarters with no meeting reported.",
        )
    return fig
