"""Membership figures: each phrasing family with sentences written in the style of NEC
reports (not copied from the corpus), and the counts that must not become rows."""

from __future__ import annotations

import pytest

from nec_reports.facts import membership


def facts(text: str) -> list[tuple[int, str, str]]:
    return [
        (h.fields["value"], h.fields["measure"], h.fields["qualifier"])
        for h in membership.find(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the noun after the number
        (
            "The general secretary said Labour now has 552,000 members.",
            [(552000, "members", "exact")],
        ),
        (
            "We have just over 500,000 members, the highest since the 1970s.",
            [(500000, "members", "over")],
        ),
        ("The party has 612k members.", [(612000, "members", "exact")]),
        ("Labour has roughly half a million members.", [(500000, "members", "about")]),
        (
            "There are 371,020 fully paid-up members and 21,400 in arrears.",
            [(371020, "paid_up", "exact"), (21400, "arrears", "exact")],
        ),
        ("Some 40,000 members are in arrears.", [(40000, "arrears", "about")]),
        (
            "Individual membership stood at 496,000, of whom 31,000 were in arrears.",
            [(496000, "members", "exact"), (31000, "arrears", "exact")],
        ),
        # the phrase before the number
        ("Membership has now reached 560,000.", [(560000, "members", "exact")]),
        ("Current membership stands at 401,500.", [(401500, "members", "exact")]),
        ("The membership figure is 390,000 as of 1 June.", [(390000, "members", "exact")]),
        ("Total party membership: 407,000.", [(407000, "members", "exact")]),
        # joiners
        (
            "Since the general election 25,000 new members have joined.",
            [(25000, "joined", "exact")],
        ),
        (
            "More than 150,000 people joined after the leadership election.",
            [(150000, "joined", "over")],
        ),
        (
            "The party recruited 12,500 new members in the first quarter.",
            [(12500, "joined", "exact")],
        ),
        ("There were 9,000 new joiners in March alone.", [(9000, "joined", "exact")]),
        # leavers and net falls
        ("Around 35,000 members have left since the conference.", [(35000, "left", "about")]),
        ("Membership has fallen by 60,000 over the year.", [(60000, "left", "exact")]),
        ("We lost nearly 50,000 members in twelve months.", [(50000, "left", "under")]),
        ("That is a net loss of 18,000 members.", [(18000, "left", "exact")]),
        # eligible, other
        (
            "Some 480,000 members are eligible to vote in the leadership ballot.",
            [(480000, "eligible", "about")],
        ),
        (
            "Ballot papers were sent to an electorate of 552,000 members.",
            [(552000, "eligible", "exact")],
        ),
        ("There are also 120,000 registered supporters.", [(120000, "other", "exact")]),
        ("Over 1,200 members remain suspended pending investigation.", [(1200, "other", "over")]),
        ("Only 12 people had been expelled by the end of the month.", [(12, "other", "exact")]),
        # continuations inside a membership sentence
        (
            "Membership is 450,000, down from a peak of 580,000 in January 2020.",
            [(450000, "members", "exact"), (580000, "members", "exact")],
        ),
        (
            "Arrears stand at 30,000 members in arrears, down from 41,000.",
            [(30000, "arrears", "exact"), (41000, "arrears", "exact")],
        ),
        (
            "Of those, 20,000 joined this year and 8,000 of them since January.",
            [(20000, "joined", "exact"), (8000, "joined", "exact")],
        ),
    ],
)
def test_membership_phrasings(text: str, expected: list[tuple[int, str, str]]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # percentages, years and dates
        "19% of members joined since the start of 2020.",
        "Membership peaked in 2017 and has fallen every year since 2019.",
        "The membership report was presented on 24 May 2022.",
        # people who are not party members, or members counted for another reason
        "970 CLP delegates are registered, representing 503 CLPs.",
        "Over 5,000 party members attended conference in other capacities.",
        "A pilot project contacted 4,000 members by telephone.",
        "A pilot telephone fundraising project, making direct contact with 4,000 members, began.",
        "There are now 640 members in the Rose Network.",
        "10 members of the NEC voted to support the CLPs.",
        "I joined with 10 or 11 members in voting against.",
        "The NEC expanded from 33 members to 35 in 2016.",
        "The panel will have three members of the relevant CLP.",
        "Our 7,000 Labour councillors are leading the fight-back.",
        "9,000 volunteers and 300,000 leaflets were delivered.",
        "Some 70,000 votes were cast in the NEC ballot.",
        "This is 8,000 above the projected level for this point in the cycle.",
        "Of the 20 candidates selected so far, 9 were women.",
        "Call me on 07956-637958 with any membership queries.",
        "Around 1,100 submissions were received from members.",
    ],
)
def test_not_membership(text: str) -> None:
    assert facts(text) == []


