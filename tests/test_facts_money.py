"""Money: every £ amount is a row; category and fundraising from the words around it."""

from __future__ import annotations

import pytest

from nec_reports.facts import money


def rows(text: str) -> list[tuple]:
    return [
        (
            h.fields["amount_gbp"],
            h.fields["category"],
            h.fields["fundraising"],
            h.fields["qualifier"],
        )
        for h in money.find(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # donations and fundraising totals
        ("The spring raffle raised £310,000.", [(310000, "donations", True, "exact")]),
        (
            "So far this year £3.1m has been donated, £2m of it from major donors.",
            [(3_100_000, "donations", True, "exact"), (2_000_000, "donations", True, "exact")],
        ),
        (
            "The by-election appeal brought in £120k in online donations.",
            [(120_000, "donations", True, "exact")],
        ),
        ("The lottery now raises around £50,000 a month.", [(50_000, "donations", True, "about")]),
        (
            "We aim to build a war chest of more than £15m before the election.",
            [(15_000_000, "donations", True, "over")],
        ),
        # donor-scheme thresholds and other thresholds
        (
            "There are 700 members of the Rose Network, each donating over £1,000 a year.",
            [(1000, "threshold", True, "over")],
        ),
        (
            "A spending limit of £10,000 will apply to each leadership candidate.",
            [(10_000, "threshold", False, "exact")],
        ),
        (
            "Candidates may spend no more than £2,500, under the new cap.",
            [(2500, "threshold", False, "under")],
        ),
        # commercial (conference) income
        (
            "Exhibition space at annual conference has already brought in £1.2m.",
            [(1_200_000, "conference_income", False, "exact")],
        ),
        (
            "Sponsorship of conference events raised a further £90,000.",
            [(90_000, "conference_income", True, "exact")],
        ),
        # membership income
        (
            "Membership subscriptions brought in £16m last year.",
            [(16_000_000, "membership_income", False, "exact")],
        ),
        (
            "The reduced rate membership fee will stay at £3 a year.",
            [(3, "membership_income", False, "exact")],
        ),
        # grants
        (
            "The development fund gave £250,000 in grants to CLPs in marginal seats.",
            [(250_000, "grants", False, "exact")],
        ),
        # spending
        ("Legal costs have risen to £4.2m this year.", [(4_200_000, "spending", False, "exact")]),
        (
            "Restructuring will deliver savings of about £8m.",
            [(8_000_000, "spending", False, "about")],
        ),
        (
            "The party needs £30m for the general election campaign.",
            [(30_000_000, "spending", True, "exact")],
        ),
        (
            "The new headquarters will cost nearly £2 million to fit out.",
            [(2_000_000, "spending", False, "under")],
        ),
        # policy figures: other, never fundraising
        ("Keir promised a £10 minimum wage for all workers.", [(10, "other", False, "exact")]),
        (
            "Labour is pledging £8bn a year for green investment.",
            [(8_000_000_000, "other", False, "exact")],
        ),
        ("The energy plan would take £400 off household bills.", [(400, "other", False, "exact")]),
    ],
)
def test_money_phrasings(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A multi-million-pound pledge had been made.",
        "There are 590 people in the Rose Network.",
        "Turnout was 18.6% in the NEC ballot.",
        "The meeting closed at 5.30pm in Room 2.",
    ],
)
def test_not_money(text: str) -> None:
    assert rows(text) == []


