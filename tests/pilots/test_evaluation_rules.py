"""The pure rules of execution and evaluation, on hand-made cases (no database)."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import translation

from pilots import evaluation_rules as rules

TODAY = datetime.date(2026, 6, 1)


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


# --- Phases --------------------------------------------------------------------------------


def phase(code="specifications", planned=(1, 31), actual=(None, None)):
    def date(day):
        return None if day is None else datetime.date(2026, 5, 1) + datetime.timedelta(day - 1)

    return rules.PhaseDates(
        code=code,
        planned_start=date(planned[0]),
        planned_end=date(planned[1]),
        actual_start=date(actual[0]),
        actual_end=date(actual[1]),
    )


def test_a_phase_that_ends_after_its_planned_end_is_late_by_the_difference():
    timing = rules.phase_timing(phase(actual=(1, 40)), today=TODAY)
    assert (timing.state, timing.delay_days, timing.is_late) == ("late", 9, True)


def test_a_phase_that_ends_on_its_planned_end_is_on_time():
    timing = rules.phase_timing(phase(actual=(3, 31)), today=TODAY)
    assert (timing.state, timing.is_late) == ("on_time", False)


def test_a_running_phase_past_its_planned_end_is_overdue():
    timing = rules.phase_timing(phase(actual=(1, None)), today=datetime.date(2026, 6, 5))
    assert (timing.state, timing.delay_days) == ("overdue", 5)


def test_a_phase_not_started_after_its_planned_start_is_overdue():
    timing = rules.phase_timing(phase(planned=(1, 60)), today=datetime.date(2026, 5, 11))
    assert (timing.state, timing.delay_days) == ("overdue", 10)


def test_a_future_phase_is_upcoming_and_a_started_one_in_time_is_running():
    assert rules.phase_timing(phase(), today=datetime.date(2026, 4, 1)).state == "upcoming"
    running = rules.phase_timing(phase(actual=(1, None)), today=datetime.date(2026, 5, 10))
    assert running.state == "running"


# --- Lead time -----------------------------------------------------------------------------


def tender(*, dialogue_start=None, award_end=None):
    return [
        phase("market-dialogue", (1, 30), (dialogue_start, 30 if dialogue_start else None)),
        phase("specifications", (31, 60)),
        phase("award", (61, 90), (None, award_end)),
        phase("execution", (91, 200)),
    ]


def test_the_lead_time_runs_from_the_start_of_preparation_to_the_award():
    result = rules.lead_time(
        tender(dialogue_start=1, award_end=101), reference_days=90, today=TODAY
    )
    assert (result.planned_days, result.days, result.reference_days) == (89, 100, 90)
    assert result.difference == 10
    assert result.slower_by == 10 and result.faster_by == 0
    assert result.over_reference


def test_a_lead_time_within_the_reference_is_not_over_it():
    result = rules.lead_time(tender(dialogue_start=1, award_end=61), reference_days=90, today=TODAY)
    assert result.days == 60
    assert result.faster_by == 30
    assert not result.over_reference


def test_without_an_actual_start_the_lead_time_has_not_begun():
    result = rules.lead_time(tender(), reference_days=90, today=TODAY)
    assert result.days is None and result.elapsed_days is None
    assert result.planned_days == 89
    assert "not started" in result.explanation
    assert not result.over_reference


def test_without_an_award_the_lead_time_counts_the_days_so_far():
    result = rules.lead_time(
        tender(dialogue_start=1), reference_days=20, today=datetime.date(2026, 5, 31)
    )
    assert result.days is None
    assert result.elapsed_days == 30
    assert result.difference is None
    assert result.over_reference
    assert "still running" in result.explanation


def test_without_a_reference_the_lead_time_is_not_compared():
    result = rules.lead_time(
        tender(dialogue_start=1, award_end=101), reference_days=None, today=TODAY
    )
    assert result.days == 100
    assert result.difference is None
    assert not result.over_reference
    assert "no reference lead time" in result.explanation


def test_without_an_award_phase_the_lead_time_is_explained_not_guessed():
    result = rules.lead_time([phase("market-dialogue")], reference_days=90, today=TODAY)
    assert result.days is None and result.planned_days is None
    assert "no award phase" in result.explanation


# --- Dossier status ------------------------------------------------------------------------


def test_a_started_publication_makes_the_dossier_published():
    phases = [phase("market-dialogue", actual=(1, 5)), phase("publication", actual=(6, None))]
    assert rules.dossier_status_after(phases, current="planned") == "published"


def test_an_ended_award_makes_the_dossier_awarded():
    phases = [phase("award", actual=(1, 5))]
    assert rules.dossier_status_after(phases, current="published") == "awarded"


def test_the_dossier_status_never_moves_backwards():
    phases = [phase("market-dialogue", actual=(1, None))]
    assert rules.dossier_status_after(phases, current="awarded") == "awarded"


def test_a_cancelled_dossier_stays_cancelled():
    phases = [phase("award", actual=(1, 5))]
    assert rules.dossier_status_after(phases, current="cancelled") == "cancelled"