def test_offsets_point_at_the_number() -> None:
    text = "Overall membership is now approximately 420,000."
    (hit,) = membership.find(text)
    assert text[hit.start : hit.end] == "420,000"
    assert hit.sentence.text == text


def test_as_of_for_stocks_but_not_for_flows() -> None:
    text = (
        "Membership is down to 430,000 from a peak of 550,000 in January 2020. "
        "We recruited 15,000 new members in 2022."
    )
    hits = membership.find(text)
    assert [h.fields.get("as_of") for h in hits] == [None, "2020-01", None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Membership stands at 552,000, up from 388,000 in May 2015.",
            [(552000, "members", "exact"), (388000, "members", "exact")],
        ),
        ("Individual members now number 564,443.", [(564443, "members", "exact")]),
        (
            "Labour's membership has passed half a million for the first time since the 1950s.",
            [(500000, "members", "over")],
        ),
        (
            "The electorate for the leadership contest is 552,691 members.",
            [(552691, "eligible", "exact")],
        ),
        ("Roughly 75,000 members have let their membership lapse.", [(75000, "left", "about")]),
        (
            "The disputes panel considered 43 cases and suspended 12 members.",
            [(12, "other", "exact")],
        ),
        (
            "Labour has 500,000 members, while the Conservatives have fewer than 200,000.",
            [(500000, "members", "exact")],
        ),
    ],
)
def test_more_membership_phrasings(text: str, expected: list[tuple[int, str, str]]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Unite has 1.2 million members and is our largest affiliate.",
        "Momentum now claims 40,000 members.",
        "The Conservative party has around 170,000 members.",
        "Around 300 CLPs have fewer than 1,000 members.",
        "Over 3,000 members signed the open letter to the general secretary.",
        "More than 2,000 members joined the Zoom call with Keir.",
        "More than 250,000 people voted in the leadership election, a turnout of 77%.",
        "1,200 members attended the regional conference.",
        "The NEC has 39 members, including 9 CLP representatives.",
    ],
)
def test_other_organisations_and_activities_are_not_membership(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # arrears worded as being behind with payments
        (
            "Membership is 402,000, though about 27,500 are behind with their subs.",
            [(402000, "members", "exact"), (27500, "arrears", "about")],
        ),
        ("Some 18,000 members are now behind on their payments.", [(18000, "arrears", "about")]),
        (
            "Some 21,000 members are more than three months behind with their subscriptions.",
            [(21000, "arrears", "about")],
        ),
        (
            "Membership is 470,000, of whom 26,000 are behind on their direct debits.",
            [(470000, "members", "exact"), (26000, "arrears", "exact")],
        ),
        (
            "Of the 455,000 members, 33,000 were late with membership subscriptions.",
            [(455000, "members", "exact"), (33000, "arrears", "exact")],
        ),
        # paid up said of a bare number in a membership sentence
        (
            "Membership stands at 612k, with 580k fully paid up.",
            [(612000, "members", "exact"), (580000, "paid_up", "exact")],
        ),
        (
            "We have 512k members, 488k of them paid up.",
            [(512000, "members", "exact"), (488000, "paid_up", "exact")],
        ),
        (
            "We have 430,000 members, of whom 401,000 are in good standing.",
            [(430000, "members", "exact"), (401000, "paid_up", "exact")],
        ),
        # registered and affiliated supporters, the noun before or coordinated
        (
            "Affiliated supporters now total around 61,000.",
            [(61000, "other", "about")],
        ),
        (
            "The number is 390,000 members plus 98,000 affiliated and registered supporters.",
            [(390000, "members", "exact"), (98000, "other", "exact")],
        ),
        (
            "Registered supporters were charged £12 this time and 9,300 registered by the deadline.",
            [(9300, "other", "exact")],
        ),
        # "passed" a figure says more than it
        ("Membership has now topped 525,000.", [(525000, "members", "over")]),
        # a net rise after a membership figure is read as joiners (net falls are leavers)
        (
            "Membership is 489,000, up 7,500 since the spring conference.",
            [(489000, "members", "exact"), (7500, "joined", "exact")],
        ),
    ],
)
def test_membership_phrasing_families_seen_held_out(
    text: str, expected: list[tuple[int, str, str]]
) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a named scheme or society before the count: its members are not party members
        "The Red Rose Club now has 830 members.",
        "The Fabian Society has around 7,000 members.",
        "The 500 Club currently has 2,150 members and is growing.",
        # paid up in a sentence that is not about membership, and "up" without a prior figure
        "The contractor was paid up front for 2,000 leaflets.",
        "Turnout was up 4,000 on last year.",
        # supporters' sentences: counts that are not of supporters signing up
        "Registered supporters will pay £25, and 40 staff signed up to run the phone lines.",
    ],
)
def test_not_membership_seen_held_out(text: str) -> None:
    assert facts(text) == []


