"""Vote splits and unanimous decisions: each phrasing family, sides following the
question put, and the number pairs that are not votes."""

from __future__ import annotations

import pytest

from nec_reports.facts import votes


def splits(text: str) -> list[tuple]:
    return [
        (
            h.fields["votes_for"],
            h.fields["votes_against"],
            h.fields["abstentions"],
            h.fields["outcome"],
            h.fields["unanimous"],
        )
        for h in votes.find(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "by N votes to M": sides follow the verb
        ("The rule change was carried by 24 votes to 9.", [(24, 9, None, "carried", False)]),
        ("The amendment was lost by 11 votes to 20.", [(11, 20, None, "rejected", False)]),
        ("The motion was rejected by 18 votes to 13.", [(13, 18, None, "rejected", False)]),
        (
            "My proposal fell by 14 votes to 19 with 2 abstentions.",
            [(14, 19, 2, "rejected", False)],
        ),
        (
            "It was agreed by 20 votes to 12, with three abstentions.",
            [(20, 12, 3, "carried", False)],
        ),
        (
            "The NEC agreed by eighteen votes to thirteen to proceed.",
            [(18, 13, None, "carried", False)],
        ),
        (
            "The motion was defeated by twenty-one votes to nine.",
            [(9, 21, None, "rejected", False)],
        ),
        # explicit sides
        ("The report was accepted, with 22 for and 9 against.", [(22, 9, None, "carried", False)]),
        (
            "The vote was 12 in favour, 19 against and 1 abstention.",
            [(12, 19, 1, "rejected", False)],
        ),
        (
            "Rule changes passed with 23 For, 6 Against, 2 Abstentions.",
            [(23, 6, 2, "carried", False)],
        ),
        (
            "The amendment received 10 votes for and 21 votes against.",
            [(10, 21, None, "rejected", False)],
        ),
        # written splits after a vote word
        (
            "The vote went 19 to 14 in favour of the officers' recommendation.",
            [(19, 14, None, "carried", False)],
        ),
        ("We lost the vote 21-12.", [(12, 21, None, "rejected", False)]),
        ("The motion was carried 22–12 with 2 abstentions.", [(22, 12, 2, "carried", False)]),
        ("The first vote was a 16-16 tie.", [(16, 16, None, None, False)]),
        (
            "Anna Smith was elected as chair, with 18 votes to 11 for John Brown.",
            [(18, 11, None, "carried", False)],
        ),
        # to nil: a split that is also unanimous
        ("The NEC voted by 30 votes to nil to publish.", [(30, 0, None, "carried", True)]),
        # unanimous without numbers
        ("The new code of conduct was agreed unanimously.", [(None, None, None, "carried", True)]),
        ("The statement was passed nem con.", [(None, None, None, "carried", True)]),
        ("The report was adopted without dissent.", [(None, None, None, "carried", True)]),
        ("There was a unanimous vote to refer it back.", [(None, None, None, "carried", True)]),
    ],
)
def test_vote_phrasings(text: str, expected: list[tuple]) -> None:
    assert splits(text) == expected


def test_percent_card_vote_with_the_other_side_in_the_next_sentence() -> None:
    text = (
        "The rule change was approved by conference with 62% in favour. "
        "The 38% who voted against were mostly CLPs."
    )
    (hit,) = votes.find(text)
    f = hit.fields
    assert (f["votes_for"], f["votes_against"], f["unit"], f["conference"]) == (
        62.0,
        38.0,
        "percent",
        True,
    )


def test_percent_vote_with_only_one_side_is_not_a_row() -> None:
    assert splits("The rule change was carried with 62% in favour.") == []


def test_tie_then_recount_are_two_rows() -> None:
    text = "The amendment ended in a 17-17 tie but was then defeated 18-16 on a recount."
    assert splits(text) == [(17, 17, None, None, False), (16, 18, None, "rejected", False)]


