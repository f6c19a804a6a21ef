"""Each layout splitter on small pages written in the style of the real ones."""

from __future__ import annotations

from datetime import date

import pytest

from nec_reports.errors import UnknownLayoutError
from nec_reports.layouts import detect_layout, split_page

PLANET = """planet necblogs

March 02, 2024

Grassroots Voice

Sam Okafor NEC Report – 27 February 2024

The NEC met on 27 February in Leeds. Membership stood at 370,000.

In solidarity, Sam Okafor

by Editor Team at March 02, 2024 09:15 AM

Pat Lee on the Record

NEC Meeting, 27 February 2024

NB a pdf version of this report is available here. The meeting opened with tributes to […]

by Pat Lee at March 01, 2024 06:40 PM

February 20, 2024

Empty Blog Header

February 12, 2024

Rina Patel's Blog

Untitled reflections follow, written as one long opening paragraph without any title line, which happens when the blog's feed drops the post title entirely.

Second paragraph of the untitled post.

by Admin at February 12, 2024 07:00 AM

Chris Dale's Blog

NEC Report – January 2024

The January NEC was short.

by Chris Dale ( at February 12, 2024 06:00 AM
"""

WORDPRESS = """Category Archives: Reports

Labour NEC Report – 12 March 2019

The NEC met today to discuss the local elections.

Leader’s Report

The leader gave his report and took questions. Continue reading

Labour NEC Report – 22 January

What is the National Policy Forum?

The organisation committee met on 22 January. It agreed the timetable for selections and the freeze date for

Labour NEC Report – 20 November 2018

The NEC sub-committees met on 20th November.

Continue reading
"""

BLOGGER = """A blog by Jo Marsh about the Labour Party and its NEC

Wednesday, March 06, 2024

NEC Report - 5 March 2024

The NEC met yesterday.

Finally, we agreed the budget.

Blogger Reader One said...

Membership was 600,000 in 2019, how about now?

8:15 pm, March 06, 2024

Anonymous Anonymous said...

Thanks for this.

9:02 am, March 07, 2024

Post a Comment

<< Home
"""

PLAIN = """NEC Update, March 2024

Here are notes from two subcommittees.

Organisation Committee, 5 March 2024

The committee agreed procedures.

Disputes Panel, 6 March 2024

The panel heard cases.
"""


def test_planet_posts_blogs_footers_and_untitled_posts():
    layout, posts = split_page(PLANET, "planet.txt")
    assert layout == "planet"
    assert [p.title for p in posts] == [
        "Sam Okafor NEC Report – 27 February 2024",
        "NEC Meeting, 27 February 2024",
        "",
        "NEC Report – January 2024",
    ]
    first, second, untitled, last = posts
    assert first.blog == "Grassroots Voice" and first.posted_by == "Editor Team"
    assert first.published == date(2024, 3, 2) and first.line == 7
    assert "370,000" in first.text and "by Editor" not in first.text
    assert second.is_excerpt and not second.text.endswith("[…]")
    assert untitled.blog == "Rina Patel's Blog" and untitled.text.startswith("Untitled reflections")
    assert "Second paragraph" in untitled.text
    assert last.posted_by == "Chris Dale"  # "by Chris Dale ( at" footer


def test_wordpress_titles_headings_and_excerpts():
    layout, posts = split_page(WORDPRESS, "wp.txt")
    assert layout == "wordpress"
    assert [p.title for p in posts] == [
        "Labour NEC Report – 12 March 2019",
        "Labour NEC Report – 22 January",
        "Labour NEC Report – 20 November 2018",
    ]
    assert "Leader’s Report" in posts[0].text  # a heading inside a post is not a title
    assert "What is the National Policy Forum?" in posts[1].text  # a question is a heading
    assert all(p.is_excerpt for p in posts)  # "Continue reading" or cut mid-sentence
    assert "Continue reading" not in posts[0].text + posts[2].text


def test_blogger_post_date_author_and_comments_kept_apart():
    layout, posts = split_page(BLOGGER, "blogger.txt")
    assert layout == "blogger"
    (post,) = posts
    assert post.title == "NEC Report - 5 March 2024"
    assert post.published == date(2024, 3, 6)
    assert post.author_hint == "Jo Marsh"
    assert "600,000" not in post.text and "Post a Comment" not in post.text
    assert [c.commenter for c in post.comments] == ["Reader One", "Anonymous"]
    assert post.comments[0].text.startswith("Membership was 600,000")
    assert post.comments[0].posted is not None and post.comments[0].posted.hour == 20


def test_plain_single_post():
    layout, posts = split_page(PLAIN, "single.txt")
    assert layout == "single"
    assert posts[0].title == "NEC Update, March 2024"
    assert posts[0].text.startswith("Here are notes")


def test_manifest_layout_overrides_detection():
    layout, posts = split_page(PLANET, "x.txt", layout="single")
    assert layout == "single" and len(posts) == 1


