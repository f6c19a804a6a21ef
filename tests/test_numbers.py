"""Reading numbers as NEC reports write them, and the sentences they sit in."""

from __future__ import annotations

import pytest

from nec_reports.facts.numbers import find_numbers, parse_number, qualifier_before
from nec_reports.facts.sentences import split_sentences


def one(text: str):
    found = [n for n in find_numbers(text) if n.kind in ("count", "money", "percent")]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("The party has 385,324 members.", 385324, "count"),
        ("membership figures are approx 420k", 420000, "count"),
        ("we had 489K members", 489000, "count"),
        ("£6m in donations", 6_000_000, "money"),
        ("an estimated £1.36M shortfall", 1_360_000, "money"),
        ("a £5.5 million savings target", 5_500_000, "money"),
        ("£20bn of investment", 20_000_000_000, "money"),
        ("beating them by £1/4m.", 250_000, "money"),
        ("it takes 75p from each pound", 0.75, "money"),
        ("a grant of 5 million pounds", 5_000_000, "money"),
        ("eighteen members voted", 18, "count"),
        ("over half a million members", 500_000, "count"),
        ("a quarter of a million people", 250_000, "count"),
        ("two hundred and fifty thousand", 250_000, "count"),
        ("turnout was 18.6%", 18.6, "percent"),
        ("turnout was 42 per cent", 42, "percent"),
        ("2.4 million canvassing contacts", 2_400_000, "count"),
    ],
)
def test_values_and_kinds(text: str, value: float, kind: str) -> None:
    n = one(text)
    assert n.value == pytest.approx(value)
    assert n.kind == kind
    assert text[n.start : n.end] == n.text
    assert parse_number(n.text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Labour has around 530,000 members", "about"),
        ("Labour has around d 530,000 members", "about"),  # a typo between hedge and number
        ("approximately 28,000 in arrears", "about"),
        ("approx. 420k members", "about"),
        ("some 30,000 in arrears", "about"),
        ("the first c30 cases", "about"),
        ("over 512,000 members", "over"),
        ("more than 150,000 joined", "over"),
        ("at least £10m", "over"),
        ("in excess of £500,000", "over"),
        ("nearly 100 members", "under"),
        ("almost 400,000 members", "under"),
        ("fewer than 30 branches", "under"),
        ("just under £2m", "under"),
        ("exactly 401,000 members", "exact"),
        ("up to £3,500 in the largest CLPs", "exact"),
    ],
)
def test_hedges(text: str, qualifier: str) -> None:
    assert one(text).qualifier == qualifier


def test_range_is_upper_figure_about() -> None:
    n = one(["415,000 members ", "32-33,000 in arrears)"][1])
    assert (n.value, n.low, n.qualifier) == (33000, 32000, "about")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("since the start of 2020", "year"),
        ("the 2015-2019 period", "year"),
        ("on 25 July 2023", "date"),
        ("on 24.05.2022", "date"),
        ("at 13.10 journalists", "time"),
        ("closed at 7pm", None),
        ("the meeting finished at 5.30pm", "time"),
        ("under chapter 5 clause 1.2", "ref"),
        ("contact me on 07956-637958", "phone"),
        ("the 25th anniversary", "ordinal"),
        ("Q4 of 2022", "year"),
        ("Covid-19 testing", "ref"),
    ],
)
def test_numbers_that_are_not_counts(text: str, kind: str | None) -> None:
    kinds = {n.kind for n in find_numbers(text)}
    assert "count" not in kinds and "money" not in kinds
    if kind is not None:
        assert kind in kinds


def test_list_markers_are_not_counts() -> None:
    text = "He set three objectives:\n1)    Recognise the scale of the defeat.\n2. Expose them."
    assert [n.kind for n in find_numbers(text) if n.text in ("1", "2")] == ["list", "list"]


def test_qualifier_before_reports_hedge_start() -> None:
    text = "we have over 512,000 members"
    pos = text.index("512")
    assert qualifier_before(text, pos) == ("over", text.index("over"))


def test_parse_number_rejects_non_numbers() -> None:
    assert parse_number("members") is None


def test_sentences_keep_offsets_and_skip_abbreviations() -> None:
    text = (
        "Membership is approx. 420k. Cllr. Smith and J. Bloggs spoke, e.g. on finance!\n\n"
        "A two year pay deal re. pensions was agreed. 23,000 are in arrears."
    )
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Membership is approx. 420k.",
        "Cllr. Smith and J. Bloggs spoke, e.g. on finance!",
        "A two year pay deal re. pensions was agreed.",
        "23,000 are in arrears.",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_a_line_break_ends_a_sentence() -> None:
    text = "We lost the vote: 22-15\nThe meeting closed"
    assert [s.text for s in split_sentences(text)] == [
        "We lost the vote: 22-15",
        "The meeting closed",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("401,000 – 12,000 down", [("401,000", 401000.0, None), ("12,000", 12000.0, None)]),
        ("32-33,000 members", [("32-33,000", 33000.0, 32000.0)]),
        ("the 2019-20 accounts", [("2019-20", 20.0, 2019.0)]),
        ("c.400,000 members", [("400,000", 400000.0, None)]),
    ],
)
def test_a_dash_down_is_two_figures_not_a_range(text, expected):
    from nec_reports.facts.numbers import find_numbers

    assert [(n.text, n.value, n.low) for n in find_numbers(text)] == expected


def test_a_zero_denominator_is_no_fraction():
    from nec_reports.facts.numbers import find_numbers

    assert [n.text for n in find_numbers("1/0 and 0/0 and £1/4m")] == ["1", "0", "0", "0", "£1/4m"]