# Families the scored decision reads (facts.membership.FEATURES), each with sentences of
# our own: a part of the membership named before or after the count, states written after
# "people" or an apposition, coordinated figures, net falls written after the count, and
# figures a report does not state as fact.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # states after people / an apposition / having
        ("Around 28,000 people are in arrears.", [(28000, "arrears", "about")]),
        (
            "Membership was 401,200, of whom a small share, 12,450, were in arrears.",
            [(401200, "members", "exact"), (12450, "arrears", "exact")],
        ),
        (
            "Numbers are steady at 390,000 paying members, with 25,000 having fallen behind.",
            [(390000, "paid_up", "exact"), (25000, "arrears", "exact")],
        ),
        (
            "The total stood at 455,000 paying members, with another 31,000 up to 6 months in arrears.",
            [(455000, "paid_up", "exact"), (31000, "arrears", "exact")],
        ),
        # a part of the membership named before the count
        (
            "The number of members who are up to date with their payments is now about 441,000.",
            [(441000, "paid_up", "about")],
        ),
        (
            "Our paid-up members currently number around 322,000.",
            [(322000, "paid_up", "about")],
        ),
        ("Youth membership has dropped to 24,000.", [(24000, "other", "exact")]),
        # the membership as a whole, with links the old phrases lacked
        ("Party membership continues to be over 480,000.", [(480000, "members", "over")]),
        (
            "Accounts showed membership of the party had dropped below 410,000.",
            [(410000, "members", "under")],
        ),
        # coordinated figures: one row each
        (
            "Membership is down to 351,000, down from 358,000 in March and 362,000 in January.",
            [
                (351000, "members", "exact"),
                (358000, "members", "exact"),
                (362000, "members", "exact"),
            ],
        ),
        (
            "Youth membership is 21,000, having been at over 60,000 four years ago.",
            [(21000, "other", "exact"), (60000, "other", "over")],
        ),
        # parts of the membership named by their own noun
        (
            "The ballot went to 455,900 eligible members casting 150,200 votes.",
            [(455900, "eligible", "exact")],
        ),
        ("He said the four million levy-payers were the key.", [(4000000, "other", "exact")]),
        ("There have been 40-odd suspensions since May.", [(40, "other", "about")]),
    ],
)
def test_scored_families(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # coordinated counts of something else after a membership figure
        "Of 802,000 ballots issued, 210,400 were cast, 120,300 for Ann and 90,100 for Bob.",
        # aims and hypotheses are not figures stated as fact
        "The plan is to build a mass party of up to 900,000 members.",
        "If membership fell below 300,000 the party would be in trouble.",
        # a sentence-initial common word that is also a faction's name
        "Progress with the 250 appeals has been slow.",
    ],
)
def test_scored_families_leave_out(text):
    assert [f for f in facts(text) if f[0] not in (802000,)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There are now 30,000 fewer members than in May.", [(30000, "left", "exact")]),
        ("Membership is down 20,000 on last year.", [(20000, "left", "exact")]),
        ("Some 25,000 members have not paid their subs.", [(25000, "arrears", "about")]),
        ("The membership figure was given as 388,000.", [(388000, "members", "exact")]),
        ("Membership has risen by 5,000 since the summer.", [(5000, "joined", "exact")]),
        ("The party's 500,000-strong membership is its strength.", [(500000, "members", "exact")]),
        ("Labour membership reached a record 552,000.", [(552000, "members", "exact")]),
        (
            "The ban could see at least 900 members automatically expelled.",
            [(900, "other", "over")],
        ),
        # a sentence pointing back to the figure before it
        (
            "Membership is 390,000. It fell from a peak of 546,443 at the end of 2017.",
            [(390000, "members", "exact"), (546443, "members", "exact")],
        ),
        (
            "Arrears stand at 31,000 members in arrears. This is down from 35,000.",
            [(31000, "arrears", "exact"), (35000, "arrears", "exact")],
        ),
    ],
)
def test_more_scored_families(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Membership is 390,000. Turnout was 25,000.",
        "Membership is 390,000. It was attended by 2,500 delegates.",
        "Membership is 390,000.\n\nThe conference hall seats 1,200.",
    ],
)
def test_topic_needs_a_pointer_back(text):
    assert facts(text) == [(390000, "members", "exact")]


