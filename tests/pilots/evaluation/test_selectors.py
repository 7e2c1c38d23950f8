"""The reads of evaluation that carry logic: the latest measurement of each point, a score
that cannot be computed, and the programme's roll-up (effective procedure, late phases,
average score, conclusions)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from pilots.evaluation import selectors, services
from pilots.models import EvaluationPoint, Measurement, Phase
from procurement.models import ProcedureType
from tests.factories import DossierFactory
from tests.pilots.evaluation_helpers import add_point, approve, approved_programme
from tests.pilots.factories import make_programme

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _measure(point, days_ago: int, value: str) -> Measurement:
    return Measurement.objects.create(
        point=point,
        measured_on=TODAY - datetime.timedelta(days=days_ago),
        value=Decimal(value),
        source=f"Meting {value}",
    )


def _approved_with_points(users):
    """An approved programme with one point per pilot, set while it was a draft."""
    programme = make_programme(user=users["officer"])
    pilots = list(programme.pilots.order_by("dossier__reference"))
    points = [add_point(pilot, users["officer"]) for pilot in pilots]
    approve(programme, users)
    return programme, pilots, points


def test_a_points_latest_measurement_is_the_last_measured_then_the_last_recorded(users):
    _, _, (point, _) = _approved_with_points(users)
    _measure(point, 1, "12")
    _measure(point, 5, "20")
    _measure(point, 1, "15")
    annotated = selectors.points_queryset().get(pk=point.pk)
    assert (annotated.latest_value, annotated.latest_source) == (Decimal("15"), "Meting 15")
    row = selectors.results_of([annotated]).rows[0]
    assert row.score == Decimal("50.0")


def test_a_point_changed_outside_the_app_is_shown_without_a_score(users):
    _, _, (point, _) = _approved_with_points(users)
    # The database forbids target = baseline; a wrong direction gets past it.
    EvaluationPoint.objects.filter(pk=point.pk).update(direction="lower")
    _measure(point, 1, "12")
    results = selectors.results_of(selectors.points_queryset().filter(pk=point.pk))
    assert results.rows[0].score is None
    assert "Lower is better" in results.rows[0].explanation
    assert results.score.score is None


def test_the_roll_up_compares_each_pilot_with_its_effective_procedure(users):
    chosen = ProcedureType.objects.get(code="openbare-procedure")
    suggested = ProcedureType.objects.get(code="niet-openbare-procedure")
    dossiers = [
        DossierFactory(procedure=chosen, suggested_procedure=suggested, reference="2026-0901"),
        DossierFactory(suggested_procedure=suggested, reference="2026-0902"),
        DossierFactory(reference="2026-0903"),
    ]
    programme = approved_programme(users, dossiers=dossiers)
    rollup = selectors.programme_evaluation(programme=programme)
    by_reference = {row.pilot.dossier.reference: row.lead_time for row in rollup.pilots}
    assert by_reference["2026-0901"].procedure == chosen
    assert by_reference["2026-0901"].lead_time.reference_days == 180
    assert by_reference["2026-0902"].procedure == suggested
    assert by_reference["2026-0902"].lead_time.reference_days == 240
    assert by_reference["2026-0903"].procedure is None
    assert by_reference["2026-0903"].lead_time.reference_days is None


def test_the_roll_up_counts_late_phases_averages_scores_and_counts_conclusions(users):
    programme, (first, second), (first_point, second_point) = _approved_with_points(users)
    _measure(first_point, 1, "15")
    _measure(second_point, 1, "30")
    # The first pilot's first phase should have started a week ago and has not.
    Phase.objects.filter(pk=first.phases.first().pk).update(
        planned_start=TODAY - datetime.timedelta(days=7)
    )
    for pilot, conclusion in ((first, "adjust"), (second, "scale_up")):
        services.pilot_evaluation_save(
            pilot_id=pilot.pk,
            user=users["officer"],
            summary="Ok.",
            conclusion=conclusion,
            motivation="Zo.",
        )
    rollup = selectors.programme_evaluation(programme=programme)
    assert [row.late_phases for row in rollup.pilots] == [1, 0]
    assert rollup.score == Decimal("75.0")
    assert rollup.conclusions == {"Adjust": 1, "Scale up": 1}
