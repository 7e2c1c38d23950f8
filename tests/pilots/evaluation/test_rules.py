"""The pure rules of evaluation, on hand-made cases (no database)."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from pilots.evaluation import rules


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def score(baseline, target, value, direction=rules.HIGHER):
    return rules.point_score(
        baseline=D(baseline),
        target=D(target),
        direction=direction,
        value=None if value is None else D(value),
    )


# --- Point score -----------------------------------------------------------------------------


def test_it_scores_the_share_of_the_way_from_baseline_to_target():
    result = score("0", "30", "24")
    assert result.score == D("80.0")
    assert "80.0 % of the way" in result.explanation
    assert not result.capped


def test_it_scores_a_lower_is_better_point_towards_a_lower_target():
    result = score("15", "5", "6", direction=rules.LOWER)
    assert result.score == D("90.0")


def test_it_caps_an_overshoot_at_100():
    result = score("0", "30", "45")
    assert result.score == D("100.0")
    assert result.capped
    assert "capped at 100" in result.explanation


def test_it_caps_an_overshoot_of_a_lower_is_better_point_at_100():
    assert score("120000", "90000", "80000", direction=rules.LOWER).score == D("100.0")


def test_it_counts_a_value_worse_than_the_baseline_as_zero():
    result = score("45", "0", "68", direction=rules.LOWER)
    assert result.score == D("0.0")
    assert result.capped
    assert "worse than the baseline" in result.explanation


def test_it_scores_the_baseline_itself_as_zero_and_the_target_as_100():
    assert score("10", "25", "10").score == D("0.0")
    assert score("10", "25", "25").score == D("100.0")


def test_it_states_a_missing_measurement_instead_of_scoring_it():
    result = score("0", "30", None)
    assert result.score is None
    assert result.explanation == "No measurement yet."


def test_it_refuses_a_target_equal_to_the_baseline_clearly():
    with pytest.raises(rules.RuleError, match="target equals the baseline"):
        score("10", "10", "12")


@pytest.mark.parametrize(
    ("baseline", "target", "direction", "words"),
    [("10", "5", rules.HIGHER, "above the baseline"), ("5", "10", rules.LOWER, "below")],
)
def test_it_refuses_a_target_on_the_wrong_side_for_the_direction(
    baseline, target, direction, words
):
    with pytest.raises(rules.RuleError, match=words):
        score(baseline, target, "7", direction=direction)


def test_it_rounds_the_score_to_one_decimal():
    assert score("0", "3", "1").score == D("33.3")


# --- Pilot score ---------------------------------------------------------------------------


def test_it_weighs_the_points_in_the_pilot_score():
    result = rules.pilot_score(
        [rules.WeightedScore(D("100"), 3, "a"), rules.WeightedScore(D("50"), 1, "b")]
    )
    assert result.score == D("87.5")
    assert result.complete
    assert result.missing == []


def test_it_leaves_unmeasured_points_out_of_the_pilot_score_and_names_them():
    result = rules.pilot_score(
        [rules.WeightedScore(D("80"), 2, "reuse"), rules.WeightedScore(None, 5, "local")]
    )
    assert result.score == D("80.0")
    assert (result.measured, result.total) == (1, 2)
    assert (result.measured_weight, result.total_weight) == (2, 7)
    assert result.missing == ["local"]
    assert "1 of 2 points" in result.explanation
    assert not result.complete


def test_it_gives_no_pilot_score_without_any_measurement():
    result = rules.pilot_score([rules.WeightedScore(None, 1, "a")])
    assert result.score is None
    assert result.explanation == "No point has been measured yet."


def test_it_gives_no_pilot_score_without_points():
    assert rules.pilot_score([]).score is None