@pytest.mark.parametrize(
    "text",
    [
        "The final stage NPF meeting will be held from 21-23 July.",
        "Leave won 58-63% of the vote in these areas.",
        "The polls show a 35%-30% lead over the Tories.",
        "The process will take 9-10 weeks.",
        "Living standards won't rise for 5-6 years.",
        "Increasing the TULO representation from 8 to 11 was agreed.",
        "The NEC expanded from 33 members to 35 in 2016.",
        "The review covered the 2015-2019 period.",
        "Voters were asked to rate us on a scale of 1-10.",
        "The meeting overran by 5-10 minutes.",
        "The working group could not reach unanimous decisions on every point.",
        "The NEC was not unanimous on this.",
        "Approximately 70,000 votes were cast out of 380,000 ballots issued.",
        "The NEC agreed the paper after a long debate.",
    ],
)
def test_not_votes(text: str) -> None:
    assert splits(text) == []


def test_motion_comes_from_the_previous_sentence_for_bare_results() -> None:
    text = "Capping each CLP delegation at six delegates. Passed by 16 votes to 11."
    (hit,) = votes.find(text)
    assert hit.fields["motion"] == "Capping each CLP delegation at six delegates"
    assert text[hit.start : hit.end] == "16 votes to 11"


def test_implausible_totals_are_flagged_not_dropped() -> None:
    assert votes.flag({"votes_for": 40, "votes_against": 13, "unit": "votes"}, "nec") == (
        "implausible_total"
    )
    assert votes.flag({"votes_for": 22, "votes_against": 12, "unit": "votes"}, "nec") is None
    assert (
        votes.flag({"votes_for": 400, "votes_against": 130, "unit": "votes"}, "conference") is None
    )
    assert votes.flag(
        {"votes_for": 74.0, "votes_against": 36.0, "unit": "percent"}, "conference"
    ) == ("implausible_total")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote was 24 for, 10 against.", [(24, 10, None, "carried", False)]),
        (
            "After a long debate the motion fell, 15 votes to 20.",
            [(15, 20, None, "rejected", False)],
        ),
        (
            "Jess proposed referring it back; this was defeated 10-24.",
            [(10, 24, None, "rejected", False)],
        ),
        (
            "There were 3 abstentions and the motion was carried 20 votes to 12.",
            [(20, 12, 3, "carried", False)],
        ),
        (
            "The vote in the organisation committee was 11 to 7 in favour.",
            [(11, 7, None, "carried", False)],
        ),
        (
            "Conference rejected the proposal by 52% to 48%.",
            [(48.0, 52.0, None, "rejected", False)],
        ),
        (
            "The motion was approved by 97.3% of delegates, with 2.7% voting against.",
            [(97.3, 2.7, None, "carried", False)],
        ),
        ("Nobody voted against the proposal.", [(None, None, None, "carried", True)]),
        ("Both papers were agreed without a vote.", []),
        ("The statement was agreed by consensus.", []),
        ("The proposal was carried with only three votes against.", []),  # one side only
    ],
)
def test_more_vote_phrasings(text: str, expected: list[tuple]) -> None:
    assert splits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # written splits after verbs that give the result: fell, turned down, tied, noted
        ("Our amendment on the register fell 13-20.", [(13, 20, None, "rejected", False)]),
        (
            "The appeal from the regional board was turned down 4–19 after a short debate.",
            [(4, 19, None, "rejected", False)],
        ),
        ("The item was noted 21-9.", [(21, 9, None, "carried", False)]),
        # colon splits need a verb saying how the vote went
        ("The rule change was approved 26:7.", [(26, 7, None, "carried", False)]),
        ("The motion was defeated 12:19.", [(12, 19, None, "rejected", False)]),
        # a tie is its own row, decided by what follows it
        (
            "The vote on the timetable was tied 16-16 and the chair's casting vote carried it.",
            [(16, 16, None, "carried", False)],
        ),
        (
            "The first count on the shortlist amendment was tied at 14 each; on a recount "
            "it was carried by 15 votes to 14.",
            [(14, 14, None, None, False), (15, 14, None, "carried", False)],
        ),
        ("The committee was deadlocked at nine votes apiece.", [(9, 9, None, None, False)]),
        (
            "The vote was tied, 13 votes each, and the item was deferred.",
            [(13, 13, None, None, False)],
        ),
        ("The motion was thrown out 7-26.", [(7, 26, None, "rejected", False)]),
        # sides named with the people who voted
        (
            "I was one of 6 who voted against; 24 voted for.",
            [(24, 6, None, "carried", False)],
        ),
        (
            "Eighteen members voted in favour and fifteen against, so the motion was lost.",
            [(18, 15, None, "rejected", False)],
        ),
        (
            "Only 5 of us voted against, with 27 voting for.",
            [(27, 5, None, "carried", False)],
        ),
        (
            "In the end 11 of us voted for it and 20 voted against.",
            [(11, 20, None, "rejected", False)],
        ),
        # decimal card votes keep their decimals
        (
            "Conference backed the rule changes by 68.2% to 31.8%.",
            [(68.2, 31.8, None, "carried", False)],
        ),
        (
            "Conference carried the rule change by 55.5% to 44.5%.",
            [(55.5, 44.5, None, "carried", False)],
        ),
        # "none against" with abstentions is unanimous, as "N votes to nil" is
        (
            "The guidance was adopted with 30 in favour, none against and two abstentions.",
            [(30, 0, 2, "carried", True)],
        ),
    ],
)
def test_vote_phrasing_families_seen_held_out(text: str, expected: list[tuple]) -> None:
    assert splits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the outcome is not read from a subordinate clause after the split
        (
            "The general secretary's report was noted by 22 votes to 9, after a move to "
            "reject it failed.",
            [(22, 9, None, "carried", False)],
        ),
        (
            "The paper was agreed by 19 votes to 12, although an earlier amendment was lost.",
            [(19, 12, None, "carried", False)],
        ),
        (
            "The vote was 14 to 19, which means the proposal fell.",
            [(14, 19, None, "rejected", False)],
        ),
        # a "which" clause still speaks about the vote itself
        (
            "The vote went 21-12, which meant our amendment was lost.",
            [(12, 21, None, "rejected", False)],
        ),
    ],
)
def test_outcome_comes_from_the_splits_own_clause(text: str, expected: list[tuple]) -> None:
    assert splits(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The meeting finished by 14:30.",
        "We met at 10:15 and broke for lunch at 13:00.",
        "The session was tied to the 2-3 June conference dates.",
        "Members who give 10 hours each were thanked.",
    ],
)
def test_times_and_ties_that_are_not_votes(text: str) -> None:
    assert splits(text) == []


