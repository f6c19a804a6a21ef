"""Counts of donors and fundraising participants."""

from __future__ import annotations

import pytest

from nec_reports.facts import donors


def values(text: str) -> list[tuple[int, str | None]]:
    return [(h.fields["value"], h.fields["scheme"]) for h in donors.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "There are now 640 people in the “Rose Network” (donating over £1,000 a year).",
            [(640, "Rose Network")],
        ),
        (
            "We have 600 members in the Rose Network and 120 in the Chair’s Circle.",
            [(600, "Rose Network"), (120, "Chair’s Circle")],
        ),
        ("The Rose Network now has 700 members.", [(700, "Rose Network")]),
        ("There are 2,400 regular donors giving monthly.", [(2400, None)]),
        ("Some 1,500 people are now donating every month.", [(1500, None)]),
        ("Over 300 people in the Founders Circle give £5,000 or more.", [(300, "Founders Circle")]),
    ],
)
def test_donor_phrasings(text: str, expected: list[tuple[int, str | None]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A pilot telephone fundraising project, making direct contact with 4,000 members, began.",
        "The party now has 395,811 members.",
        "There are 40 members in the Socialist Societies Section.",
        "Donors gave £1.8m this year.",
    ],
)
def test_not_donors(text: str) -> None:
    assert values(text) == []


def test_donors_with_describing_words() -> None:
    assert values("Nearly 3,000 new direct debit donors have signed up since January.") == [
        (3000, None)
    ]
    assert values("We sent 3,000 letters to donors.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scheme names with figures in them
        ("We now have 870 members of the 1000 Club.", [(870, "1000 Club")]),
        ("The 1000 Club has 920 members, a record.", [(920, "1000 Club")]),
        # "N who (each) give ...": people giving money, named by the scheme before them
        (
            "The Chair’s Circle has a further 95 who each donate £5,000 a year.",
            [(95, "Chair’s Circle")],
        ),
        ("There are 2,600 supporters who give monthly by direct debit.", [(2600, None)]),
        ("We also have 350 who now contribute over £1,200 a year.", [(350, None)]),
        ("Around 2,700 people give monthly through the Labour lottery.", [(2700, None)]),
    ],
)
def test_donor_phrasing_families_seen_held_out(
    text: str, expected: list[tuple[int, str | None]]
) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "There are 200 members who give up their weekends to canvass.",
        "Around 1,400 volunteers who give their time every weekend were thanked.",
    ],
)
def test_giving_time_is_not_donating(text: str) -> None:
    assert values(text) == []
