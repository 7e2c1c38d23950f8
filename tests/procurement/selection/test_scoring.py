"""The scoring rules on hand-made cases whose results are worked out by hand."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import translation

from procurement.selection.scoring import (
    HIGHER,
    LOWER,
    NOTE_ALL_EQUAL,
    NOTE_MISSING,
    CandidateInput,
    CriterionSpec,
    ScoringError,
    normalise,
    rank,
    raw_days_to_award,
    raw_strategies,
    raw_visibility,
    raw_willingness,
)


@pytest.fixture(autouse=True)
def english():
    """The messages are matched in English; the Dutch ones are checked on the pages."""
    with translation.override("en"):
        yield


def spec(key, weight, direction=HIGHER, hand=False):
    return CriterionSpec(key=key, name=key, weight=D(weight), direction=direction, hand=hand)


def cand(key, **raw):
    return CandidateInput(key=key, reference=key, raw=raw)


def test_it_normalises_min_max_with_higher_is_better():
    result = normalise({"a": 10, "b": 20, "c": 15}, direction=HIGHER)
    assert [result[k][0] for k in "abc"] == [D(0), D(100), D(50)]


def test_it_normalises_min_max_with_smaller_is_better():
    result = normalise({"a": 10, "b": 20, "c": 12}, direction=LOWER)
    assert [result[k][0] for k in "abc"] == [D(100), D(0), D(80)]


def test_it_gives_everyone_100_when_all_values_are_equal():
    result = normalise({"a": 7, "b": 7}, direction=LOWER)
    assert result == {"a": (D(100), NOTE_ALL_EQUAL), "b": (D(100), NOTE_ALL_EQUAL)}


def test_it_gives_a_single_candidate_100_on_a_derived_criterion():
    ranked = rank([spec("value", 1, LOWER)], [cand("only", value=50000)])
    assert ranked[0].total == D("100.00")
    assert ranked[0].lines[0].note == NOTE_ALL_EQUAL


def test_it_scores_a_missing_value_zero_with_a_note():
    result = normalise({"a": None, "b": 10, "c": 30}, direction=HIGHER)
    assert result["a"] == (D(0), NOTE_MISSING)
    assert result["c"][0] == D(100)


def test_it_scores_a_missing_hand_score_zero_with_a_note():
    ranked = rank([spec("hand", 1, hand=True)], [cand("a", hand=None), cand("b", hand=4)])
    by_key = {r.key: r for r in ranked}
    assert by_key["a"].lines[0].note == NOTE_MISSING
    assert by_key["a"].total == D("0.00")
    assert by_key["b"].total == D("80.00")


def test_it_computes_the_weighted_mean_of_the_normalised_scores():
    # value (smaller better, weight 3): a=100, b=0. hand (weight 1): a=2/5 -> 40, b=5/5 -> 100.
    # a = (100*3 + 40*1) / 4 = 85; b = (0*3 + 100*1) / 4 = 25.
    criteria = [spec("value", 3, LOWER), spec("hand", 1, hand=True)]
    ranked = rank(criteria, [cand("a", value=10, hand=2), cand("b", value=90, hand=5)])
    assert [(r.key, r.total) for r in ranked] == [("a", D("85.00")), ("b", D("25.00"))]
    contributions = [line.contribution for line in ranked[0].lines]
    assert contributions == [D("75.00"), D("10.00")]
    assert sum(contributions) == ranked[0].total


def test_a_zero_weight_criterion_does_not_count():
    criteria = [spec("value", 0, LOWER), spec("hand", 2, hand=True)]
    ranked = rank(criteria, [cand("a", value=10, hand=1), cand("b", value=90, hand=3)])
    assert [r.key for r in ranked] == ["b", "a"]
    assert ranked[0].total == D("60.00")


def test_it_refuses_zero_weights():
    with pytest.raises(ScoringError, match="zero"):
        rank([spec("value", 0), spec("hand", 0, hand=True)], [cand("a", value=1, hand=1)])


def test_it_refuses_a_negative_weight():
    with pytest.raises(ScoringError):
        rank([spec("value", -1), spec("hand", 2, hand=True)], [cand("a", value=1, hand=1)])


def test_it_breaks_ties_by_reference_ascending():
    ranked = rank(
        [spec("hand", 1, hand=True)],
        [cand("2026-0009", hand=3), cand("2026-0002", hand=3), cand("2026-0005", hand=4)],
    )
    assert [r.reference for r in ranked] == ["2026-0005", "2026-0002", "2026-0009"]
    assert [r.position for r in ranked] == [1, 2, 3]


def test_an_override_replaces_the_total_and_keeps_the_computed_one():
    candidates = [
        CandidateInput(key="a", reference="a", raw={"hand": 1}, override=D("95")),
        cand("b", hand=4),
    ]
    ranked = rank([spec("hand", 1, hand=True)], candidates)
    assert ranked[0].key == "a"
    assert ranked[0].overridden
    assert ranked[0].total == D("95")
    assert ranked[0].computed_total == D("20.00")


def test_the_raw_values_of_the_derived_criteria():
    today = datetime.date(2026, 3, 1)
    assert raw_days_to_award(datetime.date(2026, 3, 31), today=today) == D(30)
    assert raw_days_to_award(None, today=today) is None
    assert raw_visibility("high") > raw_visibility("medium") > raw_visibility("low")
    assert raw_willingness("yes") > raw_willingness("maybe") > raw_willingness("no")
    # R0 counts 10, R9 counts 1: more strategies and higher rungs both count.
    assert raw_strategies([0, 9]) == D(11)
    assert raw_strategies([2]) > raw_strategies([8])
    assert raw_strategies([2, 8]) > raw_strategies([2])
    assert raw_strategies([]) == D(0)