def motions(text: str) -> list[str]:
    return [h.fields["motion"] for h in votes.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of the sentence names what was voted on
        (
            "An amendment from Priya Shah to hold the women's conference in person was "
            "defeated by 19 votes to 12.",
            ["An amendment from Priya Shah to hold the women's conference in person"],
        ),
        (
            "The proposal to cap CLP delegations at four fell 10-22.",
            ["The proposal to cap CLP delegations at four"],
        ),
        (
            "The report of the review group and the response to it were agreed unanimously.",
            ["The report of the review group and the response to it"],
        ),
        # an opening "On the ..., " names it
        (
            "On the motion to restore the whip, I was one of 9 who voted for; 24 voted against.",
            ["the motion to restore the whip"],
        ),
        # a body deciding: what it decided follows the vote
        (
            "The NEC voted 20-13 to open nominations in March, which surprised some of us.",
            ["to open nominations in March"],
        ),
        (
            "The committee endorsed the revised timetable for selections by 9 votes to 3.",
            ["the revised timetable for selections"],
        ),
        (
            "The NEC unanimously agreed to send solidarity to the striking bus drivers.",
            ["to send solidarity to the striking bus drivers"],
        ),
        # a sentence that only gives the result: the sentence before
        (
            "Ken proposed moving the September meeting online. This was carried by 20 votes to 11.",
            ["Ken proposed moving the September meeting online"],
        ),
        (
            "A new appeals process for candidates was proposed. It was agreed nem con.",
            ["A new appeals process for candidates was proposed"],
        ),
        # two votes in one sentence: the second takes its own subject, or the first's
        (
            "The budget was approved by 22 votes to 10, while a proposal to freeze fees was "
            "rejected by 18 votes to 14.",
            ["The budget", "a proposal to freeze fees"],
        ),
        (
            "The amendment to scrap the longlist tied 15-15 but then was defeated 14-16 on a recount.",
            ["The amendment to scrap the longlist", "The amendment to scrap the longlist"],
        ),
        # a pointer after a clause: the clause before it
        (
            "Several of us wanted to defer the decision to July but that was lost by 11 votes to 21.",
            ["Several of us wanted to defer the decision to July"],
        ),
    ],
)
def test_motion_names_what_was_voted_on(text: str, expected: list[str]) -> None:
    assert motions(text) == expected


