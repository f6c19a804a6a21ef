"""The one clause splitter (facts.clauses): each named set of breaks."""

from __future__ import annotations

import pytest

from nec_reports.facts import clauses


@pytest.mark.parametrize(
    ("kind", "text", "want"),
    [
        ("phrase", "Membership is 415,000, of which ", " of which "),
        ("phrase", "down from 339,000 in November and ", ""),
        ("phrase", "the party compared with ", ""),
        (
            "subject",
            "Reserves stand at £9m, and the target is to raise ",
            " the target is to raise ",
        ),
        ("subject", "a surplus of £1.2m after the contest brought in ", " the contest brought in "),
        ("phrase", "no break here ", "no break here "),
    ],
)
def test_before(kind, text, want):
    assert clauses.before(text, kind) == want


@pytest.mark.parametrize(
    ("kind", "text", "want"),
    [
        ("phrase_after", " in January 2020, when the NEC met", " in January 2020"),
        ("subordinate", ", after an attempt to refer it back failed", ", "),
        ("recount", " tie but then on a recount", " tie "),
        (
            "motion",
            "to ask the committee to draft a code, which it did",
            "to ask the committee to draft a code",
        ),
    ],
)
def test_after(kind, text, want):
    assert clauses.after(text, kind) == want


def test_every_extractor_uses_the_one_splitter():
    import inspect

    from nec_reports.facts import common, membership, money, votes

    for mod in (common, membership, money, votes):
        src = inspect.getsource(mod)
        assert "clauses." in src or "from .clauses import" in src, mod.__name__
