"""Posts -> reports: writers, de-duplication, stable ids, sections and meeting dates."""

from __future__ import annotations

from datetime import date

import pytest

from nec_reports.models import Post
from nec_reports.pipeline import parse_corpus
from nec_reports.reports import merge_posts, resolve_author
from nec_reports.sections import dated_headings, opening_dates, title_dates


def post(title="NEC Report – 5 March 2024", text="The NEC met on 5 March.", **kw) -> Post:
    return Post(
        source_file=kw.pop("source_file", "a.txt"),
        layout="planet",
        title=title,
        text=text,
        line=1,
        **kw,
    )


@pytest.mark.parametrize(
    "title, blog, posted_by, text, hint, want",
    [
        (
            "Gemma Bolton NEC Report – 19th July 2022",
            "CLGA Nec Report from CLPD",
            "Jake Rubin",
            "",
            None,
            "Gemma Bolton",
        ),
        ("Sam Okafor’s NEC Report – 24.05.2024", "Left Voices", "Editor", "", None, "Sam Okafor"),
        (
            "Priya Shah – NEC Report 25th January 2024",
            "Left Voices",
            "Editor",
            "",
            None,
            "Priya Shah",
        ),
        (
            "Ann Henderson reports from the 20 September NEC",
            "CLGA",
            "Rachel Garnham",
            "",
            None,
            "Ann Henderson",
        ),
        (
            "Report from NEC Equalities Committee from Tom Reid",
            "CLGA",
            "Rachel Garnham",
            "",
            None,
            "Tom Reid",
        ),
        ("NEC Report – MAy 2022", "Mish Rahman's Blog", "Admin", "", None, "Mish Rahman"),
        (
            "Kay Lo on the NEC Away day",
            "my mirror of Kay Lo's tweet reports",
            "Dave",
            "",
            None,
            "Kay Lo",
        ),
        (
            "NEC report",
            "CLGA Nec Report from CLPD",
            "Rachel Garnham",
            "Labour NEC Report July 2024\n\nDee Kaur, NEC CLP section\n\nThe NEC met.",
            None,
            "Dee Kaur",
        ),
        (
            "NEC report",
            "Campaign Blog",
            "Rachel Garnham",
            "The NEC met.\n\nDee Kaur 22.09.24",
            None,
            "Dee Kaur",
        ),
        (
            "NEC Meeting, 25 July 2023",
            "Ann Black on the Record",
            "Ann Black",
            "",
            None,
            "Ann Black",
        ),
        ("NEC Update", None, None, "Text.\n\nMore Rules\n\nText.", "Ann Black", "Ann Black"),
        ("NEC Report", "Some Blog", "Admin", "The NEC met.", None, None),
    ],
)
def test_author_is_the_writer_not_the_poster(title, blog, posted_by, text, hint, want):
    p = post(
        title=title, text=text or "The NEC met.", blog=blog, posted_by=posted_by, author_hint=hint
    )
    assert resolve_author(p) == want


def test_excerpt_and_full_copy_in_two_files_are_one_report():
    full = "The NEC met on 5 March. " + "It agreed many things. " * 30
    excerpt = post(
        text="The NEC met on 5 March. It agreed many things. It agreed",
        is_excerpt=True,
        source_file="planet.txt",
        published=date(2024, 3, 7),
    )
    whole = post(text=full, source_file="blog.txt")
    other = post(
        title="NEC Report – 5 March 2024",
        text="A different report altogether.",
        source_file="other.txt",
    )
    reports = merge_posts([excerpt, whole, other])
    assert len(reports) == 2
    r = reports[0]
    assert r.source_files == ["planet.txt", "blog.txt"]
    assert r.text == full and not r.is_excerpt and r.published == date(2024, 3, 7)
    assert reports[1].report_id != r.report_id


def test_same_title_different_dates_stay_apart():
    a = post(title="NEC report", published=date(2022, 7, 17))
    b = post(title="NEC report", published=date(2022, 7, 25))
    assert len(merge_posts([a, b])) == 2


def test_report_id_is_stable_and_independent_of_which_copy_is_fullest():
    a = post(text="The NEC met on 5 March. Short", is_excerpt=True)
    b = post(text="The NEC met on 5 March. Short and then the rest of it.")
    assert merge_posts([a, b])[0].report_id == merge_posts([b, a])[0].report_id
    assert (
        merge_posts([a])[0].report_id
        == "nec-report-5-march-2024-" + merge_posts([a])[0].report_id[-8:]
    )