def test_motion_is_short_and_cut_at_a_word() -> None:
    subject = "A proposal to " + " ".join(["review the rules on selections"] * 12)
    (motion,) = motions(f"{subject} was defeated by 20 votes to 12.")
    assert len(motion) <= votes.MOTION_MAX
    assert subject.startswith(motion) and subject[len(motion)] == " "


# Splits from pairs of counts with their sides (votes._pair_splits), label lines
# (votes._label_splits) and outcome verbs with their objects: paraphrases of our own.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The motion was carried with 20 in support and 11 opposed.", (20, 11, None, "carried")),
        ("The NEC backed the proposal 20-11.", (20, 11, None, "carried")),
        ("The committee rejected the amendment 9-21.", (9, 21, None, "rejected")),
        ("The amendment secured 20 votes, with 11 against.", (20, 11, None, "carried")),
        ("The motion fell, with 11 in favour and 20 opposed.", (11, 20, None, "rejected")),
        ("Sam Lee was elected with 19 votes, against 16 for Jo Smith.", (19, 16, None, "carried")),
        (
            "In the end 21 NEC members voted in favour of the change and, after a long debate, "
            "12 voted against.",
            (21, 12, None, "carried"),
        ),
        ("Eighteen members voted to suspend the CLP and nine against.", (18, 9, None, "carried")),
        ("For: 20. Against: 11.", (20, 11, None, "carried")),
        ("In favour – 14. Against – 3. Abstentions – 2.", (14, 3, 2, "carried")),
        ("The chair was challenged.\nFor 12\nAgainst 20", (12, 20, None, "rejected")),
        ("We voted. For 12. Against 20.", (12, 20, None, "rejected")),
        ("The left lost a vote 15-17 by a show of hands.", (15, 17, None, "rejected")),
        ("With the left losing a vote 17-15 by a show of hands.", (17, 15, None, "carried")),
        ("In the Commons the government won by 316 to 221 votes.", (316, 221, None, "carried")),
    ],
)
def test_pair_and_label_families(text, expected):
    assert [s[:4] for s in splits(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose 2% – 4% in the vote year.",
        "Between 20 and 30 members voted.",
        "The NEC has 39 members, 20 of whom attended, and 11 sent apologies.",
        "For 2024 we expect 11 by-elections.",
    ],
)
def test_pair_families_leave_out(text):
    assert splits(text) == []


def test_pair_needles_cover_every_side_word():
    """The quick test before pairs are read holds a substring of every side word (a
    word added to the lexicon without one would never be read)."""
    from nec_reports.facts.lexicon import AGAINST_SIDE, FOR_SIDE

    missing = [
        w
        for w in (*FOR_SIDE, *AGAINST_SIDE)
        if w not in ("no", "voted no") and not any(n in w for n in votes._PAIR_NEEDLES)
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sixteen members supported the motion while 13 opposed it.", (16, 13, None, "carried")),
        (
            "The motion received the support of 25 members, with 8 voting against.",
            (25, 8, None, "carried"),
        ),
        ("The amendment failed, gaining only 10 votes against 23.", (10, 23, None, "rejected")),
        (
            "Twenty-two voted for the rule change and 11 against, with one abstaining.",
            (22, 11, 1, "carried"),
        ),
        ("In a close vote of 17-16 the NEC approved the timetable.", (17, 16, None, "carried")),
    ],
)
def test_press_paraphrases(text, expected):
    assert [s[:4] for s in splits(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Members voted by 14 to 9 against the proposal.", (9, 14, None, "rejected")),
        ("The committee voted 15 to 6 in favour of the change.", (15, 6, None, "carried")),
        ("The vote went against us 12–20.", (12, 20, None, "rejected")),
        ("The vote was close: 15 to 14.", (15, 14, None, "carried")),
    ],
)
def test_the_majority_side_and_colons(text, expected):
    assert [s[:4] for s in splits(text)] == [expected]