def test_html_pages_raise_located_errors():
    with pytest.raises(UnknownLayoutError) as info:
        detect_layout("<!DOCTYPE html>\n<html><body><p>NEC</p></body></html>", "odd.txt")
    assert "HTML" in str(info.value) and "odd.txt:1" in str(info.value)


@pytest.mark.parametrize(
    "text, title, body",
    [
        ("x" * 5000, "x" * 80 + "…", "x" * 5000),
        ("just one line", "just one line", "just one line"),
        ("NEC minutes\nno sentence here at all", "NEC minutes", "no sentence here at all"),
    ],
)
def test_a_page_no_layout_recognises_is_one_post_with_a_note(text, title, body):
    assert detect_layout(text, "odd.txt") is None
    layout, (post,) = split_page(text, "odd.txt")
    assert layout == "single" and post.title == title and post.text == body
    assert post.problem and "no layout recognises" in post.problem


@pytest.mark.parametrize(
    "first",
    [
        "Report of the NEC meeting held on 16 Jan 2016, at Southside, Victoria St.",
        "Report from the NEC at Portcullis House.",
        "What did the NEC decide on Tuesday?",
        "“Quite removed from the experiences of the membership”",
        "'A good day for the party'",
    ],
)
def test_title_lines_ending_in_abbreviations_questions_or_quotes(first):
    page = f"{first}\n\nThe NEC met on Tuesday. Membership was 400,000.\n"
    layout, (post,) = split_page(page, "t.txt")
    assert layout == "single" and post.title == first and post.problem is None
    assert post.text.startswith("The NEC met")


SAME_DAY_NEW_BLOG = """planet necblogs

April 02, 2025

Red Notes

NEC Report – 1 April 2025

The NEC met yesterday and agreed the budget.

by Chris Dale at April 02, 2025 09:00 AM

Grassroots NEC Bulletin

Priya Shah reports from the April NEC

Here is Priya Shah's report from the meeting of 1 April.

by Editor at April 02, 2025 08:00 AM
"""


def test_a_new_blog_under_the_same_date_even_when_its_name_says_nec():
    _, posts = split_page(SAME_DAY_NEW_BLOG, "planet.txt")
    assert [(p.blog, p.title) for p in posts] == [
        ("Red Notes", "NEC Report – 1 April 2025"),
        ("Grassroots NEC Bulletin", "Priya Shah reports from the April NEC"),
    ]


@pytest.mark.parametrize(
    "page",
    [
        "Tag Archives: NEC\n\nNEC report, 5 May 2004\n\nThe NEC met. Membership was 200,000.\n",
        "Yearly Archives: 2004\n\nNEC report, 5 May 2004\nThe NEC met. Membership was 200,000."
        " Continue reading →\n\nNEC report, 9 June 2004\nWe met again. Continue reading →\n",
        "Archives for June 2004\n\nNEC report, 5 May 2004\n\nThe NEC met. Membership was 200,000.\n",
    ],
)
def test_archive_headings_are_not_reports(page):
    _layout, posts = split_page(page, "a.txt")
    assert posts and all("Archive" not in p.title for p in posts)
    assert posts[0].title == "NEC report, 5 May 2004"


def test_a_link_line_under_the_title_or_at_the_end_gives_the_posts_own_address():
    from nec_reports.layouts import planet, wordpress

    page = (
        "July 29, 2023\n\nSam Sample's Blog\n\nNEC Report – 25 July 2023\n"
        "Permalink: https://sam.example.org/2023/07/nec-report-25-july-2023/\n\n"
        "The NEC met on 25 July 2023. It agreed the budget.\n\n"
        "by Sam Sample at July 29, 2023 11:10 AM\n\n"
        "NEC Report – 20 June 2023\n\nThe NEC met on 20 June. See https://labour.org.uk/a/\n"
        "Link: https://labour.org.uk/rules/\n\nIt agreed the rules.\n\n"
        "by Sam Sample at July 28, 2023 10:00 AM\n"
    )
    july, june = planet.split(page, "p.txt")
    assert july.url == "https://sam.example.org/2023/07/nec-report-25-july-2023/"
    assert "Permalink" not in july.text and july.text.startswith("The NEC met")
    assert june.url is None and "Link: https://labour.org.uk/rules/" in june.text  # inside
    wp = (
        "NEC Report – 5 March 2024\n\nThe NEC met on 5 March. It agreed things. Continue reading\n"
        "Originally posted at https://sam.example.org/2024/03/05/nec-report/\n\n"
        "NEC Report – 6 February 2024\n\nThe NEC met on 6 February. It agreed more. Continue reading\n"
    )
    march, feb = wordpress.split(wp, "w.txt")
    assert march.url == "https://sam.example.org/2024/03/05/nec-report/" and feb.url is None
    assert march.title == "NEC Report – 5 March 2024" and feb.title.startswith("NEC Report – 6")