def test_dated_headings_on_their_own_line_and_inline():
    text = (
        "Notes from subcommittees. Organisation Committee, 17 January 2023 The committee met.\n\n"
        "Disputes Panel, 9 November 2021\n\nThe panel heard cases."
    )
    heads = [(h[2], h[3]) for h in dated_headings(text)]
    assert heads == [
        ("Organisation Committee", date(2023, 1, 17)),
        ("Disputes Panel", date(2021, 11, 9)),
    ]
    assert dated_headings("We met the Committee, 17 January 2023 was the date.") == []


@pytest.mark.parametrize(
    "title, ref, want",
    [
        (
            "National Policy Forum, 21/23 July 2023",
            None,
            ["2023-07-21", "2023-07-22", "2023-07-23"],
        ),
        ("Labour NEC Report – 4 to 9 March 2020", None, ["2020-03-04", "2020-03-09"]),
        ("Gemma Bolton NEC Report – 24.05.2022", None, ["2022-05-24"]),
        ("Update from Labour’s NEC – 20th July", date(2021, 7, 21), ["2021-07-20"]),
        ("Report – 30 December", date(2022, 1, 3), ["2021-12-30"]),
        ("NEC Update, July 2022", date(2022, 7, 8), []),
        ("NEC Report – 24 May 2022", None, ["2022-05-24"]),
    ],
)
def test_title_dates(title, ref, want):
    assert [d.isoformat() for d in title_dates(title, ref)] == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("The full NEC met on Tuesday 19th July. We met online.", ["2022-07-19"]),
        ("Labour NEC report – Meetings held 5th July 2022\n\nThe agenda.", ["2022-07-05"]),
        ("The next full NEC meeting is on Tuesday 25 July. Until then, notes.", []),
        ("Members will hear on 30 July whether the appeal succeeded.", []),
    ],
)
def test_opening_sentences_give_the_meeting_date(text, want):
    assert [d.isoformat() for d in opening_dates(text, date(2022, 7, 25))] == want


ARCHIVE = """Labour NEC Report – 27 November

The annual NEC away day took place on 27 November.

Continue reading

Labour NEC Report – 20 November 2018

The Labour NEC sub-committees met on 20th November. Continue reading

Labour NEC Report – 18 September

The meeting on 18 September discussed conference. Continue reading

Labour NEC Report – 4 September 2018

A special NEC meeting took place. Continue reading
"""


def test_year_missing_from_title_is_inferred_from_neighbouring_archive_posts(make_raw):
    raw = make_raw({"archive.txt": ARCHIVE})
    corpus = parse_corpus(raw)
    got = {r.title: [d.isoformat() for d in r.meeting_dates] for r in corpus.reports}
    assert got["Labour NEC Report – 27 November"] == ["2018-11-27"]
    assert got["Labour NEC Report – 18 September"] == ["2018-09-18"]


MULTI = """NEC Update, March 2024

Here are notes from two subcommittees before the full NEC.

Organisation Committee, 5 March 2024

The committee agreed procedures for selections.

Disputes Panel, 6 March 2024

The panel heard 40 cases.
"""


def test_multi_meeting_report_is_split_into_dated_sections(make_raw):
    raw = make_raw(
        {"update.txt": MULTI},
        manifest=[{"file": "update.txt", "author": "Pat Lee", "published": "2024-03-10"}],
    )
    (r,) = parse_corpus(raw).reports
    assert r.author == "Pat Lee" and r.published == date(2024, 3, 10)
    assert [d.isoformat() for d in r.meeting_dates] == ["2024-03-05", "2024-03-06"]
    assert r.bodies == ["organisation", "disputes"]
    assert [(s.heading, s.meeting_date) for s in r.sections] == [
        (None, None),
        ("Organisation Committee", date(2024, 3, 5)),
        ("Disputes Panel", date(2024, 3, 6)),
    ]
    for s in r.sections:
        assert r.text[s.start : s.end] == s.body
    assert r.sections[2].body.startswith("Disputes Panel, 6 March 2024")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("NEC report, 25 May", [date(2019, 5, 25)]),
        ("Notes from the NEC – March 29th", [date(2019, 3, 29)]),
        ("NEC Report January 23rd2018", [date(2018, 1, 23)]),
        ("NEC report 24/28 September 2006", [date(2006, 9, d) for d in range(24, 29)]),
        ("Report of the NEC, Tuesday 14 March", [date(2019, 3, 14)]),
    ],
)
def test_title_dates_without_a_year_or_glued_to_it(title, expected):
    from nec_reports.sections import title_dates

    assert title_dates(title, date(2019, 6, 30)) == expected
