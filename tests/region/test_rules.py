import datetime
from decimal import Decimal

from region import rules


def test_a_count_from_two_municipalities_is_hidden():
    figure = rules.count_figure([1, 1, 2, 2, 2])
    assert figure.contributors == 2
    assert not figure.shown
    assert figure.count is None


def test_a_count_from_three_municipalities_is_shown():
    figure = rules.count_figure([1, 2, 3, 3])
    assert figure.shown
    assert figure.count == 4


def test_an_average_from_two_municipalities_is_hidden():
    figure = rules.average_figure([(1, 100), (2, 200), (2, 300)])
    assert not figure.shown
    assert figure.average is None


def test_an_average_from_three_municipalities_is_shown():
    figure = rules.average_figure([(1, 100), (2, 200), (3, 301)])
    assert figure.shown
    assert figure.average == Decimal("200.3")


def test_no_rows_is_hidden():
    assert not rules.count_figure([]).shown
    assert not rules.average_figure([]).shown


def test_the_minimum_is_three():
    assert not rules.figure_shown(contributors=2)
    assert rules.figure_shown(contributors=3)


def test_a_point_is_met_at_the_full_score():
    assert rules.point_met(Decimal("100"))
    assert not rules.point_met(Decimal("99.9"))
    assert not rules.point_met(None)


def test_the_phase_plan_runs_one_phase_after_the_other():
    start = datetime.date(2026, 1, 1)
    dates = rules.planned_dates(
        [{"phase": "a", "days": 10}, {"phase": "b", "days": 0}], start=start
    )
    assert dates == {
        "a": (start, datetime.date(2026, 1, 10)),
        "b": (datetime.date(2026, 1, 11), datetime.date(2026, 1, 11)),
    }