def test_pence_and_fractions_of_a_million() -> None:
    text = "It takes 63p from every £1 earned, and we out-raised them by £1/4m."
    assert [h.fields["amount_gbp"] for h in money.find(text)] == [0.63, 1.0, 250_000]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Spending limits range from £1,000-£3,500 depending on the size of the electorate.",
            [(1000, "threshold", False, "exact"), (3500, "threshold", False, "exact")],
        ),
        (
            "The party's income in 2022 was £52.1m, of which £19.2m came from membership fees.",
            [
                (52_100_000, "other", False, "exact"),
                (19_200_000, "membership_income", False, "exact"),
            ],
        ),
        (
            "Labour raised £4.1m in the second quarter, more than the Tories' £3.6m.",
            [(4_100_000, "donations", True, "exact"), (3_600_000, "donations", True, "exact")],
        ),
        (
            "Annual conference made a surplus of £1.2m.",
            [(1_200_000, "conference_income", False, "exact")],
        ),
        (
            "Membership subscriptions raised £16.8m in 2017.",
            [(16_800_000, "membership_income", False, "exact")],
        ),
        (
            "Fees for the conference pass rose to £125.",
            [(125, "conference_income", False, "exact")],
        ),
        (
            "The NEC approved a budget of £45m for the year.",
            [(45_000_000, "spending", False, "exact")],
        ),
    ],
)
def test_more_money_phrasings(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a compliance threshold on gifts is a threshold, not fundraising
        (
            "Gifts over £7,500 must be declared to the Electoral Commission.",
            [(7500, "threshold", False, "over")],
        ),
        (
            "From January, donations above £1,000 will now have to be checked by compliance.",
            [(1000, "threshold", False, "over")],
        ),
        # a donor scheme's entry level stays fundraising
        (
            "The Chair's Circle has 90 members who each give over £5,000 a year.",
            [(5000, "threshold", True, "over")],
        ),
        # cues come from the amount's own clause
        (
            "Reserves are now £6m, and we hope to raise £10m before the election.",
            [(6_000_000, "other", False, "exact"), (10_000_000, "donations", True, "exact")],
        ),
        (
            "The party expects a surplus of £900,000 after the spring appeal raised £2m.",
            [(900_000, "other", False, "exact"), (2_000_000, "donations", True, "exact")],
        ),
        (
            "We are forecasting a deficit of £3m for next year.",
            [(3_000_000, "other", False, "exact")],
        ),
        # a cap word applies to its own amount only
        (
            "Candidates must stay under a spending cap of £40,000, and the £550,000 raised by "
            "the appeal came from 20,000 donors.",
            [(40_000, "threshold", False, "exact"), (550_000, "donations", True, "exact")],
        ),
        # a specific cue beats the total-income rule
        (
            "Income from affiliation fees was £9.4m last year.",
            [(9_400_000, "membership_income", False, "exact")],
        ),
        (
            "Commercial income at conference totalled £1.9m.",
            [(1_900_000, "conference_income", False, "exact")],
        ),
        ("Total income was £48m in 2024.", [(48_000_000, "other", False, "exact")]),
        # fees registered supporters pay, and membership rates
        (
            "Registered supporters will be charged £15 to vote in the deputy leadership contest.",
            [(15, "membership_income", False, "exact")],
        ),
        (
            "Subscriptions are healthy, and the reduced rate will stay at £2.50 a month.",
            [(2.5, "membership_income", False, "exact")],
        ),
        # money a fund gives to local parties is a grant; "up to" says under
        (
            "The by-election fund will award £2,000 to each of the 30 CLPs in the region.",
            [(2000, "grants", False, "exact")],
        ),
        (
            "A new digital fund will offer up to £50,000 to branches that lost fundraising income.",
            [(50_000, "grants", False, "under")],
        ),
        (
            "Each CLP in the region will receive £1,200 from the target seats fund.",
            [(1200, "grants", False, "exact")],
        ),
        # union money that comes to the party is donated
        (
            "Affiliated unions gave £3.1m, and affiliation fees brought in £6.8m.",
            [
                (3_100_000, "donations", True, "exact"),
                (6_800_000, "membership_income", False, "exact"),
            ],
        ),
        (
            "Another £800,000 has come from affiliated unions.",
            [(800_000, "donations", True, "exact")],
        ),
        # a payment to staff is spending
        (
            "Organisers will get a one-off payment of £750 each.",
            [(750, "spending", False, "exact")],
        ),
        (
            "Staff were given a bonus of £400 after the general election.",
            [(400, "spending", False, "exact")],
        ),
    ],
)
def test_money_category_families_seen_held_out(text: str, expected: list[tuple]) -> None:
    assert rows(text) == expected


def test_up_to_at_the_top_of_a_range_stays_exact() -> None:
    text = "The cap runs from £2,000 in small CLPs up to £4,000 in the largest."
    assert [r[3] for r in rows(text)] == ["exact", "exact"]


# Families: policy figures by their scale, membership rates named before or after the
# amount, money local parties get per member, coordinated amounts of one kind, and a
# change "from £X to £Y" read as one kind of money; sentences of our own.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We promised £12 billion invested in new railways.", [(12e9, "other")]),
        ("Our plans include £2.5bn for the regions.", [(2.5e9, "other")]),
        ("There will be a student rate of £5 a year.", [(5, "membership_income")]),
        ("The £2 rate for young members stays.", [(2, "membership_income")]),
        ("Supporters will pay £15 to be able to vote in the contest.", [(15, "membership_income")]),
        ("Constituencies now get only £1.20 per member each year.", [(1.2, "grants")]),
        (
            "More money is returned to constituencies, up from £1.40 to £2.10 per member.",
            [(1.4, "grants"), (2.1, "grants")],
        ),
        (
            "A new rate of £2 a year for students, and £10 a year for the unwaged.",
            [(2, "membership_income"), (10, "membership_income")],
        ),
        (
            "The fee went up from £1.63p to £2.50p.",
            [(1.63, "membership_income"), (2.5, "membership_income")],
        ),
    ],
)
def test_category_families(text, expected):
    assert [(r[0], r[1]) for r in rows(text)] == expected
