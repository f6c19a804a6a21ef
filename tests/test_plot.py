"""The plotting module: reading tables, shaping facts for charts, the theme, every named
figure (drawn from the invented fixture tables), the exports and the ``figures`` command."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

import nec_reports as nr
from nec_reports import plot
from nec_reports.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "notebook_data"
EXTERNAL = ROOT / "data" / "external" / "labour_membership_external.csv"


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    t, missing = plot.load_figure_tables(FIXTURE)
    assert missing == {}
    return t


@pytest.fixture(autouse=True, scope="module")
def _agg_backend():
    """Draw off-screen, whatever the machine's default backend."""
    plt.close("all")
    old = matplotlib.get_backend()
    plt.switch_backend("Agg")
    yield
    plt.close("all")
    plt.switch_backend(old)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def fig_texts(fig: matplotlib.figure.Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


# --- reading and shaping -------------------------------------------------------------------


def test_nr_plot_is_lazy_attribute():
    assert nr.plot is plot


def test_read_table_csv_restores_types():
    m = plot.read_table("meetings", FIXTURE)
    assert m.loc[1, "authors"] == ["Alex Example", "Sam Sample"]
    assert str(m["n_reports"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(m["meeting_date"])
    v = plot.read_table("votes", FIXTURE)
    assert str(v["unanimous"].dtype) == "boolean"
    assert v["unanimous"].tolist() == [False, False, True, False, True, False]
    assert v["abstentions"].tolist()[:2] == [pd.NA, 1]


def test_tidy_keeps_fractional_values_as_floats():
    df = plot.tidy(pd.DataFrame({"value": ["590", "1.5", None]}))
    assert df["value"].tolist()[:2] == [590.0, 1.5]
    assert str(plot.tidy(pd.DataFrame({"value": ["590", None]}))["value"].dtype) == "Int64"


def test_read_table_prefers_parquet_and_lists_survive(tmp_path: Path):
    m = plot.read_table("meetings", FIXTURE)
    m.to_parquet(tmp_path / "meetings.parquet")
    (tmp_path / "meetings.csv").write_text("meeting_date,body\n2000-01-01,nec\n")
    back = plot.read_table("meetings", tmp_path)
    assert len(back) == len(m)
    assert back.loc[1, "authors"] == ["Alex Example", "Sam Sample"]
    assert isinstance(back.loc[1, "report_ids"], list)


def test_read_table_missing_names_folder(tmp_path: Path):
    with pytest.raises(plot.MissingTableError, match="membership"):
        plot.read_table("membership", tmp_path)


def test_to_dates_partial_iso_and_garbage():
    got = plot.to_dates(
        ["2023-07-25", "2023-07", "2023", "not a date", None, pd.Timestamp("2021-02-11 10:30")]
    )
    want = [
        pd.Timestamp("2023-07-25"),
        pd.Timestamp("2023-07-15"),
        pd.Timestamp("2023-07-01"),
        pd.NaT,
        pd.NaT,
        pd.Timestamp("2021-02-11"),
    ]
    assert got.tolist() == want


def test_fact_dates_prefers_as_of_then_meeting_date():
    df = pd.DataFrame({"as_of": ["2020-01", None], "meeting_date": ["2023-01-24", "2023-01-24"]})
    assert plot.fact_dates(df).tolist() == [pd.Timestamp("2020-01-15"), pd.Timestamp("2023-01-24")]


def test_membership_points_dedupes():
    m = plot.read_table("membership", FIXTURE)
    dup = m.iloc[[1]].assign(fact_id="dup")
    pts = plot.membership_points(pd.concat([m, dup], ignore_index=True))
    assert len(pts) == len(m)
    # the retrospective figure sits at the date it describes, not at its meeting
    jo = pts[(pts["author"] == "Jo Placeholder") & (pts["measure"] == "members")]
    assert jo["when"].tolist() == [pd.Timestamp("2020-01-15")]


def test_read_table_types_follow_the_declared_schema():
    v = plot.read_table("votes", FIXTURE)
    assert v["votes_for"].dtype == "Float64"  # the schema's type, not a count's
    m = plot.read_table("membership", FIXTURE)
    assert m["value"].dtype == "Int64"


def test_membership_agreement_finds_the_disagreement():
    pts = plot.membership_points(plot.read_table("membership", FIXTURE))
    agr = plot.membership_agreement(pts).set_index(["when", "measure"])
    day = pd.Timestamp("2022-03-15")
    assert bool(agr.loc[(day, "members"), "agree"]) is True
    assert agr.loc[(day, "arrears"), "spread"] == 500
    assert agr.loc[(day, "arrears"), "n_reporters"] == 2


def test_vote_splits_shares_margins_and_unanimous():
    s = plot.vote_splits(plot.read_table("votes", FIXTURE)).set_index("fact_id")
    assert s.loc["v1", "share_for"] == pytest.approx(200 / 3)
    assert s.loc["v2", "margin"] == -1
    assert s.loc["v3", "share_for"] == 100  # unanimous with no count given
    assert pd.isna(s.loc["v3", "margin"])
    assert bool(s.loc["v5", "divided"]) is False  # 25 votes to nil
    assert s.loc["v2", "total"] == 28  # abstentions count towards the votes cast


def test_vote_splits_skips_rows_without_numbers_or_unanimity():
    v = plot.read_table("votes", FIXTURE)
    v.loc[0, ["votes_for", "votes_against"]] = pd.NA
    s = plot.vote_splits(v)
    assert set(s["fact_id"]) == {"v2", "v3", "v4", "v5", "v6"}


def test_external_membership_year_end_and_independence():
    ext = plot.read_external_membership(EXTERNAL)
    ye = plot.external_year_end(ext).set_index("date")
    assert ye.loc["2017-12", "members"] == 564443  # the accounts, not Newsnight's 567,400
    assert ye.loc["2015-12", "members"] == 388262  # not the Commons Library's round 388,000
    assert "2025-12" not in ye.index  # only a round press estimate for that December
    not_indep = ext[~ext["independent"]]
    assert not_indep["source_name"].str.contains("NEC").all()
    assert len(not_indep) >= 3


def test_quarter_coverage_and_gaps():
    meetings = pd.DataFrame(
        {
            "meeting_date": ["2020-01-10", "2020-02-10", "2021-01-05"],
            "body": ["nec", "nec", "nec"],
            "n_reports": [1, 3, 2],
            "report_ids": [["a"], ["b", "c", "d"], ["e", "f"]],
            "authors": [["A"], ["A", "B", "C"], ["A", "B"]],
        }
    )
    cov = plot.quarter_coverage(meetings)
    assert cov["quarter"].astype(str).tolist() == ["2020Q1", "2020Q2", "2020Q3", "2020Q4", "2021Q1"]
    assert cov["meetings"].tolist() == [2, 0, 0, 0, 1]
    assert cov.loc[0, "three_or_more"] == 1
    gaps = plot.coverage_gaps(cov)
    assert len(gaps) == 1
    assert (str(gaps.loc[0, "first"]), str(gaps.loc[0, "last"]), gaps.loc[0, "quarters"]) == (
        "2020Q2",
        "2020Q4",
        3,
    )


def test_source_line_names_reports_authors_and_period():
    m = plot.read_table("membership", FIXTURE)
    line = plot.source_line(m, table="membership", extra="outside figures")
    # where the data can be found (project and table), then reports by writers: never
    # "5 Labour NEC members' reports", which reads as five members
    assert line.startswith(
        "Source: nec-reports, table `membership`: 5 reports by 3 NEC members (Alex Example 3"
    )
    assert "Jo Placeholder 1" in line
    assert "Nov 2021 to Jan 2023" in line
    assert line.endswith("; outside figures.")
    assert "members' reports" not in line
    assert "no reports" in plot.source_line(m.iloc[0:0], table="membership")
    two = plot.source_line(m, table=("party_money", "donors"), left_out="2 undated amounts")
    assert two.startswith("Source: nec-reports, tables `party_money` and `donors`: ")
    assert two.endswith(" Left out: 2 undated amounts.")


def test_gbp_formatting():
    assert [plot.gbp(x) for x in (6, 1000, 350_000, 1_700_000, 28e9)] == [
        "£6",
        "£1k",
        "£350k",
        "£1.7m",
        "£28bn",
    ]


# --- theme -------------------------------------------------------------------------------


def test_themed_restores_only_its_own_settings():
    before = matplotlib.rcParams["axes.titlelocation"]
    was = matplotlib.is_interactive()
    try:
        with plot.themed():
            assert matplotlib.rcParams["axes.titlelocation"] == "left"
            # a backend turning interactive mode on while a chart is drawn keeps it on
            matplotlib.interactive(True)
        assert matplotlib.is_interactive()
        assert matplotlib.rcParams["axes.titlelocation"] == before
    finally:
        matplotlib.interactive(was)


def test_palette_is_seaborn_colorblind():
    import seaborn as sns

    assert sns.color_palette("colorblind").as_hex() == plot.PALETTE


# --- every figure --------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(plot.FIGURES))
def test_figure_has_title_labels_and_source_line(name: str, tables):
    fig = plot.draw(name, tables)
    texts = fig_texts(fig)
    sources = [t for t in texts if t.startswith("Source:")]
    assert len(sources) == 1
    assert "Alex Example" in sources[0]
    title = fig.texts[0]
    assert title.get_text() and title.get_fontweight() == "bold"
    labels = [ax.get_xlabel() + ax.get_ylabel() for ax in fig.axes]
    assert any(labels), "no axis labels"


@pytest.mark.parametrize("name", list(plot.FIGURES))
def test_figure_draws_on_empty_tables(name: str, tables):
    empty = {k: v.iloc[0:0] for k, v in tables.items()}
    fig = plot.draw(name, empty)
    texts = " ".join(fig_texts(fig))
    assert "No " in texts or "no " in texts  # says so instead of drawing a blank chart


def test_time_axes_show_dates(tables):
    fig = plot.draw("membership-over-time", tables)
    ticks = [t.get_text() for t in fig.axes[-1].get_xticklabels()]
    assert any(t.startswith("20") for t in ticks), ticks


def test_membership_vs_outside_leaves_out_nec_reports_quoted_by_others(tables):
    ext = tables["external_membership"]
    fig = plot.membership_vs_outside_figures(tables["membership"], ext, pad_years=None)
    drawn = np.concatenate(
        [c.get_offsets()[:, 1] for c in fig.axes[0].collections if len(c.get_offsets())]
    )
    assert 385324 not in drawn  # Luke Akehurst quoted by Guido Fawkes
    assert 309000 in drawn  # an independent paid-up estimate


def test_closest_votes_lists_the_one_vote_margin_first(tables):
    fig = plot.closest_votes(tables["votes"], n=2)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 2
    assert labels[-1].startswith("Invented amendment on selections")  # top bar: 13 to 14


def test_largest_amounts_leaves_out_policy_figures(tables):
    fig = plot.largest_amounts(tables["money"], n=3)
    labels = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
    assert "£20bn" not in labels and "policy" not in labels
    assert "membership subscriptions" in labels


# --- exports -------------------------------------------------------------------------------


def not_blank(png: Path) -> bool:
    img = mpimg.imread(png)[..., :3]
    ink = (img < 0.9).any(axis=-1).mean()  # share of pixels that are not (near) white
    return bool(ink > 0.02 and img.std() > 0.05)


def test_not_blank_detects_a_blank_png(tmp_path: Path):
    fig = plt.figure()
    fig.savefig(tmp_path / "blank.png", facecolor="white")
    assert not not_blank(tmp_path / "blank.png")


def test_export_writes_every_figure_as_png_and_svg(tmp_path: Path, tables):
    result = plot.export_figures(tables, tmp_path)
    assert result.skipped == {}
    for name in plot.FIGURES:
        png, svg = tmp_path / f"{name}.png", tmp_path / f"{name}.svg"
        assert png.exists() and svg.exists(), name
        assert not_blank(png), name
        with Image.open(png) as im:
            dpi = im.info["dpi"]
        assert round(dpi[0]) == 200, name
        text = svg.read_text(encoding="utf-8")
        assert "<svg" in text and "Source:" in text, name
    assert len(result.written) == 2 * len(plot.FIGURES) + 1  # and alt-text.md
    assert tmp_path / plot.ALT_TEXT_FILE in result.written
    assert plt.get_fignums() == []  # figures are closed after saving


def test_export_skips_figures_whose_tables_are_missing(tmp_path: Path, tables):
    partial = {k: v for k, v in tables.items() if k != "votes"}
    names = ["meeting-timeline", "closest-votes", "unanimous-vs-divided"]
    result = plot.export_figures(partial, tmp_path, names=names, formats=("png",), dpi=40)
    assert set(result.skipped) == {"closest-votes", "unanimous-vs-divided"}
    assert result.written == [tmp_path / "meeting-timeline.png", tmp_path / plot.ALT_TEXT_FILE]
    assert list(plot.read_alt_text(tmp_path / plot.ALT_TEXT_FILE)) == ["meeting-timeline"]
    assert not (tmp_path / "closest-votes.png").exists()


def test_figure_names_describe_content():
    for name in plot.FIGURES:
        assert name == name.lower() and " " not in name
        assert not re.match(r"(fig(ure)?|chart|plot)?[-_ ]?\d", name), name


# --- command line --------------------------------------------------------------------------


def test_cli_figures_writes_png_and_svg(tmp_path: Path, capsys):
    names = ["meeting-timeline", "membership-vs-outside-figures"]
    assert (
        main(
            [
                "figures",
                "--data",
                str(FIXTURE),
                "--out",
                str(tmp_path),
                "--dpi",
                "60",
                "--only",
                *names,
            ]
        )
        == 0
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*(f"{n}.{ext}" for n in names for ext in ("png", "svg")), "alt-text.md"]
    )
    with Image.open(tmp_path / "meeting-timeline.png") as im:
        assert round(im.info["dpi"][0]) == 60
    assert "0 figure(s) skipped" in capsys.readouterr().err


def test_cli_figures_fails_when_a_table_is_missing(tmp_path: Path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    for f in FIXTURE.glob("*.csv"):
        if f.stem != "money":
            (data / f.name).write_bytes(f.read_bytes())
    assert (
        main(
            [
                "figures",
                "--data",
                str(data),
                "--out",
                str(tmp_path / "out"),
                "--dpi",
                "40",
                "--only",
                "membership-over-time",
                "largest-amounts",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "skipped largest-amounts" in err and "money" in err
    assert (tmp_path / "out" / "membership-over-time.png").exists()


def test_cli_figures_only_and_unknown(tmp_path: Path, capsys):
    assert (
        main(["figures", "--data", str(FIXTURE), "--out", str(tmp_path), "--only", "closest-votes"])
        == 0
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "alt-text.md",
        "closest-votes.png",
        "closest-votes.svg",
    ]
    assert main(["figures", "--data", str(FIXTURE), "--out", str(tmp_path), "--only", "fig-1"]) == 2


@pytest.mark.skipif(
    not (ROOT / "reports" / "figures").is_dir(), reason="no reports/figures: run `make report`"
)
def test_make_report_figures_exist_and_are_not_blank():
    """After `make report`, every named figure is in reports/figures as PNG and SVG."""
    out = ROOT / "reports" / "figures"
    for name in plot.FIGURES:
        assert (out / f"{name}.svg").exists(), f"{name}.svg missing: re-run `make report`"
        assert not_blank(out / f"{name}.png"), f"{name}.png missing or blank"
    alt = out / plot.ALT_TEXT_FILE
    assert alt.exists(), "alt-text.md missing: re-run `make report`"
    listed = plot.read_alt_text(alt)
    assert all(listed.get(name) for name in plot.FIGURES), "a figure has no alt text"


# --- issue 14: what the figures draw and say -------------------------------------------------


def _votes_with_a_repeat_and_an_undated_vote(tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fixture votes plus a second report of the 13-14 amendment (one decision, two
    reports) and a vote from a report with no meeting date."""
    votes, reports = tables["votes"], tables["reports"]
    again = votes[votes["fact_id"] == "v2"].assign(
        fact_id="v2-again",
        report_id="invented-nec-2022-03-s",
        author="Sam Sample",
        evidence="Invented: the amendment on selections fell by 13 votes to 14.",
    )
    undated = votes[votes["fact_id"] == "v1"].assign(
        fact_id="v-undated", meeting_date=pd.NaT, votes_for=9.0, votes_against=8.0
    )
    return pd.concat([votes, again, undated], ignore_index=True), reports


def _bars(ax) -> list:
    return [p for p in ax.patches if p.get_width() > 0 and p.get_height() > 0]


def test_closest_votes_draws_one_bar_per_decision(tables):
    votes, reports = _votes_with_a_repeat_and_an_undated_vote(tables)
    decided = plot.decision_table(votes, reports)
    head_counts = decided[decided["head_count"]]
    assert len(head_counts) < int(
        (votes["unit"] == "votes").sum() - votes["unanimous"].fillna(False).sum() + 1
    )
    fig = plot.closest_votes(votes, reports, n=20)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == len(head_counts)  # the 13-14 vote reported twice: one bar
    assert sum("Invented amendment on selections" in lab for lab in labels) == 1
    # the label is the decision's motion, with its decision id
    for i in head_counts["decision_id"]:
        assert sum(i in lab for lab in labels) == 1
    assert not any(lab.startswith("The motion\n") for lab in labels)


def test_unanimous_vs_divided_counts_decisions(tables):
    votes, reports = _votes_with_a_repeat_and_an_undated_vote(tables)
    fig = plot.unanimous_vs_divided(votes, reports)
    left = fig.axes[0]
    drawn = sum(p.get_height() for p in left.patches)
    assert drawn == len(plot.decision_table(votes, reports))
    texts = " ".join(fig_texts(fig))
    assert "1 undated decision" in texts


def test_vote_shares_shows_head_counts_only_and_says_what_it_leaves_out(tables):
    votes, reports = _votes_with_a_repeat_and_an_undated_vote(tables)
    fig = plot.vote_shares_over_time(votes, reports)
    texts = " ".join(fig_texts(fig))
    assert "1 undated decision" in texts
    assert "1 card vote given in percentages" in texts
    shares = np.concatenate(
        [c.get_offsets()[:, 1] for c in fig.axes[0].collections if len(c.get_offsets())]
    )
    assert 60 not in shares  # the card vote's 60% is not set among head counts
    assert len(shares) == 5  # v1, v2 (twice reported, once drawn), v3, v4, v5


def test_membership_axes_start_at_zero_and_lines_break_at_gaps(tables):
    fig = plot.membership_over_time(tables["membership"], tables["reports"])
    for ax in fig.axes:
        assert ax.get_ylim()[0] == 0
    fig = plot.membership_vs_outside_figures(
        tables["membership"], tables["external_membership"], tables["reports"]
    )
    assert fig.axes[0].get_ylim()[0] == 0
    when = pd.Series(pd.to_datetime(["2020-01-01", "2020-03-01", "2021-06-01", "2021-08-01"]))
    runs = plot.membership.segments(when, pd.Series([1, 2, 3, 4]))
    assert [len(r) for r in runs] == [2, 2]  # fifteen months without a figure: two lines


def test_membership_over_time_uses_the_reconciled_series(tables):
    """A report's "down from 35,000" next to "23,000 are in arrears" is one figure in the
    series, not a spike; a repeated figure is one marker."""
    m = tables["membership"]
    extra = m[m["fact_id"] == "m7"].assign(fact_id="m7-earlier", value=35000)
    fig = plot.membership_over_time(pd.concat([m, extra], ignore_index=True), tables["reports"])
    arrears = np.concatenate(
        [c.get_offsets()[:, 1] for c in fig.axes[1].collections if len(c.get_offsets())]
    )
    assert 35000 not in arrears


def test_outside_estimates_use_distinct_filled_shapes():
    styles = plot.membership.OUTSIDE_STYLE
    markers = [s["marker"] for s in styles.values()]
    assert len(set(markers)) == len(markers)
    assert not {"+", "x", "1", "2", "3", "4", "|", "_"} & set(markers)  # unfilled shapes
    assert len({s["color"] for s in styles.values()}) == len(styles)
    assert not set(markers) & set(plot.membership.MEASURE_MARKERS.values())


def test_money_charts_draw_party_money_only_and_targets_apart(tables):
    fig = plot.money_by_category_over_time(tables["money"], tables["reports"])
    top, bottom = fig.axes[0], fig.axes[1]
    amounts = np.concatenate(
        [c.get_offsets()[:, 1] for c in top.collections if len(c.get_offsets())]
    )
    assert 20e9 not in amounts  # a policy pledge
    assert 1000 not in amounts  # a donor threshold
    assert 2.5e6 not in amounts  # a target ("we need £2.5m") ...
    targets = np.concatenate([c.get_offsets()[:, 1] for c in bottom.collections])
    assert list(targets) == [2.5e6]  # ... drawn apart
    texts = " ".join(fig_texts(fig))
    assert "not the party's money" in texts and "threshold" in texts
    fig = plot.largest_amounts(tables["money"], tables["reports"])
    labels = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
    assert "£20bn" not in labels and "donors giving over" not in labels
    assert "target" in " ".join(t.get_text() for t in fig.axes[0].texts)


def test_meeting_timeline_shows_writers_with_undated_reports(tables):
    reports = tables["reports"]
    undated = reports.iloc[[0]].assign(
        report_id="undated-x", author="Una Dated", meeting_dates=[[]], published=pd.NaT
    )
    fig = plot.meeting_timeline(tables["meetings"], pd.concat([reports, undated]))
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Una Dated" in rows
    texts = " ".join(fig_texts(fig))
    assert "1 report, none naming a meeting date" in texts
    assert "Left out: 1 report with no meeting date (Una Dated 1)" in texts


@pytest.mark.parametrize("name", list(plot.FIGURES))
def test_every_figure_has_alt_text_and_its_source_names_the_table(name: str, tables):
    fig = plot.draw(name, tables)
    alt = plot.alt_text(fig)
    assert len(alt) > 80 and re.search(r"\d", alt), alt  # says what it shows, with numbers
    source = next(t for t in fig_texts(fig) if t.startswith("Source:"))
    assert re.match(r"Source: nec-reports, tables? `[a-z_]+`", source), source
    assert "Labour NEC members' reports" not in source
    assert source.replace("\n", " ") in alt


def test_exported_figures_carry_their_alt_text(tmp_path: Path, tables):
    plot.export_figures(tables, tmp_path, dpi=40)
    listed = plot.read_alt_text(tmp_path / plot.ALT_TEXT_FILE)
    assert sorted(listed) == sorted(plot.FIGURES)
    for name, alt in listed.items():
        assert alt, name
        svg = (tmp_path / f"{name}.svg").read_text(encoding="utf-8")
        assert re.search(r"<title>[^<]+</title>\s*<desc>[^<]+</desc>", svg), name
        with Image.open(tmp_path / f"{name}.png") as im:
            assert im.info["Description"] == alt, name
            assert im.info["Title"], name


def test_source_line_names_where_to_find_the_data(tables):
    fig = plot.draw("membership-over-time", tables)
    source = next(t for t in fig_texts(fig) if t.startswith("Source:"))
    assert "table `membership_series`" in source
    assert re.search(r"\d+ reports by \d+ NEC members", source)
