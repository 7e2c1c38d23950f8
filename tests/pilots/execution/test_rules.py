"""The pure rules of execution, on hand-made cases (no database)."""

import datetime

import pytest
from django.utils import translation

from pilots.execution import rules

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


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
    assert result.slower_by == 10
    assert result.faster_by == 0
    assert result.over_reference


def test_a_lead_time_within_the_reference_is_not_over_it():
    result = rules.lead_time(tender(dialogue_start=1, award_end=61), reference_days=90, today=TODAY)
    assert result.days == 60
    assert result.faster_by == 30
    assert not result.over_reference


def test_without_an_actual_start_the_lead_time_has_not_begun():
    result = rules.lead_time(tender(), reference_days=90, today=TODAY)
    assert result.days is None
    assert result.elapsed_days is None
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
    assert result.days is None
    assert result.planned_days is None
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