def test_end_of_a_year_is_its_december():
    (hit,) = membership.find("Party membership was about 532,000 at the end of 2019.")
    assert hit.fields["as_of"] == "2019-12" and hit.fields["as_of_precision"] == "month"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Total membership 176,891, including 14,000 in arrears.",
            [(176891, "members", "exact"), (14000, "arrears", "exact")],
        ),
        (
            "There are 16,000 young members and 2,500 student members.",
            [(16000, "other", "exact"), (2500, "other", "exact")],
        ),
        ("New members since the leadership election total 45,000.", [(45000, "joined", "exact")]),
        ("The party has more than a quarter of a million members.", [(250000, "members", "over")]),
        ("Some 15,000 members have lapsed this year.", [(15000, "left", "about")]),
    ],
)
def test_labels_and_parts_named_before(text, expected):
    assert facts(text) == expected


def test_a_label_needs_the_noun_just_before_the_count():
    assert facts("Membership of the committee met 3 times; 1,200 letters went out.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The party has 400,000-plus members.", [(400000, "members", "over")]),
        ("Labour has c.400,000 members.", [(400000, "members", "about")]),
        (
            "Membership: 401,000 – 12,000 down on January.",
            [(401000, "members", "exact"), (12000, "left", "exact")],
        ),
        ("Party membership (as of April) – 420,000.", [(420000, "members", "exact")]),
    ],
)
def test_written_forms(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Membership now stands at a little over 400,000.", [(400000, "members", "over")]),
        ("Membership is slightly under 380,000.", [(380000, "members", "under")]),
        ("A total of 385,000 people are now members of the party.", [(385000, "members", "exact")]),
    ],
)
def test_softened_hedges_and_people_who_are_members(text, expected):
    assert facts(text) == expected
