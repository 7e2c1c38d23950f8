"""The demo tells the execution and evaluation story, and telling it twice adds nothing."""

import io

import pytest
from django.core.management import call_command

from pilots.evaluation.selectors import programme_evaluation
from pilots.execution.selectors import pilot_schedule
from pilots.models import (
    EvaluationPoint,
    Measurement,
    PilotEvaluation,
    PointChange,
    PolicyRecommendation,
    Programme,
)

pytestmark = pytest.mark.django_db


def test_the_demo_executes_evaluates_and_recommends_once():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (EvaluationPoint.objects.count(), Measurement.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (EvaluationPoint.objects.count(), Measurement.objects.count()) == counts

    programme = Programme.objects.get(title="Proeftraject circulair aankopen")
    rollup = programme_evaluation(programme=programme)
    assert rollup.evaluation.fed_back_on is not None
    assert rollup.evaluation.mat_decision
    furniture = next(r for r in rollup.pilots if r.pilot.dossier.title.startswith("Kantoor"))
    schedule = pilot_schedule(pilot=furniture.pilot)
    late = {row.phase.phase_type.code for row in schedule.late}
    assert "specifications" in late
    assert furniture.results.score.missing == ["Aandeel lokale leveranciers"]
    assert furniture.pilot.dossier.status == "closed"
    # Points were set before approval: none were changed afterwards.
    assert not PointChange.objects.filter(after_approval=True).exists()

    evaluations = PilotEvaluation.objects.filter(pilot__programme=programme)
    assert {e.conclusion for e in evaluations} == {"scale_up", "adjust"}
    assert all("specifieke evaluatiepunten" in e.success_factors for e in evaluations)
    statuses = set(PolicyRecommendation.objects.values_list("status", flat=True))
    assert statuses == {"adopted", "discussed", "proposed"}
